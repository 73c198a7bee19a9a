"""A "from date / to date" filter made of two shared date fields (typed dd/mm/yyyy straight through).

An empty field sets no bound. A date that does not exist, or dates the wrong way round, are told in `error` (a
label the page places under the range) as soon as a field is left, and again with the focus on the field to
correct when the page asks for the range's value. Enter in either field emits `submitted`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from centre_desk.i18n import _
from centre_desk.ui.widgets.date_edit import DateEdit

ERROR_STYLE = "color: #8b0000;"


def _plain(label: str) -> str:
    """A label as read in a sentence: no access key, no colon."""
    return label.replace("&", "").rstrip(": ")


class DateRange(QWidget):
    """Labelled date fields `from_edit` / `to_edit`; `error` is a label to place under it."""

    submitted = Signal()  # Enter in one of the date fields

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_edit = DateEdit()
        self.from_edit.setObjectName("dateFrom")
        self.to_edit = DateEdit()
        self.to_edit.setObjectName("dateTo")
        self.from_label = QLabel(_("From &date:"))
        self.to_label = QLabel(_("T&o date:"))
        self.error = QLabel()
        self.error.setObjectName("filterError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, edit in ((self.from_label, self.from_edit), (self.to_label, self.to_edit)):
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
            layout.addSpacing(12)
            edit.left.connect(self._on_left)
            edit.returnPressed.connect(self.submitted)
        layout.addStretch(1)

    def _problem(self) -> tuple[str, DateEdit | None]:
        """What is wrong with the range ("" when nothing) and the field to correct."""
        for label, edit in ((self.from_label, self.from_edit), (self.to_label, self.to_edit)):
            problem = edit.problem()
            if problem:
                return _("{field}: {problem}").format(field=_plain(label.text()), problem=problem), edit
        start, end = self.from_edit.value(), self.to_edit.value()
        if start and end and start > end:
            return _("The start date is after the end date."), self.from_edit
        return "", None

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _on_left(self, _problem: str) -> None:
        self._show(self._problem()[0])

    def value(self) -> tuple[date | None, date | None] | None:
        """(from, to), each None when empty; None (the note shown, the field to correct focused) when wrong."""
        message, wrong = self._problem()
        self._show(message)
        if wrong is not None:
            wrong.setFocus()
            wrong.selectAll()
            return None
        return self.from_edit.value(), self.to_edit.value()

    def set_value(self, start: date | None, end: date | None) -> None:
        self.from_edit.set_value(start)
        self.to_edit.set_value(end)
        self._show("")

    def clear(self) -> None:
        self.set_value(None, None)
