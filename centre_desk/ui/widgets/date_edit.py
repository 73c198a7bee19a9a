"""A date field typed straight through: dd/mm/yyyy (or dd/mm/yyyy hh:mm) in one line, one Tab stop.

Digits alone are enough ("12032011" shows 12/03/2011 as it is typed); F4 or Alt+Down opens a calendar (the
month is never changed by the key itself); leaving the field pads "1/3/2011" to 01/03/2011 and emits `left`
with "" or the reason the text is not a date ("02/2011 has only 28 days"), for the form to show under it.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from centre_desk.i18n import _, language
from centre_desk.ui.widgets.date_text import (
    DATE,
    DATE_TIME,
    BadDate,
    date_text,
    datetime_text,
    finish,
    read_date,
    read_datetime,
    shape,
)


@functools.cache
def calendar_icon() -> QIcon:
    """A small calendar drawn once (no image file to ship)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#5f6368"))
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(4 + 3 * column, 8 + 3 * row, 2, 2), QColor("#5f6368"))
    painter.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """The calendar under a date field: arrows move the day, PgUp/PgDn the month, Enter chooses, Esc closes."""

    chosen = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(language()))  # month and day names in the program's language
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._choose)
        self.calendar.clicked.connect(self._choose)

    def _choose(self, day: QDate) -> None:
        self.hide()
        self.chosen.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def show_under(self, field: QWidget, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.adjustSize()
        where = field.mapToGlobal(QPoint(0, field.height()))
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            if where.y() + self.height() > room.bottom():
                where.setY(field.mapToGlobal(QPoint(0, 0)).y() - self.height())
            where.setX(max(room.left(), min(where.x(), room.right() - self.width())))
        self.move(where)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)


class DateEdit(QLineEdit):
    """A date (or, with `with_time`, a date and a time) typed as text; empty is allowed unless `required`."""

    left = Signal(str)  # the field was left: "" when its text is acceptable, else the message to show

    def __init__(self, parent: QWidget | None = None, *, with_time: bool = False, required: bool = False) -> None:
        super().__init__(parent)
        self._layout = DATE_TIME if with_time else DATE
        self._required = required
        self._popup: CalendarPopup | None = None
        self.setPlaceholderText(_("dd/mm/yyyy hh:mm") if with_time else _("dd/mm/yyyy"))
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9/.\-: ]*"), self))
        self.setMaxLength(self._layout.width + 4)
        self._button = self.addAction(calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self._button.setToolTip(_("Calendar (F4 or Alt+Down)"))
        self._button.triggered.connect(self.open_calendar)
        self.setToolTip(_("Type the digits only, e.g. 12032011; F4 or Alt+Down opens the calendar."))
        sample = "00/00/0000 00:00" if with_time else "00/00/0000"
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(sample) + 52)
        self.textEdited.connect(self._reshape)

    # -- typing -----------------------------------------------------------------------------------------------------

    def _reshape(self, text: str) -> None:
        shaped = shape(text, self._layout)
        if shaped == text:
            return
        cursor = self.cursorPosition()
        at_end = cursor >= len(text)
        digits = sum(ch.isdigit() for ch in text[:cursor])
        self.setText(shaped)
        if at_end:
            self.setCursorPosition(len(shaped))
            return
        seen = 0
        for position, ch in enumerate(shaped):
            if seen == digits:
                self.setCursorPosition(position)
                return
            seen += ch.isdigit()
        self.setCursorPosition(len(shaped))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if event.key() == Qt.Key.Key_F4 or alt_down:
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason or self.isReadOnly():
            return
        finished = finish(self.text(), self._layout)
        if finished != self.text():
            self.setText(finished)
        self.left.emit(self.problem())

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self._button.setVisible(not read_only)

    # -- the value --------------------------------------------------------------------------------------------------

    def problem(self) -> str:
        """Why the text is not acceptable ("" when it is)."""
        if self._required and not self.text().strip():
            return _("Please fill in the date.")
        try:
            read_datetime(self.text()) if self._layout is DATE_TIME else read_date(self.text())
        except BadDate as exc:
            return exc.message
        return ""

    def value(self) -> date | None:
        """The date typed (the day of a date and time); None when empty or not a date."""
        return self._day()

    def _day(self) -> date | None:
        try:
            if self._layout is DATE_TIME:
                moment = read_datetime(self.text())
                return None if moment is None else moment.date()
            return read_date(self.text())
        except BadDate:
            return None

    def moment(self) -> datetime | None:
        """The naive local date and time typed (date-and-time fields); None when empty or not valid."""
        try:
            return read_datetime(self.text())
        except BadDate:
            return None

    def set_value(self, value: date | datetime | None) -> None:
        if isinstance(value, datetime):
            self.setText(datetime_text(value) if self._layout is DATE_TIME else date_text(value.date()))
        else:
            self.setText(date_text(value) if self._layout is DATE else (f"{date_text(value)} 00:00" if value else ""))

    # -- the calendar -----------------------------------------------------------------------------------------------

    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.chosen.connect(self._on_chosen)
        self._popup.show_under(self, self._day() or date.today())

    def _on_chosen(self, day: QDate) -> None:
        chosen = date(day.year(), day.month(), day.day())
        if self._layout is DATE_TIME:
            moment = self.moment() or datetime.now().replace(second=0, microsecond=0)
            text = datetime_text(datetime.combine(chosen, moment.time()))
        else:
            text = date_text(chosen)
        self.setText(text)
        self.textEdited.emit(text)  # chosen by the user: counts as typed
        self.setFocus(Qt.FocusReason.PopupFocusReason)
