"""Placement: every room rule through the service, the override paths, moves, swaps, vacating, keep-apart
links and the bed chosen in the admission wizard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from centre_desk.errors import PermissionDenied, UserError, ValidationError, ValidationErrors
from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, KeepApartReason, RoomAge, RoomSex
from centre_desk.models.resident import Admission, Resident, Sex
from centre_desk.models.staff import Role
from centre_desk.services.lodging.dto import KeepApartInput
from centre_desk.services.lodging.placement import RuleBroken
from tests.conftest import Installed
from tests.services.lodging.placement_support import Clock, admission, admit, audited, lodging, room, staff


def test_first_bed_then_a_move_keeps_the_full_history(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    a, b = room(service, manager, "Phòng 101"), room(service, manager, "Phòng 102")
    mai = admit(installed, "Lò Thị Mai")
    first = service.place(manager, mai, a.beds[0].id, "Mới đến")
    assert (first.bed_label, first.room_name, first.end_at) == ("G1", "Phòng 101", None)
    assert first.started_by == "Nguyễn Thị Hường"
    moved_at = clock.tick(30)
    second = service.place(manager, mai, b.beds[1].id, "Gần phòng y tế")
    assert second.room_name == "Phòng 102" and second.start_at == moved_at
    with installed.centre.sessions() as s:
        stays = s.scalars(select(BedStay).where(BedStay.resident_id == mai).order_by(BedStay.start_at)).all()
        assert [(x.bed_id, x.end_at, x.end_reason) for x in stays] == [
            (a.beds[0].id, moved_at, "Gần phòng y tế"),
            (b.beds[1].id, None, ""),
        ]
        assert stays[0].ended_by is not None
        old_bed, new_bed = s.get(Bed, a.beds[0].id), s.get(Bed, b.beds[1].id)
        assert old_bed is not None and new_bed is not None
        assert (old_bed.state, new_bed.state) == (BedState.FREE, BedState.OCCUPIED)
    history = [(h.state, h.reason) for h in service.bed_history(manager, a.beds[0].id)]
    assert history == [(BedState.FREE, "Gần phòng y tế"), (BedState.OCCUPIED, "Mới đến"), (BedState.FREE, "")]
    assert len(audited(installed, "lodging.placed")) == 1 and len(audited(installed, "lodging.moved")) == 1
    assert audited(installed, "lodging.moved")[0].record_id == str(mai)


@pytest.mark.parametrize(
    ("sex", "age", "room_sex", "room_age", "code"),
    [
        (Sex.MALE, 30, RoomSex.FEMALE, RoomAge.ANY, "sex"),
        (Sex.OTHER, 30, RoomSex.MALE, RoomAge.ANY, "sex"),
        (Sex.FEMALE, 30, RoomSex.FEMALE, RoomAge.CHILDREN, "age"),
        (Sex.FEMALE, 15, RoomSex.FEMALE, RoomAge.ADULTS, "age"),
        (Sex.MALE, 30, RoomSex.ANY, RoomAge.MOTHERS_CHILDREN, "age"),
    ],
)
def test_room_rules_refuse_the_placement(
    installed: Installed, sex: Sex, age: int, room_sex: RoomSex, room_age: RoomAge, code: str
) -> None:
    service = lodging(installed, Clock())
    card = room(service, installed.manager, "Phòng 1", room_sex, room_age)
    person = admit(installed, "Vàng A Sình", sex, age)
    check = service.check_place(installed.manager, person, card.beds[0].id)
    assert [p.code for p in check.problems] == [code] and check.can_override
    with pytest.raises(RuleBroken) as caught:
        service.place(installed.manager, person, card.beds[0].id, "Mới đến")
    assert [p.code for p in caught.value.problems] == [code]
    assert caught.value.message.count(caught.value.problems[0].message) == 1
    assert not audited(installed, "lodging.placed")


def test_unknown_age_capacity_and_keep_apart(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 1", age=RoomAge.ADULTS, capacity=1)
    first, second = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    service.place(manager, first, card.beds[0].id, "")
    with installed.centre.sessions.begin() as s:
        s.execute(update(Resident).where(Resident.id == second).values(birth_year=None))
    service.add_keep_apart(manager, KeepApartInput(second, first, KeepApartReason.SAME_RECRUITER))
    problems = service.check_place(manager, second, card.beds[1].id).problems
    assert [(p.code, p.overridable) for p in problems] == [("age", True), ("capacity", True), ("keep_apart", True)]


def test_override_manager_with_reason_intake_refused_never_for_a_taken_bed(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    intake = staff(installed, Role.INTAKE)
    card = room(service, manager, "Phòng nữ", RoomSex.FEMALE)
    man, woman = admit(installed, "Vàng A Sình", Sex.MALE), admit(installed, "Lò Thị Mai")
    with pytest.raises(RuleBroken):
        service.place(intake, man, card.beds[0].id, "Mới đến", override_reason="Hết phòng nam")
    assert not intake_check_can_override(service, intake, man, card.beds[0].id)
    with pytest.raises(RuleBroken):
        service.place(manager, man, card.beds[0].id, "Mới đến")  # no reason: no override
    stay = service.place(manager, man, card.beds[0].id, "Mới đến", override_reason="Hết phòng nam, chờ chuyển")
    assert stay.override_reason == "Hết phòng nam, chờ chuyển"
    assert [e.record_id for e in audited(installed, "lodging.override")] == [str(man)]
    clock.tick()
    with pytest.raises(RuleBroken) as caught:  # a taken bed: not even a manager
        service.place(manager, woman, card.beds[0].id, "", override_reason="Cần gấp")
    assert [(p.code, p.overridable) for p in caught.value.problems] == [("occupied", False)]
    service.set_bed_state(manager, card.beds[1].id, card.beds[1].version, BedState.OUT_OF_SERVICE, "Gãy chân giường")
    with pytest.raises(RuleBroken) as caught:
        service.place(manager, woman, card.beds[1].id, "", override_reason="Cần gấp")
    assert [p.code for p in caught.value.problems] == ["out_of_service"]
    board = service.board(manager)
    assert any("Hết phòng nam" in w for w in board.rooms[0].warnings)


def intake_check_can_override(service, actor, resident_id: int, bed_id: int) -> bool:  # type: ignore[no-untyped-def]
    return bool(service.check_place(actor, resident_id, bed_id).can_override)


def test_reserved_bed_waits_for_her_and_cleaning_needs_an_override(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 1")
    mai, ban = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    bed = card.beds[0]
    service.set_bed_state(manager, bed.id, bed.version, BedState.RESERVED, "Chờ Mai", reserved_for=mai)
    assert [p.code for p in service.check_place(manager, ban, bed.id).problems] == ["reserved"]
    service.place(manager, mai, bed.id, "Đến")
    with installed.centre.sessions() as s:
        stored = s.get(Bed, bed.id)
        assert stored is not None and (stored.state, stored.reserved_for) == (BedState.OCCUPIED, None)
    other = card.beds[1]
    service.set_bed_state(manager, other.id, other.version, BedState.CLEANING, "")
    assert [p.code for p in service.check_place(manager, ban, other.id).problems] == ["cleaning"]
    assert service.place(manager, ban, other.id, "", override_reason="Đã lau tạm").override_reason


def test_a_discharged_resident_gets_no_bed(installed: Installed) -> None:
    service = lodging(installed, Clock())
    card = room(service, installed.manager, "Phòng 1")
    mai = admit(installed, "Lò Thị Mai")
    with installed.centre.sessions.begin() as s:
        s.execute(update(Admission).where(Admission.resident_id == mai).values(discharged_at=Clock().now))
    with pytest.raises(UserError):
        service.place(installed.manager, mai, card.beds[0].id, "")


def test_swap_checks_each_in_the_other_room_in_one_transaction(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    women, men = room(service, manager, "Phòng nữ"), room(service, manager, "Phòng nam", RoomSex.MALE)
    mai, ban = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    sinh = admit(installed, "Vàng A Sình", Sex.MALE)
    service.place(manager, mai, women.beds[0].id, "")
    service.place(manager, ban, women.beds[1].id, "")
    service.place(manager, sinh, men.beds[0].id, "")
    clock.tick()
    with pytest.raises(RuleBroken) as caught:
        service.swap(manager, mai, sinh, "Đổi")
    assert sorted(p.code for p in caught.value.problems) == ["sex", "sex"]
    with installed.centre.sessions() as s:  # nothing written
        assert s.scalar(select(BedStay.bed_id).where(BedStay.resident_id == mai, BedStay.end_at.is_(None))) == (
            women.beds[0].id
        )
    first, second = service.swap(manager, mai, ban, "Đổi chỗ cho gần cửa sổ")
    assert (first.bed_id, second.bed_id) == (women.beds[1].id, women.beds[0].id)
    assert len(audited(installed, "lodging.moved")) == 2
    with installed.centre.sessions() as s:
        assert s.scalar(select(BedStay).where(BedStay.resident_id == mai).order_by(BedStay.id)).end_at == clock.now


def test_vacate_frees_the_bed_for_cleaning(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 1")
    mai = admit(installed, "Lò Thị Mai")
    service.place(manager, mai, card.beds[0].id, "")
    service.vacate(manager, mai, "Nằm viện dài ngày")
    history = service.bed_history(manager, card.beds[0].id)
    assert (history[0].state, history[0].reason) == (BedState.CLEANING, "Nằm viện dài ngày")
    with pytest.raises(UserError):
        service.vacate(manager, mai, "lần hai")
    assert service.board(manager).unplaced[0].resident_id == mai


def test_keep_apart_links(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 1")
    mai, ban = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    service.place(manager, mai, card.beds[0].id, "")
    service.place(manager, ban, card.beds[1].id, "")
    link = service.add_keep_apart(manager, KeepApartInput(mai, ban, KeepApartReason.CONFLICT, "Cãi nhau"))
    assert link.shares_room and link.other_label == "Tòng Thị Ban" and link.ended_at is None
    with pytest.raises(ValidationError):
        service.add_keep_apart(manager, KeepApartInput(ban, mai, KeepApartReason.SAFETY))
    with pytest.raises(ValidationError):
        service.add_keep_apart(manager, KeepApartInput(mai, mai, KeepApartReason.SAFETY))
    board = service.board(manager)
    assert all(b.occupant and b.occupant.keep_apart_clash for b in board.rooms[0].beds)
    assert len(board.rooms[0].warnings) == 1
    ended = service.end_keep_apart(manager, link.id, link.version)
    assert ended.ended_at is not None and not ended.shares_room
    assert not service.board(manager).rooms[0].warnings
    assert len(audited(installed, "lodging.keep_apart")) == 2


def test_permission_refusals_are_audited(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 1")
    mai = admit(installed, "Lò Thị Mai")
    counsellor = staff(installed, Role.COUNSELLOR)
    with pytest.raises(PermissionDenied):
        service.place(counsellor, mai, card.beds[0].id, "")
    denied = audited(installed, "edit.denied")
    assert [(e.record_type, e.record_id, e.outcome) for e in denied] == [("resident", str(mai), "denied")]


def test_admission_with_a_bed(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    intake = staff(installed, Role.INTAKE)
    women = room(service, manager, "Phòng nữ")
    row = installed.centre.admissions.admit(intake, admission("Lò Thị Mai", bed_id=women.beds[0].id))
    with installed.centre.sessions() as s:
        stay = s.scalar(select(BedStay).where(BedStay.resident_id == row.resident_id))
        assert stay is not None and stay.bed_id == women.beds[0].id and stay.end_at is None
    assert [e.record_id for e in audited(installed, "lodging.placed")] == [str(row.resident_id)]
    man = admission("Vàng A Sình", Sex.MALE, bed_id=women.beds[1].id, bed_override_reason="Hết phòng")
    with pytest.raises(ValidationErrors) as caught:
        installed.centre.admissions.admit(intake, man)
    assert [f for f, _m in caught.value.problems] == ["bed_id"]
    with installed.centre.sessions() as s:  # the whole admission is refused
        assert s.scalar(select(Resident.id).where(Resident.full_name == "Vàng A Sình")) is None
    kept = installed.centre.admissions.admit(manager, man)
    assert [e.record_id for e in audited(installed, "lodging.override")] == [str(kept.resident_id)]
    with installed.centre.sessions() as s:
        changes = s.scalars(
            select(BedStateChange.state).where(BedStateChange.bed_id == women.beds[1].id).order_by(BedStateChange.id)
        ).all()
        assert changes == [BedState.FREE, BedState.OCCUPIED]


def test_stale_stay_version_is_a_conflict_free_place_elsewhere(installed: Installed) -> None:
    """Two placements into the same bed: the second finds it taken (no double booking)."""
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    card = room(service, manager, "Phòng 1")
    mai, ban = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    service.place(manager, mai, card.beds[0].id, "")
    clock.tick()
    with pytest.raises(RuleBroken):
        service.place(manager, ban, card.beds[0].id, "")
    assert clock.now - timedelta(minutes=1) < clock.now
