"""Staff account administration: creating, editing with conflicts, resetting, unlocking, read-only viewers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

import centre_desk.i18n as i18n
from centre_desk.errors import AuthenticationFailed, Conflict
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.accounts import LOCK_AFTER, AccountService
from centre_desk.services.dto import AccountRow, AccountUpdate, NewAccount
from centre_desk.ui.administration.users.account_dialog import AccountDialog, AccountValue
from centre_desk.ui.administration.users.model import FULL_NAME, LOCKED, LOGIN, MUST_CHANGE, ROLES, STATUS
from centre_desk.ui.administration.users.page import UsersPage
from centre_desk.ui.administration.users.password_dialog import ResetPasswordDialog
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed

PASSWORD = "Bản Giang mùa mưa 2026"


def add_account(installed: Installed, login: str, name: str, *roles: Role) -> AccountRow:
    return installed.centre.accounts.create(installed.manager, NewAccount(login, name, PASSWORD, frozenset(roles)))


def make_page(qtbot: QtBot, installed: Installed, actor: Actor | None = None) -> tuple[UsersPage, list[str]]:
    events = AppEvents()
    emitted: list[str] = []
    events.data_changed.connect(emitted.append)
    page = UsersPage(installed.centre.accounts, actor or installed.manager, events)
    qtbot.addWidget(page)
    return page, emitted


def cell(page: UsersPage, login: str, column: int) -> str:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, LOGIN).data() == login:
            return str(page.proxy.index(row, column).data())
    raise AssertionError(f"{login} is not in the table")


def select(page: UsersPage, login: str) -> AccountRow:
    for row in range(page.proxy.rowCount()):
        if page.proxy.account_at(row).login == login:
            page.table.selectRow(row)
            selected = page.selected()
            assert selected is not None
            return selected
    raise AssertionError(f"{login} is not in the table")


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: Any, installed: Installed) -> None:
    add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    page, _emitted = make_page(qtbot, installed)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_roles_are_shown_in_vietnamese(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = i18n.load_catalog("vi")
    for role_text in ("Nurse", "Intake officer / social worker"):  # until the .po has them: any Vietnamese will do
        catalogue.setdefault(role_text, {"Nurse": "Y tá"}.get(role_text, "Cán bộ tiếp nhận / công tác xã hội"))
    monkeypatch.setattr(i18n, "_catalog", catalogue)
    monkeypatch.setattr(i18n, "_language", "vi")
    add_account(installed, "sinh.va", "Vàng A Sình", Role.NURSE, Role.INTAKE)
    page, _emitted = make_page(qtbot, installed)
    expected = catalogue["Intake officer / social worker"] + ", " + catalogue["Nurse"]
    assert cell(page, "sinh.va", ROLES) == expected
    assert "Nurse" not in expected
    dialog = AccountDialog(page, None)
    qtbot.addWidget(dialog)
    assert dialog.role_boxes[Role.NURSE].text() == catalogue["Nurse"]


def test_create_account_through_the_dialog(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    page, emitted = make_page(qtbot, installed)
    asked: list[AccountRow | None] = []

    def fake_ask(_parent: Any, initial: AccountRow | None, submit: Any) -> AccountValue:
        asked.append(initial)
        value = NewAccount("mai.lt", "Lò Thị Mai", PASSWORD, frozenset({Role.NURSE}))
        submit(value)
        return value

    monkeypatch.setattr(AccountDialog, "ask", fake_ask)
    assert page.new_button.isEnabled()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert asked == [None]
    assert cell(page, "mai.lt", FULL_NAME) == "Lò Thị Mai"
    selected = page.selected()
    assert selected is not None and selected.login == "mai.lt" and selected.must_change_password
    assert emitted == ["account"]
    assert "mai.lt" in page.status_label.text()


def test_validation_error_keeps_the_dialog_input(qtbot: QtBot, installed: Installed) -> None:
    accounts = installed.centre.accounts
    dialog = AccountDialog(None, None, lambda v: accounts.create(installed.manager, v))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("Lò Mai")  # accents and a space: refused by the service
    dialog.full_name_edit.setText("Lò Thị Mai")
    dialog.role_boxes[Role.NURSE].setChecked(True)
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() != AccountDialog.DialogCode.Accepted
    assert "a–z" in dialog.errors.message("login")
    assert dialog.errors.message("password") == ""
    assert dialog.login_edit.text() == "Lò Mai"
    assert dialog.full_name_edit.text() == "Lò Thị Mai"
    assert dialog.password_edit.text() == PASSWORD and dialog.repeat_edit.text() == PASSWORD
    assert dialog.role_boxes[Role.NURSE].isChecked()

    dialog.repeat_edit.setText(PASSWORD + "x")
    dialog.login_edit.setText("mai.lt")
    dialog.accept()
    assert dialog.errors.message("password_repeat")
    assert dialog.errors.message("login") == ""

    dialog.password_edit.setText("12345678")
    dialog.repeat_edit.setText("12345678")
    dialog.accept()
    assert dialog.errors.message("password")
    assert [a.login for a in accounts.all_accounts(installed.manager)] == ["giamdoc"]

    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == AccountDialog.DialogCode.Accepted
    assert "mai.lt" in [a.login for a in accounts.all_accounts(installed.manager)]


def test_search_ignores_accents_and_case(qtbot: QtBot, installed: Installed) -> None:
    add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    add_account(installed, "sinh.va", "Vàng A Sình", Role.INTAKE)
    page, _emitted = make_page(qtbot, installed)
    page.search_edit.setText("lo thi")
    assert [page.proxy.account_at(r).login for r in range(page.proxy.rowCount())] == ["mai.lt"]
    page.search_edit.setText("SINH")
    assert [page.proxy.account_at(r).login for r in range(page.proxy.rowCount())] == ["sinh.va"]
    page.search_edit.setText("huong")
    assert [page.proxy.account_at(r).login for r in range(page.proxy.rowCount())] == ["giamdoc"]
    page.search_edit.clear()
    assert page.proxy.rowCount() == 3


def test_viewer_without_administer_sees_disabled_buttons(qtbot: QtBot, installed: Installed) -> None:
    nurse = add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    actor = Actor(nurse.id, nurse.login, frozenset({Role.NURSE}))
    page, _emitted = make_page(qtbot, installed, actor)
    assert not page.new_button.isEnabled()
    assert not page.edit_button.isEnabled() and not page.reset_button.isEnabled()
    assert not page.unlock_button.isEnabled()
    assert page.model.rowCount() == 0 and not page.notice_label.isHidden()

    # A stale sign-in snapshot without the administer right: the list shows, read-only.
    stale = Actor(installed.manager.account_id, installed.manager.login, frozenset({Role.NURSE}))
    page, _emitted = make_page(qtbot, installed, stale)
    assert page.model.rowCount() == 2
    select(page, "mai.lt")
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert not page.reset_button.isEnabled()
    assert page.refresh_button.isEnabled()
    assert page.notice_label.text() == _("You can see the accounts but not change them.")


def test_conflict_on_edit_keeps_the_input(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts = installed.centre.accounts
    hoa = add_account(installed, "hoa.nt", "Nguyễn Thị Hoa", Role.INTAKE)
    page, emitted = make_page(qtbot, installed)
    loaded = select(page, "hoa.nt")
    # Someone else saves the account after the list was loaded.
    accounts.update(installed.manager, AccountUpdate(hoa.id, hoa.version, "Nguyễn Thị Hòa", hoa.roles, True))
    caught: list[Conflict] = []

    def fake_ask(_parent: Any, initial: AccountRow, submit: Any) -> None:
        try:
            submit(AccountUpdate(initial.id, initial.version, "Nguyễn T. Hoa", frozenset({Role.NURSE}), True))
        except Conflict as exc:
            caught.append(exc)

    monkeypatch.setattr(AccountDialog, "ask", fake_ask)
    page.edit_account()
    assert caught and isinstance(caught[0].current, AccountRow)
    assert caught[0].current.full_name == "Nguyễn Thị Hòa"
    assert emitted == []

    # The dialog itself: the stored values beside the input, the input kept; then "keep mine" and save.
    dialog = AccountDialog(page, loaded, page._submit_account)
    qtbot.addWidget(dialog)
    dialog.full_name_edit.setText("Nguyễn T. Hoa")
    dialog.accept()
    assert dialog.result() != AccountDialog.DialogCode.Accepted
    assert not dialog.conflict_box.isHidden()
    assert "Nguyễn Thị Hòa" in dialog.conflict_box.stored_label.text()
    assert dialog.full_name_edit.text() == "Nguyễn T. Hoa"
    dialog.conflict_box.keep_button.click()
    dialog.accept()
    assert dialog.result() == AccountDialog.DialogCode.Accepted
    assert accounts.get(installed.manager, hoa.id).full_name == "Nguyễn T. Hoa"


def test_conflict_reload_shows_the_saved_version(qtbot: QtBot, installed: Installed) -> None:
    accounts = installed.centre.accounts
    hoa = add_account(installed, "hoa.nt", "Nguyễn Thị Hoa", Role.INTAKE)
    page, _emitted = make_page(qtbot, installed)
    accounts.update(installed.manager, AccountUpdate(hoa.id, hoa.version, "Nguyễn Thị Hòa", hoa.roles, False))
    dialog = AccountDialog(page, hoa, page._submit_account)
    qtbot.addWidget(dialog)
    dialog.role_boxes[Role.NURSE].setChecked(True)
    dialog.accept()
    assert not dialog.conflict_box.isHidden()
    dialog.conflict_box.reload_button.click()
    assert dialog.full_name_edit.text() == "Nguyễn Thị Hòa"
    assert not dialog.active_box.isChecked() and not dialog.role_boxes[Role.NURSE].isChecked()
    value = dialog.value()
    assert isinstance(value, AccountUpdate) and value.version == accounts.get(installed.manager, hoa.id).version


def test_reset_password_makes_it_temporary(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts = installed.centre.accounts
    add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    accounts.change_password(accounts.authenticate("mai.lt", PASSWORD), PASSWORD, "Suối Thầu chiều nay 7")
    page, emitted = make_page(qtbot, installed)
    assert cell(page, "mai.lt", MUST_CHANGE) == ""
    select(page, "mai.lt")

    def fake_ask(_parent: Any, account: AccountRow, submit: Any) -> str:
        assert account.login == "mai.lt"
        submit("Đèo Ô Quy Hồ 2026")
        return "Đèo Ô Quy Hồ 2026"

    monkeypatch.setattr(ResetPasswordDialog, "ask", fake_ask)
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert accounts.authenticate("mai.lt", "Đèo Ô Quy Hồ 2026").must_change_password
    assert cell(page, "mai.lt", MUST_CHANGE) != ""
    assert "mai.lt" in page.status_label.text()
    assert emitted == ["account"]


def test_reset_password_dialog_keeps_input_on_a_weak_password(qtbot: QtBot, installed: Installed) -> None:
    mai = add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    accounts = installed.centre.accounts
    dialog = ResetPasswordDialog(
        None, mai, lambda p: accounts.reset_password(installed.manager, mai.id, mai.version, p)
    )
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("password")
    dialog.repeat_edit.setText("password")
    dialog.accept()
    assert dialog.result() != ResetPasswordDialog.DialogCode.Accepted
    assert dialog.errors.message("password") and dialog.password_edit.text() == "password"


def test_unlock_clears_the_locked_flag(qtbot: QtBot, installed: Installed) -> None:
    add_account(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    centre = installed.centre
    now = [utcnow()]

    def clock() -> Any:
        now[0] += timedelta(minutes=2)  # past every wait, so each attempt counts
        return now[0]

    guesser = AccountService(centre.sessions, centre.audit, centre.access, installed.options.get_passwords(), clock)
    for _attempt in range(LOCK_AFTER):
        with pytest.raises(AuthenticationFailed):
            guesser.authenticate("mai.lt", "sai mật khẩu")
    page, emitted = make_page(qtbot, installed)
    assert cell(page, "mai.lt", LOCKED) != "" and cell(page, "giamdoc", LOCKED) == ""
    select(page, "giamdoc")
    assert not page.unlock_button.isEnabled()
    select(page, "mai.lt")
    assert page.unlock_button.isEnabled()
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    selected = page.selected()
    assert selected is not None and selected.login == "mai.lt" and not selected.locked
    assert cell(page, "mai.lt", LOCKED) == "" and cell(page, "mai.lt", STATUS) != ""
    assert not page.unlock_button.isEnabled()
    assert emitted == ["account"]
    assert centre.accounts.authenticate("mai.lt", PASSWORD).login == "mai.lt"
