"""A course of the catalogue added or changed by the manager: the trade, the level, its length and cost (đồng, typed
with or without dots), the provider and its contact. Every problem the service finds is shown under its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.services.schooling.dto import CourseInput, CourseRow
from centre_desk.services.schooling.terms import COURSE_LEVELS
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

NUMBERS = {"months": 60, "hours": 5000, "cost": 1_000_000_000}


def read_number(name: str, text: str) -> int | None:
    """ "3.600.000" or "3600000 đ" → 3600000; "" → None."""
    digits = text.replace(".", "").replace(" ", "").removesuffix("đ")
    if not digits:
        return None
    if not digits.isdigit():
        raise ValidationError(name, _("Digits only, e.g. 3.600.000."))
    return int(digits)


def show_number(value: int | None) -> str:
    return "" if value is None else format_number(value)


class CourseDialog(SubmitDialog[CourseInput]):
    def __init__(self, parent: QWidget | None, course: CourseRow | None,
                 submit: Callable[[CourseInput], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(_("New vocational course") if course is None else _("Change the vocational course"))
        data = course.as_input() if course is not None else CourseInput("", "elementary", "")
        self.trade = QLineEdit(data.trade)
        self.trade.setMaxLength(200)
        self.trade.setPlaceholderText(_("e.g. May công nghiệp"))
        self.level = QComboBox()
        for code, text in COURSE_LEVELS:
            self.level.addItem(_(text), code)
        self.level.setCurrentIndex(max(0, self.level.findData(data.level)))
        self.numbers = {name: QLineEdit(show_number(getattr(data, name))) for name in NUMBERS}
        self.provider = QLineEdit(data.provider)
        self.provider.setMaxLength(200)
        self.provider.setPlaceholderText(
            _("e.g. Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Tam Đường")
        )
        self.contact = QLineEdit(data.provider_contact)
        self.contact.setMaxLength(200)
        self.note = QLineEdit(data.note)
        self.note.setMaxLength(500)
        form = QFormLayout()
        form.addRow(_("&Trade:"), self.errors.wrap("trade", self.trade))
        form.addRow(_("&Level:"), self.errors.wrap("level", self.level))
        form.addRow(_("&Months:"), self.errors.wrap("months", self.numbers["months"]))
        form.addRow(_("&Hours:"), self.errors.wrap("hours", self.numbers["hours"]))
        form.addRow(_("C&ost (đồng):"), self.errors.wrap("cost", self.numbers["cost"], _("For the whole course.")))
        form.addRow(_("T&raining institution:"), self.errors.wrap("provider", self.provider))
        form.addRow(_("Institution's co&ntact:"), self.errors.wrap("provider_contact", self.contact))
        form.addRow(_("Not&e:"), self.errors.wrap("note", self.note))
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(640, 420), "courseDialog")
        self.trade.setFocus()

    def value(self) -> CourseInput:
        numbers: dict[str, int | None] = {}
        problems: list[tuple[str, str]] = []
        for name, edit in self.numbers.items():
            try:
                numbers[name] = read_number(name, edit.text())
            except ValidationError as exc:
                problems.append((exc.field, exc.message))
        if problems:
            raise ValidationErrors(problems)
        return CourseInput(self.trade.text(), str(self.level.currentData()), self.provider.text(),
                           provider_contact=self.contact.text(), note=self.note.text(), **numbers)  # fmt: skip

    @classmethod
    def ask(cls, parent: QWidget | None, course: CourseRow | None,
            submit: Callable[[CourseInput], object]) -> object | None:  # fmt: skip
        """What the service returned (the CourseRow saved), or None when cancelled."""
        dialog = cls(parent, course, submit)
        return dialog.outcome if dialog.exec() else None
