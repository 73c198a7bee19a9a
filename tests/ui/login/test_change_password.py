"""Changing one's own password: the service's messages inline, nothing typed is lost."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog, QLabel

from centre_desk.errors import AuthenticationFailed
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.actor import Actor
from centre_desk.services.accounts import LOGIN_FAILED
from centre_desk.services.dto import NewAccount
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.parts import PASSWORD_HINT
from tests.conftest import MANAGER_PASSWORD, Installed

NEW_PASSWORD = "hoa ban nở trắng núi rừng"


def _dialog(
    qtbot: QtBot, installed: Installed, actor: Actor | None = None, forced: bool = False
) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(installed.centre.accounts, actor or installed.manager, forced)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill(dialog: ChangePasswordDialog, current: str, new: str, repeat: str) -> None:
    dialog.current_edit.setText(current)
    dialog.new_edit.setText(new)
    dialog.repeat_edit.setText(repeat)


def _submit(qtbot: QtBot, dialog: ChangePasswordDialog) -> str:
    """Click "Change password" and wait for the service's refusal; the message shown."""
    messages: list[str] = []
    dialog.change_failed.connect(messages.append)
    dialog.change_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    dialog.change_failed.disconnect(messages.append)
    return messages[0]


def test_common_password_is_refused_and_input_kept(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    _fill(dialog, MANAGER_PASSWORD, "password123", "password123")
    message = _submit(qtbot, dialog)
    assert message == _("This password is too common and easy to guess. Please choose another one.")
    assert dialog.error_label.text() == message
    assert (dialog.current_edit.text(), dialog.new_edit.text(), dialog.repeat_edit.text()) == (
        MANAGER_PASSWORD,
        "password123",
        "password123",
    )
    assert dialog.focusWidget() is dialog.new_edit
    assert dialog.change_button.isDefault() and not dialog.leave_button.isDefault()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)  # unchanged


def test_wrong_current_password_is_shown_and_input_kept(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    _fill(dialog, "not my password", NEW_PASSWORD, NEW_PASSWORD)
    assert _submit(qtbot, dialog) == _(LOGIN_FAILED)
    assert (dialog.current_edit.text(), dialog.new_edit.text()) == ("not my password", NEW_PASSWORD)
    assert dialog.focusWidget() is dialog.current_edit


def test_different_repeat_is_caught_before_the_service(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    _fill(dialog, MANAGER_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!")
    dialog.change_button.click()
    assert not dialog.is_busy()
    assert dialog.error_label.text() == _("The two new passwords differ. Please type the new password again.")
    assert dialog.repeat_edit.text() == NEW_PASSWORD + "!" and dialog.focusWidget() is dialog.repeat_edit


def test_success_returns_true_and_the_new_password_works(qtbot: QtBot, installed: Installed) -> None:
    dialog = _dialog(qtbot, installed)
    assert _(PASSWORD_HINT) in [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.leave_button.text() == _("Cancel")
    _fill(dialog, MANAGER_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    changed: list[bool] = []
    dialog.password_changed.connect(lambda: changed.append(True))
    dialog.change_button.click()
    qtbot.waitUntil(lambda: bool(changed), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert installed.centre.accounts.authenticate("giamdoc", NEW_PASSWORD).account_id == installed.manager.account_id
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)


def test_forced_change_offers_only_sign_out(qtbot: QtBot, installed: Installed) -> None:
    accounts = installed.centre.accounts
    accounts.create(installed.manager, NewAccount("yta", "Lò Thị Mai", "tạm thời 2026 mới", frozenset({Role.NURSE})))
    nurse = accounts.authenticate("yta", "tạm thời 2026 mới")
    assert nurse.must_change_password
    dialog = _dialog(qtbot, installed, nurse, forced=True)
    assert dialog.findChild(QLabel, "forcedReason") is not None
    assert sorted(b.text() for b in dialog.buttons.buttons()) == sorted([_("Change password"), _("Sign out")])
    dialog.leave_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ask_reports_whether_the_password_changed(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(dialog: ChangePasswordDialog) -> int:
        _fill(dialog, MANAGER_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
        dialog.change_button.click()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    assert ChangePasswordDialog.ask(None, installed.centre.accounts, installed.manager) is True
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda _dialog: int(QDialog.DialogCode.Rejected))
    assert ChangePasswordDialog.ask(None, installed.centre.accounts, installed.manager, forced=True) is False


def test_the_first_change_after_a_temporary_password_does_not_ask_for_it_again(
    qtbot: QtBot, installed: Installed
) -> None:
    accounts = installed.centre.accounts
    accounts.create(installed.manager, NewAccount("yta", "Lò Thị Mai", "tạm thời 2026 mới", frozenset({Role.NURSE})))
    nurse = accounts.authenticate("yta", "tạm thời 2026 mới")
    dialog = ChangePasswordDialog(accounts, nurse, forced=True, proof="tạm thời 2026 mới")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.asks_current_password() and not dialog.current_edit.isVisible()
    assert _("&Current password:") not in [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.focusWidget() is dialog.new_edit
    dialog.new_edit.setText(NEW_PASSWORD)
    dialog.repeat_edit.setText(NEW_PASSWORD)
    dialog.change_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert not accounts.authenticate("yta", NEW_PASSWORD).must_change_password


def test_a_chosen_change_still_asks_for_the_current_password(qtbot: QtBot, installed: Installed) -> None:
    dialog = ChangePasswordDialog(installed.centre.accounts, installed.manager, proof=MANAGER_PASSWORD)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.asks_current_password() and dialog.current_edit.isVisible()
    _fill(dialog, "", NEW_PASSWORD, NEW_PASSWORD)
    dialog.change_button.click()
    assert dialog.error_label.text() == _("Please enter your current password.")
