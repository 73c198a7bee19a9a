"""Moves on the bed board through the real service: drag and drop, the keyboard alone, a swap after confirming, a
broken room rule and a manager's exception, a first bed for someone without one, a bed's state and history."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication

from centre_desk.models.lodging import BedState
from centre_desk.models.staff import Role
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.bed_state import BedHistoryDialog, BedStateDialog
from centre_desk.ui.lodging.board import BoardView
from centre_desk.ui.lodging.board_tiles import BedTile, read_mime, resident_mime
from centre_desk.ui.lodging.move_dialog import MoveDialog, SwapDialog
from tests.conftest import Installed
from tests.ui.admissions.keys import press, type_text
from tests.ui.lodging.board_support import (
    LodgingCentre,
    bed_of,
    drop_on,
    open_board,
    refuse_message_boxes,
    reloaded,
)
from tests.ui.record.support import staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_message_boxes(monkeypatch)


def tile(view: BoardView, bed_id: int) -> BedTile:
    found = view.tile_of(bed_id)
    assert found is not None
    return found


def open_dialog(qtbot: QtBot, view: BoardView) -> object:
    qtbot.waitUntil(lambda: view.tile_actions.dialog is not None and view.tile_actions.dialog.isVisible())
    return view.tile_actions.dialog


def test_drag_a_resident_onto_a_free_bed_moves_her(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = AppEvents()
    heard: list[str] = []
    events.data_changed.connect(heard.append)
    view = open_board(qtbot, installed.centre, installed.manager, events)
    hoa_ban = made.residents["Hoa Ban"]
    source, target = tile(view, made.bed(0, "G1")), tile(view, made.bed(0, "G4"))
    dragged: list[QDrag] = []

    def exec_drag(drag: QDrag, *_args: object) -> Qt.DropAction:  # the platform's drag loop: drop on the target
        dragged.append(drag)
        assert drop_on(target, drag.mimeData())
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", exec_drag)
    corner = source.area.topLeft()
    qtbot.mousePress(source.card, Qt.MouseButton.LeftButton, pos=corner + QPoint(20, 20))
    qtbot.mouseMove(source.card, corner + QPoint(20 + 3 * QApplication.startDragDistance(), 30))
    assert len(dragged) == 1 and read_mime(dragged[0].mimeData()) == (hoa_ban, source.bed.id)
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, MoveDialog)
    assert dialog.choice.bed_id() == target.bed.id  # the bed she was dropped on
    assert dialog.choice.problems.text() == "Giường này phù hợp với mọi quy định của phòng."
    before = view.board
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.errors.message("reason") == "Ghi lý do."  # a move needs its reason
    dialog.reason_edit.setText("Gần cửa sổ, dễ ngủ hơn")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert bed_of(installed, hoa_ban) == target.bed.id  # the service moved her
    stays = installed.centre.lodging.resident_lodging(installed.manager, hoa_ban).stays
    assert [s.reason for s in stays][:1] == ["Gần cửa sổ, dễ ngủ hơn"] and stays[1].end_at is not None
    reloaded(qtbot, view, before)
    moved = tile(view, made.bed(0, "G4"))
    assert moved.occupant is not None and moved.occupant.resident_id == hoa_ban
    assert tile(view, made.bed(0, "G1")).bed.state == BedState.FREE
    assert heard == ["lodging"] and "Sùng Thị Mỷ" in view.status_label.text()


def test_a_drop_from_elsewhere_or_on_her_own_bed_is_refused(
    qtbot: QtBot, installed: Installed, made: LodgingCentre
) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    own = tile(view, made.bed(0, "G1"))
    assert own.occupant is not None
    assert not drop_on(own, resident_mime(own.occupant.resident_id, own.bed.id))  # onto her own bed
    mime = resident_mime(own.occupant.resident_id, own.bed.id)
    mime.setData("text/plain", b"x")
    other = tile(view, made.bed(0, "G4"))
    foreign = resident_mime(1, None)
    foreign.removeFormat("application/x-centre-desk-resident")
    assert not drop_on(other, foreign)
    assert view.tile_actions.dialog is None


def test_move_by_keyboard_alone(qtbot: QtBot, installed: Installed, made: LodgingCentre) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    view.activateWindow()
    qtbot.waitActive(view)
    start = tile(view, made.bed(0, "G1"))
    start.setFocus()
    press(qtbot, Qt.Key.Key_Right)  # the arrows walk the tiles
    assert tile(view, made.bed(0, "G2")).hasFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert tile(view, made.bed(0, "G4")).hasFocus()
    press(qtbot, Qt.Key.Key_Right)  # on to the next room
    assert tile(view, made.bed(1, "G1")).hasFocus()
    assert view.focusWidget().accessibleName() == "Giường G1, Phòng 102, Có người ở, Vàng Thị Chớ"
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Up)
    assert tile(view, made.bed(0, "G1")).hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, MoveDialog)
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.choice.tree)  # the cursor is in the list of beds
    press(qtbot, Qt.Key.Key_Down)  # the first bed offered: Phòng 101, G4 (free)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.choice.bed_id() == made.bed(0, "G4"), dialog.choice.tree.currentItem().text(0)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reason_edit
    type_text(qtbot, "Đổi chỗ theo đề nghị của đối tượng")
    before = view.board
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert bed_of(installed, made.residents["Hoa Ban"]) == made.bed(0, "G4")
    reloaded(qtbot, view, before)
    left = tile(view, made.bed(0, "G1"))
    assert view.focusWidget() is left.card and left.card.current is left  # the focus stays on the bed she left


def test_drop_on_an_occupied_bed_swaps_after_confirming(
    qtbot: QtBot, installed: Installed, made: LodgingCentre
) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    hoa_ban, son_ca = made.residents["Hoa Ban"], made.residents["Sơn Ca"]
    mine, theirs = tile(view, made.bed(0, "G1")), tile(view, made.bed(1, "G1"))
    assert drop_on(theirs, resident_mime(hoa_ban, mine.bed.id))
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, SwapDialog)
    question = dialog.findChild(type(dialog.general_error), "question")
    assert question is not None and "Sùng Thị Mỷ" in question.text() and "Vàng Thị Chớ" in question.text()
    dialog.reject()  # not confirmed: nothing changes
    assert bed_of(installed, hoa_ban) == mine.bed.id and bed_of(installed, son_ca) == theirs.bed.id
    assert drop_on(theirs, resident_mime(hoa_ban, mine.bed.id))
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, SwapDialog)
    dialog.reason_edit.setText("Hai người xin đổi chỗ cho nhau")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert bed_of(installed, hoa_ban) == theirs.bed.id and bed_of(installed, son_ca) == mine.bed.id


def test_a_broken_rule_lists_every_problem_and_a_manager_may_override(
    qtbot: QtBot, installed: Installed, made: LodgingCentre
) -> None:
    centre = installed.centre
    intake = staff(centre, installed.manager, "tiepnhan", "Lò Thị Mai", Role.INTAKE)  # moves, no exceptions
    view = open_board(qtbot, centre, intake)
    hoa_ban = made.residents["Hoa Ban"]  # a woman of 24
    view.tile_actions.move(tile(view, made.bed(0, "G1")))
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, MoveDialog)
    children = made.bed(3, "G4")  # Phòng 201: girls under 18
    assert dialog.choice.select_bed(children)
    assert dialog.choice.problems.text().splitlines() == [
        "Giường này không phù hợp quy định của phòng:",
        "• Phòng chỉ dành cho người dưới 18 tuổi.",
        "Chỉ lãnh đạo Trung tâm mới được cho phép ngoại lệ với các quy định này.",
    ]
    assert dialog.override_box.isHidden()
    dialog.reason_edit.setText("Thử")
    dialog.ok_button.click()
    assert dialog.isVisible() and "Không dùng được giường này" in dialog.errors.message("bed_id")
    dialog.reject()
    # a swap the rules forbid twice over: every problem, for both, from the service's RuleBroken
    assert drop_on(tile(view, made.bed(7, "G1")), resident_mime(hoa_ban, made.bed(0, "G1")))
    swap = open_dialog(qtbot, view)
    assert isinstance(swap, SwapDialog)
    swap.reason_edit.setText("Thử đổi")
    swap.ok_button.click()
    lines = swap.errors.message("").splitlines()
    assert lines[0] == "Quy định của phòng không cho phép:" and len(lines) == 5, lines
    assert any("nam" in line.lower() for line in lines[1:]) and swap.override_box.isHidden()
    swap.reject()

    manager_view = open_board(qtbot, centre, installed.manager)
    manager_view.tile_actions.move(tile(manager_view, made.bed(0, "G1")))
    dialog = open_dialog(qtbot, manager_view)
    assert isinstance(dialog, MoveDialog)
    assert dialog.choice.select_bed(children)
    assert "bạn có thể cho phép ngoại lệ" in dialog.choice.problems.text()
    assert not dialog.override_box.isHidden()
    dialog.reason_edit.setText("Chăm sóc em Sao Mai ban đêm")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.errors.message("override_reason") == "Ghi lý do cho phép ngoại lệ."
    dialog.override_edit.setText("Giám đốc đồng ý: đối tượng là chị gái của em Sao Mai")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert bed_of(installed, hoa_ban) == children
    stay = centre.lodging.resident_lodging(installed.manager, hoa_ban).bed
    assert stay is not None and stay.override_reason == "Giám đốc đồng ý: đối tượng là chị gái của em Sao Mai"


def test_someone_without_a_bed_is_given_one(qtbot: QtBot, installed: Installed, made: LodgingCentre) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    xuan = made.residents["Xuân Hồng"]
    free = tile(view, made.bed(8, "G4"))  # Nhà B, Phòng 201: women
    assert drop_on(free, resident_mime(xuan, None))  # dragged from the list "Chưa bố trí giường"
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, MoveDialog) and dialog.choice.bed_id() == free.bed.id
    assert dialog.windowTitle() == "Bố trí giường"
    dialog.reason_edit.setText("Có giường trống")
    before = view.board
    dialog.ok_button.click()
    assert bed_of(installed, xuan) == free.bed.id
    reloaded(qtbot, view, before)
    assert xuan not in view.unplaced.people and view.unplaced.count() == 2
    # the keyboard way: the list, Enter, the dialog
    view.unplaced.setCurrentRow(0)
    view.unplaced.itemActivated.emit(view.unplaced.currentItem())
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, MoveDialog) and dialog.person.label == "Hạng Thị Sá"
    dialog.reject()


def test_a_bed_state_changes_with_its_reason_and_the_history_shows_it(
    qtbot: QtBot, installed: Installed, made: LodgingCentre
) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    free = tile(view, made.bed(0, "G4"))
    view.tile_actions.menu_action(free, "Ngừng sử dụng").trigger()
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, BedStateDialog) and dialog.state() == BedState.OUT_OF_SERVICE
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.errors.message("reason")  # out of service needs its reason
    dialog.reason_edit.setText("Đệm rách, chờ thay")
    before = view.board
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    reloaded(qtbot, view, before)
    changed = tile(view, made.bed(0, "G4"))
    assert changed.bed.state == BedState.OUT_OF_SERVICE and "Đệm rách" in changed.description()
    # reserved for someone without a bed
    view.tile_actions.menu_action(tile(view, made.bed(1, "G3")), "Giữ chỗ").trigger()
    dialog = open_dialog(qtbot, view)
    assert isinstance(dialog, BedStateDialog) and not dialog.person_box.isHidden()
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(made.residents["Xuân Hồng"]))
    dialog.reason_edit.setText("Chờ chuyển phòng")
    before = view.board
    dialog.buttons.accepted.emit()
    reloaded(qtbot, view, before)
    reserved = tile(view, made.bed(1, "G3"))
    assert reserved.bed.state == BedState.RESERVED and reserved.bed.reserved_for is not None
    assert reserved.bed.reserved_for.resident_id == made.residents["Xuân Hồng"]
    # the history: every state, who, why
    view.tile_actions.menu_action(tile(view, made.bed(0, "G4")), "Lịch sử giường").trigger()
    history = open_dialog(qtbot, view)
    assert isinstance(history, BedHistoryDialog)
    model = history.model
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert [r[1:] for r in rows] == [
        ["Ngừng sử dụng", "Nguyễn Thị Hường", "Đệm rách, chờ thay"],
        ["Trống", "Nguyễn Thị Hường", ""],
    ]
    history.reject()
