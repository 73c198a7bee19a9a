"""A living centre of about 40 beds built through the real services: rooms for women, girls, mothers with
children, men and boys; 40 realistic residents placed by the room rules; leave, hospital, an absence; a bed
out of service, one to clean and one reserved. For the papers' pictures and their service tests."""

from __future__ import annotations

from datetime import timedelta

from centre_desk.models.lodging import BedState, Presence, RoomAge, RoomSex
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import LeaveInput, RoomInput
from tests.support.registry_data import sample_residents

ROOMS = (
    # building, floor, name, sex, age, beds
    ("Nhà A", "Tầng 1", "Phòng 101", RoomSex.FEMALE, RoomAge.ADULTS, 4),
    ("Nhà A", "Tầng 1", "Phòng 102", RoomSex.FEMALE, RoomAge.ADULTS, 4),
    ("Nhà A", "Tầng 1", "Phòng 103", RoomSex.FEMALE, RoomAge.MOTHERS_CHILDREN, 4),
    ("Nhà A", "Tầng 2", "Phòng 201", RoomSex.FEMALE, RoomAge.CHILDREN, 6),
    ("Nhà A", "Tầng 2", "Phòng 202", RoomSex.FEMALE, RoomAge.CHILDREN, 6),
    ("Nhà A", "Tầng 2", "Phòng 203", RoomSex.FEMALE, RoomAge.ANY, 4),
    ("Nhà B", "Tầng 1", "Phòng 101", RoomSex.MALE, RoomAge.ADULTS, 4),
    ("Nhà B", "Tầng 1", "Phòng 102", RoomSex.MALE, RoomAge.CHILDREN, 4),
    ("Nhà B", "Tầng 1", "Phòng 103", RoomSex.ANY, RoomAge.ANY, 4),
)


def living_centre(centre: Centre, actor: Actor, lodging: LodgingService, residents: int = 40) -> list[int]:
    """The rooms, residents and their beds; the residents' ids."""
    cards = [
        lodging.save_room(
            actor, None, None,
            RoomInput(b, f, n, sex, age, beds, "", tuple(f"G{i + 1}" for i in range(beds))),
        )
        for b, f, n, sex, age, beds in ROOMS
    ]  # fmt: skip
    people = [row.resident_id for row in sample_residents(centre, actor, residents)]
    beds = [bed.id for card in cards for bed in card.beds]
    taken: set[int] = set()
    placed: list[int] = []
    for rid in people[:-2]:  # the last two wait for a bed
        for bed_id in beds:
            if bed_id not in taken and lodging.check_place(actor, rid, bed_id).clean:
                lodging.place(actor, rid, bed_id, "Bố trí khi tiếp nhận")
                taken.add(bed_id)
                placed.append(rid)
                break
    free = [b.id for c in lodging.board(actor).rooms for b in c.beds if b.state == BedState.FREE]
    if len(free) >= 3:
        board = {b.id: b for c in lodging.board(actor).rooms for b in c.beds}
        lodging.set_bed_state(actor, free[-1], board[free[-1]].version, BedState.OUT_OF_SERVICE, "Hỏng khung giường")
        lodging.set_bed_state(actor, free[-2], board[free[-2]].version, BedState.CLEANING, "")
        lodging.set_bed_state(
            actor, free[-3], board[free[-3]].version, BedState.RESERVED, "Chờ chuyển phòng", reserved_for=people[-1]
        )
    now = lodging.board(actor).at
    for rid in placed[2:5]:
        lodging.grant_leave(
            actor, LeaveInput(rid, "Về thăm gia đình", now - timedelta(hours=3), now + timedelta(days=2), "Mẹ đẻ")
        )
    lodging.set_presence(actor, placed[6], Presence.HOSPITAL, "Bệnh viện Đa khoa tỉnh")
    lodging.set_presence(actor, placed[9], Presence.ABSENT, "")
    return people
