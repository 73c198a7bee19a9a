"""The sign-in window staff see every morning.

It is drawn before the database is open (app.run opens it on a worker meanwhile): this module imports Qt and the
small modules only; the account service arrives with `accounts_ready`, and a Đăng nhập pressed before then waits
for it ("Opening the database…"), never freezing the window."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.errors import AuthenticationFailed, UserError
from centre_desk.i18n import _
from centre_desk.ui.errors import show_error
from centre_desk.ui.login.parts import InlineError, password_edit, weak_callback
from centre_desk.ui.shell.preload import wait_for_pages
from centre_desk.ui.tasks import run_task

if TYPE_CHECKING:
    from centre_desk.security.actor import Actor
    from centre_desk.services.accounts import AccountService

log = logging.getLogger(__name__)

OPENING_FAILED = 2
"""exec()'s result when the database could not be opened behind the dialog (app.run then asks or explains)."""


@dataclass(frozen=True)
class SignIn:
    """Who signed in. `temporary_password` is kept only when a first password change is due: that
    change then does not ask again for the password the sign-in has just proved."""

    actor: Actor
    temporary_password: str | None = field(default=None, repr=False)


class LoginDialog(QDialog):
    """Login name and password; the password check (Argon2) runs off the UI thread. `accounts` is None while
    the database is being opened (then `accounts_ready` or `opening_failed`)."""

    signed_in = Signal(object)  # the Actor
    painted = Signal()  # the first paint: the window is on screen
    sign_in_failed = Signal(str)  # the message shown

    def __init__(
        self, accounts: AccountService | None, centre_name: str, login: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._sign_in: SignIn | None = None
        self._busy = False
        self._waiting = False  # Đăng nhập pressed before the database was open
        self._painted = False
        self.setWindowTitle(f"{APP_NAME} — " + _("Sign in"))
        self.setMinimumWidth(440)

        app_name = QLabel(APP_NAME)
        app_name.setObjectName("appName")
        font = app_name.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        app_name.setFont(font)
        app_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centre_label = QLabel(centre_name)
        self.centre_label.setObjectName("centreName")
        font = self.centre_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.centre_label.setFont(font)
        self.centre_label.setWordWrap(True)
        self.centre_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.login_edit = QLineEdit(login)
        self.login_edit.setMaxLength(64)
        self.password_edit = password_edit()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("&Login name:"), self.login_edit)
        form.addRow(_("&Password:"), self.password_edit)
        self.error_label = InlineError()
        self.recovery_button = QPushButton(_("Unlock with the &recovery key…"))
        self.recovery_button.setVisible(False)  # offered once a sign-in is refused as locked
        self.recovery_button.clicked.connect(self._on_recovery_button_clicked)

        self.buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = self.buttons.addButton(_("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button: QPushButton = self.buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self._on_sign_in_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(app_name)
        layout.addWidget(self.centre_label)
        layout.addSpacing(4)
        layout.addWidget(line)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.recovery_button)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.quit_button)
        (self.password_edit if login else self.login_edit).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, accounts: AccountService, centre_name: str, login: str = "") -> SignIn | None:
        """Who signed in, or None when the person chose Quit."""
        dialog = cls(accounts, centre_name, login, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.sign_in()
            return None
        finally:
            dialog.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)  # after this paint is on screen

    def actor(self) -> Actor | None:
        return None if self._sign_in is None else self._sign_in.actor

    def sign_in(self) -> SignIn | None:
        return self._sign_in

    def is_busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy or self._waiting:  # an attempt in progress finishes first; waiting for the database: not
            super().reject()

    def accounts_ready(self, accounts: AccountService, centre_name: str) -> None:
        """The database is open: a sign-in pressed meanwhile goes ahead now."""
        self._accounts = accounts
        if centre_name:
            self.centre_label.setText(centre_name)
        if self._waiting:
            self._waiting = False
            self.error_label.clear_message()
            self._authenticate()

    def opening_failed(self) -> None:
        """The database could not be opened: the dialog closes with OPENING_FAILED and app.run says why."""
        self._waiting = False
        self._set_busy(False)
        self.done(OPENING_FAILED)

    def hold(self) -> None:
        """Shown again, busy, while the main window is built (a second or so): never a moment with no window."""
        self.error_label.show_progress(_("Opening the main window…"))
        self._set_busy(True)
        self.show()
        QApplication.processEvents()  # painted before the building starts

    def release(self) -> None:
        self._set_busy(False)
        self.hide()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:  # the busy cursor while the password is checked (or the database still opens)
            if busy:
                QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            else:
                QApplication.restoreOverrideCursor()
        self._busy = busy
        for widget in (self.login_edit, self.password_edit, self.sign_in_button, self.quit_button):
            widget.setEnabled(not busy)
        if not busy:
            self.sign_in_button.setDefault(True)  # disabling it let Quit become the default (Enter)

    def _on_sign_in_clicked(self) -> None:
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login:
            self._show_problem(_("Please enter your login name."), self.login_edit)
            return
        if not password:
            self._show_problem(_("Please enter your password."), self.password_edit)
            return
        self._set_busy(True)
        if self._accounts is None:
            self._waiting = True
            self.quit_button.setEnabled(True)
            self.error_label.show_progress(_("Opening the database…"))
            return
        self.error_label.clear_message()
        self._authenticate()

    def _authenticate(self) -> None:
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        accounts = self._accounts
        assert accounts is not None

        def check() -> tuple[Actor, str]:
            actor = accounts.authenticate(login, password)
            wait_for_pages()  # the main window's pages imported (app.run preloads them): no freeze after accept
            return actor, password

        run_task(
            self,
            check,
            weak_callback(self._on_authenticated),
            weak_callback(self._on_authentication_failed),
            writes_db=True,
        )

    def _on_authenticated(self, result: tuple[Actor, str]) -> None:
        actor, password = result
        self._set_busy(False)
        self._sign_in = SignIn(actor, password if actor.must_change_password else None)
        self.signed_in.emit(actor)
        self.accept()

    def _on_authentication_failed(self, exc: BaseException) -> None:
        from centre_desk.services.accounts import LOGIN_LOCKED  # loaded by now, with the opened database

        self._set_busy(False)
        if isinstance(exc, AuthenticationFailed):
            self.password_edit.clear()
            self._show_problem(exc.message, self.password_edit)
            self.recovery_button.setVisible(self.recovery_button.isVisible() or exc.message == _(LOGIN_LOCKED))
        elif isinstance(exc, UserError):  # e.g. the database is busy: the password is kept
            self._show_problem(exc.message, self.password_edit)
        else:
            self._show_problem(_("Unexpected error; details are in the log."), self.password_edit)
            show_error(self, exc)
        self.sign_in_failed.emit(self.error_label.text())

    def _on_recovery_button_clicked(self) -> None:
        from centre_desk.ui.administration.users.recovery_unlock import RecoveryUnlockDialog

        assert self._accounts is not None  # offered after a refusal, so the database is open
        login = self.login_edit.text().strip()
        if RecoveryUnlockDialog.ask(self, self._accounts.unlock_with_recovery_key, login):
            self.error_label.clear_message()
            self.recovery_button.setVisible(False)
            self.password_edit.setFocus()

    def _show_problem(self, message: str, field: QLineEdit) -> None:
        self.error_label.show_message(message)
        field.setFocus()
        field.selectAll()
