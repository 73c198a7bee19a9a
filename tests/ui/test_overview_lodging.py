"""The Overview's lodging part on a real centre: the stay-limit and overdue-leave figures, the short lists of
the most pressing residents (Enter opens the record), nothing of it for an account without lodging."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.overview import OverviewService
from centre_desk.ui.events import AppEvents
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from centre_desk.ui.shell.overview import OverviewPage
from centre_desk.ui.shell.overview_lodging import SHOWN
from centre_desk.ui.shell.placeholder import PlaceholderPage
from tests.conftest import Installed
from tests.support.shots import as_on_screen
from tests.ui.lodging.census_support import Lodged, living_centre
from tests.ui.record.support import staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture
def lodged(installed: Installed) -> Lodged:
    return living_centre(installed.centre, installed.manager)


def overview_page(installed: Installed, lodged: Lodged, actor: Actor, events: AppEvents | None = None) -> OverviewPage:
    overview = OverviewService(installed.centre.read_sessions, installed.centre.access, clock=lodged.clock)
    return OverviewPage(actor, installed.centre.centre_name(), overview, events or AppEvents(), lodged.service)


def test_the_overview_shows_stay_limits_and_overdue_leave(installed: Installed, lodged: Lodged, qtbot: QtBot) -> None:
    page = overview_page(installed, lodged, installed.manager)
    qtbot.addWidget(page)
    page.show()
    alerts = page.alerts
    assert alerts is not None
    qtbot.waitUntil(
        lambda: not alerts.loading and alerts.leaves.count() > 0 and not page.figures_loading, timeout=10_000
    )
    # living_centre: residents 125, 118, 112 and 109 days in on the 120-day limit (and nothing else near it)
    assert page.stay_limits.number.text() == "4" and page.stay_limits.isVisibleTo(page)
    assert "1" in page.stay_limits.caption.text()
    assert page.overdue_leaves.number.text() == "1"
    stays = [alerts.stays.item(n) for n in range(alerts.stays.count())]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in stays] == lodged.ids[:4]  # the most pressing first
    assert "126/120" in stays[0].text() and "119/120" in stays[1].text()  # the day of admission is day 1
    leave = alerts.leaves.item(0)
    assert alerts.leaves.count() == 1 and leave.data(Qt.ItemDataRole.UserRole) == lodged.overdue
    assert "Giàng A Páo (bố)" in leave.text()
    assert not alerts.stays_more.isVisibleTo(page) and alerts.stays.count() <= SHOWN

    opened: list[int] = []
    page.open_record.connect(opened.append)
    alerts.leaves.setFocus()
    alerts.leaves.setCurrentRow(0)
    qtbot.keyClick(alerts.leaves, Qt.Key.Key_Return)
    alerts.stays.setCurrentRow(1)
    qtbot.keyClick(alerts.stays, Qt.Key.Key_Return)
    assert opened == [lodged.overdue, lodged.ids[1]]


def test_nothing_of_lodging_for_an_account_without_it(installed: Installed, lodged: Lodged, qtbot: QtBot) -> None:
    admin = staff(installed.centre, installed.manager, "quantri", "Vũ Minh Tuấn", Role.ADMINISTRATOR)
    page = overview_page(installed, lodged, admin)
    qtbot.addWidget(page)
    page.show()
    assert page.alerts is None
    qtbot.waitUntil(lambda: not page.figures_loading, timeout=10_000)
    assert not page.stay_limits.isVisibleTo(page) and not page.overdue_leaves.isVisibleTo(page)


def test_a_counsellor_who_only_views_lodging_sees_the_lists(installed: Installed, lodged: Lodged, qtbot: QtBot) -> None:
    counsellor = staff(installed.centre, installed.manager, "tuvan", "Lường Thị Ún", Role.COUNSELLOR)
    page = overview_page(installed, lodged, counsellor)
    qtbot.addWidget(page)
    page.show()
    alerts = page.alerts
    assert alerts is not None
    qtbot.waitUntil(
        lambda: not alerts.loading and alerts.leaves.count() > 0 and not page.figures_loading, timeout=10_000
    )
    assert page.overdue_leaves.number.text() == "1" and alerts.stays.count() == 4


def test_the_lists_follow_lodging_changes_not_backups(installed: Installed, lodged: Lodged, qtbot: QtBot) -> None:
    events = AppEvents()
    page = overview_page(installed, lodged, installed.manager, events)
    qtbot.addWidget(page)
    page.show()
    alerts = page.alerts
    assert alerts is not None
    qtbot.waitUntil(
        lambda: not alerts.loading and alerts.leaves.count() > 0 and not page.figures_loading, timeout=10_000
    )
    events.data_changed.emit("backup")  # the daily backup: the figures are counted again, the lists not read
    assert not alerts.loading
    do = lodged.overdue
    row = lodged.service.overdue_leaves(installed.manager)[0]
    lodged.service.record_return(installed.manager, row.id, row.version)
    events.data_changed.emit("lodging")
    assert alerts.loading
    qtbot.waitUntil(lambda: not alerts.loading and not page.figures_loading, timeout=10_000)
    assert page.overdue_leaves.number.text() == "0"
    assert alerts.leaves.count() == 1 and alerts.leaves.item(0).data(Qt.ItemDataRole.UserRole) != do


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1")
def test_overview_screenshot(installed: Installed, lodged: Lodged, qtbot: QtBot) -> None:
    as_on_screen()
    page = overview_page(installed, lodged, installed.manager)
    pages = [PageSpec("overview", "Tổng quan", page)] + [
        PageSpec(key, title, PlaceholderPage(title, "…"))
        for key, title in (("residents", "Đối tượng"), ("lodging", "Phòng ở"), ("register", "Sổ văn bản đi"))
    ]
    window = MainWindow(installed.centre.centre_name(), "máy này", installed.manager, pages)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    alerts = page.alerts
    assert alerts is not None
    qtbot.waitUntil(
        lambda: not alerts.loading and alerts.leaves.count() > 0 and not page.figures_loading, timeout=10_000
    )
    QApplication.processEvents()
    out = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/census"))
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "overview.png"))
