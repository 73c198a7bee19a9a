"""Screenshots of the holiday calendar (SHOTS=1 only): the Administration tab on 2027 with the demo's corrections
for Tết, and the day dialog refused — in Vietnamese, on a 1366×728 screen."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.services.demo.holidays import fill
from centre_desk.ui.administration.holidays.day_dialog import DayDialog
from centre_desk.ui.administration.holidays.page import HolidaysPage
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.support.shots import as_on_screen

OUT = Path("/tmp/shots/holidays")
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def test_holiday_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    with installed.centre.sessions.begin() as s:
        fill(s, None, datetime(2026, 12, 7, 2, tzinfo=UTC))
    OUT.mkdir(parents=True, exist_ok=True)
    page = HolidaysPage(installed.centre.holidays, installed.manager, AppEvents(), today=date(2027, 1, 4))
    qtbot.addWidget(page)
    page.resize(1366 - 200, 728 - 60)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.grab().save(str(OUT / "page.png"))
    holidays = installed.centre.holidays
    dialog = DayDialog(page, date(2027, 2, 6), "off", "", lambda c: holidays.set_day(installed.manager, *c))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # refused: a Saturday, and no reason
    dialog.grab().save(str(OUT / "dialog.png"))
