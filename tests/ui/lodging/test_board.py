"""The bed board on a real test centre: what it shows, filters, a past moment, printing, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from centre_desk.models.lodging import BedState
from centre_desk.models.staff import Role
from centre_desk.services.lodging import LodgingService
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.page import LodgingPage
from centre_desk.ui.lodging.states import CHILD_BADGE, MINOR_BADGE, badge_of
from tests.conftest import Installed
from tests.ui.lodging.board_support import (
    LodgingCentre,
    open_board,
    refuse_message_boxes,
    reloaded,
)
from tests.ui.record.support import staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_message_boxes(monkeypatch)


def test_the_board_shows_every_room_bed_and_resident_without_a_bed(
    qtbot: QtBot, installed: Installed, made: LodgingCentre
) -> None:
    page = LodgingPage(installed.centre.lodging, installed.manager, AppEvents())
    qtbot.addWidget(page)
    page.show()
    view = page.board
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=10_000)
    assert page.tabText(0).replace("&", "") == "Sơ đồ giường"
    assert len(view.cards) == 10 and len(view.tiles) == 40
    assert view.summary_label.text() == "Giường: 40 · Có người ở: 23 · Trống: 12 · Chưa bố trí giường: 3"
    first = view.tile_of(made.bed(0, "G1"))
    assert first is not None and first.occupant is not None and first.occupant.label == "Sùng Thị Mỷ"
    assert "Phòng 101" in first.accessibleName() and "Có người ở" in first.accessibleName()
    states = {t.bed.state for t in view.tiles}
    assert states == set(BedState)
    baby = view.tile_of(made.bed(2, "G2"))
    girl = view.tile_of(made.bed(4, "G1"))  # 17
    assert baby is not None and badge_of(baby.occupant) == CHILD_BADGE
    assert girl is not None and badge_of(girl.occupant) == MINOR_BADGE
    reserved = view.tile_of(made.bed(5, "G3"))
    assert reserved is not None and reserved.bed.reserved_for is not None
    assert "Hạng Thị Sá" in reserved.description()
    broken = view.tile_of(made.bed(5, "G4"))
    assert broken is not None and "Giường gãy chân" in broken.description()
    assert [view.unplaced.item(i).text().split("\n")[0].split("  [")[0] for i in range(view.unplaced.count())] == [
        "Hạng Thị Sá", "Mùa A Páo", "Tòng Thị Xuân",
    ]  # fmt: skip
    assert page.add_view(QWidget(), "Sĩ số") == 1 and page.tabText(1) == "Sĩ số"  # the census joins here


def test_filters_by_building_and_floor(qtbot: QtBot, installed: Installed, made: LodgingCentre) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    assert [view.building_combo.itemText(i) for i in range(view.building_combo.count())] == [
        "Tất cả các nhà", "Nhà A", "Nhà B",
    ]  # fmt: skip
    before = view.board
    view.building_combo.setCurrentIndex(2)
    view.building_combo.activated.emit(2)
    reloaded(qtbot, view, before)
    assert {c.room.building for c in view.cards} == {"Nhà B"} and len(view.cards) == 4
    before = view.board
    view.floor_combo.setCurrentIndex(view.floor_combo.findData("Tầng 2"))
    view.floor_combo.activated.emit(view.floor_combo.currentIndex())
    reloaded(qtbot, view, before)
    assert [c.room.name for c in view.cards] == ["Phòng 201", "Phòng 202"]


def test_a_past_moment_is_read_only(qtbot: QtBot, installed: Installed, made: LodgingCentre) -> None:
    view = open_board(qtbot, installed.centre, installed.manager)
    before = view.board
    view.at_box.setChecked(True)
    view.at_edit.set_value((before.at - timedelta(days=400)).astimezone().replace(tzinfo=None) if before else None)
    view.at_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: view.board is not before and not view.loading and view.past_label.isVisibleTo(view))
    assert view.tiles == [] and "chỉ xem" in view.past_label.text()  # no room existed then
    view.at_box.setChecked(False)
    reloaded(qtbot, view, view.board)
    assert len(view.tiles) == 40 and all(t.movable for t in view.tiles)


def test_printing_the_board_goes_through_the_service_on_a_worker(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    shown: list[tuple[str, bytes, str]] = []

    def board_pdf(_self: LodgingService, _actor: object, building: str = "", floor: str = "") -> bytes:
        asked.append((building, floor))
        return b"%PDF-1.4 so do giuong"

    monkeypatch.setattr(LodgingService, "board_pdf", board_pdf)

    def show_document(_cls: object, _parent: object, title: str, pdf: bytes, name: str, *_rest: object) -> None:
        shown.append((title, pdf, name))

    monkeypatch.setattr(DocumentPreviewDialog, "show_document", classmethod(show_document))
    view = open_board(qtbot, installed.centre, installed.manager)
    assert view.print_button.isVisible()
    view.print_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert asked == [("", "")]
    assert shown == [("Sơ đồ giường", b"%PDF-1.4 so do giuong", "so-do-giuong.pdf")]
    assert view.print_button.isEnabled()


def test_printing_the_real_board_shows_the_paper(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[bytes] = []

    def show_document(_cls: object, _parent: object, _title: str, pdf: bytes, *_rest: object) -> None:
        shown.append(pdf)

    monkeypatch.setattr(DocumentPreviewDialog, "show_document", classmethod(show_document))
    view = open_board(qtbot, installed.centre, installed.manager)
    view.print_button.click()  # the service's own board_pdf, on a worker
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert shown[0].startswith(b"%PDF") and len(shown[0]) > 10_000
    assert view.print_button.isEnabled() and not view.status_label.text()


def test_what_each_role_may_do_from_a_tile(qtbot: QtBot, installed: Installed, made: LodgingCentre) -> None:
    centre = installed.centre
    manager_view = open_board(qtbot, centre, installed.manager)
    free = manager_view.tile_of(made.bed(0, "G4"))
    occupied = manager_view.tile_of(made.bed(0, "G1"))
    assert free is not None and occupied is not None
    entries = [a.text().replace("&", "") for a in manager_view.tile_actions.build_menu(free).actions() if a.text()]
    assert entries == [
        "Bố trí giường này cho…", "Giữ chỗ cho đối tượng…", "Cần vệ sinh…", "Ngừng sử dụng…", "Lịch sử giường…",
    ]  # fmt: skip
    entries = [a.text().replace("&", "") for a in manager_view.tile_actions.build_menu(occupied).actions() if a.text()]
    assert entries == ["Chuyển giường…", "Lịch sử giường…"]
    nurse = staff(centre, installed.manager, "ytaxa", "Lò Thị Hoa", Role.NURSE)  # edits lodging, no administering
    nurse_view = open_board(qtbot, centre, nurse)
    tile = nurse_view.tile_of(made.bed(0, "G4"))
    assert tile is not None
    assert [a.text().replace("&", "") for a in nurse_view.tile_actions.build_menu(tile).actions() if a.text()] == [
        "Bố trí giường này cho…"
    ]
    assert not nurse_view.print_button.isHidden()  # nurses print the board (PRINT on LODGING)
    counsellor = staff(centre, installed.manager, "tuvan", "Vì Thị Lan", Role.COUNSELLOR)  # sees, changes nothing
    seen = open_board(qtbot, centre, counsellor)
    assert seen.place_button.isHidden() and seen.print_button.isHidden()
    assert not any(t.movable for t in seen.tiles)
    assert seen.tile_actions.build_menu(seen.tiles[0]).actions() == []
