"""Screenshots of follow-up after reintegration (SHOTS=1 only): the working list over the demo, the record's tab with
its contacts, its schedule page (a readmitted person's earlier stay below) and the contact form — in Vietnamese, on
a 1366×728 screen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from centre_desk.models.follow_up import FollowUpContact
from centre_desk.models.resident import Resident
from centre_desk.services.demo.create import populate
from centre_desk.services.entries.kinds import kind
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.follow_up.page import FollowUpPage
from centre_desk.ui.follow_up.panel import SchedulePanel
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.record.extras import record_extras
from tests.conftest import Installed
from tests.support.shots import as_on_screen

OUT = Path("/tmp/shots/follow_up")
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def test_follow_up_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    centre, manager = installed.centre, installed.manager
    populate(centre, 300, seed=2026, now=datetime.now(UTC))
    OUT.mkdir(parents=True, exist_ok=True)
    page = FollowUpPage(centre.follow_up, manager)
    qtbot.addWidget(page)
    page.resize(1366 - 200, 728 - 60)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    page.grab().save(str(OUT / "follow-up-list.png"))
    with centre.sessions() as s:
        followed = select(FollowUpContact.resident_id)
        later = list(s.scalars(select(Resident.id).where(Resident.previous_resident_id.in_(followed))))
    histories = {rid: centre.follow_up.history(manager, rid) for rid in later}
    rid = next(r for r, h in histories.items() if h and any(c.flag for c in h[0].contacts))
    earlier = histories[rid][0].resident_id
    for shown, name in ((earlier, "record-follow-up"), (rid, "record-follow-up-readmitted")):
        window = RecordWindow(centre.residents, manager, AppEvents(), shown, entries=centre.entries,
                              entry_extras=record_extras(centre))  # fmt: skip
        qtbot.addWidget(window)
        window.resize(1366, 728 - 40)
        window.show()
        window.show_entry_tab("follow_up")
        tab = window.tabs.currentWidget()
        qtbot.wait(800)
        window.grab().save(str(OUT / f"{name}.png"))
        panel = tab.show_page("follow_up")  # type: ignore[attr-defined]
        assert isinstance(panel, SchedulePanel)
        qtbot.waitUntil(lambda p=panel: p.loaded, timeout=10_000)
        window.grab().save(str(OUT / f"{name}-schedule.png"))
    dialog = EntryDialog(kind("follow_up_contact"), manager, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(OUT / "follow-up-form.png"))
