"""Unlocking with the recovery key from the sign-in window (issue 9, point 3)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.staff import LoginThrottle, Role
from centre_desk.security.keys import format_recovery_key, new_secret
from centre_desk.services.accounts import LOCK_AFTER, LOGIN_LOCKED, WRONG_RECOVERY_KEY
from centre_desk.services.dto import NewAccount
from centre_desk.ui.administration.users import recovery_unlock
from centre_desk.ui.administration.users.recovery_unlock import RecoveryUnlockDialog
from centre_desk.ui.login.dialog import LoginDialog
from tests.conftest import Installed

NURSE_PASSWORD = "y tá trực đêm 2026"


def _locked_nurse(installed: Installed) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", NURSE_PASSWORD, frozenset({Role.NURSE}))
    )
    with installed.centre.sessions.begin() as s:
        s.add(LoginThrottle(login="yta", failures=LOCK_AFTER, last_failure_at=utcnow(), locked=True))


def test_the_dialog_refuses_a_wrong_key_and_unlocks_with_the_right_one(qtbot: QtBot, installed: Installed) -> None:
    _locked_nurse(installed)
    dialog = RecoveryUnlockDialog(None, installed.centre.accounts.unlock_with_recovery_key, "yta")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.key_edit and dialog.minimumWidth() <= 480
    dialog.key_edit.setText(format_recovery_key(new_secret()))
    assert dialog.unlock_button.isDefault()
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_Return)
    assert dialog.errors.message("recovery_key") == _(WRONG_RECOVERY_KEY)
    assert dialog.isVisible() and dialog.key_edit.text()  # the typed key is kept to be corrected
    dialog.key_edit.setText(installed.recovery_key.lower())
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert installed.centre.accounts.authenticate("yta", NURSE_PASSWORD).login == "yta"


def test_the_sign_in_window_offers_it_once_a_login_is_locked(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locked_nurse(installed)
    dialog = LoginDialog(installed.centre.accounts, "Trung tâm", "yta")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.recovery_button.isVisible()
    messages: list[str] = []
    dialog.sign_in_failed.connect(messages.append)
    dialog.password_edit.setText(NURSE_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [_(LOGIN_LOCKED)] and dialog.recovery_button.isVisible()

    asked: list[str] = []

    def fake_ask(parent: object, submit: object, login: str = "") -> bool:
        asked.append(login)
        return True

    monkeypatch.setattr(recovery_unlock.RecoveryUnlockDialog, "ask", staticmethod(fake_ask))
    dialog.recovery_button.click()
    assert asked == ["yta"] and not dialog.recovery_button.isVisible() and not dialog.error_label.text()
