"""Start-up and the desktop session: recovery offered when the key is missing, sign-in,
forced password change, switching user, the daily backup off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QTabWidget

from centre_desk import app
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog
from centre_desk.ui.tasks import wait_for_writes
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring


def test_missing_key_offers_recovery(
    qtbot: QtBot, installed: Installed, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()
    prompts: list[str] = []

    def answer(_parent: Any, _title: str, label: str, *_args: Any) -> tuple[str, bool]:
        prompts.append(label)
        return installed.recovery_key, True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    centre = app._open_or_recover(installed.options)
    assert centre is not None
    installed.centre = centre
    assert len(prompts) == 1 and "centre-desk recover" in prompts[0]
    assert len([user for _service, user in memory_keyring.entries if "-key:" in user]) == 3  # + the audit copy


def test_cancelled_recovery_opens_nothing(
    qtbot: QtBot, installed: Installed, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("", False))
    assert app._open_or_recover(installed.options) is None
    assert memory_keyring.entries == {}


def test_no_database_is_explained(qtbot: QtBot, options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    assert app._open_or_recover(options) is None
    assert shown and "centre-desk init" in shown[0]
    assert not app._database_exists(options) or options.db is not None


@pytest.fixture
def session(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[app.DesktopSession]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    desk = app.DesktopSession(qapp, installed.centre, settings)
    yield desk
    desk._close_window()
    assert wait_for_writes()
    qtbot.wait(50)  # deliver the finished tasks' results while the database still exists
    assert warnings == []


def _status(session: app.DesktopSession) -> str:
    assert session.window is not None
    return " ".join(label.text() for label in session.window.statusBar().findChildren(QLabel))


def test_sign_in_opens_the_shell_with_administration_for_a_manager(
    qtbot: QtBot, installed: Installed, session: app.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: installed.manager))
    assert session.sign_in()
    assert session.window is not None and session.window.isVisible()
    assert "giamdoc" in _status(session)
    assert session.window.show_page("administration")
    tabs = session.window.findChild(QTabWidget, "administrationTabs")
    assert tabs is not None and tabs.count() == 4


def test_nurse_gets_no_administration(
    qtbot: QtBot, installed: Installed, session: app.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *_a, **_k: True))
    assert session.sign_in(nurse)
    assert session.window is not None and not session.window.show_page("administration")


def test_refused_forced_password_change_returns_to_sign_in(
    qtbot: QtBot, installed: Installed, session: app.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    assert nurse.must_change_password
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *_a, **_k: False))
    logins: list[int] = []
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: logins.append(1)))
    assert not session.sign_in(nurse)
    assert logins == [1] and session.window is None


def test_switching_user_closes_the_first_users_window(
    qtbot: QtBot, installed: Installed, session: app.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("tuvan", "Giàng Thị Dua", MANAGER_PASSWORD, frozenset({Role.COUNSELLOR}))
    )
    counsellor = installed.centre.accounts.authenticate("tuvan", MANAGER_PASSWORD)
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *_a, **_k: True))
    assert session.sign_in(installed.manager)
    first = session.window
    assert session.lock is not None
    session.lock.lock()
    session._on_switch_user(counsellor)
    qtbot.waitUntil(lambda: first is not None and not first.isVisible(), timeout=2000)
    assert session.window is not None and session.window is not first
    assert "tuvan" in _status(session) and "giamdoc" not in _status(session)


def test_daily_backup_runs_in_the_background(qtbot: QtBot, installed: Installed, session: app.DesktopSession) -> None:
    backups = installed.centre.backups
    assert backups.daily_due()
    session._start_daily_backup()
    qtbot.waitUntil(lambda: backups.latest() is not None, timeout=10_000)
    assert not backups.daily_due()


def test_restore_from_the_backup_page_reopens_and_asks_to_sign_in_again(
    qtbot: QtBot, installed: Installed, session: app.DesktopSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    backup = installed.centre.backups.create(installed.manager, tmp_path / "truoc.cdbak")
    installed.centre.accounts.create(
        installed.manager, NewAccount("moi", "Tài khoản sau sao lưu", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: installed.manager))
    assert session.sign_in(installed.manager)
    old_centre = session.centre
    session.request_restore(backup.path)
    qtbot.waitUntil(lambda: session.centre is not old_centre and session.window is not None, timeout=15_000)
    installed.centre = session.centre
    assert told
    logins = {a.login for a in session.centre.accounts.all_accounts(installed.manager)}
    assert "moi" not in logins and "giamdoc" in logins
