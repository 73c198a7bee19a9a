"""FollowUpService (`Centre.follow_up`): the schedule of one record and a case's own, the centre's default, what is
due or late across residents (the Overview, the working list), the earlier stays' follow-ups of a readmitted person.
The contacts themselves are dated entries written through services/entries (EntryService).

Permissions, field group FOLLOW_UP: VIEW to read (the nurse reads only), EDIT to change a case's schedule (the intake
officer, the counsellor, the manager), ADMINISTER to set the default (the manager). Every read that names a resident
is audited."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.centre import AppSetting
from centre_desk.models.follow_up import FollowUpContact, FollowUpSchedule
from centre_desk.models.resident import Admission, Resident
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.entries import store
from centre_desk.services.entries.kinds import kind
from centre_desk.services.follow_up import due
from centre_desk.services.follow_up import schedule as sched
from centre_desk.services.follow_up.dto import EarlierStay, FollowUpDue, Schedule, ScheduleInput
from centre_desk.services.follow_up.kinds import CODE
from centre_desk.services.follow_up.terms import REACHED, SETTING_KEY
from centre_desk.services.lodging.common import local_day, names_allowed, staff_names
from centre_desk.text import nfc

GROUP = FieldGroup.FOLLOW_UP


def _admission(s: Session, resident_id: int) -> Admission:
    found = s.scalar(select(Admission).where(Admission.resident_id == resident_id)
                     .order_by(Admission.arrived_at.desc(), Admission.id.desc()).limit(1))  # fmt: skip
    if found is None:
        raise NotFound(_("The record no longer exists."))
    return found


def read_schedule(s: Session, resident_id: int, today: date) -> Schedule:
    """Her schedule now (four queries): the admission, its case row, the contacts since the discharge, a later
    admission of the same person (none is waited for after it)."""
    admission = _admission(s, resident_id)
    default = due.default_months(s)
    if admission.discharged_at is None:
        return Schedule(resident_id, admission.id, None, default, (), False, "", "", None, None, (), 0, default)
    row = s.scalar(select(FollowUpSchedule).where(FollowUpSchedule.admission_id == admission.id))
    own = due.own_schedule(row, admission.discharged_at)
    discharged_on = local_day(admission.discharged_at)
    contacts = s.execute(select(FollowUpContact.occurred_at, FollowUpContact.outcome)
                         .where(FollowUpContact.resident_id == resident_id, FollowUpContact.struck_at.is_(None),
                                FollowUpContact.occurred_at >= admission.discharged_at)
                         .order_by(FollowUpContact.occurred_at, FollowUpContact.id)).all()  # fmt: skip
    back = s.scalar(select(Admission.arrived_at).join(Resident, Resident.id == Admission.resident_id)
                    .where(Resident.previous_resident_id == resident_id).limit(1))  # fmt: skip
    dates_due = due.due_of(discharged_on, own, default)
    if back is not None:  # admitted again: no follow-up is waited for after she came back
        dates_due = tuple(d for d in dates_due if d < local_day(back))
    points = sched.standing(dates_due,
                            [local_day(at) for at, outcome in contacts if outcome == REACHED], today)  # fmt: skip
    months = tuple(int(m) for m in own.months.split()) if own is not None else default
    dates = tuple(date.fromisoformat(d) for d in own.dates.split()) if own is not None else ()
    by = staff_names(s, [row.changed_by]).get(row.changed_by or 0, "") if row is not None else ""
    return Schedule(resident_id, admission.id, discharged_on, () if dates else months, dates, own is not None,
                    row.reason if row is not None else "", by, row.changed_at if row is not None else None,
                    row.version if row is not None else None, points,
                    sched.unreached_in_row([o for _a, o in contacts]), default)  # fmt: skip


class FollowUpService(Service):
    def schedule(self, actor: Actor, resident_id: int) -> Schedule:
        """Her contacts due after discharge with where each stands (done, missed, late, due, planned) and the
        unreached in a row. Audited "follow_up.schedule_viewed"."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            found = read_schedule(s, resident_id, local_day(self._clock()))
            self._audit.record(s, cur, "follow_up.schedule_viewed", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return found

    def set_schedule(self, actor: Actor, resident_id: int, version: int | None, data: ScheduleInput) -> Schedule:
        """Give her case its own months or dates (both empty: back to the centre's default), with the reason; only
        after her discharge. `version`: of the case's row as read (None when the default applied) — a stale one
        raises Conflict."""
        with self._access.unit(actor, Action.EDIT, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            admission = _admission(s, resident_id)
            if admission.discharged_at is None:
                raise ValidationError("months", _("Her schedule starts when she leaves the centre."))
            discharged_on = local_day(admission.discharged_at)
            months = sched.check_months(data.months) if data.months and not data.dates else ()
            dates = sched.check_dates(data.dates, discharged_on) if data.dates else ()
            reason = nfc(data.reason).strip()
            if (months or dates) and not reason:
                raise ValidationError("reason", _("Say why her schedule differs from the centre's."))
            row = s.scalar(select(FollowUpSchedule).where(FollowUpSchedule.admission_id == admission.id))
            now = self._clock()
            if row is None:
                if version is not None:
                    raise NotFound(_("The record no longer exists."))
                row = FollowUpSchedule(admission_id=admission.id, resident_id=resident_id)
                s.add(row)
            else:
                row = load_for_edit(s, FollowUpSchedule, row.id, version or 0, lambda r: r.version)
            row.discharged_at, row.months, row.dates = admission.discharged_at, sched.months_text(months), \
                " ".join(d.isoformat() for d in dates)  # fmt: skip
            row.reason, row.changed_at, row.changed_by = reason[:500], now, cur.account_id
            s.flush()
            self._audit.record(s, cur, "follow_up.schedule_set", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return read_schedule(s, resident_id, local_day(now))

    def default(self, actor: Actor) -> tuple[int, ...]:
        """The centre's default months after discharge (no one's record is read: not audited)."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, _cur):
            return due.default_months(s)

    def set_default(self, actor: Actor, months: tuple[int, ...]) -> tuple[int, ...]:
        """The manager sets the months after discharge every case follows unless it has its own (ADMINISTER)."""
        with self._access.unit(actor, Action.ADMINISTER, GROUP) as (s, cur):
            checked = sched.check_months(months)
            setting = s.get(AppSetting, SETTING_KEY)
            if setting is None:
                s.add(AppSetting(key=SETTING_KEY, value=sched.months_text(checked)))
            else:
                setting.value = sched.months_text(checked)
            self._audit.record(s, cur, "follow_up.default_set", record_type="app_setting", record_id=SETTING_KEY,
                               field_group=GROUP)  # fmt: skip
            return checked

    def due(self, actor: Actor, within_days: int = sched.WEEK) -> tuple[FollowUpDue, ...]:
        """Everyone whose follow-up is late, due within `within_days` days, or who could not be reached three
        times in a row (the Overview: a week; the working list: the month). Audited "follow_up.due_viewed"."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, cur):
            found = due.due_rows(s, local_day(self._clock()), names_allowed(cur), within_days)
            self._audit.record(s, cur, "follow_up.due_viewed", field_group=GROUP)
            return found

    def history(self, actor: Actor, resident_id: int) -> tuple[EarlierStay, ...]:
        """The earlier stays of a readmitted person (her earlier records, newest first, through
        `previous_resident_id`) with the follow-up contacts recorded on each. Audited "follow_up.history_viewed"."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            k = kind(CODE)
            stays, seen = [], {resident_id}
            current = s.get(Resident, resident_id)
            while current is not None and current.previous_resident_id and current.previous_resident_id not in seen:
                seen.add(current.previous_resident_id)
                current = s.get(Resident, current.previous_resident_id)
                if current is None:
                    break
                admission = _admission(s, current.id)
                contacts = store.newest(s, k, current.id, None, 200)
                stays.append(EarlierStay(current.id, current.code, local_day(admission.arrived_at),
                                         local_day(admission.discharged_at) if admission.discharged_at else None,
                                         store.rows(s, k, contacts, True)))  # fmt: skip
            self._audit.record(s, cur, "follow_up.history_viewed", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return tuple(stays)
