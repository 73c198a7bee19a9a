"""Screenshots of the discharge (SHOTS=1 only): the record's Leaving the centre tab on the demo's late request and
on a discharged stay, and the request form — in Vietnamese, on a 1366×728 screen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from centre_desk.models.discharge import Discharge
from centre_desk.services.demo.create import populate
from centre_desk.ui.discharge.request_dialog import RequestDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.support.shots import as_on_screen

OUT = Path("/tmp/shots/discharge")
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def _tab(installed: Installed, qtbot: QtBot, rid: int, name: str) -> RecordWindow:
    centre = installed.centre
    window = RecordWindow(centre.residents, installed.manager, AppEvents(), rid, entries=centre.entries,
                          lodging=centre.lodging, discharge=centre.discharge)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1366, 728 - 40)
    window.show()
    tab = window.discharge_tab
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    window.grab().save(str(OUT / f"{name}.png"))
    return window


def test_discharge_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    populate(installed.centre, 300, seed=2026, now=datetime.now(UTC))
    OUT.mkdir(parents=True, exist_ok=True)
    late = installed.centre.discharge.due(installed.manager)[0]
    window = _tab(installed, qtbot, late.resident_id, "tab-late")
    with installed.centre.sessions() as s:
        found = select(Discharge.resident_id).where(Discharge.state == "approved", Discharge.reason == "family")
        left = s.scalars(found.order_by(Discharge.id.desc()).limit(1)).one()
    _tab(installed, qtbot, left, "tab-discharged")
    state = installed.centre.discharge.state(installed.manager, late.resident_id)
    assert state.current is not None
    dialog = RequestDialog(window, "Sửa đề nghị rời Trung tâm", installed.centre.discharge.check, None,
                           state.current.data)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    for n in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(n)
        dialog.grab().save(str(OUT / f"request-{n + 1}.png"))
