"""The follow-up schedule: the default 1, 3, 6 and 12 months after discharge and the manager's own default; a case's
own months or dates (with a reason, versioned); done / missed / late / due against a fixed clock; three contacts
that could not reach her in a row raise the alert; a reopened discharge drops the schedule; the earlier stays'
follow-ups of a readmitted person; the due list in a fixed number of queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select, update

from centre_desk.errors import Conflict, PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.resident import Admission, Resident
from centre_desk.models.staff import Role
from centre_desk.services.follow_up import due
from centre_desk.services.follow_up import schedule as sched
from centre_desk.services.follow_up.dto import DONE, DUE, LATE, MISSED, PLANNED, ScheduleInput
from centre_desk.services.follow_up.service import FollowUpService
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed
from tests.services.follow_up.support import NOW, contact, discharged
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident


def test_months_and_standing_pure() -> None:
    assert sched.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert sched.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert sched.parse_months("12, 1 6;3") == (1, 3, 6, 12)
    with pytest.raises(ValidationError):
        sched.parse_months("0 3")
    due_on = sched.due_dates(date(2026, 1, 10), (1, 3, 6, 12), ())
    assert due_on == (date(2026, 2, 10), date(2026, 4, 10), date(2026, 7, 10), date(2027, 1, 10))
    # the fixed clock: 20/07/2026; reached on 05/02 (early, counts for 10/02); nothing for April; 10/07 late
    points = sched.standing(due_on, [date(2026, 2, 5)], date(2026, 7, 20))
    assert [p.state for p in points] == [DONE, MISSED, LATE, PLANNED]
    # a contact on 25/07 counts for the July date; April stays missed
    points = sched.standing(due_on, [date(2026, 2, 5), date(2026, 7, 25)], date(2026, 7, 26))
    assert [p.state for p in points] == [DONE, MISSED, DONE, PLANNED] and points[2].done_on == date(2026, 7, 25)
    # too early for any date: nothing counts; the first is due within the week
    points = sched.standing(due_on, [date(2026, 1, 12)], date(2026, 2, 5))
    assert [p.state for p in points] == [DUE, PLANNED, PLANNED, PLANNED]
    assert sched.unreached_in_row(["reached", "unreached", "unreached", "unreached"]) == 3


def _clocked(installed: Installed, at: datetime) -> FollowUpService:
    c = installed.centre
    return FollowUpService(c.sessions, c.read_sessions, c.audit, c.access, clock=lambda: at)


def test_late_and_due_against_a_fixed_clock(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    mai = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=100))  # 1 month done, 3 months late
    contact(centre, manager, mai, NOW - timedelta(days=70))
    pa = discharged(centre, manager, "Vàng Thị Pà", NOW - timedelta(days=27))  # 1 month due within the week
    dung = discharged(centre, manager, "Lò Thị Dung", NOW - timedelta(days=5))  # nothing due yet
    found = centre.follow_up.due(staff(installed, Role.COUNSELLOR))
    assert [r.resident_id for r in found] == [mai, pa]
    late, soon = found
    assert late.late and late.days_left < 0 and late.last_contact == local_day(NOW - timedelta(days=70))
    assert late.due_on == sched.add_months(local_day(NOW - timedelta(days=100)), 3)
    assert not soon.late and 0 <= soon.days_left <= 7 and soon.name == "Vàng Thị Pà"
    # a month later (the service's clock): Dung's first contact is late too, Pà's as well
    later = _clocked(installed, NOW + timedelta(days=30))
    assert {r.resident_id for r in later.due(manager) if r.late} == {mai, pa, dung}
    # the working list's month
    assert dung in {r.resident_id for r in centre.follow_up.due(manager, within_days=31)}
    schedule = centre.follow_up.schedule(manager, mai)
    assert schedule.months == (1, 3, 6, 12) and not schedule.own
    assert [p.state for p in schedule.points] == [DONE, LATE, PLANNED, PLANNED]
    with centre.sessions() as s:
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("follow_up.%"))))
    assert actions == {"follow_up.due_viewed", "follow_up.schedule_viewed"}


def test_three_unreached_in_a_row_raise_the_alert(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=400))
    for days in (380, 300, 200):
        contact(centre, manager, rid, NOW - timedelta(days=days))
    for days in (30, 20):
        contact(centre, manager, rid, NOW - timedelta(days=days), outcome="unreached", met_whom="", mode="phone")
    assert centre.follow_up.schedule(manager, rid).unreached_in_row == 2
    assert rid not in {r.resident_id for r in centre.follow_up.due(manager) if r.alert}
    contact(centre, manager, rid, NOW - timedelta(days=10), outcome="unreached", met_whom="", mode="phone")
    schedule = centre.follow_up.schedule(manager, rid)
    assert schedule.alert and schedule.unreached_in_row == 3
    (row,) = [r for r in centre.follow_up.due(manager) if r.resident_id == rid]
    assert row.alert


def test_the_default_and_a_case_of_its_own(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=10))
    counsellor = staff(installed, Role.COUNSELLOR)
    with pytest.raises(PermissionDenied):
        centre.follow_up.set_default(counsellor, (2, 4))
    assert centre.follow_up.set_default(manager, (12, 2, 6)) == (2, 6, 12)
    assert centre.follow_up.default(counsellor) == (2, 6, 12)
    assert centre.follow_up.schedule(counsellor, rid).months == (2, 6, 12)
    with pytest.raises(ValidationError):
        centre.follow_up.set_schedule(counsellor, rid, None, ScheduleInput(months=(1, 2)))  # no reason
    own = centre.follow_up.set_schedule(counsellor, rid, None, ScheduleInput((1, 2), (), "Gia đình còn nợ"))
    assert own.own and own.months == (1, 2) and own.version == 1 and own.changed_by == "Cán bộ counsellor"
    left = local_day(NOW - timedelta(days=10))
    dates = (left + timedelta(days=20), left + timedelta(days=50))
    own = centre.follow_up.set_schedule(manager, rid, 1, ScheduleInput((), dates, "Theo lịch của xã"))
    assert own.dates == dates and [p.due_on for p in own.points] == list(dates) and own.version == 2
    with pytest.raises(Conflict):
        centre.follow_up.set_schedule(manager, rid, 1, ScheduleInput())
    back = centre.follow_up.set_schedule(manager, rid, 2, ScheduleInput())
    assert not back.own and back.months == (2, 6, 12)
    with pytest.raises(ValidationError):
        centre.follow_up.set_schedule(manager, rid, 3, ScheduleInput((), (left - timedelta(days=1),), "x"))
    here = resident(centre, manager, "Vàng Thị Pà", NOW - timedelta(days=10))
    with pytest.raises(ValidationError):
        centre.follow_up.set_schedule(manager, here, None, ScheduleInput((1,), (), "x"))
    assert centre.follow_up.schedule(manager, here).points == ()


def test_a_reopened_discharge_drops_the_schedule(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    left = NOW - timedelta(days=100)
    rid = discharged(centre, manager, "Giàng Thị Mai", left)
    centre.follow_up.set_schedule(manager, rid, None, ScheduleInput((2,), (), "Theo đề nghị của xã"))
    with centre.sessions.begin() as s:
        s.execute(update(Admission).where(Admission.resident_id == rid).values(discharged_at=None))
    assert centre.follow_up.schedule(manager, rid).points == ()
    assert rid not in {r.resident_id for r in centre.follow_up.due(manager, within_days=400)}
    with centre.sessions.begin() as s:  # approved again later: the centre's default, not the old case's months
        s.execute(update(Admission).where(Admission.resident_id == rid).values(discharged_at=NOW - timedelta(days=3)))
    again = centre.follow_up.schedule(manager, rid)
    assert not again.own and again.months == (1, 3, 6, 12)


def test_a_readmission_shows_the_earlier_stays_follow_ups(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    first = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=300))
    row = contact(centre, manager, first, NOW - timedelta(days=260), sign_abroad=True, risk="high")
    second = resident(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=20))
    with centre.sessions.begin() as s:
        s.execute(update(Resident).where(Resident.id == second).values(previous_resident_id=first))
        code = s.get(Resident, first).code  # type: ignore[union-attr]
    (stay,) = centre.follow_up.history(manager, second)
    assert (stay.resident_id, stay.code, stay.discharged_on) == (first, code, local_day(NOW - timedelta(days=300)))
    assert [c.id for c in stay.contacts] == [row.id]
    assert centre.follow_up.history(manager, first) == ()
    # she is back in the centre: the first record is no longer followed, nothing is waited for after her return
    assert len(centre.follow_up.schedule(manager, first).points) == 3  # 1, 3 and 6 months; not 12
    assert first not in {r.resident_id for r in centre.follow_up.due(manager, within_days=400)}


def test_the_due_list_in_three_queries(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    for n in range(4):
        rid = discharged(centre, manager, f"Giàng Thị Mai {n}", NOW - timedelta(days=100 + n))
        contact(centre, manager, rid, NOW - timedelta(days=60))
    statements: list[str] = []
    engine = centre.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    today = local_day(NOW)
    with centre.sessions() as s:
        event.listen(engine, "before_cursor_execute", listener)
        try:
            rows = due.due_rows(s, today, names=False)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(rows) == 4 and len([q for q in statements if q.startswith("SELECT")]) == 3
    assert all(r.name and not r.name.startswith("Giàng") for r in rows)
