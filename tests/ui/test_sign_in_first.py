"""Issue 15 item 1: the sign-in window is drawn before the database layer is imported, and the installation is
opened behind it on a worker; Đăng nhập pressed early waits for it, a failure closes it and asks as before."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from centre_desk import app
from centre_desk.i18n import _
from centre_desk.services.installation import open_centre
from centre_desk.ui import startup
from centre_desk.ui.login.dialog import LoginDialog
from centre_desk.ui.unlock.dialog import OpenDatabaseDialog
from centre_desk.ui.unlock.flow import KEY_MISSING
from tests.benchmarks.bench_startup import ROOT, make_database
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.usefixtures("english")


def test_the_sign_in_window_is_on_screen_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    secret = make_database(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "centre_desk", "--data-dir", str(tmp_path / "data"), "--passphrase-file", str(secret)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", startup.PROBE_ENV: "ready"},
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,  # this checkout's centre_desk
    )  # fmt: skip
    probe = [line for line in done.stdout.splitlines() if line.startswith("startup-probe ")]
    assert probe, done.stderr[-2000:]
    _tag, _at, window, heavy = probe[0].split()
    assert window == "LoginDialog"
    assert heavy == "heavy="  # no SQLAlchemy, models, services, Alembic, argon2, keyring, SQLCipher or reportlab


def _drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, drive: Callable[[LoginDialog], None]) -> list[int]:
    """Stand in for the sign-in dialog's exec(): shown, worked by `drive`, then left to close by itself."""
    codes: list[int] = []

    def run(dialog: LoginDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        drive(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
        codes.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", run)
    return codes


def _held_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The worker opening the database waits for the event: the test presses Đăng nhập before it is open."""
    release = threading.Event()
    real = app._open_behind_sign_in

    def slow(options: object) -> object:
        assert release.wait(20)
        return real(options)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "_open_behind_sign_in", slow)
    return release


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def _qapp() -> QApplication:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    return qapp


def test_sign_in_pressed_while_the_database_opens_waits_for_it(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    release = _held_open(monkeypatch)
    seen: list[str] = []

    def sign_in(dialog: LoginDialog) -> None:
        assert dialog.centre_label.text() == ""  # not remembered yet: filled in when the database is open
        dialog.login_edit.setText("giamdoc")
        dialog.password_edit.setText(MANAGER_PASSWORD)
        dialog.sign_in_button.click()
        seen.append(dialog.error_label.text())
        assert "color" not in dialog.error_label.styleSheet()  # waiting, in the usual colour: not an error
        assert dialog.is_busy() and dialog.isVisible() and dialog.quit_button.isEnabled()
        release.set()

    codes = _drive(monkeypatch, qtbot, sign_in)
    signing = app._sign_in_while_opening(_qapp(), installed.options, _settings(tmp_path), marked=False)
    assert signing is not None
    centre, signed, held = signing
    assert centre is not None and signed is not None and held is not None
    installed.centre = centre
    assert seen == [_("Opening the database…")] and codes == [QDialog.DialogCode.Accepted]
    assert signed.actor.login == "giamdoc"
    assert held.isVisible() and held.error_label.text() == _("Opening the main window…")  # never no window
    held.release()
    assert QApplication.overrideCursor() is None  # the busy cursor is given back


def test_a_database_that_cannot_be_opened_closes_the_sign_in_and_says_why(
    qtbot: QtBot, installed: Installed, memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()  # the key is gone: the recovery key is asked, as before
    codes = _drive(monkeypatch, qtbot, lambda dialog: dialog.login_edit.setText("giamdoc"))
    reasons: list[str] = []

    def close(dialog: OpenDatabaseDialog) -> int:
        reasons.append(dialog.reason_label.text())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(OpenDatabaseDialog, "exec", close)
    signing = app._sign_in_while_opening(_qapp(), installed.options, _settings(tmp_path), marked=False)
    assert signing == (None, None, None)
    assert codes == [2] and reasons == [_(KEY_MISSING)]


def test_quit_while_the_database_opens_closes_it_again(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed.centre.close()
    release = _held_open(monkeypatch)

    def quit_now(dialog: LoginDialog) -> None:
        dialog.quit_button.click()
        release.set()

    _drive(monkeypatch, qtbot, quit_now)
    assert app._sign_in_while_opening(_qapp(), installed.options, _settings(tmp_path), marked=False) is None
    installed.centre = open_centre(installed.options)  # the lease was given back: it opens again
