"""The discharge on both databases: closure refused while the checklist is open, only a manager waives, approves
and reopens, the bed, census and stay clock change on approval and not before, one open request per stay, the
belongings handed back item by item, the Overview's decisions due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, UserError, ValidationError, ValidationErrors
from centre_desk.models.lodging import BedState, BedStay
from centre_desk.models.resident import Belonging
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.discharge.dto import ReturnInput
from centre_desk.services.discharge.terms import Item, State
from centre_desk.services.lodging.dto import LeaveInput
from tests.conftest import Installed
from tests.services.discharge.support import FAMILY, NOW, TODAY, in_bed, people, ready, request, row_id, service
from tests.services.lodging.support import Clock, lodging

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def staff(installed: Installed) -> dict[Role, Actor]:
    return people(installed)


def test_closure_refused_while_items_open_and_only_a_manager_decides(
    installed: Installed, staff: dict[Role, Actor]
) -> None:
    svc = service(installed.centre, Clock(NOW))
    rid, _bed = in_bed(installed)
    worker, manager = staff[Role.INTAKE], installed.manager
    st = svc.request(worker, rid, request())
    d = st.current
    assert d is not None and d.state == State.REQUESTED
    assert [c.item for c in d.checks] == [i for i in Item if i is not Item.CHILD_GUARDIAN]  # an adult
    assert [b.item for b in d.belongings] == ["Điện thoại di động", "Áo khoác"]
    with pytest.raises(UserError, match="Still open: Belongings and papers returned; Health summary printed"):
        svc.approve(manager, d.id, d.version)
    with pytest.raises(UserError, match="safekeeping list"):
        svc.check_item(worker, d.id, Item.BELONGINGS, d.checks[0].version)
    with pytest.raises(UserError, match="family member"):
        svc.check_item(worker, d.id, Item.RECEIVING_PARTY, d.checks[4].version)
    for role in (Role.INTAKE, Role.NURSE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            svc.waive_item(staff[role], d.id, Item.HEALTH_SUMMARY, d.checks[1].version, "Đã có bản tóm tắt cũ")
    with pytest.raises(PermissionDenied):
        svc.check_item(staff[Role.COUNSELLOR], d.id, Item.PAYMENTS, d.checks[2].version)  # reads only
    with pytest.raises(ValidationError):
        svc.waive_item(manager, d.id, Item.HEALTH_SUMMARY, d.checks[1].version, "không")  # a reason one can read
    st = svc.waive_item(manager, d.id, Item.HEALTH_SUMMARY, d.checks[1].version, "Em không có vấn đề sức khỏe")
    assert st.current is not None and st.current.checks[1].state == "waived"
    ids = [b.belonging_id for b in st.current.belongings]
    back = (ReturnInput(ids[0], 1), ReturnInput(ids[1], 1))
    with pytest.raises(ValidationErrors) as missing:
        svc.return_belongings(worker, d.id, st.current.version, back, 0)
    assert [f for f, _m in missing.value.problems] == ["returns.1.missing_note"]
    back = (back[0], ReturnInput(back[1].belonging_id, 1, "Một áo bị rách, đã hủy với sự đồng ý của em"))
    st = svc.return_belongings(worker, d.id, st.current.version, back, 200_000, "50 nhân dân tệ")
    assert st.current is not None and st.current.belongings[1].returned == 1
    st = svc.change(worker, d.id, st.current.version, request(**FAMILY))
    assert st.current is not None
    for c in st.current.checks:
        if c.state == "open":
            st = svc.check_item(staff[Role.NURSE], d.id, c.item, c.version, "Xong")
    assert st.current is not None and st.current.open_items == ()
    for role in (Role.INTAKE, Role.NURSE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            svc.approve(staff[role], d.id, st.current.version)
    done = svc.approve(manager, d.id, st.current.version, "Đồng ý cho em về với gia đình")
    assert done.current is not None and done.current.state == State.APPROVED and done.read_only
    assert done.current.leaves_at == NOW and done.discharged_at == NOW
    with installed.centre.sessions() as s:
        assert all(b.returned_at == NOW for b in s.scalars(select(Belonging)))


def test_bed_census_and_clock_change_on_approval_and_not_before(installed: Installed, staff: dict[Role, Actor]) -> None:
    clock = Clock(NOW)
    svc, rooms = service(installed.centre, clock), lodging(installed.centre, clock)
    rid, bed = in_bed(installed)
    manager = installed.manager
    rooms.grant_leave(manager, LeaveInput(rid, "Về thăm gia đình", NOW - timedelta(hours=3), NOW + timedelta(days=1)))
    st = ready(svc, staff[Role.INTAKE], rid)

    def seen() -> tuple[bool, str, str | None]:
        census = rooms.census(manager, TODAY, live=True)
        clock_now = rooms.stay_clock(manager, rid)
        assert clock_now is not None
        board_bed = next(b for r in rooms.board(manager).rooms for b in r.beds if b.id == bed)
        return any(r.resident_id == rid for r in census.rows), clock_now.level, board_bed.state

    assert seen() == (True, "ok", BedState.OCCUPIED)  # requested, every item done: nothing changed yet
    assert st.current is not None
    svc.approve(manager, row_id(st), st.current.version)
    assert seen() == (False, "ended", BedState.CLEANING)
    history = rooms.bed_history(manager, bed)
    assert history[0].state == BedState.CLEANING and history[0].reason == "Left the centre"
    with installed.centre.sessions() as s:
        assert s.scalar(select(BedStay.end_at).where(BedStay.resident_id == rid)) == NOW
    assert rooms.overdue_leaves(manager) == ()
    clock.now = NOW + timedelta(days=30)
    later = rooms.stay_clock(manager, rid)
    assert later is not None and later.days_used == 21  # stopped on the day she left


def test_one_open_request_per_stay_cancel_with_a_reason_and_history(
    installed: Installed, staff: dict[Role, Actor]
) -> None:
    svc = service(installed.centre, Clock(NOW))
    rid, _bed = in_bed(installed)
    worker = staff[Role.INTAKE]
    st = svc.request(worker, rid, request())
    with pytest.raises(UserError, match="already in progress"):
        svc.request(worker, rid, request())
    assert st.current is not None
    with pytest.raises(ValidationError):
        svc.cancel(worker, st.current.id, st.current.version, "thôi")
    st = svc.cancel(worker, st.current.id, st.current.version, "Gia đình chưa sẵn sàng đón em về")
    assert st.current is not None and st.current.state == State.CANCELLED and not st.read_only
    st = svc.request(worker, rid, request("independent", planned_on=TODAY + timedelta(days=10)))
    assert [h.what for h in st.history] == ["requested", "cancelled", "requested"]  # the newest first
    with pytest.raises(PermissionDenied):
        svc.request(staff[Role.COUNSELLOR], rid, request())


def test_every_problem_of_a_request_at_once(installed: Installed) -> None:
    svc = service(installed.centre, Clock(NOW))
    bad = request("moved", application_on=TODAY + timedelta(days=1), planned_on=None,
                  family_id_number="12345", family_phone="abc")  # fmt: skip
    with pytest.raises(ValidationErrors) as found:
        svc.check(bad)
    assert [f for f, _m in found.value.problems] == [
        "reason", "planned_on", "application_on", "family_id_number", "family_phone"
    ]  # fmt: skip
    with pytest.raises(ValidationErrors) as found:
        svc.check(request("absconded", application_on=TODAY))
    assert [f for f, _m in found.value.problems] == ["application_on"]
    fine = svc.check(request("death", application_on=None, family_id_number="0123 4567 8901"))
    assert fine.family_id_number == "012345678901" and fine.applicant_name == ""


def test_the_guardian_item_for_a_minor(installed: Installed) -> None:
    svc = service(installed.centre, Clock(NOW))
    rid, _bed = in_bed(installed, "Sùng Thị Dua", age=15)
    st = svc.request(installed.manager, rid, request())
    assert st.minor and st.current is not None and st.current.checks[-1].item == Item.CHILD_GUARDIAN


def test_decisions_due_for_the_overview(installed: Installed, staff: dict[Role, Actor]) -> None:
    svc = service(installed.centre, Clock(NOW))
    late, _b = in_bed(installed, "Lò Thị Xuân")
    soon, _c = in_bed(installed, "Vàng Thị Dợ")
    calm, _d = in_bed(installed, "Hờ Thị Ly")
    svc.request(staff[Role.INTAKE], late, request(application_on=TODAY - timedelta(days=20)))
    svc.request(staff[Role.INTAKE], soon, request(application_on=TODAY - timedelta(days=8)))
    svc.request(staff[Role.INTAKE], calm, request(application_on=TODAY))  # 7 working days away: not due yet
    found = svc.due(installed.manager)
    assert [d.resident_id for d in found] == [late, soon]
    assert found[0].working_days_left < 0 <= found[1].working_days_left <= 2
