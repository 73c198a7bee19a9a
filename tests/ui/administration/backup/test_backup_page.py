"""The backup page: back up now, verify (good and damaged files), restore only after confirmation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.backup import verify_backup
from centre_desk.services.dto import NewAccount
from centre_desk.ui.administration.backup import BackupPage
from centre_desk.ui.administration.backup.model import backup_time, describe_kind, format_size
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed

NURSE_PASSWORD = "Hoa ban trắng nở 2026"


class Boxes:
    """Records QMessageBox calls; `answer` is what a question/warning with buttons returns."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.info: list[str] = []
        self.warnings: list[str] = []
        self.confirmations: list[str] = []
        self.answer = QMessageBox.StandardButton.Cancel
        monkeypatch.setattr(QMessageBox, "information", self._information)
        monkeypatch.setattr(QMessageBox, "warning", self._warning)

    def _information(self, _parent: Any, _title: str, text: str) -> QMessageBox.StandardButton:
        self.info.append(text)
        return QMessageBox.StandardButton.Ok

    def _warning(self, _parent: Any, _title: str, text: str, *buttons: Any) -> QMessageBox.StandardButton:
        if buttons:  # a question with Yes / Cancel
            self.confirmations.append(text)
            return self.answer
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def _page(
    qtbot: QtBot, installed: Installed, actor: Actor | None = None, events: AppEvents | None = None
) -> BackupPage:
    page = BackupPage(installed.centre.backups, actor or installed.manager, events or AppEvents())
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    return page


