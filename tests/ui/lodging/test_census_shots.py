"""Screenshots of the census and its dialogs (SHOTS=1 only): a living centre of 40 residents, in Vietnamese,
1366×768 less the taskbar and the main window's frame, saved to /work/wt/censusui-shots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QWidget

from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.census_dialogs import PresenceDialog
from centre_desk.ui.lodging.leave_dialog import LeaveDialog
from tests.conftest import Installed
from tests.support.shots import as_on_screen
from tests.ui.lodging.census_support import living_centre

OUT = Path(os.environ.get("SHOTS_DIR", "/work/wt/censusui-shots"))
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def _save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()  # the layout follows the texts just set
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))


def test_census_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    lodged = living_centre(installed.centre, installed.manager)
    view = CensusView(lodged.service, installed.manager, clock=lodged.clock)
    view.open_record.connect(lambda _rid: None)
    qtbot.addWidget(view)
    view.resize(1366 - 200, 768 - 40 - 90)  # beside the navigation, under the menus, tabs and status bar
    view.show()
    qtbot.waitUntil(lambda: view.census is not None and not view.loading, timeout=10_000)
    view.select_resident(lodged.present)
    _save(view, "census-today")
    view.search_edit.setText("thi")
    view.filter_combo.setCurrentIndex(view.filter_combo.findData("on_leave"))
    qtbot.wait(50)
    _save(view, "census-on-leave")
    view.search_edit.clear()
    view.filter_combo.setCurrentIndex(0)
    view.day_edit.set_value(lodged.day.replace(day=1) if lodged.day.day > 3 else lodged.day)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=10_000)
    _save(view, "census-past-day")

    row = next(r for r in view.census.rows) if view.census else None
    assert row is not None
    presence = PresenceDialog(None, row.label, row.presence)
    presence.show()
    qtbot.waitExposed(presence)
    _save(presence, "presence-dialog")
    presence.close()
    leave = LeaveDialog(None, row.resident_id, row.label, lodged.clock.now)
    leave.show()
    qtbot.waitExposed(leave)
    leave.accept()  # nothing typed: the reason and the return are asked for
    _save(leave, "leave-dialog-refused")
    leave.close()
