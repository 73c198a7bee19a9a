"""The follow-up screens: the record's "Follow-up after reintegration" tab replaces its placeholder (the contacts and
the schedule page, the earlier stay's follow-ups of a readmitted person shown read-only), the nurse reads without
buttons; the working list filters late and unreached and opens the record on Enter; the Overview's lines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from PySide6.QtCore import Qt

from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.ui.events import AppEvents
from centre_desk.ui.follow_up.page import FollowUpPage
from centre_desk.ui.follow_up.panel import SchedulePanel
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.record.extras import record_extras
from centre_desk.ui.shell.overview_casework import follow_up_lines
from tests.conftest import Installed
from tests.services.follow_up.support import NOW, contact, discharged
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

pytestmark = [pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True), pytest.mark.usefixtures("english")]
TITLE = "Follow-up after reintegration"


def _window(qtbot: QtBot, installed: Installed, rid: int, actor: Actor) -> RecordWindow:
    centre = installed.centre
    window = RecordWindow(centre.residents, actor, AppEvents(), rid, entries=centre.entries,
                          entry_extras=record_extras(centre))  # fmt: skip
    qtbot.addWidget(window)
    return window


def test_the_tab_shows_the_schedule_and_the_earlier_stay(qtbot: QtBot, installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    first = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=300))
    contact(centre, manager, first, NOW - timedelta(days=265), sign_abroad=True, risk="high")
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=100))
    with centre.sessions.begin() as s:
        s.execute(update(Resident).where(Resident.id == rid).values(previous_resident_id=first))
    contact(centre, manager, rid, NOW - timedelta(days=70))
    window = _window(qtbot, installed, rid, manager)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.count(TITLE) == 1
    window.show()
    window.show_entry_tab("follow_up")
    tab = window.tabs.currentWidget()
    assert window.tabs.tabText(window.tabs.currentIndex()) == TITLE
    assert tab.codes == ("follow_up_contact", "follow_up")  # type: ignore[attr-defined]
    panel = tab.show_page("follow_up")  # type: ignore[attr-defined]
    assert isinstance(panel, SchedulePanel)
    qtbot.waitUntil(lambda: panel.loaded)
    assert panel.points.rowCount() == 4
    states = [panel.points.data(panel.points.index(r, 1)) for r in range(4)]
    assert states[0] == "Made" and "Past its date" in states[1]
    assert panel.change_button.isVisible() and panel.default_button.isVisible()
    assert not panel.earlier_table.isHidden() and panel.earlier.rowCount() == 1
    assert "Earlier stay" in panel.earlier_heading.text()


def test_the_nurse_reads_the_schedule_without_buttons(qtbot: QtBot, installed: Installed) -> None:
    rid = discharged(installed.centre, installed.manager, "Vàng Thị Pà", NOW - timedelta(days=20))
    window = _window(qtbot, installed, rid, staff(installed, Role.NURSE))
    window.show()
    window.show_entry_tab("follow_up")
    panel = window.tabs.currentWidget().show_page("follow_up")  # type: ignore[attr-defined]
    assert isinstance(panel, SchedulePanel)
    qtbot.waitUntil(lambda: panel.loaded)
    assert not panel.change_button.isVisible() and not panel.default_button.isVisible()
    assert "Left the centre on" in panel.heading.text()


def test_a_resident_in_the_centre_has_no_schedule_yet(qtbot: QtBot, installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Lò Thị Dung", NOW - timedelta(days=20))
    panel = SchedulePanel(installed.centre.follow_up, installed.manager, rid)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded)
    assert panel.points.rowCount() == 0 and not panel.change_button.isEnabled()


def test_the_working_list_filters_and_opens_the_record(qtbot: QtBot, installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    late = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=100))
    contact(centre, manager, late, NOW - timedelta(days=70))
    lost = discharged(centre, manager, "Vàng Thị Pà", NOW - timedelta(days=400))
    for days in (370, 300, 200, 30, 20, 10):
        contact(centre, manager, lost, NOW - timedelta(days=days), **(
            {"outcome": "unreached", "met_whom": "", "mode": "phone"} if days < 100 else {}))  # fmt: skip
    page = FollowUpPage(centre.follow_up, manager)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded)
    assert {r.resident_id for r in page.rows} == {late, lost}
    page.filter.setCurrentIndex(page.filter.findData("unreached"))
    assert page.model.rowCount() == 1 and page.model.row(0).resident_id == lost
    page.filter.setCurrentIndex(page.filter.findData("late"))
    assert [page.model.row(r).resident_id for r in range(page.model.rowCount())] == [lost, late]  # oldest first
    page.table.setFocus()
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [lost]
    lines = follow_up_lines(centre.follow_up.due(manager))
    assert any("could not be reached 3 times in a row" in x.text for x in lines)
    assert any("follow-up after reintegration late since" in x.text for x in lines)
