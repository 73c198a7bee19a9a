"""LodgingService.check_new: the room rules for someone being admitted (the wizard's bed step), on both engines."""

from __future__ import annotations

import pytest

from centre_desk.errors import NotFound, PermissionDenied
from centre_desk.models.lodging import BedState, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.models.staff import Role
from tests.conftest import Installed
from tests.services.lodging.placement_support import Clock, admit, lodging, room, staff


def test_the_rules_for_someone_not_admitted_yet(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    girls = room(service, manager, "Phòng 201", RoomSex.FEMALE, RoomAge.CHILDREN, capacity=1, beds=("G1", "G2"))
    g1, g2 = girls.beds[0].id, girls.beds[1].id
    assert service.check_new(manager, Sex.FEMALE, 14, g1).clean
    check = service.check_new(manager, Sex.MALE, 30, g1)
    assert check.resident_id == 0 and [p.code for p in check.problems] == ["sex", "age"] and check.can_override
    service.place(manager, admit(installed, "Thào Thị Sua", age=15), g1, "Tiếp nhận")
    full = service.check_new(manager, Sex.FEMALE, 14, g2)
    assert [p.code for p in full.problems] == ["capacity"]  # she would be the second in a room for one
    other = admit(installed, "Mùa Thị Dua", age=14)
    bed = service.board(manager).rooms[0].beds[1]
    service.set_bed_state(manager, bed.id, bed.version, BedState.RESERVED, "Chờ", reserved_for=other)
    assert "reserved" in [p.code for p in service.check_new(manager, Sex.FEMALE, 14, g2).problems]
    with pytest.raises(NotFound):
        service.check_new(manager, Sex.FEMALE, 14, 9999)


def test_only_who_may_give_a_bed_with_an_admission_asks(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    women = room(service, manager, "Phòng 101", RoomSex.FEMALE, RoomAge.ADULTS)
    intake = staff(installed, Role.INTAKE)
    check = service.check_new(intake, Sex.FEMALE, 16, women.beds[0].id)
    assert [p.code for p in check.problems] == ["age"] and not check.can_override  # no exceptions for intake
    with pytest.raises(PermissionDenied):
        service.check_new(staff(installed, Role.COUNSELLOR), Sex.FEMALE, 30, women.beds[0].id)
