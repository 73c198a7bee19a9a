"""A "from date / to date" filter: each end switched on by its check box, dates shown dd/mm/yyyy, and a note
when the dates are the wrong way round."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from centre_desk.i18n import _

DATE_FORMAT = "dd/MM/yyyy"
ERROR_STYLE = "color: #8b0000;"


def _date_edit(initial: QDate) -> QDateEdit:
    edit = QDateEdit(initial)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setEnabled(False)
    edit.setMinimumWidth(120)
    return edit


class DateRange(QWidget):
    """Check boxes `from_check` / `to_check` with their date edits; `error` is a label to place near it."""

    def __init__(self, from_text: str, to_text: str, start: QDate, end: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_check = QCheckBox(from_text)
        self.from_edit = _date_edit(start)
        self.to_check = QCheckBox(to_text)
        self.to_edit = _date_edit(end)
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.error = QLabel()
        self.error.setObjectName("filterError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            layout.addWidget(widget)
        layout.addStretch(1)

    def value(self) -> tuple[date | None, date | None] | None:
        """(from, to), each None when switched off; None (and the note shown) when from is after to."""
        start = self.from_edit.date().toPython() if self.from_check.isChecked() else None
        end = self.to_edit.date().toPython() if self.to_check.isChecked() else None
        assert start is None or isinstance(start, date)
        assert end is None or isinstance(end, date)
        if start and end and start > end:
            self.error.setText(_("The start date is after the end date."))
            self.error.show()
            self.from_edit.setFocus()
            return None
        self.error.hide()
        return start, end

    def clear(self) -> None:
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.error.hide()
