"""The database side of dated entries: pages of a kind, one entry, writing with its revision, striking out.

Functions here take an open session and trust the caller (services/entries/service.py) to have checked the
permissions; they never write the audit row either.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.entries import DatedEntry, EntryRevision
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.entries.dto import Cursor, EntryInput, EntryPage, EntryRow, Revision
from centre_desk.services.entries.fields import Choices, FieldType, Value, check_values
from centre_desk.services.entries.kinds import Context, EntryKind, Restriction
from centre_desk.services.lodging.common import local_day, staff_names
from centre_desk.services.registry import age_on

FUTURE_SLACK = timedelta(minutes=5)  # a PC clock a little behind the server's

PregnancySource = Callable[[Session, int, date], bool]
AllergySource = Callable[[Session, int, date], tuple[str, ...]]
ListSource = Callable[[Session], Choices]  # session → (code, label) of a list kept in the database
_pregnancy: list[PregnancySource] = []
_allergies: list[AllergySource] = []
_lists: dict[str, ListSource] = {}


def set_context_sources(pregnancy: PregnancySource, allergies: AllergySource) -> None:
    """The health capability tells whether a resident is pregnant on a day (from restricted entries) and
    her known allergies; the hooks only ever see these facts, never the entries."""
    _pregnancy[:] = [pregnancy]
    _allergies[:] = [allergies]


def register_list(name: str, source: ListSource) -> None:
    """A list kept in the database that a kind's own form may offer (EntryKind.lists)."""
    _lists[name] = source


def listed(s: Session, name: str) -> Choices:
    return _lists[name](s)


def context(s: Session, resident_id: int, on: date, kind: EntryKind | None = None) -> Context:
    """What the hooks of `kind` may know about the resident on a day (its own `facts` too, when it reads any)."""
    resident = s.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("The record no longer exists."))
    pregnant = bool(_pregnancy) and _pregnancy[0](s, resident_id, on)
    allergies = _allergies[0](s, resident_id, on) if _allergies else ()
    facts = kind.facts(s, resident_id, on) if kind is not None and kind.facts is not None else {}
    return Context(age_on(resident.birth_date, resident.birth_year, on), resident.sex, pregnant, on, allergies, facts)


def values_of(kind: EntryKind, obj: DatedEntry) -> tuple[tuple[str, Value], ...]:
    return tuple((name, getattr(obj, name)) for name in kind.columns)


def to_row(kind: EntryKind, obj: DatedEntry, names: dict[int, str], see: bool, revisions: int = 0) -> EntryRow:
    hidden = obj.restricted and not see
    values = () if hidden else values_of(kind, obj)
    mapping = dict(values)
    return EntryRow(
        kind=kind.code, id=obj.id, version=obj.version, resident_id=obj.resident_id, occurred_at=obj.occurred_at,
        recorded_at=obj.recorded_at, recorded_by=names.get(obj.recorded_by or 0, ""), restricted=obj.restricted,
        hidden=hidden, struck=obj.struck_at is not None, struck_reason="" if hidden else obj.struck_reason,
        summary="" if hidden else kind.summary(mapping), values=values,
        flag=not hidden and obj.struck_at is None and kind.flag(mapping), revisions=revisions,
    )  # fmt: skip


def rows(s: Session, kind: EntryKind, objs: Sequence[DatedEntry], see: bool) -> tuple[EntryRow, ...]:
    names = staff_names(s, [o.recorded_by for o in objs])
    counts = revision_counts(s, kind, [o.id for o in objs])
    return tuple(to_row(kind, o, names, see, counts.get(o.id, 0)) for o in objs)


def revision_counts(s: Session, kind: EntryKind, ids: Iterable[int]) -> dict[int, int]:
    wanted = list(ids)
    if not wanted:
        return {}
    found = s.execute(
        select(EntryRevision.entry_id, func.count())
        .where(EntryRevision.kind == kind.code, EntryRevision.entry_id.in_(wanted))
        .group_by(EntryRevision.entry_id)
    )
    return {int(i): int(n) for i, n in found}


def newest(s: Session, kind: EntryKind, resident_id: int, before: Cursor | None, limit: int) -> list[DatedEntry]:
    """The resident's entries of `kind`, newest first, strictly older than `before` (index-only seek)."""
    model = kind.model
    query = select(model).where(model.resident_id == resident_id)
    if before is not None:
        query = query.where(tuple_(model.occurred_at, model.id) < tuple_(before.occurred_at, before.id))
    query = query.order_by(model.occurred_at.desc(), model.id.desc()).limit(limit)
    return list(s.scalars(query))


def page(s: Session, kind: EntryKind, resident_id: int, before: Cursor | None, limit: int, see: bool) -> EntryPage:
    objs = newest(s, kind, resident_id, before, limit + 1)
    more = len(objs) > limit
    objs = objs[:limit]
    total = int(
        s.scalar(select(func.count()).select_from(kind.model).where(kind.model.resident_id == resident_id)) or 0
    )
    cursor = Cursor(objs[-1].occurred_at, objs[-1].id) if more and objs else None
    return EntryPage(kind.code, rows(s, kind, objs, see), total, cursor)


