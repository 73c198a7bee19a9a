"""The two dialogs of the Support payments page: a new rate (the manager), and the list as signed (the day and who
paid). Both send their value to the service on OK and stay open with the messages under the fields when refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.services.entries.fields import Choices
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import RateInput
from centre_desk.ui.administration.users.form_parts import FieldErrors
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window


def _row(form: QFormLayout, errors: FieldErrors, text: str, name: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setObjectName(name)
    form.addRow(label, errors.wrap(name, widget))


def _combo(choices: Choices) -> QComboBox:
    combo = QComboBox()
    for code, text in choices:
        combo.addItem(_(text), code)
    return combo


HINT = N_(
    "A rate applies to the payments dated from that day on; the payments before it keep the rate they were made "
    "with. A rate entered by mistake is replaced by entering the right one."
)


class RateDialog(SubmitDialog[RateInput]):
    """A new rate: the support, the amount in đồng and its unit, from which day, and the legal text it comes from."""

    def __init__(self, parent: QWidget | None, submit: Callable[[RateInput], object] | None) -> None:
        super().__init__(parent, submit)
        self.setWindowTitle(_("New rate of support"))
        self.category = _combo(tuple((c, f"{terms.letter(c)}) {_(t)}") for c, t in terms.CATEGORIES))
        self.amount = QLineEdit()
        self.amount.setValidator(QIntValidator(1, 1_000_000_000, self))
        self.amount.setPlaceholderText(_("whole đồng, e.g. 40000"))
        self.unit = _combo(terms.UNITS)
        self.effective_from = DateEdit(required=True)
        self.source = QLineEdit()
        self.source.setMaxLength(300)
        self.source.setPlaceholderText(_("e.g. Nghị quyết số …/2025/NQ-HĐND tỉnh Lai Châu"))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        form = QFormLayout()
        for text, name, widget in (
            (_("&Support:"), "category", self.category), (_("&Amount (đ):"), "amount", self.amount),
            (_("&Unit:"), "unit", self.unit), (_("In force &from:"), "effective_from", self.effective_from),
            (_("&Legal source:"), "source", self.source), (_("&Note:"), "note", self.note),
        ):  # fmt: skip
            _row(form, self.errors, text, name, widget)
        hint = QLabel(_(HINT))
        hint.setWordWrap(True)
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(600, 360))

    def value(self) -> RateInput:
        day = self.effective_from.value()
        if day is None:
            raise ValidationError("effective_from", self.effective_from.problem() or _("Please fill in this field."))
        text = self.amount.text().replace(".", "").strip()
        return RateInput(str(self.category.currentData()), int(text) if text.isdigit() else 0,
                         str(self.unit.currentData()), day, self.source.text(), self.note.text())  # fmt: skip


class SignedDialog(SubmitDialog[tuple[date, str]]):
    """The payment list as signed: the day the money was handed over and who handed it over."""

    def __init__(self, parent: QWidget | None, day: date, paid_by: str, summary: str,
                 submit: Callable[[tuple[date, str]], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(_("Record the signed list"))
        what = QLabel(summary)
        what.setWordWrap(True)
        self.signed_on = DateEdit(required=True)
        self.signed_on.set_value(day)
        self.paid_by = QLineEdit(paid_by)
        self.paid_by.setMaxLength(200)
        form = QFormLayout()
        _row(form, self.errors, _("Signed and paid &on:"), "signed_on", self.signed_on)
        _row(form, self.errors, _("Paid &by:"), "paid_by", self.paid_by)
        self.buttons = confirm_buttons(self, _("&Record the list"))
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(520, 220))

    def value(self) -> tuple[date, str]:
        day = self.signed_on.value()
        if day is None:
            raise ValidationError("signed_on", self.signed_on.problem() or _("Please fill in this field."))
        return day, self.paid_by.text()
