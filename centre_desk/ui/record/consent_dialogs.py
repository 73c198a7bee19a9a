"""Dialogs of the consents list: record a consent, withdraw one (each dated)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import ConsentInput
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.record.fields import KeyCombo
from centre_desk.ui.widgets.date_edit import DateEdit


def _date_edit(value: date) -> DateEdit:
    edit = DateEdit(required=True)  # the service refuses a date in the future, naming the field
    edit.set_value(value)
    return edit


def _day(edit: DateEdit, field: str) -> date:
    """The date typed; ValidationError naming `field` when it is empty or not a date."""
    value = edit.value()
    if value is None:
        raise ValidationError(field, edit.problem() or _("Please fill in the date."))
    return value


class _SubmittingDialog(QDialog):
    """OK calls `submit`; a refused value stays in the dialog with the message beside the field."""

    def __init__(self, parent: QWidget | None, submit: Callable[..., object] | None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _try(self, value: Callable[[], object]) -> object | None:
        """The value read and accepted by `submit`, or None with the problem shown beside its field."""
        self.errors.clear()
        try:
            read = value()
        except ValidationError as exc:
            self.errors.show(exc)
            return None
        return read if self._submitted(read) else None

    def _submitted(self, value: object) -> bool:
        if self._submit is None:
            return True
        try:
            self._submit(value)
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return False
        return True


class AddConsentDialog(_SubmittingDialog):
    def __init__(self, parent: QWidget | None, submit: Callable[[ConsentInput], object] | None = None) -> None:
        super().__init__(parent, submit)
        self._accepted: ConsentInput | None = None
        self.setWindowTitle(_("Record a consent"))
        self.setMinimumWidth(560)
        self.kind = KeyCombo(terms.CONSENT_KINDS)
        self.given = QCheckBox(_("Consent given"))
        self.given.setChecked(True)
        self.given_on = _date_edit(date.today())
        self.given_by = QLineEdit()
        self.legal_basis = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Consent to:"), self.kind)
        form.addRow("", self.given)
        form.addRow(_("Date:"), self.errors.wrap("given_on", self.given_on))
        form.addRow(
            _("Given by:"), self.errors.wrap("given_by", self.given_by, _("The person, or the guardian's name."))
        )
        form.addRow(
            _("Legal basis:"),
            self.errors.wrap("legal_basis", self.legal_basis, _("Only when data is processed without consent.")),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_("A consent is dated and can be withdrawn later; it is never deleted.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, submit: Callable[[ConsentInput], object] | None = None) -> ConsentInput | None:
        dialog = cls(parent, submit)
        try:
            return dialog._accepted if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def value(self) -> ConsentInput:
        return ConsentInput(
            kind=terms.ConsentKind(self.kind.key()),
            given=self.given.isChecked(),
            given_on=_day(self.given_on, "given_on"),
            given_by=self.given_by.text(),
            legal_basis=self.legal_basis.text(),
        )

    def accept(self) -> None:
        value = self._try(self.value)
        if value is not None:
            self._accepted = value  # type: ignore[assignment]
            super().accept()


class WithdrawConsentDialog(_SubmittingDialog):
    def __init__(
        self, parent: QWidget | None, what: str, given_on: date, submit: Callable[[date], object] | None = None
    ) -> None:
        super().__init__(parent, submit)
        self._accepted: date | None = None
        self.setWindowTitle(_("Withdraw a consent"))
        self.setMinimumWidth(480)
        self.on = _date_edit(date.today())
        form = QFormLayout()
        form.addRow(_("Consent to:"), hint_label(what))
        form.addRow(_("Withdrawn on:"), self.errors.wrap("withdrawn_on", self.on))
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(_("The consent stays in the record with the date of withdrawal. A photo is removed at once."))
        )
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, what: str, given_on: date, submit: Callable[[date], object] | None = None
    ) -> date | None:
        dialog = cls(parent, what, given_on, submit)
        try:
            return dialog._accepted if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def value(self) -> date:
        return _day(self.on, "withdrawn_on")

    def accept(self) -> None:
        value = self._try(self.value)
        if value is not None:
            self._accepted = value  # type: ignore[assignment]
            super().accept()