def load(s: Session, kind: EntryKind, entry_id: int) -> DatedEntry:
    obj = s.get(kind.model, entry_id)
    if obj is None:
        raise NotFound(_("The entry no longer exists."))
    return obj


def _jsonable(value: Value) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_json(kind: EntryKind, name: str, raw: Any) -> Value:
    if raw is None or name not in {f.name for f in kind.fields}:
        return raw  # type: ignore[no-any-return]
    field_type = kind.field(name).type
    if field_type is FieldType.DECIMAL:
        return Decimal(raw)
    if field_type is FieldType.DATE:
        return date.fromisoformat(raw)
    return raw  # type: ignore[no-any-return]


def keep_revision(s: Session, kind: EntryKind, obj: DatedEntry, actor: Actor, now: datetime) -> None:
    """Copy the values about to be replaced (with the moment, the restricted tick and a strike-out)."""
    kept = {name: _jsonable(v) for name, v in values_of(kind, obj)}
    kept |= {"_occurred_at": obj.occurred_at.isoformat(), "_restricted": obj.restricted,
             "_struck_reason": obj.struck_reason}  # fmt: skip
    s.add(EntryRevision(kind=kind.code, entry_id=obj.id, version=obj.version, values_json=json.dumps(kept),
                        changed_at=now, changed_by=actor.account_id))  # fmt: skip


def revisions(s: Session, kind: EntryKind, entry_id: int) -> tuple[Revision, ...]:
    found = list(s.scalars(select(EntryRevision).where(EntryRevision.kind == kind.code,
                                                        EntryRevision.entry_id == entry_id)
                           .order_by(EntryRevision.version.desc())))  # fmt: skip
    names = staff_names(s, [r.changed_by for r in found])
    result = []
    for rev in found:
        raw = json.loads(rev.values_json)
        values = tuple((k, _from_json(kind, k, v)) for k, v in raw.items() if not k.startswith("_"))
        result.append(Revision(rev.version, rev.changed_at, names.get(rev.changed_by or 0, ""), values))
    return tuple(result)


def checked(kind: EntryKind, data: EntryInput, ctx: Context) -> dict[str, Value]:
    """The values to store (the input completed with the empty values, plus the derived columns), or
    ValidationErrors listing every problem."""
    given = data.as_dict()
    values = {f.name: given.get(f.name, f.empty()) for f in kind.fields}
    problems = check_values(kind.fields, values | given)  # names the kind does not have are problems too
    if not problems:
        problems = kind.check(values, ctx)
    if data.restricted and kind.restriction is Restriction.NEVER:
        problems.append(("restricted", _("Entries of this kind cannot be restricted.")))
    if problems:
        raise ValidationErrors(problems)
    return values | kind.derive(values, ctx)


def write(
    s: Session, kind: EntryKind, actor: Actor, resident_id: int, entry_id: int | None, version: int | None,
    data: EntryInput, now: datetime,
) -> DatedEntry:  # fmt: skip
    """Create or change an entry (a stale version → Conflict carrying the stored row). A change keeps the
    replaced values as a revision; a struck entry cannot be changed."""
    if data.occurred_at > now + FUTURE_SLACK:
        raise ValidationError("occurred_at", _("The moment cannot be in the future."))
    ctx = context(s, resident_id, local_day(data.occurred_at), kind)
    values = checked(kind, data, ctx)
    restricted = data.restricted or kind.restriction is Restriction.ALWAYS
    if entry_id is None:
        obj = kind.model()
        obj.resident_id, obj.recorded_at, obj.recorded_by, obj.struck_reason = resident_id, now, actor.account_id, ""
        s.add(obj)
    else:
        obj = load_for_edit(s, kind.model, entry_id, version or 0, lambda o: to_row(kind, o, {}, True))
        if obj.resident_id != resident_id:
            raise NotFound(_("The entry no longer exists."))
        if obj.struck_at is not None:
            raise ValidationError("struck", _("This entry was struck out; it cannot be changed."))
        keep_revision(s, kind, obj, actor, now)
    obj.occurred_at = data.occurred_at
    obj.restricted = restricted
    for name, value in values.items():
        setattr(obj, name, value)
    s.flush()
    return obj


def strike(s: Session, kind: EntryKind, actor: Actor, entry_id: int, version: int, reason: str,
           now: datetime) -> DatedEntry:  # fmt: skip
    """Mark an entry as entered in error (kept, shown struck through) with the reason."""
    reason = reason.strip()
    if len(reason) < 5:
        raise ValidationError("reason", _("Write why the entry is struck out (at least 5 characters)."))
    obj = load_for_edit(s, kind.model, entry_id, version, lambda o: to_row(kind, o, {}, True))
    if obj.struck_at is not None:
        raise ValidationError("struck", _("This entry was struck out already."))
    keep_revision(s, kind, obj, actor, now)
    obj.struck_at, obj.struck_by, obj.struck_reason = now, actor.account_id, reason[:500]
    s.flush()
    return obj
