"""The census counts who left the centre for good on its day (gone or discharged), and who has no bed."""

from __future__ import annotations

from datetime import date, timedelta

from centre_desk.models.lodging import Presence
from tests.conftest import Installed
from tests.services.lodging.support import Clock, at, discharge, lodging, resident, room, stay

DAY = date(2026, 5, 14)


def test_the_census_counts_who_left_that_day(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY - timedelta(days=1), 10))
    service = lodging(centre, clock)
    (g1,) = room(centre, "Nhà A", "Phòng 101", ("G1",))
    before = DAY - timedelta(days=10)
    mai = resident(centre, manager, "Lò Thị Mai", at(before, 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(before, 9))
    resident(centre, manager, "Sùng Thị Dợ", at(before, 9))
    stay(centre, mai, g1, at(before, 10))
    service.set_presence(manager, my, Presence.GONE, "Về với gia đình")  # the day before: not counted on DAY
    clock.now = at(DAY, 11)
    service.set_presence(manager, mai, Presence.GONE)
    sua = resident(centre, manager, "Vàng Thị Sua", at(before, 9))
    discharge(centre, sua, at(DAY, 15))
    census = service.census(manager, DAY)  # at 11:00: the discharge at 15:00 is still to come
    assert (census.left_today, len(census.rows), census.unplaced) == (1, 2, 2)
    clock.now = at(DAY, 22)
    assert service.census(manager, DAY).left_today == 2
    assert service.census(manager, DAY - timedelta(days=1)).left_today == 1
    assert service.census(manager, DAY + timedelta(days=1) - timedelta(days=3)).left_today == 0


def test_todays_census_can_be_read_as_of_now_after_the_roll_call(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 22))
    service = lodging(centre, clock)
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=3), 9))
    service.set_presence(manager, mai, Presence.ABSENT, "Không có mặt lúc 22:00")
    assert service.census(manager, DAY).at == at(DAY, 21)  # the roll-call: before she went missing
    assert service.census(manager, DAY).rows[0].presence is Presence.PRESENT
    live = service.census(manager, DAY, live=True)
    assert live.at == at(DAY, 22) and live.rows[0].presence is Presence.ABSENT
    before = service.census(manager, DAY - timedelta(days=1), live=True)  # a past day: its roll-call still
    assert before.at == at(DAY - timedelta(days=1), 21)
