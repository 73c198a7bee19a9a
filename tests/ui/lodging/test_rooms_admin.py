"""Administration, "Phòng và giường": rooms added, changed and retired by a manager; every problem under its field."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.models.lodging import RoomAge, RoomSex
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.room_dialog import RetireRoomDialog, RoomDialog, split_labels
from centre_desk.ui.lodging.rooms_admin import RoomsAdminPage
from tests.conftest import Installed
from tests.ui.lodging.board_support import lodging_centre, refuse_message_boxes

SQLITE = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_message_boxes(monkeypatch)


def admin_page(qtbot: QtBot, installed: Installed, events: AppEvents | None = None) -> RoomsAdminPage:
    page = RoomsAdminPage(installed.centre.lodging, installed.manager, events or AppEvents())
    qtbot.addWidget(page)
    page.show()
    return page


def test_split_labels() -> None:
    assert split_labels("G1, G2;G3\nG4, ") == ("G1", "G2", "G3", "G4")
    assert split_labels("G1,,G2") == ("G1", "", "G2")  # the blank one is the service's to name


@SQLITE
def test_a_new_room_shows_every_problem_under_its_field_then_saves(qtbot: QtBot, installed: Installed) -> None:
    events = AppEvents()
    heard: list[str] = []
    events.data_changed.connect(heard.append)
    page = admin_page(qtbot, installed, events)
    assert page.model.rowCount() == 0 and not page.edit_button.isEnabled()
    page.new_room()
    dialog = page.dialog
    assert isinstance(dialog, RoomDialog)
    dialog.building_combo.setCurrentText("")
    dialog.name_edit.setText("")
    dialog.capacity_spin.setValue(0)
    dialog.beds_edit.setText("G1, G1, Giường số một rất dài quá")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.errors.message("building") == "Nhập tên nhà."
    assert dialog.errors.message("name") == "Nhập tên phòng."
    assert "1" in dialog.errors.message("capacity") and "100" in dialog.errors.message("capacity")
    assert len(dialog.errors.message("bed_labels").splitlines()) == 2  # the repeated label, the long one
    dialog.building_combo.setCurrentText("Nhà C")
    dialog.floor_edit.setText("Tầng 1")
    dialog.name_edit.setText("Phòng cách ly")
    dialog.sex_combo.setCurrentIndex(dialog.sex_combo.findData(RoomSex.ANY.value))
    dialog.age_combo.setCurrentIndex(dialog.age_combo.findData(RoomAge.ANY.value))
    dialog.capacity_spin.setValue(2)
    dialog.notes_edit.setPlainText("Dùng khi có người sốt")
    dialog.beds_edit.setText("C1, C2")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 1 and heard == ["lodging"]
    room = page.model.row(0)
    assert (room.building, room.name, room.capacity, [b.label for b in room.beds]) == (
        "Nhà C", "Phòng cách ly", 2, ["C1", "C2"],
    )  # fmt: skip
    assert page.selected() == room and page.status_label.text() == "Đã lưu phòng."


@SQLITE
def test_edit_adds_beds_and_a_duplicate_name_is_refused(qtbot: QtBot, installed: Installed) -> None:
    made = lodging_centre(installed.centre, installed.manager, people=3)
    page = admin_page(qtbot, installed)
    assert page.model.rowCount() == 10
    page.table.selectRow(0)  # sorted by building: Nhà A, Phòng 101
    room = page.selected()
    assert room is not None and room.id == made.rooms[0].id
    page.edit_room()
    dialog = page.dialog
    assert isinstance(dialog, RoomDialog)
    assert dialog.name_edit.text() == "Phòng 101" and dialog.beds_edit.text() == ""
    dialog.name_edit.setText("Phòng 102")  # Nhà A already has one
    dialog.capacity_spin.setValue(2)  # three sleep there
    dialog.buttons.accepted.emit()
    assert "Phòng 102" in dialog.errors.message("name")
    assert dialog.errors.message("capacity")
    dialog.name_edit.setText("Phòng 101")
    dialog.capacity_spin.setValue(5)
    dialog.beds_edit.setText("G5")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    saved = page.selected()
    assert saved is not None and saved.capacity == 5 and [b.label for b in saved.beds][-1] == "G5"


@SQLITE
def test_retire_needs_a_reason_and_an_empty_room(qtbot: QtBot, installed: Installed) -> None:
    made = lodging_centre(installed.centre, installed.manager, people=3)
    page = admin_page(qtbot, installed)
    page.table.selectRow(0)
    page.retire_room()
    dialog = page.dialog
    assert isinstance(dialog, RetireRoomDialog)
    dialog.buttons.accepted.emit()
    assert dialog.errors.message("reason") == "Ghi lý do."
    dialog.reason_edit.setText("Sửa chữa mái")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "chuyển" in dialog.errors.message("")  # someone still sleeps there
    dialog.reject()
    empty = next(row for row in range(page.model.rowCount()) if page.model.row(row).id == made.rooms[9].id)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(empty, 0)).row())
    page.retire_room()
    dialog = page.dialog
    assert isinstance(dialog, RetireRoomDialog)
    dialog.reason_edit.setText("Phòng thấm dột, chờ sửa")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 9 and made.rooms[9].id not in {r.id for r in page.model.rows()}
