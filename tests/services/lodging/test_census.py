"""The census (sĩ số) now and of any past day, rebuilt from the histories; presence changes."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import Installed
from tests.services.lodging.support import Clock, at, lodging, resident, room, stay

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
