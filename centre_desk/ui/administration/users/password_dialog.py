"""Resetting a staff member's password to a temporary one (typed twice)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.services.dto import AccountRow
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label

SubmitPassword = Callable[[str], object]


class ResetPasswordDialog(QDialog):
    """Closes only when `submit(password)` returns; its errors are shown and the input kept."""

    def __init__(self, parent: QWidget | None, account: AccountRow, submit: SubmitPassword | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._accepted: str | None = None
        self.setWindowTitle(_("Reset password"))
        self.setMinimumWidth(480)
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)

        intro = hint_label(
            _("New temporary password for {name} ({login}).").format(name=account.full_name, login=account.login)
        )
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
        self.show_box = QCheckBox(_("&Show the passwords"))
        self.show_box.toggled.connect(self._on_show_box_toggled)
        form = QFormLayout()
        form.addRow(_("&Temporary password:"), self.errors.wrap("password", self.password_edit))
        form.addRow(_("&Repeat the password:"), self.errors.wrap("password_repeat", self.repeat_edit))
        form.addRow("", self.show_box)
        notice = hint_label(
            _(
                "The person must choose a new password at their next sign-in. "
                "Resetting the password also unlocks a locked login."
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = self.buttons.addButton(_("&Reset password"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reset_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, account: AccountRow, submit: SubmitPassword | None = None) -> str | None:
        """The new temporary password once `submit` accepted it; None when cancelled."""
        dialog = cls(parent, account, submit)
        try:
            return dialog._accepted if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        self.errors.clear()
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.errors.show_message("password_repeat", _("The two passwords are not the same."))
            return
        if self._submit is not None:
            try:
                self._submit(password)
            except ValidationError as exc:
                self.errors.show(exc)
                return
            except UserError as exc:  # Conflict, NotFound, PermissionDenied, StorageError
                self.errors.show_message("", exc.message)
                return
        self._accepted = password
        super().accept()

    def _on_show_box_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)
