"""The census (sĩ số) now and of any past day, rebuilt from the histories; presence changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from centre_desk.errors import ValidationError
from centre_desk.models.lodging import Presence
from centre_desk.models.staff import Role
from centre_desk.services.lodging.dto import Census, LeaveInput
from tests.conftest import Installed
from tests.services.lodging.support import Clock, at, discharge, end_stay, lodging, resident, room, stay
from tests.ui.record.support import staff

DAY = date(2026, 5, 14)


def test_census_tonight_lists_who_sleeps_where(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 22))
    service = lodging(centre, clock)
    _g1, g2 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2"))
    (h1,) = room(centre, "Nhà A", "Phòng 102", ("G1",), position=1)
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=10), 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(DAY - timedelta(days=5), 9))
    do = resident(centre, manager, "Sùng Thị Dợ", at(DAY - timedelta(days=2), 9))
    stay(centre, my, g2, at(DAY - timedelta(days=5), 10))
    stay(centre, mai, h1, at(DAY - timedelta(days=10), 10))
    census = service.census(manager, DAY)
    assert census.at == at(DAY, 21)
    assert [(r.resident_id, r.room_name, r.bed_label) for r in census.rows] == [
        (my, "Phòng 101", "G2"), (mai, "Phòng 102", "G1"), (do, "", ""),
    ]  # fmt: skip
    assert census.in_centre == 3
    assert census.rows[0].label == "Giàng Thị Mỷ"


def _frozen(census: Census) -> Census:
    """The census without the leave passes' versions (a pass closed later has a newer version)."""
    rows = tuple(replace(r, leave=replace(r.leave, version=0) if r.leave else None) for r in census.rows)
    return replace(census, rows=rows)


def test_a_past_census_is_rebuilt_from_the_history(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 8))
    service = lodging(centre, clock)
    g1, g2 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2"))
    (h1,) = room(centre, "Nhà B", "Phòng 201", ("G1",))
    before = DAY - timedelta(days=20)
    mai = resident(centre, manager, "Lò Thị Mai", at(before, 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(before, 10))
    do = resident(centre, manager, "Sùng Thị Dợ", at(before, 11))
    sua = resident(centre, manager, "Vàng Thị Sua", at(before, 12))
    stay(centre, mai, g1, at(before, 9, 30))
    stay(centre, my, g2, at(before, 10, 30))
    stay(centre, do, h1, at(before, 11, 30))
    # during the day: Mai goes on leave until tomorrow, Sua to hospital
    pass_ = service.grant_leave(manager, LeaveInput(mai, "Về thăm nhà", at(DAY, 9), at(DAY + timedelta(days=1), 17)))
    clock.now = at(DAY, 15)
    service.set_presence(manager, sua, Presence.HOSPITAL, "Bệnh viện tỉnh")
    clock.now = at(DAY, 23)
    tonight = service.census(manager, DAY)
    assert tonight.at == at(DAY, 21)
    assert [(r.resident_id, r.bed_label, r.presence) for r in tonight.rows] == [
        (mai, "G1", Presence.ON_LEAVE), (my, "G2", Presence.PRESENT), (do, "G1", Presence.PRESENT),
        (sua, "", Presence.HOSPITAL),
    ]  # fmt: skip
    assert tonight.rows[0].leave is not None and tonight.rows[0].leave.id == pass_.id
    assert not tonight.rows[0].leave.overdue and tonight.rows[0].leave.returned_at is None
    assert tonight.rows[3].note == "Bệnh viện tỉnh" and tonight.rows[3].since == at(DAY, 15)
    assert (tonight.count(Presence.ON_LEAVE), tonight.count(Presence.HOSPITAL), tonight.in_centre) == (1, 1, 2)

    # the days after: Mai back late, Mỷ moves to Nhà B, Dợ leaves for good, Sua discharged, a newcomer
    clock.now = at(DAY + timedelta(days=2), 10)
    service.record_return(manager, pass_.id, pass_.version, at(DAY + timedelta(days=1), 20))
    end_stay(centre, my, at(DAY + timedelta(days=1), 8))
    (k1,) = room(centre, "Nhà B", "Phòng 202", ("G1",))
    stay(centre, my, k1, at(DAY + timedelta(days=1), 8))
    service.set_presence(manager, do, Presence.GONE)
    discharge(centre, sua, at(DAY + timedelta(days=1), 9))
    new = resident(centre, manager, "Thào Thị Chớ", at(DAY + timedelta(days=1), 11))

    assert _frozen(service.census(manager, DAY)) == _frozen(tonight)
    later = service.census(manager, DAY + timedelta(days=2))
    assert later.at == clock.now  # today, before the roll-call
    assert [(r.resident_id, r.room_name, r.presence) for r in later.rows] == [
        (mai, "Phòng 101", Presence.PRESENT), (my, "Phòng 202", Presence.PRESENT), (new, "", Presence.PRESENT),
    ]  # fmt: skip
    assert later.rows[0].since == at(DAY + timedelta(days=1), 20)


def test_a_future_day_is_refused_and_today_is_taken_now(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 12))
    service = lodging(centre, clock)
    resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=1), 9))
    with pytest.raises(ValidationError) as refused:
        service.census(manager, DAY + timedelta(days=1))
    assert refused.value.field == "day"
    assert service.census(manager).at == at(DAY, 12)
    counsellor = staff(centre, manager, "tuvan", "Tòng Thị Ban", Role.COUNSELLOR)
    seen = service.census(counsellor)  # VIEW on LODGING (and on identity: every such role has it)
    assert seen.names_shown is True and seen.rows[0].label == "Lò Thị Mai"


def test_the_census_sends_the_same_few_queries_whatever_the_number_of_residents(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 12))
    service = lodging(centre, clock)
    beds = room(centre, "Nhà A", "Phòng 101", tuple(f"G{n}" for n in range(1, 13)))
    sent: list[str] = []

    def grab(conn: object, cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    def queries() -> int:
        sent.clear()
        event.listen(centre.engine, "before_cursor_execute", grab)
        try:
            service.census(manager)
        finally:
            event.remove(centre.engine, "before_cursor_execute", grab)
        return sum(1 for q in sent if q.lstrip().upper().startswith("SELECT"))

    for n in range(12):
        rid = resident(centre, manager, f"Lò Thị Mai {n}", at(DAY - timedelta(days=3), 9))
        if n < 2 or n >= 10:
            stay(centre, rid, beds[n], at(DAY - timedelta(days=3), 10))
        if n in (1, 10):
            service.grant_leave(manager, LeaveInput(rid, "Về thăm nhà", at(DAY, 9), at(DAY, 17)))
        if n == 1:
            few = queries()
    census = service.census(manager)
    assert len(census.rows) == 12 and queries() == few
    # beds in natural order (G2 before G10), the unplaced after
    assert [r.bed_label for r in census.rows][:4] == ["G1", "G2", "G11", "G12"]
    assert all(r.bed_label == "" for r in census.rows[4:])
