"""The dialog that corrects one day of the holiday calendar: the day, what it becomes (a weekday off, a Saturday or
Sunday worked in exchange, a shipped day taken back) and why. Under the day, what the shipped calendar makes of it;
OK sends the correction to the service and stays open with the messages under the fields when refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.models.calendar import DayChange
from centre_desk.services.holidays.service import NOTE_WIDTH, shipped_status
from centre_desk.services.workdays import SATURDAY
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))  # fmt: skip
CHANGES = (
    (DayChange.OFF, N_("A day off (a weekday not worked)")),
    (DayChange.WORK, N_("Worked in exchange (a Saturday or a Sunday)")),
    (DayChange.NORMAL, N_("An ordinary day (take a shipped day off back)")),
)
SHIPPED = {
    DayChange.OFF: N_("{weekday} {day}: a day off in the shipped calendar."),
    DayChange.WORK: N_("{weekday} {day}: worked in exchange in the shipped calendar."),
    DayChange.NORMAL: N_("{weekday} {day}: an ordinary day in the shipped calendar."),
}
WEEKEND = N_("{weekday} {day}: a weekend day, not worked in the shipped calendar.")

Correction = tuple[date, str, str]  # the day, its DayChange, the reason


def weekday_name(day: date) -> str:
    return _(WEEKDAYS[day.weekday()])


class DayDialog(SubmitDialog[Correction]):
    """One day corrected; `day` and `change` preset (the page's button or the selected row)."""

    def __init__(self, parent: QWidget | None, day: date, change: str, note: str,
                 submit: Callable[[Correction], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(_("Correct a day of the holiday calendar"))
        self.day = DateEdit(required=True)
        self.day.set_value(day)
        self.shipped = QLabel()
        self.shipped.setObjectName("shippedDay")
        self.change = QComboBox()
        for code, text in CHANGES:
            self.change.addItem(_(text), str(code))
        self.change.setCurrentIndex(max(0, self.change.findData(change)))
        self.note = QLineEdit(note)
        self.note.setMaxLength(NOTE_WIDTH)
        self.note.setPlaceholderText(_("e.g. Nghỉ bù Tết theo Thông báo số …/TB-BNV"))
        form = QFormLayout()
        for text, name, widget in ((_("&Day:"), "day", self.day), (_("&Becomes:"), "change", self.change),
                                   (_("&Reason or name:"), "note", self.note)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setObjectName(name)
            form.addRow(label, self.errors.wrap(name, widget))
            if name == "day":
                form.addRow("", self.shipped)
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.day.textChanged.connect(self._on_day_text_changed)
        self._on_day_text_changed()
        fit_window(self, QSize(620, 240))

    def _on_day_text_changed(self, *_args: object) -> None:
        day = self.day.value()
        if day is None:
            self.shipped.setText("")
            return
        status = DayChange(shipped_status(day))
        text = WEEKEND if status == DayChange.NORMAL and day.weekday() >= SATURDAY else SHIPPED[status]
        self.shipped.setText(_(text).format(weekday=weekday_name(day), day=format_date(day)))

    def value(self) -> Correction:
        day = self.day.value()
        if day is None:
            raise ValidationError("day", self.day.problem() or _("Please fill in this field."))
        return day, str(self.change.currentData()), self.note.text()
