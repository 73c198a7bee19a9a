"""LockController: covers every window (dialogs included) and asks for the password.

While locked, each top-level window's content is hidden behind a neutral cover and its
title becomes "CentreDesk — locked"; nothing is closed, so unsaved input survives. The
unlock dialog is application-modal and stays on top. Another user may sign in instead,
after a warning that the first user will be signed out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.errors import AuthenticationFailed, UserError
from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.services.accounts import LOGIN_FAILED, AccountService
from centre_desk.ui.login.dialog import SignIn

log = logging.getLogger(__name__)


def locked_title() -> str:
    return f"{APP_NAME} — " + _("locked")


def unlock_message(exc: UserError) -> str:
    """The login is fixed on the lock screen: a refusal speaks of the password only (waits and
    locked accounts keep their own message)."""
    if isinstance(exc, AuthenticationFailed) and exc.message == _(LOGIN_FAILED):
        return _("The password is not correct.")
    return exc.message


@dataclass
class _Covered:
    window: QWidget
    title: str
    hidden: list[QWidget] = field(default_factory=list)
    cover: QWidget | None = None


class _Cover(QWidget):
    """A plain panel over a locked window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        label = QLabel(_("The screen is locked."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class UnlockDialog(QDialog):
    """Asks for the signed-in user's password; or lets another user sign in instead."""

    unlocked = Signal()
    switch_user = Signal(object)  # the other user's SignIn

    def __init__(self, accounts: AccountService, actor: Actor) -> None:
        super().__init__(None, Qt.WindowType.WindowStaysOnTopHint)
        self._accounts = accounts
        self._actor = actor
        self.setWindowTitle(locked_title())
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(440)
        title = QLabel(_("The screen is locked"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        who = QLabel(_("Signed in: {name} ({login})").format(name=actor.full_name or actor.login, login=actor.login))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("unlockPassword")
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Password:"), self.password)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(_("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(_("Sign in as another user…"))
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.other_button.clicked.connect(self._on_other_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_unlock(self, password: str) -> bool:
        try:
            self._accounts.verify_password(self._actor, password)
        except UserError as exc:
            self.error.setText(unlock_message(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        self.unlocked.emit()
        return True

    def _on_unlock_clicked(self) -> None:
        self.try_unlock(self.password.text())

    def _on_other_clicked(self) -> None:
        answer = QMessageBox.warning(
            self,
            APP_NAME,
            _("{name} will be signed out and anything they have not saved will be lost. Continue?").format(
                name=self._actor.full_name or self._actor.login
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        other = OtherUserDialog.ask(self, self._accounts)
        if other is not None:
            self.switch_user.emit(other)

    def reject(self) -> None:  # Esc must not unlock
        return

    def closeEvent(self, event: object) -> None:
        if getattr(self, "_may_close", False):
            super().closeEvent(event)  # type: ignore[arg-type]
        else:
            event.ignore()  # type: ignore[attr-defined]

    def dismiss(self) -> None:
        self._may_close = True
        self.close()


class OtherUserDialog(QDialog):
    def __init__(self, parent: QWidget, accounts: AccountService) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.signed: SignIn | None = None
        self.setWindowTitle(f"{APP_NAME} — " + _("Sign in"))
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("Login name:"), self.login)
        form.addRow(_("Password:"), self.password)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(super().reject)
        form.addRow(buttons)

    def _on_accepted(self) -> None:
        password = self.password.text()
        try:
            actor = self._accounts.authenticate(self.login.text(), password)
        except AuthenticationFailed as exc:
            self.error.setText(exc.message)
            self.password.clear()
            return
        self.signed = SignIn(actor, password if actor.must_change_password else None)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget, accounts: AccountService) -> SignIn | None:
        dialog = cls(parent, accounts)
        return dialog.signed if dialog.exec() == QDialog.DialogCode.Accepted else None


class LockController(QObject):
    """Locks and unlocks every window of the program for one signed-in user."""

    locked = Signal()
    unlocked = Signal()
    switch_user = Signal(object)

    def __init__(self, accounts: AccountService, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._actor = actor
        self._covered: list[_Covered] = []
        self._focus: QWidget | None = None
        self.dialog: UnlockDialog | None = None

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def watch_hotkey(self) -> None:
        """Ctrl+L locks from any window — also while a modal dialog blocks the main window's
        own shortcuts."""
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def dispose(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and not self.is_locked
        ):
            self.lock()
            return True
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        log.info("screen locked")
        self._focus = QApplication.focusWidget()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, UnlockDialog):
                self._cover(window)
        self.dialog = UnlockDialog(self._accounts, self._actor)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.switch_user.connect(self._on_switch_user)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.password.setFocus()
        self.locked.emit()

    def _cover(self, window: QWidget) -> None:
        covered = _Covered(window, window.windowTitle())
        for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and not child.isWindow():
                child.hide()
                covered.hidden.append(child)
        covered.cover = _Cover(window)
        covered.cover.show()
        window.setWindowTitle(locked_title())
        self._covered.append(covered)

    def unlock(self) -> None:
        for covered in self._covered:
            if covered.cover is not None:
                covered.cover.deleteLater()
            for child in covered.hidden:
                child.show()
            covered.window.setWindowTitle(covered.title)
        self._covered.clear()
        if self.dialog is not None:
            self.dialog.dismiss()
            self.dialog.deleteLater()
            self.dialog = None
        if self._focus is not None:
            self._focus.setFocus()
        log.info("screen unlocked")
        self.unlocked.emit()

    def _on_switch_user(self, other: SignIn) -> None:
        if self.dialog is not None:
            self.dialog.dismiss()
            self.dialog.deleteLater()
            self.dialog = None
        self._covered.clear()
        self.switch_user.emit(other)
