"""Occupancy figures equal a small fixture computed by hand (on SQLite and on PostgreSQL).

The period is 01/03/2026 – 10/03/2026: ten nights, each counted at its 21:00 roll-call (local time).

Beds (available bed-nights)
  Phòng 101: G1, G2 — no state history, in service all along ............. 10 + 10 = 20
  Phòng 102: G1 — no history ............................................... 10
             G2 — made 01/01, out of service 05/03 08:00, free again 08/03 10:00:
                  the roll-calls of 05, 06 and 07/03 are lost .............. 10 − 3 = 7   → room 17
  Phòng 103: G1 — made 06/03 15:00: the roll-calls of 06..10/03 ............. 5
  Phòng 104: G1 — out of service now, no history: never counted ............. 0
                                                                       total 42

Stays (bed-nights: roll-calls with start ≤ 21:00 < end)
  Mai (F)  arrived 20/02 09:00; 101-G1 20/02 10:00 → 04/03 14:00: 01, 02, 03/03 ......... 3
                                102-G1 04/03 14:00 → (open):   04..10/03 ............... 7
  Tuấn (M) arrived 03/03 22:30; 101-G2 03/03 22:45 → 07/03 08:00 (discharged then):
           the first roll-call after 22:45 is 04/03's, the last before 08:00 on 07/03 is 06/03's: 04, 05, 06 .. 3
  Dợ (F)   arrived 08/03 20:00; 103-G1 08/03 20:59 → (open), on leave from 09/03: she still holds the bed:
           08, 09, 10/03 ........................................................................ 3
  Sua (F)  arrived 01/03 21:00; 102-G2 01/03 21:00 (on the dot: counted) → 05/03 07:00 (gone then,
           not discharged): 01, 02, 03, 04/03 ....................................................... 4
  Hoa (F)  arrived 01/01 08:00; 101-G2 01/01 → 01/03 10:00 (discharged then): no night in the period ... 0
  Lan (F)  arrived 15/03: after the period (neither a night nor a length of stay)
  bed-nights: 101 = 3 + 3 = 6 (of 20: 30 %); 102 = 7 + 4 = 11 (of 17: 64.71 %); 103 = 3 (of 5: 60 %)
              total 20 of 42 = 47.62 %; women 17 (40.48 % of 42), men 3 (7.14 %)

Lengths of stay (day of arrival = day 1, to the day she left or to 10/03)
  Mai 20/02 → 10/03 (still here): 8 days of February left + 10 = 18, + 1 ..... 19
  Tuấn 03/03 → 07/03 .......................................................... 5
  Dợ 08/03 → 10/03 ............................................................ 3
  Sua 01/03 → gone 05/03 ........................................................ 5
  Hoa 01/01 → 01/03: 31 + 28 = 59, + 1 .......................................... 60
  all: [3, 5, 5, 19, 60] → average 92 / 5 = 18.4, median 5; ended in the period: Tuấn, Sua, Hoa = 3
  women: [3, 5, 19, 60] → 87 / 4 = 21.75, median (5 + 19) / 2 = 12; men: [5] → 5, 5
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.lodging import Bed, BedState, BedStateChange, Presence, PresenceChange
from centre_desk.models.resident import Sex
from centre_desk.models.staff import Role
from centre_desk.services.lodging.dto import Occupancy, OccupancyRow
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import Clock, at, discharge, end_stay, lodging, resident, room, stay

START, END = date(2026, 3, 1), date(2026, 3, 10)


def _state(installed: Installed, bed_id: int, state: BedState, when: datetime) -> None:
    with installed.centre.sessions.begin() as s:
        s.add(BedStateChange(bed_id=bed_id, state=state, at=when, reason=""))


def _fixture(installed: Installed) -> dict[str, int]:
    centre, manager = installed.centre, installed.manager
    a1, a2 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2"), position=1)
    b1, b2 = room(centre, "Nhà A", "Phòng 102", ("G1", "G2"), position=2)
    (c1,) = room(centre, "Nhà A", "Phòng 103", ("G1",), position=3)
    (d1,) = room(centre, "Nhà A", "Phòng 104", ("G1",), position=4)
    _state(installed, b2, BedState.FREE, at(date(2026, 1, 1), 7))
    _state(installed, b2, BedState.OUT_OF_SERVICE, at(date(2026, 3, 5), 8))
    _state(installed, b2, BedState.FREE, at(date(2026, 3, 8), 10))
    _state(installed, c1, BedState.FREE, at(date(2026, 3, 6), 15))
    with centre.sessions.begin() as s:
        bed = s.get(Bed, d1)
        assert bed is not None
        bed.state = BedState.OUT_OF_SERVICE

    mai = resident(centre, manager, "Lò Thị Mai", at(date(2026, 2, 20), 9))
    stay(centre, mai, a1, at(date(2026, 2, 20), 10), at(date(2026, 3, 4), 14))
    stay(centre, mai, b1, at(date(2026, 3, 4), 14))
    tuan = resident(centre, manager, "Vàng A Tuấn", at(date(2026, 3, 3), 22, 30), sex=Sex.MALE)
    stay(centre, tuan, a2, at(date(2026, 3, 3), 22, 45), at(date(2026, 3, 7), 8))
    discharge(centre, tuan, at(date(2026, 3, 7), 8))
    do = resident(centre, manager, "Sùng Thị Dợ", at(date(2026, 3, 8), 20))
    stay(centre, do, c1, at(date(2026, 3, 8), 20, 59))
    sua = resident(centre, manager, "Vàng Thị Sua", at(date(2026, 3, 1), 21))
    stay(centre, sua, b2, at(date(2026, 3, 1), 21))
    end_stay(centre, sua, at(date(2026, 3, 5), 7))
    hoa = resident(centre, manager, "Lò Thị Hoa", at(date(2026, 1, 1), 8))
    stay(centre, hoa, a2, at(date(2026, 1, 1), 8, 30), at(date(2026, 3, 1), 10))
    discharge(centre, hoa, at(date(2026, 3, 1), 10))
    lan = resident(centre, manager, "Lò Thị Lan", at(date(2026, 3, 15), 9))
    stay(centre, lan, a1, at(date(2026, 3, 15), 9, 30))
    with centre.sessions.begin() as s:
        s.add(PresenceChange(resident_id=sua, status=Presence.GONE, at=at(date(2026, 3, 5), 7), note=""))
        s.add(PresenceChange(resident_id=do, status=Presence.ON_LEAVE, at=at(date(2026, 3, 9), 8), note=""))
    return {"101": a1, "102": b1, "103": c1, "104": d1}


def _figures(installed: Installed, now: datetime, start: date = START, end: date = END) -> Occupancy:
    return lodging(installed.centre, Clock(now)).occupancy(installed.manager, start, end)


def test_occupancy_equals_the_hand_computed_fixture(installed: Installed) -> None:
    _fixture(installed)
    found = _figures(installed, at(date(2026, 3, 20), 12))
    assert (found.start, found.end, found.nights) == (START, END, 10)
    assert found.total == OccupancyRow(
        key="", beds=4.2, bed_nights=20, available_bed_nights=42, occupancy_pct=47.62, residents=4, admissions=5,
        average_stay_days=18.4, median_stay_days=5.0,
    )  # fmt: skip
    assert [(r.key, r.beds, r.bed_nights, r.available_bed_nights, r.occupancy_pct, r.residents)
            for r in found.by_room] == [
        ("Nhà A · Phòng 101", 2.0, 6, 20, 30.0, 2),
        ("Nhà A · Phòng 102", 1.7, 11, 17, 64.71, 2),
        ("Nhà A · Phòng 103", 0.5, 3, 5, 60.0, 1),
    ]  # fmt: skip
    assert all(r.admissions == 0 and r.average_stay_days is None for r in found.by_room)
    assert [(r.key, r.bed_nights, r.available_bed_nights, r.occupancy_pct, r.admissions, r.average_stay_days,
             r.median_stay_days) for r in found.by_sex] == [
        ("female", 17, 42, 40.48, 4, 21.75, 12.0),
        ("male", 3, 42, 7.14, 1, 5.0, 5.0),
    ]  # fmt: skip
    assert (found.stays_ended, found.admissions, found.average_stay_days, found.median_stay_days) == (3, 5, 18.4, 5.0)
    with installed.centre.sessions() as s:
        last = s.scalar(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(1))
    assert last == "lodging.occupancy_viewed"


def test_nights_still_to_come_are_not_counted(installed: Installed) -> None:
    """Asked on 10/03 at 20:00, before that night's roll-call: nine nights, and lengths of stay to 09/03.

    Nights 01..09/03: available 101 = 18, 102 = 9 + (9 − 3) = 15, 103 = 06..09 = 4 → 37; bed-nights Mai 3 + 6,
    Tuấn 3, Dợ 08, 09 = 2, Sua 4 → 18. Lengths: Mai 20/02 → 09/03 = 18, Tuấn 5, Dợ 2, Sua 5, Hoa 60.
    """
    _fixture(installed)
    found = _figures(installed, at(END, 20))
    assert found.nights == 9
    assert (found.total.bed_nights, found.total.available_bed_nights) == (18, 37)
    assert (found.admissions, found.average_stay_days, found.median_stay_days) == (5, 18.0, 5.0)


def test_a_single_night_and_an_empty_one(installed: Installed) -> None:
    """04/03 alone: Mai moved at 14:00, so her night is in 102-G1; Tuấn in 101-G2; Sua in 102-G2 → 3 of 5
    beds (Phòng 103 not made yet). 11/03 asked at 21:00 sharp: the roll-call has come (Mai, Dợ → 2)."""
    _fixture(installed)
    one = _figures(installed, at(date(2026, 3, 20), 12), date(2026, 3, 4), date(2026, 3, 4))
    assert [(r.key, r.bed_nights, r.available_bed_nights) for r in one.by_room] == [
        ("Nhà A · Phòng 101", 1, 2), ("Nhà A · Phòng 102", 2, 2),
    ]  # fmt: skip
    assert (one.total.bed_nights, one.total.available_bed_nights, one.total.occupancy_pct) == (3, 4, 75.0)
    eleventh = date(2026, 3, 11)
    tonight = _figures(installed, at(eleventh, 21), eleventh, eleventh)
    assert (tonight.nights, tonight.total.bed_nights) == (1, 2)


def test_periods_refused_and_permission(installed: Installed) -> None:
    service = lodging(installed.centre, Clock(at(date(2026, 3, 20), 12)))
    with pytest.raises(ValidationError) as backwards:
        service.occupancy(installed.manager, END, START)
    assert backwards.value.field == "end"
    with pytest.raises(ValidationError) as future:
        service.occupancy(installed.manager, date(2026, 3, 21), date(2026, 3, 30))
    assert future.value.field == "start"
    empty = service.occupancy(installed.manager, START, END)
    assert (empty.total.bed_nights, empty.total.occupancy_pct, empty.average_stay_days, empty.by_room) == (
        0, None, None, (),
    )  # fmt: skip
    assert service.occupancy(staff(installed, Role.COUNSELLOR), START, END).nights == 10  # VIEW is enough
    with pytest.raises(PermissionDenied):
        service.occupancy(staff(installed, Role.ADMINISTRATOR), START, END)  # no lodging at all


def test_a_long_history_is_counted_in_a_handful_of_queries(installed: Installed) -> None:
    from sqlalchemy import event

    _fixture(installed)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(installed.centre.engine, "before_cursor_execute", listener)
    try:
        _figures(installed, at(date(2026, 3, 20), 12), date(2016, 3, 1), END)
    finally:
        event.remove(installed.centre.engine, "before_cursor_execute", listener)
    selects = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 8, selects  # the access check, rooms, beds, out-of-service spans, stays, admissions
