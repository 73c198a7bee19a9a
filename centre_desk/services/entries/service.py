"""EntryService: every action on dated entries, for every kind, each one transaction with its audit row.

Permissions come from the kind: VIEW on its field group lists and opens entries; CREATE writes a new one,
EDIT changes or strikes one out; a restricted entry needs the same action on the kind's restricted group
too (docs/permissions.md, "Sức khỏe nhạy cảm"), and without VIEW there it shows as a bare "restricted entry".
Breaking the glass opens one restricted entry once, with a written reason, audited and listed for the
manager's review (VIEW on AUDIT). Audit codes start with "entry.", "timeline." and "glass.".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.entries import GlassBreak
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.concurrency import stale_guard
from centre_desk.services.entries import glass, store, timeline
from centre_desk.services.entries.dto import (
    PAGE,
    Cursor,
    EntryInput,
    EntryPage,
    EntryRow,
    GlassBreakRow,
    Revision,
    TimelinePage,
)
from centre_desk.services.entries.fields import Choices
from centre_desk.services.entries.kinds import EntryKind, Restriction, kind, kinds
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.services.registry import age_on

GLASS_REASON_MIN = 15  # characters: a reason, not "xem"


class EntryService(Service):
    # ------------------------------------------------------------------------------------ reading

    @staticmethod
    def kinds_for(actor: Actor) -> tuple[EntryKind, ...]:
        """The kinds the actor may list (no database: the screens decide which tabs to build)."""
        return tuple(k for k in kinds() if timeline.sees(actor, Action.VIEW, k.group))

    def page(self, actor: Actor, code: str, resident_id: int, before: Cursor | None = None,
             limit: int = PAGE) -> EntryPage:  # fmt: skip
        """The resident's entries of one kind, newest first, `limit` at a time (the first page is audited)."""
        k = kind(code)
        with self._access.unit(actor, Action.VIEW, k.group, record_type="resident", record_id=resident_id) as (s, cur):
            found = store.page(s, k, resident_id, before, limit, timeline.sees(cur, Action.VIEW, k.restricted_group))
            if before is None:
                self._audit.record(s, cur, "entry.listed", record_type=k.code, record_id=resident_id,
                                   field_group=k.group)  # fmt: skip
            return found

    def get(self, actor: Actor, code: str, entry_id: int) -> EntryRow:
        """One entry (a restricted one without the right comes back `hidden`). Audited "entry.viewed"."""
        k = kind(code)
        with self._access.unit(actor, Action.VIEW, k.group, record_type=k.code, record_id=entry_id) as (s, cur):
            obj = store.load(s, k, entry_id)
            see = timeline.sees(cur, Action.VIEW, k.restricted_group)
            (row,) = store.rows(s, k, [obj], see)
            group = k.restricted_group if obj.restricted else k.group
            self._audit.record(s, cur, "entry.viewed", record_type=k.code, record_id=entry_id, field_group=group)
            return row

    def revisions(self, actor: Actor, code: str, entry_id: int) -> tuple[Revision, ...]:
        """The earlier versions of an entry, newest first (a restricted entry's only with VIEW on its group)."""
        k = kind(code)
        with self._access.unit(actor, Action.VIEW, k.group, record_type=k.code, record_id=entry_id) as (s, cur):
            obj = store.load(s, k, entry_id)
            if obj.restricted and not timeline.sees(cur, Action.VIEW, k.restricted_group):
                raise PermissionDenied(_("This entry is restricted."))
            self._audit.record(s, cur, "entry.history_viewed", record_type=k.code, record_id=entry_id,
                               field_group=k.group)  # fmt: skip
            return store.revisions(s, k, entry_id)

    def timeline(self, actor: Actor, resident_id: int, before: datetime | None = None,
                 limit: int = timeline.TIMELINE_PAGE) -> TimelinePage:  # fmt: skip
        """Everything that happened to the resident that the actor may see, newest first."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.IDENTITY, record_type="resident",
                               record_id=resident_id) as (s, cur):  # fmt: skip
            found = timeline.timeline(s, cur, resident_id, before, limit, names_allowed(cur))
            if before is None:
                self._audit.record(s, cur, "timeline.viewed", record_type="resident", record_id=resident_id,
                                   field_group=FieldGroup.IDENTITY)  # fmt: skip
            return found

    def preview(self, actor: Actor, code: str, resident_id: int, data: EntryInput) -> str:
        """The kind's live line for a form being filled (e.g. the NEWS2 score); "" when it has none or the
        values do not pass yet. Not audited: nothing stored is read but the resident's age."""
        k = kind(code)
        with self._read() as s:
            ctx = store.context(s, resident_id, local_day(data.occurred_at), k)
        try:
            values = store.checked(k, data, ctx)
        except ValidationError:
            return ""
        return k.preview(values, ctx)

    def age_on(self, actor: Actor, code: str, resident_id: int, on: date) -> int | None:
        """The resident's age in years on a day (None when unknown), for a form that offers choices by age (the
        wellbeing scales). Needs VIEW on the kind's group; not audited, like `preview`: only the age is read."""
        k = kind(code)
        if not timeline.sees(actor, Action.VIEW, k.group):
            raise PermissionDenied(_("Your account is not allowed to do this."))
        with self._read() as s:
            resident = s.get(Resident, resident_id)
            if resident is None:
                raise NotFound(_("The record no longer exists."))
            return age_on(resident.birth_date, resident.birth_year, on)

    def choices(self, actor: Actor, code: str, name: str) -> Choices:
        """A list kept in the database that the kind's own form offers (one of its `lists`, e.g. the vocational
        courses). Needs VIEW on the kind's group; not audited: no one's record is read."""
        k = kind(code)
        if name not in k.lists:
            raise NotFound(_("This list does not exist."))
        if not timeline.sees(actor, Action.VIEW, k.group):
            raise PermissionDenied(_("Your account is not allowed to do this."))
        with self._read() as s:
            return store.listed(s, name)

    # ------------------------------------------------------------------------------------ writing

    def save(self, actor: Actor, code: str, resident_id: int, entry_id: int | None, version: int | None,
             data: EntryInput) -> EntryRow:  # fmt: skip
        """Write a new entry (entry_id None) or change one; every problem at once as ValidationErrors; a stale
        version → Conflict (nothing overwritten: the replaced values are kept as a revision)."""
        k = kind(code)
        action = Action.CREATE if entry_id is None else Action.EDIT
        restricted = data.restricted or k.restriction is Restriction.ALWAYS
        with self._write(actor, k, action, restricted, entry_id or resident_id) as (s, cur):
            if entry_id is not None and store.load(s, k, entry_id).restricted:
                self._require(cur, action, k.restricted_group)
            obj = store.write(s, k, cur, resident_id, entry_id, version, data, self._clock())
            group = k.restricted_group if restricted else k.group
            if entry_id is None:
                self._audit.record(s, cur, "entry.created", record_type=k.code, record_id=obj.id, field_group=group)
            else:
                self._audit.record(s, cur, "entry.changed", record_type=k.code, record_id=obj.id, field_group=group)
            (row,) = store.rows(s, k, [obj], True)
            return row

    def save_many(self, actor: Actor, code: str, items: Sequence[tuple[int, EntryInput]]) -> tuple[EntryRow, ...]:
        """New entries of one kind for several residents in one transaction (a round of vitals): all or none.
        Every problem of every row at once as ValidationErrors, each field named "<row>.<field>" (row from 0)."""
        k = kind(code)
        restricted = any(d.restricted for _r, d in items) or k.restriction is Restriction.ALWAYS
        with self._write(actor, k, Action.CREATE, restricted, 0) as (s, cur):
            now, problems, written = self._clock(), [], []
            for number, (resident_id, data) in enumerate(items):
                try:
                    written.append(store.write(s, k, cur, resident_id, None, None, data, now))
                except ValidationErrors as exc:
                    problems += [(f"{number}.{f}", m) for f, m in exc.problems]
                except ValidationError as exc:
                    problems.append((f"{number}.{exc.field}", exc.message))
            if problems:
                raise ValidationErrors(problems)
            for obj in written:
                group = k.restricted_group if obj.restricted else k.group
                self._audit.record(s, cur, "entry.created", record_type=k.code, record_id=obj.id, field_group=group)
            return store.rows(s, k, written, True)

    def strike(self, actor: Actor, code: str, entry_id: int, version: int, reason: str) -> EntryRow:
        """Strike an entry out as entered in error, with the reason; it stays readable, struck through."""
        k = kind(code)
        with self._write(actor, k, Action.EDIT, False, entry_id) as (s, cur):
            if store.load(s, k, entry_id).restricted:
                self._require(cur, Action.EDIT, k.restricted_group)
            obj = store.strike(s, k, cur, entry_id, version, reason, self._clock())
            self._audit.record(s, cur, "entry.struck", record_type=k.code, record_id=entry_id, field_group=k.group)
            (row,) = store.rows(s, k, [obj], True)
            return row

    # ------------------------------------------------------------------------ breaking the glass

    def break_glass(self, actor: Actor, code: str, entry_id: int, reason: str) -> EntryRow:
        """Open one restricted entry the actor may not see, once, for a written reason (at least
        GLASS_REASON_MIN characters). Audited "entry.glass_broken" and listed for the manager's review."""
        k = kind(code)
        reason = reason.strip()
        if len(reason) < GLASS_REASON_MIN:
            raise ValidationError("reason", _("Write why you need to open this entry (at least {n} characters).")
                                  .format(n=GLASS_REASON_MIN))  # fmt: skip
        with self._access.unit(actor, Action.VIEW, k.group, record_type=k.code, record_id=entry_id) as (s, cur):
            obj = store.load(s, k, entry_id)
            s.add(GlassBreak(kind=k.code, entry_id=entry_id, resident_id=obj.resident_id, account_id=cur.account_id,
                             at=self._clock(), reason=reason[:1000]))  # fmt: skip
            self._audit.record(s, cur, "entry.glass_broken", record_type=k.code, record_id=entry_id,
                               field_group=k.restricted_group)  # fmt: skip
            (row,) = store.rows(s, k, [obj], True)
            return EntryRow(**{**row.__dict__, "opened_by_glass": True})

    def glass_breaks(self, actor: Actor, include_reviewed: bool = False) -> tuple[GlassBreakRow, ...]:
        """The breaks of the glass for the manager's review, newest first (VIEW on AUDIT)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.AUDIT) as (s, cur):
            self._audit.record(s, cur, "glass.review_viewed", field_group=FieldGroup.AUDIT)
            return glass.rows(s, include_reviewed)

    def review_glass_break(self, actor: Actor, break_id: int, justified: bool, note: str) -> GlassBreakRow:
        """The manager's verdict on one break of the glass (once; kept, never changed)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.AUDIT, record_type="glass_break",
                               record_id=break_id) as (s, cur):  # fmt: skip
            glass.review(s, cur, break_id, justified, note, self._clock())
            self._audit.record(s, cur, "glass.reviewed", record_type="glass_break", record_id=break_id,
                               field_group=FieldGroup.AUDIT)  # fmt: skip
            return glass.row(s, break_id)

    # ------------------------------------------------------------------------------------ wiring

    @contextmanager
    def _write(self, actor: Actor, k: EntryKind, action: Action, restricted: bool,
               record_id: int) -> Iterator[tuple[Session, Actor]]:  # fmt: skip
        also = [(action, k.restricted_group)] if restricted else []
        with self._access.unit(actor, action, k.group, record_type=k.code, record_id=record_id,
                               also=also) as (s, cur), stale_guard():  # fmt: skip
            yield s, cur

    def _require(self, actor: Actor, action: Action, group: FieldGroup) -> None:
        if not timeline.sees(actor, action, group):
            raise PermissionDenied(_("Your account is not allowed to do this."))
