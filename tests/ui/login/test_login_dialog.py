"""The sign-in dialog against the real account service, on both engines."""

from __future__ import annotations

import gc
import time
import weakref

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog

from centre_desk.errors import AuthenticationFailed
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.services.accounts import LOGIN_FAILED, LOGIN_WAIT, THROTTLE_AFTER
from centre_desk.services.dto import NewAccount
from centre_desk.ui.login.dialog import LoginDialog
from tests.conftest import MANAGER_PASSWORD, Installed

CENTRE = "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"
TEMPORARY = "mật khẩu tạm thời của y tá"


def _dialog(qtbot: QtBot, installed: Installed, login: str = "") -> LoginDialog:
    dialog = LoginDialog(installed.centre.accounts, CENTRE, login)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _attempt(qtbot: QtBot, dialog: LoginDialog, login: str, password: str) -> str:
    """Type both fields, press Enter in the password field, and return the message shown."""
    dialog.login_edit.clear()
    qtbot.keyClicks(dialog.login_edit, login)
    dialog.password_edit.setText(password)  # QTest cannot type non-Latin-1 letters
    messages: list[str] = []
    dialog.sign_in_failed.connect(messages.append)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.is_busy() or messages
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    dialog.sign_in_failed.disconnect(messages.append)
    assert not dialog.is_busy()
    return messages[0]


def test_header_and_title(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed, login="giamdoc")
    assert dialog.centre_label.text() == CENTRE
    assert dialog.windowTitle() == "CentreDesk — " + _("Sign in")
    assert "giamdoc" not in dialog.windowTitle()
    assert dialog.minimumWidth() >= 420
    assert dialog.sign_in_button.isDefault()
    assert dialog.focusWidget() is dialog.password_edit  # the login is known: straight to the password
    QApplication.clipboard().setText(MANAGER_PASSWORD)  # from a password manager
    dialog.password_edit.paste()
    assert dialog.password_edit.text() == MANAGER_PASSWORD


def test_sign_in_returns_the_actor(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    assert dialog.focusWidget() is dialog.login_edit
    qtbot.keyClicks(dialog.login_edit, "GiamDoc ")
    dialog.password_edit.setText(MANAGER_PASSWORD)
    emitted: list[object] = []
    dialog.signed_in.connect(emitted.append)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(emitted), timeout=10_000)
    actor = dialog.actor()
    assert actor is not None and emitted == [actor]
    assert actor.login == "giamdoc" and actor.account_id == installed.manager.account_id
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_wrong_password_and_unknown_user_show_the_same_message(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    wrong_password = _attempt(qtbot, dialog, "giamdoc", "not the password")
    assert wrong_password == _(LOGIN_FAILED)
    assert dialog.error_label.text() == wrong_password
    assert dialog.password_edit.text() == ""
    assert dialog.login_edit.text() == "giamdoc"
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.sign_in_button.isDefault() and not dialog.quit_button.isDefault()  # Enter signs in, not quits
    unknown_user = _attempt(qtbot, dialog, "nobody", "not the password")
    assert unknown_user == wrong_password
    assert dialog.login_edit.text() == "nobody" and dialog.password_edit.text() == ""
    assert dialog.actor() is None and dialog.isVisible()


def test_waiting_after_five_failures(qtbot: QtBot, installed: Installed) -> None:
    for _attempt_number in range(THROTTLE_AFTER):
        with pytest.raises(AuthenticationFailed):
            installed.centre.accounts.authenticate("giamdoc", "not the password")
    dialog = _dialog(qtbot, installed, login="giamdoc")
    message = _attempt(qtbot, dialog, "giamdoc", MANAGER_PASSWORD)  # even the right password waits
    assert message == _(LOGIN_WAIT).format(seconds=1)
    assert dialog.actor() is None
    assert dialog.login_edit.text() == "giamdoc" and dialog.password_edit.text() == ""


def test_empty_fields_are_explained_without_an_attempt(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == _("Please enter your login name.")
    assert not dialog.is_busy() and dialog.focusWidget() is dialog.login_edit
    qtbot.keyClicks(dialog.login_edit, "giamdoc")
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == _("Please enter your password.")
    assert dialog.focusWidget() is dialog.password_edit


def test_quit_signs_nobody_in(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    qtbot.keyClicks(dialog.login_edit, "giamdoc")
    dialog.quit_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.actor() is None


def test_ask_returns_the_actor(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    def sign_in(dialog: LoginDialog) -> int:
        dialog.password_edit.setText(MANAGER_PASSWORD)
        dialog.sign_in_button.click()
        qtbot.waitUntil(lambda: dialog.actor() is not None, timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(LoginDialog, "exec", sign_in)
    signed = LoginDialog.ask(None, installed.centre.accounts, CENTRE, login="giamdoc")
    assert signed is not None and signed.actor.account_id == installed.manager.account_id
    assert signed.temporary_password is None  # no change is due: the password is not kept


def test_a_temporary_password_is_kept_for_the_change_that_follows(qtbot: QtBot, installed: Installed) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", TEMPORARY, frozenset({Role.NURSE}))
    )
    dialog = _dialog(qtbot, installed, login="yta")
    dialog.password_edit.setText(TEMPORARY)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.sign_in() is not None, timeout=10_000)
    signed = dialog.sign_in()
    assert signed is not None and signed.actor.must_change_password
    assert signed.temporary_password == TEMPORARY
    assert TEMPORARY not in repr(signed)


def test_a_dialog_dropped_after_an_attempt_is_freed_cleanly(qtbot: QtBot, installed: Installed) -> None:
    """The background task's callbacks must not be the dialog's last reference: deleting the
    task's relay would then delete the dialog from inside the relay's destructor (a crash)."""
    dialog = LoginDialog(installed.centre.accounts, CENTRE, "giamdoc")
    messages: list[str] = []
    dialog.sign_in_failed.connect(messages.append)
    dialog.password_edit.setText("not the password")
    dialog.sign_in_button.click()
    deadline = time.monotonic() + 10
    while not messages and time.monotonic() < deadline:  # plain processEvents: deletions stay pending
        QApplication.processEvents()
        time.sleep(0.005)
    assert messages
    freed = weakref.ref(dialog)
    del dialog
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the relay's deferred deletion
    assert freed() is None
    assert messages == [_(LOGIN_FAILED)]
