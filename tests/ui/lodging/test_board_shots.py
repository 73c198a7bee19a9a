"""Screenshots of the bed board (SHOTS=1 only): Vietnamese, the office screen, ~40 beds of realistic data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.page import LodgingPage
from centre_desk.ui.lodging.rooms_admin import RoomsAdminPage
from tests.conftest import Installed
from tests.support.shots import as_on_screen
from tests.ui.lodging.board_support import lodging_centre

OUT = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/lodging"))
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def test_board_shots(qtbot: QtBot, installed: Installed) -> None:
    as_on_screen()
    OUT.mkdir(parents=True, exist_ok=True)
    centre, manager = installed.centre, installed.manager
    made = lodging_centre(centre, manager)
    page = LodgingPage(centre.lodging, manager, AppEvents())
    qtbot.addWidget(page)
    page.resize(1366, 768 - 40)
    page.show()
    qtbot.waitUntil(lambda: page.board.board is not None and not page.board.loading, timeout=10_000)
    page.board.tiles[1].setFocus()
    qtbot.wait(50)
    page.grab().save(str(OUT / "so-do-giuong.png"))
    page.board.scroll_area.verticalScrollBar().setValue(page.board.scroll_area.verticalScrollBar().maximum())
    qtbot.wait(50)
    page.grab().save(str(OUT / "so-do-giuong-cuon.png"))
    board = page.board
    tile = board.tile_of(made.bed(0, "G1"))
    assert tile is not None
    board.tile_actions.move(tile)
    dialog = board.tile_actions.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.choice.select_bed(made.bed(3, "G4"))  # type: ignore[attr-defined]
    qtbot.wait(50)
    dialog.grab().save(str(OUT / "chuyen-giuong.png"))
    dialog.reject()
    board.building_combo.setCurrentIndex(2)
    board.building_combo.activated.emit(2)
    qtbot.waitUntil(lambda: not board.loading and len(board.cards) == 4, timeout=10_000)
    page.grab().save(str(OUT / "so-do-giuong-nha-b.png"))
    admin = RoomsAdminPage(centre.lodging, manager, AppEvents())
    qtbot.addWidget(admin)
    admin.resize(1200, 600)
    admin.show()
    admin.grab().save(str(OUT / "phong-va-giuong.png"))
