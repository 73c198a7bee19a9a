"""Residents in the centre with their presence written straight into the history (the lodging service has its own
tests), the staff of each role, and a session's input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from centre_desk.models.activities import ActivityKind
from centre_desk.models.lodging import Presence, PresenceChange
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.activities.dto import SessionInput
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW - timedelta(days=2)  # the sessions of the tests start two days ago


def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR, Role.ADMINISTRATOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def presence(installed: Installed, resident_id: int, status: Presence, at: datetime) -> None:
    with installed.centre.sessions.begin() as s:
        s.add(PresenceChange(resident_id=resident_id, status=status, at=at, by=None, note=""))


def residents(installed: Installed) -> dict[str, int]:
    """Four women who arrived ten days ago: Mai present, Xuân on leave and Dua in hospital when the sessions
    start (both back since), Pà arrived after them."""
    found = {
        name: resident(installed.centre, installed.manager, full, NOW - timedelta(days=10))
        for name, full in (("mai", "Giàng Thị Mai"), ("xuan", "Lò Thị Xuân"), ("dua", "Vàng Thị Dua"))
    }
    found["pa"] = resident(installed.centre, installed.manager, "Sùng Thị Pà", START + timedelta(hours=3))
    presence(installed, found["xuan"], Presence.ON_LEAVE, START - timedelta(hours=20))
    presence(installed, found["xuan"], Presence.PRESENT, START + timedelta(days=1))
    presence(installed, found["dua"], Presence.HOSPITAL, START - timedelta(hours=2))
    presence(installed, found["dua"], Presence.PRESENT, START + timedelta(hours=30))
    return found


def session(*attendees: int, **changes: object) -> SessionInput:
    values: dict[str, object] = {
        "kind": ActivityKind.PREVENTION, "topic": "Phòng, chống mua bán người", "starts_at": START, "minutes": 90,
        "facilitator_name": "Cán bộ Hội Liên hiệp Phụ nữ tỉnh", "place": "Hội trường", "outside_count": 2,
        "attendees": attendees,
    } | changes  # fmt: skip
    return SessionInput(**values)  # type: ignore[arg-type]
