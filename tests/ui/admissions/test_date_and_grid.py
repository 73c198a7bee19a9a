"""Issue 8: the shared date field and the spreadsheet grid, by keyboard (and the date parser under Hypothesis)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.widgets.date_edit import CalendarPopup, DateEdit
from centre_desk.ui.widgets.date_text import (
    DATE,
    DATE_TIME,
    BadDate,
    date_text,
    finish,
    read_date,
    read_datetime,
    shape,
)
from centre_desk.ui.widgets.grid import Grid
from tests.conftest import Installed
from tests.ui.admissions.keys import press, type_text
from tests.ui.record.support import admit_readmitted_pupil

TAB, BACKTAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


# --- the parser (no Qt) ---------------------------------------------------------------------------------------------


@given(st.text(max_size=40))
def test_shaping_and_reading_never_crash(text: str) -> None:
    for layout in (DATE, DATE_TIME):
        shaped = shape(text, layout)
        assert shape(shaped, layout) == shaped  # typing on goes on from what is shown
        assert len(shaped) <= layout.width
        assert set(shaped) <= set("0123456789/ :")
        finish(text, layout)
    for read in (read_date, read_datetime):
        try:
            read(text)
        except BadDate as exc:
            assert exc.message


@given(st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999))
def test_exactly_the_real_dates_are_accepted(day: int, month: int, year: int) -> None:
    typed = f"{day:02d}{month:02d}{year:04d}"
    real = year >= 1 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    if real:
        assert read_date(typed) == date(year, month, day)
        assert read_date(shape(typed)) == date(year, month, day)
    else:
        with pytest.raises(BadDate):
            read_date(typed)


@given(st.dates(min_value=date(1, 1, 1)), st.integers(0, 23), st.integers(0, 59))
def test_every_date_reads_back(day: date, hour: int, minute: int) -> None:
    assert read_date(date_text(day)) == day
    typed = f"{date_text(day)} {hour:02d}:{minute:02d}".replace("/", "").replace(" ", "").replace(":", "")
    assert read_datetime(typed) == datetime(day.year, day.month, day.day, hour, minute)


@pytest.mark.parametrize(
    ("typed", "shown", "finished"),
    [
        ("12032011", "12/03/2011", "12/03/2011"),
        ("1203", "12/03", "12/03"),
        ("120", "12/0", "12/0"),
        ("12/", "12/", "12/"),
        ("1/3/2011", "1/3/2011", "01/03/2011"),
        ("1.3.2011", "1/3/2011", "01/03/2011"),
        ("12-03-2011", "12/03/2011", "12/03/2011"),
        ("120320119", "12/03/2011", "12/03/2011"),  # nothing after the year
        ("ab12c", "12", "12"),
    ],
)
def test_slashes_appear_as_the_digits_are_typed(typed: str, shown: str, finished: str) -> None:
    assert shape(typed) == shown
    assert finish(typed) == finished


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2011", "Tháng 02/2011 chỉ có 28 ngày."),
        ("29/02/2011", "Tháng 02/2011 chỉ có 28 ngày."),
        ("12/13/2011", "Không có tháng 13: tháng phải từ 01 đến 12."),
        ("00/01/2011", "Không có ngày 00."),
        ("12/03/11", "Vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/02/2026."),
    ],
)
def test_impossible_dates_say_why(typed: str, message: str) -> None:
    with pytest.raises(BadDate) as caught:
        read_date(typed)
    assert caught.value.message == message
    assert read_date("29/02/2012") == date(2012, 2, 29) and read_date("") is None


def test_a_time_must_exist_too() -> None:
    assert shape("120320111430", DATE_TIME) == "12/03/2011 14:30"
    assert read_datetime("12/03/2011 9:05") == datetime(2011, 3, 12, 9, 5)
    for typed in ("12/03/2011 24:00", "12/03/2011 12:60", "12/03/2011"):
        with pytest.raises(BadDate):
            read_datetime(typed)


# --- the date field ------------------------------------------------------------------------------------------------


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[tuple[QWidget, QLineEdit, DateEdit, DateEdit, Grid, QLineEdit]]:
    """A small form: a line, a date, a date and time, a grid, a line."""
    window = QWidget()
    layout = QVBoxLayout(window)
    before, day, moment = QLineEdit(), DateEdit(), DateEdit(with_time=True)
    grid = Grid([("item", "Item"), ("quantity", "Quantity"), ("condition", "Condition")], "Add", "Remove")
    after = QLineEdit()
    for widget in (before, day, moment, grid, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    before.setFocus()
    yield window, before, day, moment, grid, after


def test_date_typed_straight_through_leaves_with_one_tab(qtbot: QtBot, form: tuple) -> None:
    _window, _before, day, moment, _grid, _after = form
    left: list[str] = []
    day.left.connect(left.append)
    press(qtbot, TAB)
    assert QApplication.focusWidget() is day
    type_text(qtbot, "12032011")
    assert day.text() == "12/03/2011" and day.value() == date(2011, 3, 12)
    press(qtbot, TAB)
    assert QApplication.focusWidget() is moment and left == [""]
    type_text(qtbot, "120320111430")
    assert moment.text() == "12/03/2011 14:30" and moment.moment() == datetime(2011, 3, 12, 14, 30)
    press(qtbot, TAB)
    assert QApplication.focusWidget() is not moment


@pytest.mark.parametrize(("typed", "message"), [("31022011", "28 ngày"), ("12132011", "tháng 13")])
def test_impossible_date_is_refused_when_the_field_is_left(qtbot: QtBot, form: tuple, typed: str, message: str) -> None:
    _window, _before, day, _moment, _grid, _after = form
    left: list[str] = []
    day.left.connect(left.append)
    day.setFocus()
    type_text(qtbot, typed)
    assert left == []  # nothing said while typing
    press(qtbot, TAB)
    assert message in left[-1] and day.problem() == left[-1]
    assert day.value() is None and day.text() == shape(typed)  # kept as typed, to correct


def test_short_forms_are_padded_when_the_field_is_left(qtbot: QtBot, form: tuple) -> None:
    _window, _before, day, _moment, _grid, _after = form
    day.setFocus()
    type_text(qtbot, "1/3/2011")
    press(qtbot, TAB)
    assert day.text() == "01/03/2011"


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
                                               (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)])  # fmt: skip
def test_f4_or_alt_down_opens_the_calendar_on_the_typed_month(
    qtbot: QtBot, form: tuple, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    _window, _before, day, _moment, _grid, _after = form
    day.setFocus()
    type_text(qtbot, "12032011")
    press(qtbot, key, modifier)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, CalendarPopup)
    assert popup.calendar.locale().language() == QLocale.Language.Vietnamese  # "Tháng 3", "Thứ 2" …
    chosen = popup.calendar.selectedDate()
    assert (chosen.day(), chosen.month(), chosen.year()) == (12, 3, 2011)  # the key did not change the month
    assert day.text() == "12/03/2011"
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, ENTER)
    assert QApplication.activePopupWidget() is None
    assert day.text() == "13/03/2011"


# --- the grid ------------------------------------------------------------------------------------------------------


def test_grid_tab_moves_cell_to_cell_and_on_to_a_new_row(qtbot: QtBot, form: tuple) -> None:
    _window, _before, _day, moment, grid, after = form
    moment.setFocus()
    press(qtbot, TAB)
    assert QApplication.focusWidget() is grid.table and grid.model.rowCount() == 1
    for cell in ("Áo", "2", "cũ", "Nón", "1"):
        type_text(qtbot, cell)
        press(qtbot, TAB)
    current = grid.table.currentIndex()
    assert (current.row(), current.column()) == (1, 2)  # the last cell of row 2, not back to its first cell
    assert grid.rows() == [["Áo", "2", "cũ"], ["Nón", "1", ""]]
    press(qtbot, BACKTAB)
    press(qtbot, BACKTAB)
    type_text(qtbot, "Mũ")  # typing replaces the cell
    press(qtbot, ENTER)  # Enter confirms the cell and stays on it
    current = grid.table.currentIndex()
    assert grid.rows()[1][0] == "Mũ" and (current.row(), current.column()) == (1, 0)
    assert QApplication.focusWidget() is grid.table
    press(qtbot, TAB, CTRL)  # Ctrl+Tab leaves the grid at once
    assert QApplication.focusWidget() is after
    assert grid.rows() == [["Áo", "2", "cũ"], ["Mũ", "1", ""]]


def test_tab_on_an_empty_new_row_leaves_the_grid_and_drops_the_row(qtbot: QtBot, form: tuple) -> None:
    _window, _before, _day, moment, grid, after = form
    moment.setFocus()
    press(qtbot, TAB)
    for cell in ("Áo", "2", "cũ"):
        type_text(qtbot, cell)
        press(qtbot, TAB)
    assert grid.model.rowCount() == 2  # a new row to type the next item in
    press(qtbot, TAB)
    assert QApplication.focusWidget() is after and grid.rows() == [["Áo", "2", "cũ"]]
    press(qtbot, BACKTAB)  # back into the grid, on its last cell
    current = grid.table.currentIndex()
    assert QApplication.focusWidget() is grid.table and (current.row(), current.column()) == (0, 2)
    press(qtbot, Qt.Key.Key_Delete, CTRL)  # Ctrl+Delete removes the row
    assert grid.rows() == []


def test_grid_reports_the_cell_left(qtbot: QtBot, form: tuple) -> None:
    _window, _before, _day, moment, grid, _after = form
    left: list[tuple[int, int, str]] = []
    grid.table.cell_left.connect(lambda row, column: left.append((row, column, grid.rows()[row][column])))
    moment.setFocus()
    press(qtbot, TAB)
    type_text(qtbot, "Áo")
    press(qtbot, TAB)
    type_text(qtbot, "3 bộ")
    press(qtbot, TAB)
    assert left == [(0, 0, "Áo"), (0, 1, "3 bộ")]  # each after its text was committed


# --- the same field in the record window ----------------------------------------------------------------------------


def test_record_forms_refuse_an_impossible_date_instead_of_saving_none(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kw: pytest.fail(f"a message box: {args[1:3]}"))
    admitted = admit_readmitted_pupil(installed.centre, installed.manager)
    window = RecordWindow(installed.centre.residents, installed.manager, AppEvents(), admitted.resident_id)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.stay_tab)
    window.stay_tab.edit_button.click()
    form = window.stay_form
    assert isinstance(form.left_home_on, DateEdit) and isinstance(form.arrived_at, DateEdit)
    assert form.arrived_at.text().count("/") == 2 and ":" in form.arrived_at.text()  # one field, date and time
    form.left_home_on.selectAll()
    qtbot.keyClicks(form.left_home_on, "31022011")  # (the main window is not activated offscreen: keys go to it)
    assert form.left_home_on.text() == "31/02/2011"
    QApplication.sendEvent(form.left_home_on, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    assert form.errors.message("left_home_on") == "Tháng 02/2011 chỉ có 28 ngày."  # said when the field is left
    stored = installed.centre.residents.record(installed.manager, admitted.resident_id).stay.left_home_on
    window.stay_tab.save_button.click()
    assert window.editing and form.errors.message("left_home_on") == "Tháng 02/2011 chỉ có 28 ngày."
    assert installed.centre.residents.record(installed.manager, admitted.resident_id).stay.left_home_on == stored
    form.left_home_on.set_value(stored)
    window.stay_tab.cancel_button.click()
    assert not window.editing
