"""The Administration tab "Public holidays" with pytest-qt, keyboard only: the year chosen by typing, a day off added
with Insert (the dialog typed through), a shipped day removed with Delete and a reason, a correction taken back; a
refused correction keeps the dialog open with its messages; only the manager sees the buttons."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.workdays import calendar_of
from centre_desk.ui.administration.holidays import page as page_module
from centre_desk.ui.administration.holidays.day_dialog import DayDialog
from centre_desk.ui.administration.holidays.page import HolidaysPage
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.ui.admissions.keys import press, type_text

pytestmark = [pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True), pytest.mark.usefixtures("english")]


def _page(qtbot: QtBot, installed: Installed, actor: Actor) -> HolidaysPage:
    page = HolidaysPage(installed.centre.holidays, actor, AppEvents(), today=date(2026, 12, 7))
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def _focus_table(qtbot: QtBot, page: HolidaysPage) -> None:
    """The offscreen platform does not hand activation back to the page when a dialog closes."""
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()


def _names(page: HolidaysPage) -> dict[date, tuple[str, str]]:
    return {d.day: (d.status, d.name) for d in page.model.rows()}


def _type_in_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, day: str, note: str) -> list[DayDialog]:
    """The dialog typed through from the keyboard: the day (if given), Tab, Tab to the reason, Enter."""
    seen: list[DayDialog] = []

    def typed(dialog: DayDialog) -> int:
        seen.append(dialog)
        dialog.open()  # window-modal, as exec() would be
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.day.setFocus()
        if day:
            dialog.day.selectAll()
            type_text(qtbot, day)
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.note
        type_text(qtbot, note)
        press(qtbot, Qt.Key.Key_Return)
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", typed)
    return seen


def test_the_year_and_its_named_days(qtbot: QtBot, installed: Installed) -> None:
    page = _page(qtbot, installed, installed.manager)
    assert page.year.value() == 2026 and date(2026, 2, 16) in _names(page)
    page.year.setFocus()
    page.year.selectAll()
    qtbot.keyClicks(page.year, "2027")
    names = _names(page)
    assert names[date(2027, 2, 8)] == ("off", "Lunar New Year (Tết)") and len(names) == 11
    assert "Labour Code's rule" in page.source.text() and "250 working days" in page.source.text()


def test_a_day_added_removed_and_taken_back_from_the_keyboard(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, installed, installed.manager)
    page.year.setValue(2027)
    seen = _type_in_dialog(qtbot, monkeypatch, "12022027", "Nghỉ bù Tết theo Thông báo số 01/TB-BNV")
    _focus_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Insert)
    assert seen and _names(page)[date(2027, 2, 12)] == ("off", "Nghỉ bù Tết theo Thông báo số 01/TB-BNV")
    assert "Friday 12/02/2027: an ordinary day" in seen[0].shipped.text()
    with installed.centre.sessions() as s:
        assert not calendar_of(s).working(date(2027, 2, 12))
    # a shipped day off removed: Delete opens the dialog on it as an ordinary day, with a reason
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == "05/02/2027")
    _focus_table(qtbot, page)
    page.table.selectRow(row)
    seen = _type_in_dialog(qtbot, monkeypatch, "", "Chính phủ không cho nghỉ ngày 29 Tết")
    press(qtbot, Qt.Key.Key_Delete)
    assert seen[0].change.currentData() == "normal" and _names(page)[date(2027, 2, 5)][0] == "normal"
    # Delete on a correction takes it back, once confirmed
    monkeypatch.setattr(page_module, "confirm_take_back", lambda _parent, _day: True)
    _focus_table(qtbot, page)
    page.table.selectRow(row)
    press(qtbot, Qt.Key.Key_Delete)
    assert _names(page)[date(2027, 2, 5)] == ("off", "Lunar New Year (Tết)")


def test_a_refused_correction_stays_open(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, installed, installed.manager)
    seen = _type_in_dialog(qtbot, monkeypatch, "06022027", "")
    page.work_button.click()  # a Saturday worked: but the dialog is changed to a day off on a Saturday, no reason
    dialog = seen[0]
    assert dialog.result() == 0 and dialog.errors.message("note") and dialog.errors.message("day") == ""
    dialog.change.setCurrentIndex(0)
    dialog.accept()
    assert "not worked anyway" in dialog.errors.message("day")


def test_only_the_manager_edits(qtbot: QtBot, installed: Installed) -> None:
    nurse = staff(installed, Role.NURSE)
    page = _page(qtbot, installed, nurse)
    assert page.model.rowCount() and not page.off_button.isVisibleTo(page)
    assert not nurse.can(Action.ADMINISTER, FieldGroup.DISCHARGE)  # pages.build_pages: no "Public holidays" tab
