"""A database file found damaged at start (SECURITY.md G1.5): the start offers the newest backup that verifies,
sets the damaged file aside and opens the restored one; declining changes nothing."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from centre_desk.ui.unlock.flow import open_installation
from tests.conftest import Installed
from tests.drills.test_damaged_page import _damage, _filled, _pages
from tests.support.registry_data import admit

pytestmark = pytest.mark.expect_log_warnings


def _damaged(installed: Installed, engine_kind: str) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a page of a SQLCipher file")
    admit(installed.centre, installed.manager, "Lò Thị Xuân")
    installed.centre.backups.create(installed.manager, kind="daily")
    path = _filled(installed, engine_kind)
    _damage(path, _pages(path) - 1)


def _answer(monkeypatch: pytest.MonkeyPatch, button: int) -> list[str]:
    """Stand in for the question's exec(): press its `button`-th button (0: restore, 1: close); the texts shown."""
    shown: list[str] = []

    def run(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[button].click()
        return 0

    def tell(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "critical", tell)
    return shown


def test_the_start_restores_the_newest_backup_when_asked(
    qtbot: QtBot, installed: Installed, engine_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damaged(installed, engine_kind)
    shown = _answer(monkeypatch, 0)
    centre = open_installation(installed.options)
    assert centre is not None
    installed.centre = centre
    assert "bị hỏng" in shown[0] and "sao lưu" in shown[0], shown
    assert "Đã khôi phục bản sao lưu" in shown[1], shown
    assert list((installed.options.data_dir / "replaced").glob("*.damaged.db"))


def test_declining_closes_and_changes_nothing(
    qtbot: QtBot, installed: Installed, engine_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damaged(installed, engine_kind)
    path = installed.centre.target.path
    assert path is not None
    before = path.read_bytes()
    shown = _answer(monkeypatch, 1)
    assert open_installation(installed.options) is None
    assert len(shown) == 1 and path.read_bytes() == before
    assert not (installed.options.data_dir / "replaced").exists()
