"""Screenshots of the census and its dialogs (SHOTS=1 only): a living centre of 40 residents, in Vietnamese,
in the main window at 1366×768 less the taskbar, saved to /tmp/shots/census (SHOTS_DIR)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.census_dialogs import PresenceDialog
from centre_desk.ui.lodging.leave_dialog import LeaveDialog
from centre_desk.ui.qt_strings import CatalogueTranslator
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from centre_desk.ui.shell.placeholder import PlaceholderPage
from tests.conftest import Installed
from tests.support.shots import as_on_screen
from tests.ui.lodging.census_support import living_centre

OUT = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/census"))
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def _save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()  # the layout follows the texts just set
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))


def test_census_screenshots(installed: Installed, qtbot: QtBot) -> None:
    app = as_on_screen()
    translator = CatalogueTranslator(app)
    app.installTranslator(translator)
    lodged = living_centre(installed.centre, installed.manager)
    view = CensusView(lodged.service, installed.manager, clock=lodged.clock)
    view.open_record.connect(lambda _rid: None)
    tabs = QTabWidget()
    tabs.addTab(PlaceholderPage("Sơ đồ giường", "…"), "Sơ đồ giường")
    tabs.addTab(view, "Sĩ số")
    tabs.setCurrentIndex(1)
    pages = [PageSpec(key, title, PlaceholderPage(title, "…")) for key, title in (("overview", "Tổng quan"),
             ("residents", "Đối tượng"))] + [PageSpec("lodging", "Phòng ở", tabs)]  # fmt: skip
    window = MainWindow(installed.centre.centre_name(), "máy này", installed.manager, pages)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show_page("lodging")
    window.show()
    qtbot.waitUntil(lambda: view.census is not None and not view.loading, timeout=10_000)
    view.select_resident(lodged.present)
    _save(window, "census-today")
    view.filter_combo.setCurrentIndex(view.filter_combo.findData("on_leave"))
    _save(window, "census-on-leave")
    view.filter_combo.setCurrentIndex(0)
    view.search_edit.setText("thi my")
    qtbot.wait(300)
    _save(window, "census-search")
    view.search_edit.clear()
    view.day_edit.set_value(lodged.day - timedelta(days=10))
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=10_000)
    _save(window, "census-past-day")
    view.show_today()
    qtbot.waitUntil(lambda: not view.loading, timeout=10_000)

    row = next(r for r in view.census.rows if r.resident_id == lodged.present) if view.census else None
    assert row is not None
    presence = PresenceDialog(window, row.label, row.presence)
    presence.show()
    qtbot.waitExposed(presence)
    _save(presence, "presence-dialog")
    presence.close()
    service, actor = lodged.service, installed.manager
    leave = LeaveDialog(window, row.resident_id, row.label, lodged.clock.now, lambda d: service.grant_leave(actor, d))
    leave.show()
    qtbot.waitExposed(leave)
    leave.companion.setText("Lò Văn Pánh (bố)")
    leave.destination.setText("Bản Nậm Tăm, Sìn Hồ")
    leave.expected_back_at.set_value((lodged.clock.now - timedelta(hours=2)).astimezone().replace(tzinfo=None))
    leave.accept()  # no reason, a return before the departure: the service's refusals under their fields
    _save(leave, "leave-dialog-refused")
    leave.reason.setText("Về thăm gia đình dịp Tết")
    leave.expected_back_at.set_value((lodged.clock.now + timedelta(days=3)).astimezone().replace(tzinfo=None, hour=17))
    leave.errors.clear()
    _save(leave, "leave-dialog")
    leave.close()
    app.removeTranslator(translator)
