"""A living centre for the census and Overview tests and screenshots: two buildings of rooms, ~40 residents in
their beds, some on leave (one overdue), one in hospital, one absent without permission, one gone today, a few
without a bed, and stays near their limit — written through the real lodging service on a clock the test moves."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from centre_desk.models.lodging import Presence
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import LeaveInput
from tests.services.lodging.support import Clock, at, lodging, resident, room, stay
from tests.support.registry_data import person_name

DAY = datetime.now(UTC).astimezone().date() - timedelta(days=20)  # "today" of the tests' clock
ROOMS = (  # building, room, beds
    ("Nhà A", "Phòng 101", 4), ("Nhà A", "Phòng 102", 4), ("Nhà A", "Phòng 103", 4), ("Nhà A", "Phòng 104", 4),
    ("Nhà B", "Phòng 201", 6), ("Nhà B", "Phòng 202", 6), ("Nhà B", "Phòng 203", 4), ("Nhà B", "Phòng 204", 4),
)  # fmt: skip


@dataclass
class Lodged:
    service: LodgingService
    clock: Clock
    day: date
    ids: list[int]  # in the order admitted
    overdue: int  # away on a pass past its expected return
    on_leave: list[int]  # away on a pass not yet due
    hospital: int
    absent: int
    gone: int  # left the centre for good on `day`
    unplaced: list[int]
    present: int  # one who is simply present, in a bed


def small_centre(centre: Centre, manager: Actor, day: date = DAY) -> Lodged:
    """Four residents: Mai (present, bed G1), Mỷ (present, bed G2), Dợ (overdue pass), Sua (no bed)."""
    clock = Clock(at(day - timedelta(days=2), 9))
    service = lodging(centre, clock)
    g1, g2, g3 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2", "G3"))
    arrived = at(day - timedelta(days=30), 9)
    mai, my, do, sua = (resident(centre, manager, n, arrived) for n in ("Lò Thị Mai", "Giàng Thị Mỷ",
                                                                      "Sùng Thị Dợ", "Vàng Thị Sua"))  # fmt: skip
    for rid, bed in ((mai, g1), (my, g2), (do, g3)):
        stay(centre, rid, bed, arrived + timedelta(hours=1))
    clock.now = at(day - timedelta(days=1), 9)
    service.grant_leave(
        manager, LeaveInput(do, "Về thăm gia đình", at(day - timedelta(days=1), 9), at(day - timedelta(days=1), 17),
                            companion="Sùng A Páo (bố)", destination="Bản Sì Thâu Chải, Phong Thổ"),
    )  # fmt: skip
    clock.now = at(day, 10)
    return Lodged(service, clock, day, [mai, my, do, sua], do, [], 0, 0, 0, [sua], mai)


def living_centre(centre: Centre, manager: Actor, day: date = DAY, count: int = 40, seed: int = 11) -> Lodged:
    rng = random.Random(seed)
    clock = Clock(at(day - timedelta(days=3), 8))
    service = lodging(centre, clock)
    beds = [bed for building, name, n in ROOMS
            for bed in room(centre, building, name, tuple(f"G{i}" for i in range(1, n + 1)))]  # fmt: skip
    # days in the centre: a few near or past the 120-day limit, the others spread out, three arrived today
    days = [125, 118, 112, 109, *(rng.randint(4, 100) for _ in range(count - 7)), 0, 0, 0]
    ids = []
    for n, stayed in enumerate(days):
        name, ethnic, sex = person_name(rng)
        arrived = at(day - timedelta(days=stayed), 8 + n % 3, 10 * (n % 6))
        age = rng.choice([13, 14, 15, 16, 16, 17, 17, 19, 21, 24, 28, 33])
        born = day.year - age
        ids.append(resident(centre, manager, name, arrived, ethnic_code=ethnic, sex=sex, birth_year=born))
    placed = ids[: min(len(beds), count - 3)]
    for rid, bed, stayed in zip(placed, beds, days, strict=False):
        stay(centre, rid, bed, at(day - timedelta(days=stayed), 11))
    unplaced = ids[len(placed) :]
    overdue, on_leave, hospital, absent, gone = placed[5], [placed[12], placed[20]], placed[9], placed[27], placed[31]
    clock.now = at(day - timedelta(days=2), 9, 30)
    service.grant_leave(manager, LeaveInput(
        overdue, "Về thăm gia đình", at(day - timedelta(days=2), 9), at(day - timedelta(days=1), 17),
        companion="Giàng A Páo (bố)", destination="Xã Tả Lèng, Lai Châu"))  # fmt: skip
    clock.now = at(day, 7, 30)
    service.grant_leave(manager, LeaveInput(
        on_leave[0], "Dự đám cưới của chị gái", at(day, 7), at(day + timedelta(days=2), 17),
        companion="Lò Thị Ban (mẹ)", destination="Xã Bum Nưa, Mường Tè"))  # fmt: skip
    service.grant_leave(manager, LeaveInput(
        on_leave[1], "Khám mắt tại bệnh viện tỉnh", at(day, 7, 15), at(day, 20, 0),
        companion="Cán bộ Trần Thị Lan", destination="Bệnh viện Đa khoa tỉnh Lai Châu"))  # fmt: skip
    service.set_presence(manager, hospital, Presence.HOSPITAL, "Bệnh viện Đa khoa tỉnh Lai Châu, theo dõi sốt")
    clock.now = at(day, 9)
    service.set_presence(manager, absent, Presence.ABSENT, "Không có mặt lúc điểm danh sáng")
    service.set_presence(manager, gone, Presence.GONE, "Về với gia đình theo quyết định")
    clock.now = at(day, 19, 30)
    present = next(r for r in placed if r not in {overdue, *on_leave, hospital, absent, gone})
    return Lodged(service, clock, day, ids, overdue, on_leave, hospital, absent, gone, unplaced, present)
