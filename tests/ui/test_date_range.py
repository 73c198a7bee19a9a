"""Issue 8, one date field everywhere: the from/to filter is two shared date fields, by keyboard; no Qt date
spin box is left in the program."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

import centre_desk.ui
from centre_desk import i18n
from centre_desk.ui.widgets.date_range import DateRange
from tests.support.dates import type_date
from tests.ui.admissions.keys import press, type_text

QT_DATE_SPIN = re.compile(r"\bQ(?:Date|DateTime|Time)Edit\b")


def test_no_qt_date_spin_box_is_left_in_the_ui() -> None:
    """QDateEdit walks its day/month/year sections with Tab and changes the month with Alt+Down: the program's
    dates are typed in the shared DateEdit instead."""
    sources = sorted(Path(centre_desk.ui.__file__).parent.rglob("*.py"))
    assert len(sources) > 50
    found = [
        f"{path.relative_to(Path(centre_desk.ui.__file__).parent)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if QT_DATE_SPIN.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    previous = i18n.language()
    i18n.install("vi")
    try:
        yield
    finally:
        i18n.install(previous)


def shown_range(qtbot: QtBot) -> tuple[QWidget, DateRange, QLineEdit]:
    """A range between two line edits, in an active window, the focus in the first line edit."""
    window = QWidget()
    qtbot.addWidget(window)
    before, dates, after = QLineEdit(), DateRange(), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (before, dates, dates.error, after):
        layout.addWidget(widget)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    before.setFocus()
    return window, dates, after


def test_typed_straight_through_with_one_tab_stop_each(qtbot: QtBot) -> None:
    _window, dates, after = shown_range(qtbot)
    assert dates.value() == (None, None)  # empty fields: no bound
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dates.from_edit
    type_text(qtbot, "01032026")  # the digits alone
    assert dates.from_edit.text() == "01/03/2026"
    press(qtbot, Qt.Key.Key_Tab)  # the whole date is one stop
    assert QApplication.focusWidget() is dates.to_edit
    type_text(qtbot, "1/4/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert dates.to_edit.text() == "01/04/2026"  # padded when left
    assert dates.value() == (date(2026, 3, 1), date(2026, 4, 1)) and dates.error.isHidden()


@pytest.mark.usefixtures("vietnamese")
def test_mistakes_are_told_under_the_range(qtbot: QtBot) -> None:
    _window, dates, after = shown_range(qtbot)
    type_date(qtbot, dates.to_edit, "29022025")
    dates.to_edit.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # said as soon as the field is left, the focus goes on
    assert QApplication.focusWidget() is after
    assert dates.error.isVisible() and dates.error.text() == "Tới ngày: Tháng 02/2025 chỉ có 28 ngày."
    assert dates.value() is None and QApplication.focusWidget() is dates.to_edit  # asked: the field to correct
    assert dates.to_edit.selectedText() == "29/02/2025"

    type_date(qtbot, dates.to_edit, "28022025")
    type_date(qtbot, dates.from_edit, "01032025")
    assert dates.value() is None and QApplication.focusWidget() is dates.from_edit
    assert dates.error.text() == "“Từ ngày” đang sau “Tới ngày”: hãy sửa một trong hai ngày."
    type_date(qtbot, dates.from_edit, "0102")  # half typed
    press(qtbot, Qt.Key.Key_Tab)
    assert dates.error.text().startswith("Từ ngày: ") and dates.from_edit.text() == "01/02"

    type_date(qtbot, dates.from_edit, "01022025")
    dates.from_edit.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # corrected: the note goes when the field is left
    assert dates.error.isHidden() and dates.value() == (date(2025, 2, 1), date(2025, 2, 28))


def test_enter_submits_and_clear_empties(qtbot: QtBot) -> None:
    _window, dates, _after = shown_range(qtbot)
    type_date(qtbot, dates.from_edit, "05022026")
    with qtbot.waitSignal(dates.submitted, timeout=1000):
        qtbot.keyClick(dates.from_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(dates.submitted, timeout=1000):
        qtbot.keyClick(dates.to_edit, Qt.Key.Key_Enter)
    type_date(qtbot, dates.to_edit, "01012026")
    assert dates.value() is None and dates.error.isVisible()
    dates.clear()
    assert (dates.from_edit.text(), dates.to_edit.text()) == ("", "") and dates.error.isHidden()
    dates.set_value(date(2026, 1, 1), None)
    assert dates.from_edit.text() == "01/01/2026" and dates.value() == (date(2026, 1, 1), None)


def test_the_labels_lead_to_the_fields(qtbot: QtBot) -> None:
    _window, dates, _after = shown_range(qtbot)
    assert dates.from_label.buddy() is dates.from_edit and dates.to_label.buddy() is dates.to_edit
    assert "&" in dates.from_label.text() and "&" in dates.to_label.text()
