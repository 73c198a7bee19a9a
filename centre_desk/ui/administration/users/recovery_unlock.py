"""Unlocking a login with the installation's recovery key: the way back when every manager is
locked out. Opened from the sign-in window when a sign-in is refused as locked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label

UnlockWithKey = Callable[[str, str], object]  # (login, recovery key); AccountService.unlock_with_recovery_key


class RecoveryUnlockDialog(QDialog):
    """Login name and recovery key; closes only once `submit` accepted the key."""

    def __init__(self, parent: QWidget | None, submit: UnlockWithKey, login: str = "") -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(_("Unlock with the recovery key"))
        self.setMinimumWidth(480)
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        intro = hint_label(
            _(
                "The recovery key is on the sheet kept in the director's safe. It unlocks a login locked by "
                "failed sign-ins; the password stays the same. This is recorded in the audit trail."
            )
        )
        self.login_edit = QLineEdit(login)
        self.login_edit.setMaxLength(64)
        self.key_edit = QLineEdit()
        self.key_edit.setMaxLength(80)
        self.key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        form = QFormLayout()
        form.addRow(_("&Login name:"), self.errors.wrap("login", self.login_edit))
        form.addRow(_("&Recovery key:"), self.errors.wrap("recovery_key", self.key_edit))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = self.buttons.addButton(_("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.unlock_button.setDefault(True)  # once in the dialog: Enter unlocks, never cancels
        (self.key_edit if login else self.login_edit).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, submit: UnlockWithKey, login: str = "") -> bool:
        """True once the login was unlocked; False when cancelled."""
        dialog = cls(parent, submit, login)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        self.errors.clear()
        login = self.login_edit.text().strip()
        if not login:
            self.errors.show_message("login", _("Please enter the login name."))
            return
        try:
            self._submit(login, self.key_edit.text())
        except ValidationError as exc:
            self.errors.show(exc)
            self.key_edit.setFocus()
            return
        except UserError as exc:  # the database is busy, or damaged
            self.errors.show_message("", exc.message)
            return
        super().accept()
