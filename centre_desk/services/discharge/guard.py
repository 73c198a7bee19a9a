"""Read-only after discharge, enforced for every write at once: a `before_flush` listener on the centre's session
factories refuses any new, changed or deleted row of a resident whose latest admission has ended.

A row belongs to a resident through its `resident_id`, its `admission_id`, or one step up a foreign key to a table
that has one (a care plan's actions and decisions); the resident row itself too. Allowed after discharge:
follow-up (`follow_up_*` tables), the discharge's own tables (the reopening among them), the outgoing-document
register (papers print after discharge), the audit trail and break-the-glass reads, and on her admission only
`discharged_at` (the reopening clears it). The demo generator writes history with `history_writes(s)`.

The state is read from the database before the flush, so the approval that ends the stay writes its bed, leave and
admission rows in the flush that sets `discharged_at` (or before it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.models.base import Base
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.lodging.common import local_day

ALLOWED_TABLES = frozenset({
    "discharge", "discharge_check", "belonging_return", "discharge_reopening",
    "outgoing_document", "outgoing_copy", "audit_event", "glass_break", "glass_review",
})  # fmt: skip
ALLOWED_PREFIXES = ("follow_up_",)
ADMISSION_FIELDS = frozenset({"discharged_at"})  # what may change on a discharged admission (the reopening)
_HISTORY = "centre_desk.history_writes"


class RecordClosed(UserError):
    """A write to the record of a resident who has left the centre."""


def history_writes(s: Session) -> None:
    """Let this session write rows of residents who have left (the demo generator's history); for the
    transaction only."""
    s.info[_HISTORY] = True


def attach(*factories: sessionmaker[Session]) -> None:
    for factory in factories:
        event.listen(factory, "before_flush", _before_flush)
        event.listen(factory, "after_transaction_end", _forget)


def _forget(s: Session, transaction: Any) -> None:
    if transaction.parent is None:
        s.info.pop(_HISTORY, None)


def _allowed(table: str) -> bool:
    return table in ALLOWED_TABLES or table.startswith(ALLOWED_PREFIXES)


def _parents() -> dict[str, tuple[str, Any]]:
    """Tables without a resident or admission column: the foreign key up to a table that has one (read again
    when a model module imported since adds tables)."""
    return _parents_of(len(Base.metadata.tables))


@cache
def _parents_of(tables: int) -> dict[str, tuple[str, Any]]:
    del tables
    found: dict[str, tuple[str, Any]] = {}
    for table in Base.metadata.sorted_tables:
        if {"resident_id", "admission_id"} & set(table.c.keys()) or table.name == "resident":
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table
            if "resident_id" in parent.c and fk.column.name == "id":
                found[table.name] = (fk.parent.key, parent)
                break
    return found


def _owner(obj: object, admissions: dict[int, set[object]], parents: dict[str, set[object]]) -> Any:
    """Her resident id if the row has it; else note the admission or the parent row to look up."""
    if isinstance(obj, Resident):
        return obj.id
    resident = getattr(obj, "resident_id", None)
    if resident is not None:
        return resident
    admission = getattr(obj, "admission_id", None)
    if admission is not None:
        admissions[admission].add(obj)
        return None
    table = obj.__table__.name  # type: ignore[attr-defined]
    if table in _parents():
        key, _parent = _parents()[table]
        value = getattr(obj, key, None)
        if value is not None:
            parents[table].add(value)
    return None


def _only_discharge(obj: object) -> bool:
    state = inspect(obj)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    return changed <= ADMISSION_FIELDS


def _before_flush(s: Session, _context: object, _instances: object) -> None:
    if s.info.get(_HISTORY):
        return
    residents: set[int] = set()
    admissions: dict[int, set[object]] = defaultdict(set)
    parents: dict[str, set[object]] = defaultdict(set)
    for obj in (*s.new, *s.dirty, *s.deleted):
        table = getattr(obj, "__table__", None)
        if table is None or _allowed(table.name):
            continue
        if obj in s.dirty and not s.is_modified(obj):
            continue
        if isinstance(obj, Admission) and obj not in s.new and _only_discharge(obj):
            continue
        owner = _owner(obj, admissions, parents)
        if owner is not None:
            residents.add(int(owner))
    with s.no_autoflush:
        if admissions:
            residents.update(s.scalars(select(Admission.resident_id).where(Admission.id.in_(list(admissions)))))
        for table, ids in parents.items():
            _key, parent = _parents()[table]
            residents.update(s.scalars(select(parent.c.resident_id).where(parent.c.id.in_(list(ids)))))
        closed = closed_on(s, residents)
    if closed:
        day = min(closed.values())
        raise RecordClosed(_(
            "She left the centre on {day}: her record is read-only, except for follow-up after reintegration. "
            "A manager can reopen the discharge."
        ).format(day=local_day(day).strftime("%d/%m/%Y")))  # fmt: skip


def closed_on(s: Session, resident_ids: Iterable[int]) -> dict[int, datetime]:
    """Those whose latest admission has ended: when. One query."""
    wanted = list(set(resident_ids))
    if not wanted:
        return {}
    latest = (
        select(Admission.resident_id, func.max(Admission.arrived_at).label("arrived"))
        .where(Admission.resident_id.in_(wanted))
        .group_by(Admission.resident_id)
        .subquery()
    )
    rows = s.execute(
        select(Admission.resident_id, Admission.discharged_at).join(
            latest, (latest.c.resident_id == Admission.resident_id) & (latest.c.arrived == Admission.arrived_at)
        )
    )
    return {int(rid): at for rid, at in rows if at is not None}
