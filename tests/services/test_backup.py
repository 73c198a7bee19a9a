"""Backups: encrypted, verified, openable with the recovery key alone, restorable, rotated."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from centre_desk.errors import PermissionDenied, StorageError
from centre_desk.security.access import Actor
from centre_desk.security.keys import derive_keys, parse_recovery_key
from centre_desk.services.backup import verify_backup
from centre_desk.services.installation import open_centre, recover, restore
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring


def test_backup_is_verified_and_counts_match(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "out" / "manual.cdbak")
    assert info.path.exists() and info.size_bytes > 0
    assert info.counts["staff_account"] == 1 and info.counts["audit_event"] >= 3
    report = verify_backup(info.path, installed.centre.keys, expected=info.counts)
    assert report.ok and report.installation_id == installed.centre.installation_id
    assert not list(info.path.parent.glob("*.partial"))


def test_backup_opens_with_the_recovery_key_alone(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    keys = derive_keys(parse_recovery_key(installed.recovery_key))
    assert verify_backup(info.path, keys).ok


def test_damaged_backup_is_refused(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    data = bytearray(info.path.read_bytes())
    data[5000] ^= 0xFF
    info.path.write_bytes(bytes(data))
    report = verify_backup(info.path, installed.centre.keys)
    assert not report.ok
    with pytest.raises(StorageError):
        restore(installed.centre, installed.manager, info.path)


def test_restore_brings_back_the_saved_state(installed: Installed, tmp_path: Path) -> None:
    centre, actor = installed.centre, installed.manager
    assert actor.account_id is not None
    info = centre.backups.create(actor, tmp_path / "b.cdbak")
    row = centre.accounts.get(actor, actor.account_id)
    centre.accounts.rename(actor, row.id, row.version, "Tên sau khi sao lưu")
    restored, result = restore(centre, actor, info.path)
    installed.centre = restored
    assert restored.accounts.get(actor, actor.account_id).full_name == "Nguyễn Thị Hường"
    assert result.replaced_copy is not None and result.replaced_copy.exists()
    check = restored.maintenance.check(actor)
    assert check.ok, check.problems


def test_only_managers_and_administrators_back_up(installed: Installed, tmp_path: Path) -> None:
    nobody = Actor(account_id=99, login="y_ta", roles=frozenset())
    with pytest.raises(PermissionDenied):
        installed.centre.backups.create(nobody, tmp_path / "x.cdbak")
    assert not (tmp_path / "x.cdbak").exists()


def test_daily_backups_rotate(installed: Installed) -> None:
    backups = installed.centre.backups
    start = datetime(2026, 1, 1, 2, 0, tzinfo=UTC)
    for day in range(60):
        path = backups.auto_path("daily", start + timedelta(days=day))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    removed = backups.rotate()
    kept = sorted(p.name for p in (backups.backup_dir / "daily").iterdir())
    # 1 Jan .. 1 Mar: the 14 newest (16 Feb .. 1 Mar, which include the newest of Feb and Mar)
    # plus the newest of January.
    assert len(kept) == 15
    assert kept[0] == "centre-20260131-020000.cdbak" and kept[1] == "centre-20260216-020000.cdbak"
    assert len(removed) == 60 - len(kept)
    assert not backups.daily_due(start + timedelta(days=59, hours=3))
    assert backups.daily_due(start + timedelta(days=61))


def test_lost_disk_is_rebuilt_from_a_backup_and_the_recovery_key(
    installed: Installed, tmp_path: Path, memory_keyring: MemoryKeyring, engine_kind: str
) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a lost PostgreSQL server is rebuilt with `restore` after `init` on the new server")
    info = installed.centre.backups.create(installed.manager, tmp_path / "safe" / "b.cdbak")
    installed.centre.close()
    data = installed.options.data_dir
    for path in data.rglob("centre.db*"):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    memory_keyring.entries.clear()
    rebuilt = recover(installed.options, installed.recovery_key, info.path)
    installed.centre = rebuilt
    actor = rebuilt.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    assert rebuilt.centre_name() == "Trung tâm Công tác xã hội tỉnh Lai Châu"
    assert rebuilt.maintenance.check(actor).ok
    rebuilt.close()
    installed.centre = open_centre(installed.options)
