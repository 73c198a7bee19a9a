"""Where follow-up stands across residents (the Overview, the working list) and for one record, in a fixed number of
set-based queries: the discharges of the last `HORIZON` days with their case schedules (one query), the contacts
after them (one query), the centre's default (one query). A record whose person was admitted again (a later record
names it as `previous_resident_id`) is not followed any more: she is back in the centre."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from centre_desk.errors import ValidationError
from centre_desk.models.centre import AppSetting
from centre_desk.models.follow_up import FollowUpContact, FollowUpSchedule
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.follow_up import schedule as sched
from centre_desk.services.follow_up.dto import LATE, FollowUpDue
from centre_desk.services.follow_up.terms import DEFAULT_MONTHS, MAX_MONTHS, REACHED, SETTING_KEY, UNREACHED_ALERT
from centre_desk.services.lodging.common import local_day

HORIZON = (MAX_MONTHS + 12) * 31  # days after a discharge its follow-up can still be waited for


def default_months(s: Session) -> tuple[int, ...]:
    text = s.scalar(select(AppSetting.value).where(AppSetting.key == SETTING_KEY))
    if not text:
        return DEFAULT_MONTHS
    try:
        return sched.parse_months(text)
    except ValidationError:
        return DEFAULT_MONTHS


def own_schedule(row: FollowUpSchedule | None, discharged_at: datetime) -> FollowUpSchedule | None:
    """The case's row when it was set for this discharge and says something (else the default applies)."""
    if row is None or row.discharged_at != discharged_at or not (row.months or row.dates):
        return None
    return row


def due_of(discharged_on: date, row: FollowUpSchedule | None, default: Sequence[int]) -> tuple[date, ...]:
    if row is None:
        return sched.due_dates(discharged_on, default, ())
    months = tuple(int(m) for m in row.months.split())
    dates = tuple(date.fromisoformat(d) for d in row.dates.split())
    return sched.due_dates(discharged_on, months, dates)


def horizon(today: date) -> datetime:
    """The earliest discharge still followed (local midnight)."""
    return datetime.combine(today - timedelta(days=HORIZON), datetime.min.time()).astimezone()


@dataclass(frozen=True)
class _Case:
    resident_id: int
    code: str
    name: str
    discharged_at: datetime
    row: FollowUpSchedule | None


def followed(s: Session, today: date, names: bool) -> list[_Case]:
    """The records followed now: discharged within the horizon, not admitted again since."""
    query = (
        select(Admission.resident_id, Admission.discharged_at, Resident.code, Resident.full_name, Resident.alias,
               FollowUpSchedule)
        .join(Resident, Resident.id == Admission.resident_id)
        .outerjoin(FollowUpSchedule, FollowUpSchedule.admission_id == Admission.id)
        .where(Admission.discharged_at.is_not(None),
               Admission.discharged_at >= horizon(today),
               Admission.resident_id.not_in(select(Resident.previous_resident_id)
                                            .where(Resident.previous_resident_id.is_not(None))))
        .order_by(Admission.discharged_at, Admission.id)
    )  # fmt: skip
    cases = []
    for rid, at, code, full_name, alias, row in s.execute(query):
        assert at is not None  # (the query's condition)
        cases.append(_Case(int(rid), code, full_name if names else alias, at, own_schedule(row, at)))
    return cases


def contacts_after(s: Session, today: date) -> dict[int, list[tuple[date, str]]]:
    """(day, outcome) of the contacts not struck out after each recent discharge, oldest first, by resident."""
    since = horizon(today)
    query = (
        select(FollowUpContact.resident_id, FollowUpContact.occurred_at, FollowUpContact.outcome)
        .join(Admission, and_(Admission.resident_id == FollowUpContact.resident_id,
                              Admission.discharged_at.is_not(None),
                              FollowUpContact.occurred_at >= Admission.discharged_at))
        .where(FollowUpContact.struck_at.is_(None), FollowUpContact.occurred_at >= since,
               Admission.discharged_at >= since)
        .order_by(FollowUpContact.resident_id, FollowUpContact.occurred_at, FollowUpContact.id)
    )  # fmt: skip
    found: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for rid, at, outcome in s.execute(query):
        found[int(rid)].append((local_day(at), outcome))
    return found


def due_rows(s: Session, today: date, names: bool, within_days: int = sched.WEEK) -> tuple[FollowUpDue, ...]:
    """Everyone whose follow-up is late, due within `within_days`, or who could not be reached three times in a
    row: the late first (the oldest first), then the soonest due, then the alerts alone."""
    default = default_months(s)
    contacts = contacts_after(s, today)
    rows = []
    for case in followed(s, today, names):
        discharged_on = local_day(case.discharged_at)
        done = contacts.get(case.resident_id, [])
        points = sched.standing(due_of(discharged_on, case.row, default), [d for d, o in done if o == REACHED],
                                today, within_days)  # fmt: skip
        unreached = sched.unreached_in_row([o for _d, o in done])
        point = sched.waiting(points)
        if point is None and unreached < UNREACHED_ALERT:
            continue
        last = done[-1][0] if done else None
        due_on = point.due_on if point is not None else None
        days = (due_on - today).days if due_on is not None else 0
        rows.append(FollowUpDue(case.resident_id, case.code, case.name, discharged_on, due_on,
                                point is not None and point.state == LATE, days, unreached, last))  # fmt: skip
    rows.sort(key=lambda r: (r.due_on is None, r.due_on or today, r.code))
    return tuple(rows)
