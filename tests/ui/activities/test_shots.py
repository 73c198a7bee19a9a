"""Screenshots of the group sessions (SHOTS=1 only): the page over the demo's sessions, the session dialog with the
residents present ticked, and the attendance sheet — in Vietnamese, on a 1366×728 screen."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.services.demo.create import populate
from centre_desk.ui.activities.page import ActivitiesPage
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.support.shots import as_on_screen

OUT = Path("/tmp/shots/activities")
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def test_group_session_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    populate(installed.centre, 300, seed=2026, now=datetime.now(UTC))
    OUT.mkdir(parents=True, exist_ok=True)
    page = ActivitiesPage(installed.centre.activities, installed.manager, AppEvents())
    qtbot.addWidget(page)
    page.resize(1366 - 200, 728 - 60)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    page.table.selectRow(0)
    page.grab().save(str(OUT / "page.png"))
    row = page.selected()
    assert row is not None
    dialog = page._dialog(installed.centre.activities.session(installed.manager, row.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    dialog.grab().save(str(OUT / "dialog.png"))
    dialog.chooser.filter.setText("thi hoa")
    dialog.grab().save(str(OUT / "dialog-filtered.png"))
    sheet = OUT / "sheet.pdf"
    sheet.write_bytes(installed.centre.activities.attendance_pdf(installed.manager, row.id))
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(sheet), str(OUT / "sheet")], check=True)
