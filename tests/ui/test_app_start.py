"""Start-up of the desktop program: recovery offered when the key is missing; daily backup off the UI thread."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QInputDialog, QMessageBox

from centre_desk import app
from centre_desk.services.installation import Options
from centre_desk.ui.shell import MainWindow
from tests.conftest import Installed
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
    assert len(memory_keyring.entries) == 3


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


def test_daily_backup_runs_in_the_background(qtbot: QtBot, installed: Installed) -> None:
    window = MainWindow("Trung tâm", "centre.db")
    qtbot.addWidget(window)
    backups = installed.centre.backups
    assert backups.daily_due()
    app.start_daily_backup(window, installed.centre)
    qtbot.waitUntil(lambda: backups.latest() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=5_000)
    assert not backups.daily_due()
