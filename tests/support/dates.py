"""Typing into the shared date field as a user does: what it holds selected, then the digits alone."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from centre_desk.ui.widgets.date_edit import DateEdit


def type_date(qtbot: QtBot, edit: DateEdit, day: date | str | None) -> None:
    """Ctrl+A, then the day as ddmmyyyy (or the text given; None empties the field with Backspace)."""
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if day is None or day == "":
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        return
    qtbot.keyClicks(edit, f"{day:%d%m%Y}" if isinstance(day, date) else day)