def _wait_idle(qtbot: QtBot, page: BackupPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


def _damaged_copy(installed: Installed, tmp_path: Path) -> Path:
    info = installed.centre.backups.create(installed.manager, tmp_path / "usb" / "centre-20260301-080000.cdbak")
    data = bytearray(info.path.read_bytes())
    data[5000] ^= 0xFF
    info.path.write_bytes(bytes(data))
    return info.path


def test_back_up_now_adds_a_row(qtbot: QtBot, installed: Installed, boxes: Boxes) -> None:
    events = AppEvents()
    page = _page(qtbot, installed, events=events)
    assert page.model.rowCount() == 0
    assert all(b.isEnabled() for b in (page.back_up_button, page.back_up_to_button, page.verify_file_button))
    assert not page.verify_button.isEnabled() and not page.restore_button.isEnabled()  # nothing selected yet
    with qtbot.waitSignal(events.data_changed, timeout=30_000, check_params_cb=lambda kind: kind == "backup"):
        page.back_up_button.click()
        assert page.busy and not page.back_up_button.isEnabled() and not page.restore_file_button.isEnabled()
        busy = page.findChild(QProgressDialog)
        assert busy is not None and busy.isVisible() and (busy.minimum(), busy.maximum()) == (0, 0)
    _wait_idle(qtbot, page)
    assert page.model.rowCount() == 1
    row = page.model.row(0)
    assert row.kind == "manual" and row.path.exists()
    assert page.proxy.index(0, 1).data() == describe_kind("manual")
    assert page.proxy.index(0, 3).data() == row.path.name
    assert boxes.info and row.path.name in boxes.info[0] and page.back_up_button.isEnabled()


def test_back_up_to_a_chosen_file(
    qtbot: QtBot, installed: Installed, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested: list[str] = []

    def save_name(_parent: Any, _title: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return str(tmp_path / "usb" / "sao-luu"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page = _page(qtbot, installed)
    page.back_up_to_button.click()
    _wait_idle(qtbot, page)
    written = tmp_path / "usb" / "sao-luu.cdbak"
    assert written.exists() and verify_backup(written, installed.centre.keys).ok
    assert Path(suggested[0]).suffix == ".cdbak"
    assert boxes.info and str(written) in boxes.info[0]
    assert page.model.rowCount() == 0  # not in the data folder, so not in the list


def test_list_is_newest_first_with_kinds(qtbot: QtBot, installed: Installed, qtmodeltester: ModelTester) -> None:
    backups = installed.centre.backups
    for kind, stamp in (
        ("daily", "20260301-020000"),
        ("manual", "20260310-143000"),
        ("pre-migration", "20260305-090000"),
    ):
        backups.create(installed.manager, backups.backup_dir / kind / f"centre-{stamp}.cdbak", kind=kind)
    page = _page(qtbot, installed)
    newest_first = [describe_kind("manual"), describe_kind("pre-migration"), describe_kind("daily")]
    assert [page.proxy.index(i, 1).data() for i in range(3)] == newest_first
    newest = page.model.row(page.proxy.mapToSource(page.proxy.index(0, 0)).row())
    assert page.proxy.index(0, 0).data() == format_datetime(newest.created_at)
    assert page.proxy.index(0, 2).data() == format_size(newest.size_bytes)
    assert page.proxy.index(0, 3).data() == "centre-20260310-143000.cdbak"
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by the time itself, not its dd/mm text
    assert [page.proxy.index(i, 1).data() for i in range(3)] == newest_first[::-1]
    assert format_size(3 * 1024 * 1024 + 512 * 1024) == _("{size} MB").format(size="3,5")
    assert format_size(1200) == _("{size} MB").format(size="0,1")
    assert describe_kind("before-restore") == _("Before a restore") and describe_kind("odd") == "odd"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_verify_a_good_backup_shows_row_counts(qtbot: QtBot, installed: Installed, boxes: Boxes) -> None:
    backups = installed.centre.backups
    backups.create(installed.manager)
    page = _page(qtbot, installed)
    page.table.selectRow(0)
    assert page.verify_button.isEnabled()
    page.verify_button.click()
    _wait_idle(qtbot, page)
    assert boxes.info and not boxes.warnings
    assert "staff_account: 1" in boxes.info[0] and "audit_event" in boxes.info[0]


def test_verify_a_damaged_file_shows_the_problem(
    qtbot: QtBot, installed: Installed, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = _damaged_copy(installed, tmp_path)
    problem = verify_backup(damaged, installed.centre.keys).problems[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(damaged), ""))
    page = _page(qtbot, installed)
    page.verify_file_button.click()
    _wait_idle(qtbot, page)
    assert not boxes.info and len(boxes.warnings) == 1
    assert problem in boxes.warnings[0] and damaged.name in boxes.warnings[0]
    assert problem in page.status_label.text()


def test_restore_asks_first_and_emits_only_when_confirmed(qtbot: QtBot, installed: Installed, boxes: Boxes) -> None:
    backups = installed.centre.backups
    backups.create(installed.manager, backups.backup_dir / "daily" / "centre-20260301-020000.cdbak", kind="daily")
    page = _page(qtbot, installed)
    requested: list[Path] = []
    page.restore_requested.connect(requested.append)
    page.table.selectRow(0)
    chosen = page.selected_backup()
    assert chosen is not None

    page.restore_button.click()
    qtbot.waitUntil(lambda: bool(boxes.confirmations), timeout=30_000)
    _wait_idle(qtbot, page)
    assert requested == []
    assert format_datetime(chosen.created_at) in boxes.confirmations[0]
    assert page.status_label.text() == _("The restore was cancelled; nothing was changed.")

    boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(page.restore_requested, timeout=30_000) as signal:
        page.restore_button.click()
    assert signal.args == [chosen.path] and requested == [chosen.path]
    assert len(boxes.confirmations) == 2 and not boxes.warnings


def test_a_damaged_file_is_never_offered_for_restore(
    qtbot: QtBot, installed: Installed, boxes: Boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = _damaged_copy(installed, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(damaged), ""))
    boxes.answer = QMessageBox.StandardButton.Yes
    page = _page(qtbot, installed)
    requested: list[Path] = []
    page.restore_requested.connect(requested.append)
    page.restore_file_button.click()
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=30_000)
    _wait_idle(qtbot, page)
    assert requested == [] and boxes.confirmations == []
    assert boxes.warnings[0].startswith(_("The backup cannot be restored: {problem}").split("{")[0])


def test_backup_time_of_a_file(tmp_path: Path) -> None:
    named = tmp_path / "centre-20260309-071500.cdbak"
    named.write_bytes(b"x")
    assert backup_time(named) == datetime(2026, 3, 9, 7, 15, tzinfo=UTC)
    other = tmp_path / "copy.cdbak"
    other.write_bytes(b"x")
    assert backup_time(other).tzinfo is not None


def test_a_nurse_sees_the_not_allowed_note(qtbot: QtBot, installed: Installed, boxes: Boxes) -> None:
    installed.centre.backups.create(installed.manager)
    row = installed.centre.accounts.create(
        installed.manager, NewAccount("yta.lan", "Lò Thị Lan", NURSE_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = Actor(row.id, row.login, row.roles, row.full_name)
    page = _page(qtbot, installed, nurse)
    qtbot.waitExposed(page)
    assert page.not_allowed_note.isVisible() and not page.content.isVisible()
    assert page.model.rowCount() == 0
    assert not any(b.isEnabled() for b in (page.back_up_button, page.verify_file_button, page.restore_file_button))
    page.back_up_now()
    assert not page.busy and len(installed.centre.backups.known_backups(installed.manager)) == 1
