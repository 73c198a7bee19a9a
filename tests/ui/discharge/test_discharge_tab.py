"""The Leaving the centre tab in the record window: the intake officer requests (the form checks the CCCD as one
types), ticks the items and records the belongings; the manager sees Approve, is asked first, and the window turns
read-only with its banner; reopened, it is writable again. At 1366×728, from the keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.discharge.terms import State
from centre_desk.ui.discharge.request_dialog import RequestDialog
from centre_desk.ui.discharge.tab import DischargeTab
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.services.discharge.support import FAMILY, TODAY, in_bed
from tests.services.lodging.placement_support import staff

pytestmark = pytest.mark.usefixtures("english")


def _window(qtbot: QtBot, installed: Installed, actor: Actor, rid: int) -> tuple[RecordWindow, DischargeTab]:
    window = RecordWindow(installed.centre.residents, actor, AppEvents(), rid, entries=installed.centre.entries,
                          discharge=installed.centre.discharge)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(QSize(1366, 728))
    window.show()
    tab = window.discharge_tab
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=5000)
    return window, tab


def _answer(monkeypatch: pytest.MonkeyPatch, answers: list[object]) -> list[str]:
    """Each dialog opened gets the next answer (a function filling it), then OK; the titles asked are kept."""
    asked: list[str] = []

    def run(dialog: QDialog) -> int:
        asked.append(dialog.windowTitle())
        fill = answers.pop(0)
        fill(dialog)  # type: ignore[operator]
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", run)
    return asked


def _request(dialog: QDialog) -> None:
    assert isinstance(dialog, RequestDialog)
    dialog.widgets["planned_on"].set_value(TODAY + timedelta(days=2))  # type: ignore[attr-defined]
    dialog.widgets["application_on"].set_value(TODAY)  # type: ignore[attr-defined]
    dialog.widgets["applicant_name"].setText("Giàng Thị Mai")  # type: ignore[attr-defined]
    for name, value in FAMILY.items():
        dialog.widgets[name].setText(value)  # type: ignore[attr-defined]


def _reason(text: str) -> object:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.reason.setPlainText(text)

    return fill


def test_request_tick_approve_and_reopen_from_the_tab(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid, _bed = in_bed(installed)
    worker = staff(installed, Role.INTAKE)
    window, tab = _window(qtbot, installed, worker, rid)
    assert "no discharge requested" in tab.heading.text()
    assert tab.buttons["request"].isVisibleTo(tab) and not tab.buttons["approve"].isVisibleTo(tab)
    _answer(monkeypatch, [_request])
    tab.buttons["request"].click()
    qtbot.waitUntil(lambda: tab.state is not None and tab.state.current is not None, timeout=5000)
    assert "Decision due:" in tab.deadline.text() and "7 working days left" in tab.deadline.text()
    assert tab.checklist.rowCount() == 6 and tab.belongings.rowCount() == 2
    assert not tab.item_buttons["waive"].isVisibleTo(tab)  # the manager's
    tab.belongings.item(1, 2).setText("1")
    tab.belongings.item(1, 3).setText("Một áo bị rách")
    tab.money.setText("150.000")
    tab.save_returns.click()
    qtbot.waitUntil(lambda: tab.state is not None and tab.state.current is not None
                    and tab.state.current.belongings[1].returned == 1, timeout=5000)  # fmt: skip
    for row in range(5):  # all but the follow-up plan, which the manager waives
        tab.checklist.selectRow(row)
        _answer(monkeypatch, [_reason("Đã xong")])
        tab.item_buttons["done"].click()
        qtbot.waitUntil(lambda r=row: tab.state is not None and tab.state.current is not None
                        and tab.state.current.checks[r].state == "done", timeout=5000)  # fmt: skip

    window, boss = _window(qtbot, installed, installed.manager, rid)
    assert boss.buttons["approve"].isVisibleTo(boss) and boss.item_buttons["waive"].isVisibleTo(boss)
    boss.checklist.selectRow(5)
    _answer(monkeypatch, [_reason("Cán bộ xã đã nhận theo dõi em theo lịch của xã")])
    boss.item_buttons["waive"].click()
    qtbot.waitUntil(lambda: boss.state is not None and boss.state.current is not None
                    and not boss.state.current.open_items, timeout=5000)  # fmt: skip
    asked = _answer(monkeypatch, [_reason("")])
    qtbot.keyClick(boss.buttons["approve"], Qt.Key.Key_Space)  # from the keyboard
    assert asked == ["Approve the discharge"]  # asked first
    qtbot.waitUntil(lambda: window.closed_banner.isVisibleTo(window), timeout=5000)
    assert "read-only, except for follow-up" in window.closed_banner.text()
    assert not window.can_edit(window.profile_tab) and not window.consents.isEnabled()
    qtbot.waitUntil(lambda: boss.state is not None and boss.state.read_only, timeout=5000)
    assert boss.buttons["reopen"].isVisibleTo(boss) and not boss.buttons["change"].isVisibleTo(boss)
    assert all(
        not p.can_create for t in window.entry_tabs if not t.record_tab.after_discharge for p in t.panels.values()
    )
    follow_up = next(t for t in window.entry_tabs if t.record_tab.after_discharge)  # the one tab still written
    contacts = follow_up.show_page("follow_up_contact")
    assert contacts is not None and contacts.can_create  # type: ignore[attr-defined]
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs.index("Leaving the centre") + 1 == tabs.index("Follow-up after reintegration")
    assert tabs[-1] == "Timeline"
    _answer(monkeypatch, [_reason("Gia đình không đến đón, em ở lại Trung tâm")])
    boss.buttons["reopen"].click()
    qtbot.waitUntil(lambda: not window.closed_banner.isVisibleTo(window), timeout=5000)
    assert window.can_edit(window.profile_tab)
    qtbot.waitUntil(lambda: boss.state is not None and not boss.state.read_only, timeout=5000)
    assert boss.state is not None and boss.state.current is not None
    assert boss.state.current.state == State.REOPENED and boss.buttons["request"].isVisibleTo(boss)


def test_the_form_checks_the_cccd_as_one_types(qtbot: QtBot, installed: Installed) -> None:
    dialog = RequestDialog(None, "t", installed.centre.discharge.check, None)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.widgets["family_id_number"]
    dialog.pages.setCurrentIndex(1)
    field.setFocus()
    qtbot.keyClicks(field, "01234ab56")
    assert field.text() == "0123456"  # type: ignore[attr-defined]  # letters never get in
    dialog.check_now()
    assert "exactly 12 digits" in dialog.errors._labels["family_id_number"].text()
    qtbot.keyClicks(field, "78901")
    dialog.check_now()
    assert dialog.errors._labels["family_id_number"].isHidden()
