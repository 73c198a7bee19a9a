"""Rooms, residents, staff and a settable clock for the rooms and placement tests (the census tests have support.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from centre_desk.models.audit import AuditEvent
from centre_desk.models.lodging import RoomAge, RoomSex
from centre_desk.models.resident import Channel, Sex
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import AdmissionInput, ResidentInput
from centre_desk.services.dto import NewAccount
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import RoomCard, RoomInput
from tests.conftest import MANAGER_PASSWORD, Installed

START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


@dataclass
class Clock:
    now: datetime = START
    step: timedelta = field(default=timedelta(minutes=1))

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def lodging(installed: Installed, clock: Clock) -> LodgingService:
    c = installed.centre
    return LodgingService(c.sessions, c.read_sessions, c.audit, c.access, clock=clock)


def staff(installed: Installed, role: Role) -> Actor:
    login = f"user_{role}"
    installed.centre.accounts.create(
        installed.manager, NewAccount(login, f"Cán bộ {role}", MANAGER_PASSWORD, frozenset({role}))
    )
    return installed.centre.accounts.authenticate(login, MANAGER_PASSWORD)


def admission(name: str, sex: Sex = Sex.FEMALE, age: int | None = 25, **changes: object) -> AdmissionInput:
    year = None if age is None else START.year - age
    guardian = {"guardian_name": "Sùng A Páo", "guardian_relation": "bố"} if age is None or age < 18 else {}
    person = ResidentInput(
        full_name=name, sex=sex, ethnic_code="08", birth_year=year, estimated_age=None,
        home_province="Lai Châu", home_commune="Tả Lèng", **guardian,  # type: ignore[arg-type]
    )  # fmt: skip
    return AdmissionInput(
        person,
        START - timedelta(days=2),
        Channel.BORDER_GUARD,
        **changes,  # type: ignore[arg-type]
    )


def admit(installed: Installed, name: str, sex: Sex = Sex.FEMALE, age: int | None = 25) -> int:
    return installed.centre.admissions.admit(installed.manager, admission(name, sex, age)).resident_id


def room(
    service: LodgingService,
    actor: Actor,
    name: str,
    sex: RoomSex = RoomSex.FEMALE,
    age: RoomAge = RoomAge.ANY,
    capacity: int = 2,
    beds: tuple[str, ...] = ("G1", "G2"),
    building: str = "Nhà A",
) -> RoomCard:
    return service.save_room(actor, None, None, RoomInput(building, "Tầng 1", name, sex, age, capacity, "", beds))


def audited(installed: Installed, action: str) -> list[AuditEvent]:
    with installed.centre.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))
