"""Start-up and the desktop session: the questions asked before sign-in (passphrase, recovery key),
sign-in, the forced password change, switching user, the daily backup off the UI thread."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTabWidget

from centre_desk import app, launcher
from centre_desk.cli import build_parser
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.credentials import CHEAP_ARGON2
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise, open_centre
from centre_desk.ui import startup
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog, SignIn
from centre_desk.ui.shell import desktop
from centre_desk.ui.tasks import wait_for_writes
from centre_desk.ui.unlock.dialog import OpenDatabaseDialog, Stage
from centre_desk.ui.unlock.flow import KEY_MISSING, NO_KEYRING_SERVICE, open_installation
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring

PASSPHRASE = "khóa cơ sở dữ liệu của Trung tâm"


def _answer_with(monkeypatch: pytest.MonkeyPatch, drive: Callable[[OpenDatabaseDialog], None]) -> list[str]:
    """Stand in for exec(): `drive` works the dialog as a person would; the reasons shown are kept."""
    shown: list[str] = []

    def run(dialog: OpenDatabaseDialog) -> int:
        dialog.show()
        shown.append(dialog.reason_label.text() if dialog.stage() == Stage.RECOVERY else dialog.passphrase_error.text())
        drive(dialog)
        return int(dialog.result())

    monkeypatch.setattr(OpenDatabaseDialog, "exec", run)
    return shown


def test_missing_key_offers_recovery(
    qtbot: QtBot, installed: Installed, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()

    def recover(dialog: OpenDatabaseDialog) -> None:
        assert not dialog.new_passphrase.isVisible()  # the keyring is secure: the keys go back there
        dialog.recovery_key.edit.setText(installed.recovery_key)
        dialog.recover_button.click()
        qtbot.waitUntil(lambda: dialog.centre() is not None, timeout=15_000)

    shown = _answer_with(monkeypatch, recover)
    centre = open_installation(installed.options)
    assert centre is not None
    installed.centre = centre
    assert shown == [_(KEY_MISSING)]
    assert len([user for _service, user in memory_keyring.entries if "-key:" in user]) == 3  # + the audit copy


def test_cancelled_recovery_opens_nothing(
    qtbot: QtBot, installed: Installed, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()

    def cancel(dialog: OpenDatabaseDialog) -> None:
        qtbot.keyClick(dialog.recovery_key.edit, Qt.Key.Key_Escape)
        assert dialog.stage() == Stage.CLOSING and dialog.isVisible()
        dialog.close_button.click()

    _answer_with(monkeypatch, cancel)
    assert open_installation(installed.options) is None
    assert memory_keyring.entries == {}


def test_no_secure_keyring_and_no_keys_file_says_the_keyring_service_is_missing(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    keyring.set_keyring(fail.Keyring())  # no D-Bus: keyring falls back to its fail backend
    shown = _answer_with(monkeypatch, lambda dialog: dialog.close_button.click())
    assert open_installation(installed.options) is None
    assert shown == [_(NO_KEYRING_SERVICE)]


def test_passphrase_mode_asks_the_passphrase_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = _passphrase_installation(tmp_path)

    def type_it(dialog: OpenDatabaseDialog) -> None:
        assert dialog.stage() == Stage.PASSPHRASE
        dialog.passphrase.edit.setText(PASSPHRASE)
        dialog.open_button.click()
        qtbot.waitUntil(lambda: dialog.centre() is not None, timeout=15_000)

    shown = _answer_with(monkeypatch, type_it)
    centre = open_installation(options)
    assert centre is not None and shown == [""]
    centre.close()


def test_a_wrong_passphrase_given_at_start_is_asked_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = _passphrase_installation(tmp_path)
    options.give_passphrase("mật khẩu trong tệp đã cũ")  # e.g. --passphrase-file with an old one
    shown = _answer_with(monkeypatch, lambda dialog: dialog.close_button.click())
    assert open_installation(options) is None
    assert shown == [_("The database passphrase is not correct.")]


def _passphrase_installation(tmp_path: Path) -> Options:
    keyring.set_keyring(fail.Keyring())
    options = Options(tmp_path / "data", passwords=Passwords(cheap_hasher()), argon2=CHEAP_ARGON2)
    options.give_passphrase(PASSPHRASE)
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    centre.close()
    return Options(options.data_dir, passwords=Passwords(cheap_hasher()), argon2=CHEAP_ARGON2)


def test_no_database_is_explained(qtbot: QtBot, options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    assert open_installation(options) is None
    assert shown and "centre-desk init" in shown[0]
    assert not app._database_exists(options) or options.db is not None


@pytest.fixture
def session(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[desktop.DesktopSession]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    desk = desktop.DesktopSession(qapp, installed.centre, settings)
    yield desk
    desk._close_window()
    assert wait_for_writes()
    qtbot.wait(50)  # deliver the finished tasks' results while the database still exists
    assert warnings == []


def _status(session: desktop.DesktopSession) -> str:
    assert session.window is not None
    return " ".join(label.text() for label in session.window.statusBar().findChildren(QLabel))


def test_sign_in_opens_the_shell_with_administration_for_a_manager(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: SignIn(installed.manager)))
    assert session.sign_in()
    assert session.window is not None and session.window.isVisible()
    assert "giamdoc" in _status(session)
    assert session.window.show_page("administration")
    tabs = session.window.findChild(QTabWidget, "administrationTabs")
    assert tabs is not None and tabs.count() == 7
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Phòng và giường" in titles  # the rooms, for a manager
    assert "Ngày nghỉ lễ, Tết" in titles  # the holiday calendar, for a manager
    assert "Mở khẩn cấp mục hạn chế" in titles  # the review of restricted entries opened
    assert session.window.show_page("rooms") and session.lodging is not None  # the bed board


@pytest.mark.expect_log_warnings
def test_a_manager_is_warned_when_the_audit_trail_no_longer_matches_its_copies(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    installed.centre.close()  # the keyring copy now holds the head
    anchor.path.unlink()  # someone removes the anchor file (to hide rows cut off the end)
    centre = installed.centre = open_centre(installed.options)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    for login, warned in (("yta", []), ("giamdoc", [_(desktop.AUDIT_ALARM)])):
        desk = desktop.DesktopSession(
            qapp, centre, QSettings(str(tmp_path / f"{login}.ini"), QSettings.Format.IniFormat)
        )
        desk._daily.stop()
        monkeypatch.setattr(desk, "_start_daily_backup", lambda: None)
        actor = centre.accounts.authenticate(login, MANAGER_PASSWORD)  # its audit row runs the tail check
        if actor.must_change_password:
            monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *_a, **_k: True))
        assert desk.sign_in(actor)
        assert warnings == warned, login  # only those who may read the audit trail are told
        warnings.clear()
        desk._close_window()


def test_nurse_gets_no_administration(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *_a, **_k: True))
    assert session.sign_in(nurse)
    assert session.window is not None and not session.window.show_page("administration")


def test_refused_forced_password_change_returns_to_sign_in(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch
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


def test_the_forced_change_after_a_temporary_password_does_not_ask_for_it_again(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary, chosen = "mật khẩu tạm thời 2026", "hoa ban trắng trên đồi"
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", temporary, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", temporary)
    asked: list[bool] = []

    def change(dialog: ChangePasswordDialog) -> int:
        asked.append(dialog.asks_current_password())
        dialog.new_edit.setText(chosen)
        dialog.repeat_edit.setText(chosen)
        dialog.change_button.click()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: SignIn(nurse, temporary)))
    assert session.sign_in()
    assert asked == [False] and session.window is not None
    assert not installed.centre.accounts.authenticate("yta", chosen).must_change_password


def test_switching_user_closes_the_first_users_window(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch
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
    session._on_switch_user(SignIn(counsellor))
    qtbot.waitUntil(lambda: first is not None and not first.isVisible(), timeout=2000)
    assert session.window is not None and session.window is not first
    assert "tuvan" in _status(session) and "giamdoc" not in _status(session)


def test_daily_backup_runs_in_the_background(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession
) -> None:
    backups = installed.centre.backups
    assert backups.daily_due()
    session._start_daily_backup()
    qtbot.waitUntil(lambda: backups.latest() is not None, timeout=60_000)
    assert not backups.daily_due()


def test_restore_from_the_backup_page_reopens_and_asks_to_sign_in_again(
    qtbot: QtBot, installed: Installed, session: desktop.DesktopSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    backup = installed.centre.backups.create(installed.manager, tmp_path / "truoc.cdbak")
    installed.centre.accounts.create(
        installed.manager, NewAccount("moi", "Tài khoản sau sao lưu", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *_a, **_k: SignIn(installed.manager)))
    assert session.sign_in(installed.manager)
    old_centre = session.centre
    session.request_restore(backup.path)
    # a PostgreSQL restore rebuilds the schema: slow beside other test workers on a busy machine
    qtbot.waitUntil(lambda: session.centre is not old_centre and session.window is not None, timeout=90_000)
    installed.centre = session.centre
    assert told
    logins = {a.login for a in session.centre.accounts.all_accounts(installed.manager)}
    assert "moi" not in logins and "giamdoc" in logins


# -- start-up: the sign of life ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "desktop"),
    [
        ([], True),
        (["--data-dir", "/tmp/x", "--lang", "en"], True),
        (["--data-dir=/tmp/x", "--passphrase-file", "init"], True),  # "init" is the option's value here
        (["--db", "postgresql://app@host/centre"], True),
        (["init", "--manager", "giamdoc"], False),
        (["--data-dir", "/tmp/x", "residents"], False),
        (["--version"], False),
        (["-h"], False),
    ],
)
def test_the_launcher_tells_the_desktop_from_a_command(argv: list[str], desktop: bool) -> None:
    assert launcher.wants_desktop(argv) is desktop


def test_the_launcher_knows_every_option_that_takes_a_value() -> None:
    parser = build_parser()
    with_value = {
        option
        for action in parser._actions
        if action.option_strings and action.nargs != 0 and not isinstance(action, argparse._SubParsersAction)
        for option in action.option_strings
    }
    assert with_value == launcher.OPTIONS_WITH_VALUE


def test_the_start_up_window_leaves_when_the_first_real_window_shows(qtbot: QtBot) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    window = startup.StartupWindow()
    window.describe("Trung tâm Công tác xã hội tỉnh Lai Châu", "Đang khởi động…")
    window.start(qapp)
    window.show_busy_cursor()
    assert window.isVisible() and QApplication.overrideCursor() is not None
    assert "Lai Châu" in window.text() and "CentreDesk" in window.text()
    login = QDialog()
    qtbot.addWidget(login)
    login.show()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert QApplication.overrideCursor() is None  # the cursor it set is given back


def _launch(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "centre_desk", *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],  # this checkout's centre_desk, not an installed one
        check=False,
    )


def test_the_start_up_window_is_painted_before_the_heavy_imports(tmp_path: Path) -> None:
    done = _launch(["--data-dir", str(tmp_path / "data")], {startup.PROBE_ENV: "first"}, tmp_path)
    probe = [line for line in done.stdout.splitlines() if line.startswith("startup-probe ")]
    assert probe, done.stderr[-2000:]
    _tag, _at, window, heavy = probe[0].split()
    assert window == "StartupWindow"
    assert heavy == "heavy="  # no SQLAlchemy, reportlab, alembic, services or db yet


def test_a_command_never_loads_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from centre_desk.launcher import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr[-2000:]
