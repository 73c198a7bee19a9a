"""Rooms and beds kept by a manager, bed states with their history, and the bed board now and in the past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, select

from centre_desk import i18n
from centre_desk.errors import Conflict, PermissionDenied, UserError, ValidationErrors
from centre_desk.models.lodging import BedState, KeepApartReason, Presence, PresenceChange, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.models.staff import Role
from centre_desk.services.lodging.dto import BedBoard, KeepApartInput, RoomInput
from tests.conftest import Installed
from tests.services.lodging.placement_support import Clock, admit, audited, lodging, room, staff
from tests.support.lodging_data import bulk_lodging


def test_save_room_reports_every_problem_at_once(installed: Installed) -> None:
    i18n.install("vi")
    service, manager = lodging(installed, Clock()), installed.manager
    room(service, manager, "Phòng 101")
    bad = RoomInput(" ", "", "", RoomSex.ANY, RoomAge.ANY, 0, "", ("G1", "g1", ""))
    with pytest.raises(ValidationErrors) as caught:
        service.save_room(manager, None, None, bad)
    assert [f for f, _m in caught.value.problems] == ["building", "name", "capacity", "bed_labels", "bed_labels"]
    same = RoomInput("Nhà  A", "Tầng 2", "phòng 101", RoomSex.ANY, RoomAge.ANY, 2)
    with pytest.raises(ValidationErrors) as caught:
        service.save_room(manager, None, None, same)
    assert caught.value.problems == (("name", "Nhà A đã có phòng tên phòng 101."),)


def test_edit_room_adds_beds_and_refuses_a_stale_copy(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 101")
    data = RoomInput("Nhà A", "Tầng 1", "Phòng 101", RoomSex.FEMALE, RoomAge.MOTHERS_CHILDREN, 3, "Có nôi", ("G10",))
    edited = service.save_room(manager, card.id, card.version, data)
    assert [b.label for b in edited.beds] == ["G1", "G2", "G10"] and edited.age_rule == RoomAge.MOTHERS_CHILDREN
    with pytest.raises(ValidationErrors):
        service.save_room(manager, card.id, edited.version, RoomInput("Nhà A", "", "Phòng 101", RoomSex.ANY,
                                                                      RoomAge.ANY, 3, "", ("G2",)))  # fmt: skip
    with pytest.raises(Conflict):
        service.save_room(manager, card.id, card.version, data)
    assert len(audited(installed, "lodging.room_saved")) == 2


def test_retire_room_only_when_empty(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 101")
    mai = admit(installed, "Lò Thị Mai")
    service.place(manager, mai, card.beds[0].id, "")
    with pytest.raises(UserError):
        service.retire_room(manager, card.id, card.version, "Sửa chữa")
    service.vacate(manager, mai, "Chuyển phòng")
    retired = service.retire_room(manager, card.id, card.version, "Sửa chữa mái")
    assert not retired.active and {b.state for b in retired.beds} == {BedState.OUT_OF_SERVICE}
    assert service.board(manager).rooms == ()


def test_bed_states_by_hand_with_history(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    card = room(service, manager, "Phòng 101")
    bed = card.beds[0]
    for wrong, reason, reserved_for, field in (
        (BedState.OCCUPIED, "", None, "state"),
        (BedState.RESERVED, "", None, "reserved_for"),
        (BedState.OUT_OF_SERVICE, " ", None, "reason"),
        (BedState.RESERVED, "", 999, "reserved_for"),
    ):
        with pytest.raises(ValidationErrors) as caught:
            service.set_bed_state(manager, bed.id, bed.version, wrong, reason, reserved_for)
        assert caught.value.field == field
    clock.tick()
    row = service.set_bed_state(manager, bed.id, bed.version, BedState.OUT_OF_SERVICE, "Gãy chân giường")
    assert (row.state, row.state_reason, row.state_since) == (BedState.OUT_OF_SERVICE, "Gãy chân giường", clock.now)
    with pytest.raises(Conflict):
        service.set_bed_state(manager, bed.id, bed.version, BedState.FREE, "")
    clock.tick()
    service.set_bed_state(manager, bed.id, row.version, BedState.FREE, "Đã sửa")
    history = service.bed_history(manager, bed.id)
    assert [(h.state, h.reason, h.by) for h in history] == [
        (BedState.FREE, "Đã sửa", "Nguyễn Thị Hường"),
        (BedState.OUT_OF_SERVICE, "Gãy chân giường", "Nguyễn Thị Hường"),
        (BedState.FREE, "", "Nguyễn Thị Hường"),
    ]
    assert len(audited(installed, "lodging.bed_state")) == 2
    mai = admit(installed, "Lò Thị Mai")
    service.place(manager, mai, card.beds[1].id, "")
    occupied = service.board(manager).rooms[0].beds[1]
    with pytest.raises(ValidationErrors):
        service.set_bed_state(manager, occupied.id, occupied.version, BedState.CLEANING, "")


def test_rooms_need_administer(installed: Installed) -> None:
    service = lodging(installed, Clock())
    nurse = staff(installed, Role.NURSE)
    with pytest.raises(PermissionDenied):
        room(service, nurse, "Phòng 101")
    assert [e.outcome for e in audited(installed, "administer.denied")] == ["denied"]


def test_board_now_and_at_a_past_moment(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    a = room(service, manager, "Phòng 101", capacity=1)
    b = room(service, manager, "Phòng 102", RoomSex.ANY, building="Nhà B")
    mai, ban = admit(installed, "Lò Thị Mai"), admit(installed, "Tòng Thị Ban")
    sinh = admit(installed, "Vàng A Sình", Sex.MALE, 15)
    clock.tick()
    service.place(manager, mai, a.beds[0].id, "")
    service.place(manager, sinh, b.beds[0].id, "")
    then = clock.tick()
    clock.tick()
    service.place(manager, ban, a.beds[1].id, "", override_reason="Tạm một đêm")  # over capacity for now
    service.place(manager, mai, b.beds[1].id, "")
    with installed.centre.sessions.begin() as s:
        s.add(PresenceChange(resident_id=sinh, status=Presence.HOSPITAL, at=clock.tick(), by=None))
    service.add_keep_apart(manager, KeepApartInput(mai, sinh, KeepApartReason.SAME_CASE))

    now = service.board(manager)
    assert [r.name for r in now.rooms] == ["Phòng 101", "Phòng 102"] and now.buildings == ("Nhà A", "Nhà B")
    occupants = {(r.name, b.label): b.occupant for r in now.rooms for b in r.beds}
    assert occupants[("Phòng 101", "G1")] is None
    assert {o.resident_id: o.presence for o in occupants.values() if o} == {
        ban: Presence.PRESENT,
        sinh: Presence.HOSPITAL,
        mai: Presence.PRESENT,
    }
    assert [bed.state for bed in now.rooms[0].beds] == [BedState.FREE, BedState.OCCUPIED]
    assert now.rooms[0].warnings and len(now.rooms[1].warnings) == 1  # override; keep-apart clash
    kid = next(o for o in occupants.values() if o and o.resident_id == sinh)
    assert kid.is_child and kid.keep_apart_clash
    assert now.unplaced == ()

    past = service.board(manager, at=then)
    assert past.at == then
    beds = {
        (r.name, b.label): (b.state, b.occupant.resident_id if b.occupant else None) for r in past.rooms for b in r.beds
    }
    assert beds == {
        ("Phòng 101", "G1"): (BedState.OCCUPIED, mai),
        ("Phòng 101", "G2"): (BedState.FREE, None),
        ("Phòng 102", "G1"): (BedState.OCCUPIED, sinh),
        ("Phòng 102", "G2"): (BedState.FREE, None),
    }
    assert [o.resident_id for o in past.unplaced] == [ban]
    assert all(not r.warnings for r in past.rooms)
    assert {o.presence for r in past.rooms for b in r.beds if (o := b.occupant)} == {Presence.PRESENT}

    before = service.board(manager, at=then - timedelta(minutes=5))
    assert sorted(o.resident_id for o in before.unplaced) == sorted([mai, ban, sinh])
    only_b = service.board(manager, building="Nhà B")
    assert [r.name for r in only_b.rooms] == ["Phòng 102"]
    events = audited(installed, "lodging.board_viewed")
    assert len(events) == 4 and all(e.record_id == "" for e in events)


def test_board_shows_aliases_without_identity(installed: Installed) -> None:
    service, manager = lodging(installed, Clock()), installed.manager
    card = room(service, manager, "Phòng 101")
    mai = admit(installed, "Lò Thị Mai")
    service.place(manager, mai, card.beds[0].id, "")
    nurse = staff(installed, Role.NURSE)
    with installed.centre.sessions() as s:
        from centre_desk.models.resident import Resident

        alias = s.scalar(select(Resident.alias).where(Resident.id == mai))
    shown = service.board(nurse)
    assert shown.rooms[0].beds[0].occupant is not None
    assert shown.names_shown is (shown.rooms[0].beds[0].occupant.label == "Lò Thị Mai")
    counsellor = staff(installed, Role.COUNSELLOR)
    assert service.board(counsellor).rooms[0].beds[0].occupant.label in {alias, "Lò Thị Mai"}  # type: ignore[union-attr]


def _picture(board: BedBoard) -> list[tuple[object, ...]]:
    """What a board shows, without the row versions (they move on with later edits)."""
    beds = [
        (r.name, b.label, b.state, b.state_reason, b.occupant and (b.occupant.resident_id, b.occupant.presence))
        for r in board.rooms
        for b in r.beds
    ]
    return [
        *beds,
        *((o.resident_id, o.presence) for o in board.unplaced),
        *(w for r in board.rooms for w in r.warnings),
    ]


def test_a_past_board_equals_the_board_seen_then(installed: Installed) -> None:
    clock = Clock()
    service, manager = lodging(installed, clock), installed.manager
    a, b = room(service, manager, "Phòng 101", capacity=1), room(service, manager, "Phòng 102", RoomSex.ANY)
    people = [admit(installed, n) for n in ("Lò Thị Mai", "Tòng Thị Ban", "Cầm Thị Ún")]
    man = admit(installed, "Vàng A Sình", Sex.MALE)
    seen: list[tuple[datetime, BedBoard]] = []
    steps: list[Callable[[], object]] = [
        lambda: service.place(manager, people[0], a.beds[0].id, "Mới đến"),
        lambda: service.place(manager, people[1], b.beds[0].id, ""),
        lambda: service.place(manager, man, a.beds[1].id, "", override_reason="Tạm"),
        lambda: service.swap(manager, people[0], people[1], "Đổi", override_reason="Tạm"),
        lambda: service.vacate(manager, man, "Chuyển đi"),
        lambda: service.set_bed_state(
            manager, a.beds[1].id, service.board(manager).rooms[0].beds[1].version, BedState.OUT_OF_SERVICE, "Hỏng"
        ),
        lambda: service.place(manager, people[2], b.beds[1].id, ""),
        lambda: service.vacate(manager, people[2], "Nằm viện", BedState.FREE),
    ]
    for step in steps:
        clock.tick()
        step()
        seen.append((clock.now, service.board(manager)))
        with installed.centre.sessions.begin() as s:  # a presence change between two moves
            s.add(PresenceChange(resident_id=people[1], status=Presence.ON_LEAVE, at=clock.tick(), by=None))
    clock.tick(60)
    for moment, then in seen:
        assert _picture(service.board(manager, at=moment)) == _picture(then)


def test_the_board_takes_a_fixed_number_of_queries(installed: Installed) -> None:
    bulk_lodging(installed.centre, 40, 0.5)
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(installed.centre.engine, "before_cursor_execute", listen)
    try:
        service = lodging(installed, Clock())
        board = service.board(installed.manager)
        now = len(statements)
        service.board(installed.manager, at=board.at - timedelta(days=60))
    finally:
        event.remove(installed.centre.engine, "before_cursor_execute", listen)
    assert board.beds == 40 and sum(r.occupied for r in board.rooms) > 10
    assert now <= 14 and len(statements) - now <= 14
