"""A new version of the centre's details, valid from a chosen day (e.g. a renamed parent agency)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.services.settings import CentreDetails
from centre_desk.ui.administration.centre_settings.details_form import CentreDetailsForm
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label

SubmitDetails = Callable[[CentreDetails], object]


class NewVersionDialog(QDialog):
    """Starts from `base` (the selected version) with today's date; closes when `submit` accepts."""

    def __init__(self, parent: QWidget | None, base: CentreDetails | None, submit: SubmitDetails | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._accepted: CentreDetails | None = None
        self.setWindowTitle(_("New version of the centre's details"))
        self.setMinimumWidth(620)
        self.general_error = error_label("generalError")
        self.form = CentreDetailsForm(FieldErrors(self.general_error))
        if base is not None:
            self.form.load(base)
        self.form.set_effective_from(date.today())
        intro = hint_label(
            _(
                "Choose the day from which the new details apply and change what is different. "
                "Documents dated before that day keep printing the previous details."
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.form.date_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, base: CentreDetails | None, submit: SubmitDetails | None = None
    ) -> CentreDetails | None:
        dialog = cls(parent, base, submit)
        try:
            return dialog._accepted if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def value(self) -> CentreDetails:
        return self.form.value(None, 0)

    def accept(self) -> None:
        self.form.errors.clear()
        try:
            value = self.value()
            if self._submit is not None:
                self._submit(value)
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        except UserError as exc:
            self.form.errors.show_message("", exc.message)
            return
        self._accepted = value
        super().accept()
