"""A resident in a bed with belongings in safekeeping, a discharge service on the test's clock, the checklist
filled the way staff fill it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import BelongingInput
from centre_desk.services.discharge.dto import DischargeInput, DischargeState, ReturnInput
from centre_desk.services.discharge.service import DischargeService
from centre_desk.services.discharge.terms import Item
from centre_desk.services.installation import Centre
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import Clock, resident, room, stay

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = local_day(NOW)
BELONGINGS = (BelongingInput("Điện thoại di động", 1, "màn hình vỡ"), BelongingInput("Áo khoác", 2))


def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def service(centre: Centre, clock: Clock) -> DischargeService:
    return DischargeService(centre.sessions, centre.read_sessions, centre.audit, centre.access, clock=clock)


def in_bed(installed: Installed, name: str = "Giàng Thị Mai", age: int = 25, days: int = 20) -> tuple[int, int]:
    """A resident admitted `days` ago with two belongings, sleeping in a bed of her own: (resident, bed)."""
    arrived = NOW - timedelta(days=days)
    rid = resident(installed.centre, installed.manager, name, arrived, belongings=BELONGINGS,
                   birth_year=NOW.year - age)  # fmt: skip
    bed = room(installed.centre, "Nhà A", f"Phòng {rid}", ("G1", "G2"))[0]
    stay(installed.centre, rid, bed, arrived)
    return rid, bed


def request(reason: str = "family", application_on: date | None = TODAY, **changes: object) -> DischargeInput:
    data = DischargeInput(reason, TODAY + timedelta(days=3), application_on,
                          "Giàng Thị Mai" if application_on else "", "", "Gia đình đến đón")  # fmt: skip
    return DischargeInput(**(data.__dict__ | changes))  # type: ignore[arg-type]


FAMILY = {"family_name": "Giàng A Tủa", "family_relation": "bố", "family_id_number": "012345678901",
          "family_address": "Bản Tả Lèng, xã Tả Lèng, tỉnh Lai Châu", "family_phone": "0912 345 678",
          "commune_officer": "Lò Văn Minh", "commune_officer_position": "Công chức văn hóa – xã hội",
          "commune_name": "xã Tả Lèng", "commune_province": "tỉnh Lai Châu"}  # fmt: skip


def ready(svc: DischargeService, worker: Actor, rid: int) -> DischargeState:
    """A request on her with every item done (belongings handed back, the receiving party filled)."""
    st = svc.request(worker, rid, request(**FAMILY))
    d = st.current
    assert d is not None
    back = tuple(ReturnInput(b.belonging_id, b.taken) for b in d.belongings)
    st = svc.return_belongings(worker, d.id, d.version, back, 150_000)
    for item in Item:
        row = next((c for c in st.current.checks if c.item == item), None) if st.current else None
        if row is not None:
            st = svc.check_item(worker, row_id(st), item, row.version, "Đã làm")
    return st


def row_id(st: DischargeState) -> int:
    assert st.current is not None
    return st.current.id
