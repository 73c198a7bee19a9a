"""Fault drill (SECURITY.md G1.5, issue 15 item 6): one damaged page of the database file, found at start.

What exists: a damaged page that opening reads fails closed with "The database file is damaged. Please restore it
from a backup."; the integrity check (maintenance.inspect, run from the menu and by `centre-desk check`) finds a
damaged page anywhere; the program's start runs SQLite's quick check (open_centre(check=True)), which finds a page
opening does not read: the file is set aside and the newest verified backup restored (recovery.restore_damaged),
which the start offers (ui/unlock/flow.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.db.engine import PAGE_SIZE
from centre_desk.errors import DatabaseDamaged, StorageError
from centre_desk.models import AuditEvent
from centre_desk.services.installation import open_centre
from centre_desk.services.recovery import restorable_backup, restore_damaged
from centre_desk.services.registry import RegistryFilter
from tests.conftest import Installed
from tests.support.registry_data import admit

pytestmark = pytest.mark.expect_log_warnings


def _damage(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[PAGE_SIZE * page + 200] ^= 0xFF
    path.write_bytes(bytes(data))


def _filled(installed: Installed, engine_kind: str) -> Path:
    if engine_kind != "sqlite":
        pytest.skip("a page of a SQLCipher file")
    for i in range(30):
        admit(installed.centre, installed.manager, f"Lò Thị Xuân {i}")
    path = installed.centre.target.path
    assert path is not None
    installed.centre.close()
    return path


def _pages(path: Path) -> int:
    return path.stat().st_size // PAGE_SIZE


def test_a_damaged_page_read_at_opening_fails_closed_naming_the_restore(installed: Installed, engine_kind: str) -> None:
    path = _filled(installed, engine_kind)
    refusals = []
    for page in range(1, _pages(path)):  # each page in turn, on a fresh copy: those opening reads refuse
        original = path.read_bytes()
        _damage(path, page)
        try:
            installed.centre = open_centre(installed.options, migrate=False)
            installed.centre.close()
        except StorageError as exc:
            refusals.append(exc.message)
        path.write_bytes(original)
    assert refusals, "no page is read at opening?"
    assert set(refusals) == {"Tệp cơ sở dữ liệu bị hỏng. Vui lòng khôi phục từ bản sao lưu."}, set(refusals)
    installed.centre = open_centre(installed.options, migrate=False)


def test_the_integrity_check_finds_a_damaged_page_opening_did_not_read(installed: Installed, engine_kind: str) -> None:
    path = _filled(installed, engine_kind)
    _damage(path, _pages(path) - 1)
    centre = installed.centre = open_centre(installed.options, migrate=False)  # opens: the last page is not read
    found = centre.maintenance.inspect()
    assert found.problems
    assert any("hỏng" in p for p in found.problems), found.problems


def test_start_finds_a_damaged_page_sets_the_file_aside_and_restores_the_newest_backup(
    installed: Installed, engine_kind: str
) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a page of a SQLCipher file")
    admit(installed.centre, installed.manager, "Lò Thị Xuân")
    installed.centre.backups.create(installed.manager, kind="daily")
    path = _filled(installed, engine_kind)  # 30 more after the backup
    _damage(path, _pages(path) - 1)
    installed.centre = open_centre(installed.options, migrate=False)  # opening alone does not read that page
    installed.centre.close()
    damaged = path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        installed.centre = open_centre(installed.options, migrate=False, check=True)  # the check at start does
    backup = restorable_backup(installed.options)
    assert backup is not None and backup.kind == "daily"
    centre, info = restore_damaged(installed.options, backup.path)
    installed.centre = centre
    aside = info.replaced_copy
    assert aside is not None and aside.read_bytes() == damaged and aside.parent.name == "replaced"  # kept
    assert centre.registry.count(installed.manager, RegistryFilter()) == 1  # the backup's data
    with centre.sessions() as s:
        last = s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(2)).all()
    assert last == ["backup.restored", "database.set_aside"]
    assert not centre.maintenance.check(installed.manager).problems  # the chain verifies, the pages read
    centre.close()
    installed.centre = open_centre(installed.options, migrate=False, check=True)  # whole again


def test_no_backup_to_restore_is_said_plainly(installed: Installed, engine_kind: str) -> None:
    path = _filled(installed, engine_kind)
    _damage(path, _pages(path) - 1)
    assert restorable_backup(installed.options) is None
    installed.centre = open_centre(installed.options, migrate=False)
