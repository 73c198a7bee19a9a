"""Group sessions on both databases: attendance only from the residents present when the session started (one on
leave and one in hospital refused), who may do what, a change with a stale copy, the list kept when someone is
taken off, striking out with a reason, the filters, and the Timeline of each resident."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from centre_desk import i18n
from centre_desk.errors import Conflict, PermissionDenied, UserError, ValidationError, ValidationErrors
from centre_desk.models.activities import ActivityAttendance, ActivityKind
from centre_desk.models.lodging import Presence
from centre_desk.models.staff import Role
from centre_desk.services.activities.dto import SessionFilter
from tests.conftest import Installed
from tests.services.activities.support import NOW, START, people, presence, residents, session

pytestmark = pytest.mark.usefixtures("english")


def test_attendance_is_taken_only_from_residents_present_that_day(installed: Installed) -> None:
    who = residents(installed)
    service = installed.centre.activities
    worker = people(installed)[Role.INTAKE]
    offered = service.choices(worker, START)
    assert [a.label for a in offered.attendable] == ["Giàng Thị Mai"]  # Pà had not arrived yet
    assert offered.away == 2 and all(a.presence == "present" for a in offered.attendable)
    with pytest.raises(ValidationErrors) as refused:
        service.create(worker, session(who["mai"], who["xuan"], who["dua"], who["pa"]))
    messages = [m for f, m in refused.value.problems if f == "attendees"]
    assert len(messages) == 3
    assert "Lò Thị Xuân" in messages[0] and "(on leave)" in messages[0]
    assert "Vàng Thị Dua" in messages[1] and "(in hospital)" in messages[1]
    assert "Sùng Thị Pà" in messages[2] and "(not in the centre)" in messages[2]
    made = service.create(worker, session(who["mai"]))
    assert [a.label for a in made.attendees] == ["Giàng Thị Mai"] and made.row.attendance == 1
    later = service.create(worker, session(who["mai"], who["xuan"], who["dua"], who["pa"],
                                           starts_at=START + timedelta(days=1, hours=7)))  # fmt: skip
    assert later.row.attendance == 4  # all four present the next afternoon


def test_the_refusal_is_in_vietnamese(installed: Installed) -> None:
    who = residents(installed)
    i18n.install("vi")
    with pytest.raises(ValidationErrors) as refused:
        installed.centre.activities.create(installed.manager, session(who["xuan"]))
    assert "Lò Thị Xuân" in refused.value.message and "không có mặt" in refused.value.message


def test_who_may_do_what(installed: Installed) -> None:
    who = residents(installed)
    staff = people(installed)
    service = installed.centre.activities
    with pytest.raises(PermissionDenied):
        service.sessions(staff[Role.ADMINISTRATOR])
    with pytest.raises(PermissionDenied):
        service.create(staff[Role.NURSE], session(who["mai"]))
    made = service.create(staff[Role.COUNSELLOR], session(who["mai"], facilitator_id=staff[Role.COUNSELLOR].account_id))
    assert made.row.facilitator == "Cán bộ counsellor; Cán bộ Hội Liên hiệp Phụ nữ tỉnh"
    assert service.sessions(staff[Role.NURSE]).total == 1  # a nurse reads
    assert service.session(staff[Role.NURSE], made.row.id).attendees[0].code.startswith("LC-")
    with pytest.raises(PermissionDenied):
        service.attendance_pdf(staff[Role.NURSE], made.row.id)
    with pytest.raises(PermissionDenied):
        service.strike(staff[Role.NURSE], made.row.id, made.row.version, "Ghi nhầm buổi")
    assert service.attended(staff[Role.NURSE], who["mai"])[0].session_id == made.row.id


def test_change_strike_and_what_is_kept(installed: Installed) -> None:
    who = residents(installed)
    service = installed.centre.activities
    worker = people(installed)[Role.INTAKE]
    later = START + timedelta(days=1, hours=7)
    made = service.create(worker, session(who["mai"], who["xuan"], starts_at=later))
    changed = service.change(worker, made.row.id, made.row.version, session(who["xuan"], starts_at=later, minutes=60))
    assert changed.row.minutes == 60 and [a.label for a in changed.attendees] == ["Lò Thị Xuân"]
    with pytest.raises(Conflict):
        service.change(worker, made.row.id, made.row.version, session(who["mai"], starts_at=later))
    both = session(who["mai"], who["xuan"], starts_at=later)
    back = service.change(worker, changed.row.id, changed.row.version, both)
    with installed.centre.sessions() as s:
        rows = list(s.scalars(select(ActivityAttendance).order_by(ActivityAttendance.id)))
    assert [(r.resident_id, r.removed_at is not None) for r in rows] == [
        (who["mai"], True), (who["xuan"], False), (who["mai"], False)
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        service.strike(worker, back.row.id, back.row.version, "no")
    struck = service.strike(worker, back.row.id, back.row.version, "Ghi nhầm ngày")
    assert struck.row.struck and struck.struck_reason == "Ghi nhầm ngày" and struck.struck_by == "Cán bộ intake"
    with pytest.raises(UserError):
        service.change(worker, struck.row.id, struck.row.version, session(who["mai"], starts_at=later))
    with pytest.raises(UserError):
        service.attendance_pdf(worker, struck.row.id)
    assert service.sessions(worker).rows[0].struck  # kept in the list, marked


def test_input_problems_all_at_once(installed: Installed) -> None:
    service = installed.centre.activities
    bad = session(kind="party", topic=" ", facilitator_name="", minutes=1, outside_count=0,
                  starts_at=NOW + timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationErrors) as refused:
        service.create(installed.manager, bad)
    assert [f for f, _m in refused.value.problems] == [
        "kind", "topic", "facilitator_id", "starts_at", "minutes", "attendees"
    ]  # fmt: skip


def test_filters_newest_first_and_pages(installed: Installed) -> None:
    who = residents(installed)
    service = installed.centre.activities
    kinds = (ActivityKind.PREVENTION, ActivityKind.LIFE_SKILLS, ActivityKind.RECREATION)
    for n in range(6):
        service.create(installed.manager, session(who["mai"], kind=kinds[n % 3], starts_at=START - timedelta(days=n)))
    everything = service.sessions(installed.manager)
    assert everything.total == 6
    assert [r.starts_at for r in everything.rows] == sorted((r.starts_at for r in everything.rows), reverse=True)
    life = service.sessions(installed.manager, SessionFilter(kind=ActivityKind.LIFE_SKILLS))
    assert life.total == 2 and {r.kind_name for r in life.rows} == {"Life skills"}
    second = service.sessions(installed.manager, SessionFilter(offset=4, limit=4))
    assert len(second.rows) == 2 and second.total == 6
    assert service.sessions(installed.manager, SessionFilter(year=START.year - 20)).total == 0


def test_the_timeline_shows_the_sessions_she_attended(installed: Installed) -> None:
    who = residents(installed)
    service = installed.centre.activities
    made = service.create(installed.manager, session(who["mai"], topic="Di cư an toàn"))
    items = installed.centre.entries.timeline(installed.manager, who["mai"]).items
    line = [i for i in items if i.source == "activities"]
    assert len(line) == 1 and line[0].at == START
    assert line[0].title == "Group session"
    assert line[0].text == "Prevention talk: Di cư an toàn (90 min), led by Cán bộ Hội Liên hiệp Phụ nữ tỉnh"
    timeline = installed.centre.entries.timeline(installed.manager, who["xuan"]).items
    assert not [i for i in timeline if i.source == "activities"]
    service.strike(installed.manager, made.row.id, made.row.version, "Ghi nhầm buổi")
    struck = [i for i in installed.centre.entries.timeline(installed.manager, who["mai"]).items
              if i.source == "activities"]  # fmt: skip
    assert struck[0].struck


def test_a_leave_written_afterwards_shows_and_must_be_taken_off(installed: Installed) -> None:
    who = residents(installed)
    service = installed.centre.activities
    made = service.create(installed.manager, session(who["mai"]))
    presence(installed, who["mai"], Presence.ON_LEAVE, START - timedelta(hours=1))  # written a day later
    offered = service.choices(installed.manager, START, made.row.id)
    assert [(a.label, a.presence) for a in offered.attendable] == [("Giàng Thị Mai", "on_leave")]
    with pytest.raises(ValidationErrors, match="on leave"):
        service.change(installed.manager, made.row.id, made.row.version, session(who["mai"]))
    changed = service.change(installed.manager, made.row.id, made.row.version, session())  # those from outside
    assert changed.attendees == () and changed.row.outside_count == 2
