"""Changing one's own password; `forced` after signing in with a temporary password."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.errors import AuthenticationFailed, UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.services.accounts import AccountService
from centre_desk.ui.errors import show_error
from centre_desk.ui.login.parts import PASSWORD_HINT, InlineError, hint_label, password_edit, weak_callback
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)


class ChangePasswordDialog(QDialog):
    """Current password, new password and repeat; the service decides what is acceptable.

    `proof`: the temporary password the sign-in has just checked, for the forced first change; the
    current password is then not asked again. A change the person chooses always asks for it.
    """

    password_changed = Signal()
    change_failed = Signal(str)  # the message shown

    def __init__(
        self,
        accounts: AccountService,
        actor: Actor,
        forced: bool = False,
        parent: QWidget | None = None,
        *,
        proof: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._actor = actor
        self._busy = False
        self.forced = forced
        self._proof = proof if forced else None
        self.setWindowTitle(f"{APP_NAME} — " + _("Change password"))
        self.setMinimumWidth(480)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        if forced:
            reason = QLabel(
                _(
                    "You signed in with a temporary password. Please choose your own password now, "
                    "before you continue: only you should know it."
                )
            )
            reason.setObjectName("forcedReason")
            reason.setWordWrap(True)
            font = reason.font()
            font.setBold(True)
            reason.setFont(font)
            layout.addWidget(reason)
        account = QLabel(_("Account: {login}").format(login=actor.login))
        account.setObjectName("accountLogin")
        layout.addWidget(account)

        self.current_edit = password_edit()
        self.new_edit = password_edit()
        self.repeat_edit = password_edit()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if self._proof is None:
            form.addRow(_("&Current password:"), self.current_edit)
        else:
            self.current_edit.hide()  # the sign-in has just checked it
        form.addRow(_("&New password:"), self.new_edit)
        form.addRow(_("&Repeat the new password:"), self.repeat_edit)
        form.addRow("", hint_label(_(PASSWORD_HINT)))
        layout.addLayout(form)
        self.error_label = InlineError()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox()
        self.change_button: QPushButton = self.buttons.addButton(
            _("Change password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        leave_text = _("Sign out") if forced else _("Cancel")
        self.leave_button: QPushButton = self.buttons.addButton(leave_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.change_button.setDefault(True)
        self.buttons.accepted.connect(self._on_change_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.current_edit if self._proof is None else self.new_edit).setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        accounts: AccountService,
        actor: Actor,
        forced: bool = False,
        proof: str | None = None,
    ) -> bool:
        """True when the password was changed; False on Cancel (or Sign out when forced)."""
        dialog = cls(accounts, actor, forced, parent, proof=proof)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def is_busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.current_edit, self.new_edit, self.repeat_edit, self.change_button, self.leave_button):
            widget.setEnabled(not busy)
        if not busy:
            self.change_button.setDefault(True)  # disabling it let the other button become the default

    def asks_current_password(self) -> bool:
        return self._proof is None

    def _on_change_clicked(self) -> None:
        current = self.current_edit.text() if self._proof is None else self._proof
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        if not current:
            self._show_problem(_("Please enter your current password."), self.current_edit)
            return
        if not new:
            self._show_problem(_("Please enter a new password."), self.new_edit)
            return
        if new != repeat:
            self._show_problem(_("The two new passwords differ. Please type the new password again."), self.repeat_edit)
            return
        self.error_label.clear_message()
        self._set_busy(True)
        accounts, actor = self._accounts, self._actor
        run_task(
            self,
            lambda: accounts.change_password(actor, current, new),
            weak_callback(self._on_changed),
            weak_callback(self._on_change_failed),
            writes_db=True,
        )

    def _on_changed(self, _result: object) -> None:
        self._set_busy(False)
        log.info("password changed for account %s", self._actor.account_id)
        self.password_changed.emit()
        self.accept()

    def _on_change_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, AuthenticationFailed):
            self._show_problem(exc.message, self.current_edit if self._proof is None else self.new_edit)
        elif isinstance(exc, ValidationError):
            self._show_problem(exc.message, self.new_edit)
        elif isinstance(exc, UserError):
            self._show_problem(exc.message, self.change_button)
        else:
            self._show_problem(_("Unexpected error; details are in the log."), self.change_button)
            show_error(self, exc)
        self.change_failed.emit(self.error_label.text())

    def _show_problem(self, message: str, field: QWidget) -> None:
        self.error_label.show_message(message)
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()
