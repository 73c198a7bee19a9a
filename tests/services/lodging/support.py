"""Rooms, beds and bed stays written straight into the tables (the rooms/placement service is another part),
a lodging service on a clock the test moves, and residents admitted on a given local day."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select, update

from centre_desk.models.lodging import Bed, BedState, BedStay, Room, RoomAge, RoomSex
from centre_desk.models.resident import Admission, Resident
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.common import local_moment
from tests.support.registry_data import admit


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def lodging(centre: Centre, clock: Clock) -> LodgingService:
    return LodgingService(centre.sessions, centre.read_sessions, centre.audit, centre.access, clock=clock)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at hour:minute local time, as aware UTC."""
    return local_moment(day, time(hour, minute))


def resident(centre: Centre, actor: Actor, name: str, arrived: datetime, **changes: object) -> int:
    row = admit(centre, actor, name, arrived_at=arrived, **changes)
    with centre.sessions() as s:
        found = s.scalar(select(Resident.id).where(Resident.code == row.code))
    assert found is not None
    return int(found)


def room(centre: Centre, building: str, name: str, labels: tuple[str, ...], position: int = 0) -> list[int]:
    """A room with its beds (FREE); the beds' ids."""
    with centre.sessions.begin() as s:
        r = Room(
            version=1, building=building, floor="Tầng 1", name=name, sex_rule=RoomSex.ANY, age_rule=RoomAge.ANY,
            capacity=len(labels), position=position,
        )  # fmt: skip
        s.add(r)
        s.flush()
        beds = [Bed(version=1, room_id=r.id, label=lb, state=BedState.FREE) for lb in labels]
        s.add_all(beds)
        s.flush()
        return [b.id for b in beds]


def stay(centre: Centre, resident_id: int, bed_id: int, start: datetime, end: datetime | None = None) -> None:
    with centre.sessions.begin() as s:
        s.add(BedStay(version=1, resident_id=resident_id, bed_id=bed_id, start_at=start, end_at=end))
        if end is None:
            s.execute(update(Bed).where(Bed.id == bed_id).values(state=BedState.OCCUPIED, version=Bed.version + 1))


def end_stay(centre: Centre, resident_id: int, end: datetime) -> None:
    with centre.sessions.begin() as s:
        s.execute(
            update(BedStay)
            .where(BedStay.resident_id == resident_id, BedStay.end_at.is_(None))
            .values(end_at=end, version=BedStay.version + 1)
        )


def discharge(centre: Centre, resident_id: int, when: datetime) -> None:
    with centre.sessions.begin() as s:
        s.execute(
            update(Admission)
            .where(Admission.resident_id == resident_id)
            .values(discharged_at=when, version=Admission.version + 1)
        )
