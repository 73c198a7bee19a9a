"""A lived-in lodging for the record's Phòng ở tab: rooms, a first bed and a move, leave passes (one back, one
overdue), a keep-apart link; written through the lodging service on a clock set in the past."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from centre_desk.models.lodging import KeepApartReason, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import KeepApartInput, LeaveInput, RoomInput
from tests.support.registry_data import admit


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Lodged:
    first_bed: int
    bed: int  # where she sleeps now
    other_id: int  # kept apart from her
    other_name: str
    neighbour_id: int  # in the centre, no link yet
    neighbour_name: str


def clocked(centre: Centre, clock: Clock) -> LodgingService:
    return LodgingService(centre.sessions, centre.read_sessions, centre.audit, centre.access, clock=clock)


def _room(
    service: LodgingService, actor: Actor, name: str, sex: RoomSex, age: RoomAge, beds: tuple[str, ...]
) -> list[int]:
    card = service.save_room(actor, None, None, RoomInput("Nhà A", "Tầng 1", name, sex, age, len(beds), "", beds))
    return [b.id for b in card.beds]


def lodge(centre: Centre, manager: Actor, resident_id: int, arrived: datetime, *, overdue: bool = True) -> Lodged:
    """Her first bed on arrival, a move ten days later, a leave pass she came back from and (when `overdue`)
    one she is late from; another resident kept apart from her (same case) and one with no link."""
    now = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(arrived + timedelta(hours=1))
    service = clocked(centre, clock)
    girls = _room(service, manager, "Phòng 101", RoomSex.FEMALE, RoomAge.CHILDREN, ("G1", "G2", "G3"))
    quiet = _room(service, manager, "Phòng 102", RoomSex.FEMALE, RoomAge.ANY, ("G1", "G2"))
    service.place(manager, resident_id, girls[0], "Tiếp nhận, bố trí giường ban đầu")
    clock.now = arrived + timedelta(days=10, hours=5)
    service.place(manager, resident_id, quiet[1], "Cần phòng yên tĩnh sau khám sức khỏe")
    clock.now = arrived + timedelta(days=20)
    back = service.grant_leave(manager, LeaveInput(
        resident_id, "Về thăm gia đình", clock.now, clock.now + timedelta(days=2), "Sùng A Páo (bố)", "Xã Tả Lèng"
    ))  # fmt: skip
    clock.now += timedelta(days=2, hours=-3)
    service.record_return(manager, back.id, back.version)
    other = "Giàng Thị Mỷ"
    other_id = admit(centre, manager, other, arrived_at=arrived + timedelta(hours=2)).resident_id
    neighbour = "Vàng Thị Sua"
    neighbour_id = admit(
        centre, manager, neighbour, arrived_at=arrived + timedelta(hours=3), sex=Sex.FEMALE
    ).resident_id
    clock.now = arrived + timedelta(days=3)
    service.add_keep_apart(
        manager, KeepApartInput(resident_id, other_id, KeepApartReason.SAME_CASE, "Cùng bị đưa sang Vân Nam")
    )
    if overdue:
        clock.now = now - timedelta(hours=20)
        service.grant_leave(manager, LeaveInput(
            resident_id, "Khám thai tại Bệnh viện Đa khoa tỉnh", clock.now, now - timedelta(hours=2),
            "Lò Thị Hoa (điều dưỡng)", "Bệnh viện Đa khoa tỉnh Lai Châu",
        ))  # fmt: skip
    return Lodged(girls[0], quiet[1], other_id, other, neighbour_id, neighbour)
