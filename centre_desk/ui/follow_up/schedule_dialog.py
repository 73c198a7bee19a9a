"""Her own follow-up schedule (months after discharge, or dates, with the reason), or the centre's default months
(the manager). Every problem the service finds is shown under its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_date, parse_date
from centre_desk.i18n import _
from centre_desk.services.follow_up.dto import Schedule, ScheduleInput
from centre_desk.services.follow_up.schedule import months_text, parse_months
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window


def read_dates(text: str) -> tuple[date, ...]:
    """ "10/01/2027, 10/03/2027" → the dates; ValidationError("dates") naming the first it cannot read."""
    found = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if part.strip():
            day = parse_date(part)
            if day is None:
                raise ValidationError("dates", _("Type the dates as dd/mm/yyyy, separated by commas."))
            found.append(day)
    return tuple(found)


class ScheduleDialog(SubmitDialog[ScheduleInput]):
    """`schedule` None: the centre's default months (no dates, no reason)."""

    def __init__(self, parent: QWidget | None, schedule: Schedule | None, default: tuple[int, ...],
                 submit: Callable[[ScheduleInput], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.for_case = schedule is not None
        self.setWindowTitle(_("Her follow-up schedule") if self.for_case else _("Default follow-up schedule"))
        months = schedule.months if schedule is not None and schedule.own else default
        self.months = QLineEdit(months_text(months) if schedule is None or not schedule.dates else "")
        self.months.setPlaceholderText(_("e.g. 1 3 6 12"))
        self.dates = QLineEdit(", ".join(format_date(d) for d in schedule.dates) if schedule is not None else "")
        self.dates.setPlaceholderText(_("e.g. 15/01/2027, 15/04/2027"))
        self.reason = QLineEdit(schedule.reason if schedule is not None else "")
        self.reason.setMaxLength(500)
        form = QFormLayout()
        form.addRow(_("&Months after discharge:"), self.errors.wrap("months", self.months))
        if self.for_case:
            form.addRow(_("&Or these dates:"), self.errors.wrap("dates", self.dates))
            form.addRow(_("R&eason for her own schedule:"), self.errors.wrap("reason", self.reason))
        note = QLabel(_("Leave both empty to follow the centre's default ({months} months after discharge).")
                      .format(months=", ".join(str(m) for m in default)) if self.for_case
                      else _("Every case follows these months after discharge unless it has its own."))  # fmt: skip
        note.setWordWrap(True)
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(560, 260), "followUpScheduleDialog")
        self.months.setFocus()

    def value(self) -> ScheduleInput:
        dates = read_dates(self.dates.text()) if self.for_case else ()
        text = self.months.text().strip()
        months = parse_months(text) if text and not dates else ()
        if not self.for_case and not months:
            raise ValidationError("months", _("Type whole months after discharge, e.g. 1 3 6 12."))
        return ScheduleInput(months, dates, self.reason.text())

    @classmethod
    def ask(cls, parent: QWidget | None, schedule: Schedule | None, default: tuple[int, ...],
            submit: Callable[[ScheduleInput], object]) -> object | None:  # fmt: skip
        """What the service returned, or None when cancelled."""
        dialog = cls(parent, schedule, default, submit)
        return dialog.outcome if dialog.exec() else None
