"""Backups: encrypted, verified, openable with the recovery key alone, restorable, rotated."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from centre_desk.db.engine import open_cipher_connection, read_salt
from centre_desk.errors import PermissionDenied, StorageError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.keys import backup_file_key, derive_keys, parse_recovery_key
from centre_desk.services import recovery
from centre_desk.services.backup import KEEP_REPLACED, SUFFIX, TRUNCATED, verify_backup
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, open_centre
from centre_desk.services.recovery import recover, restore
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


# -- issue 9: one writer, one file; restore checks everything first ------------------------------
def _second_program(installed: Installed) -> Centre:
    """Another copy of the program with the same database open (a lease of its own)."""
    return open_centre(installed.options)


def _new_nurse(centre: Centre, actor: Actor, login: str) -> None:
    centre.accounts.create(actor, NewAccount(login, "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE})))


def _logins(centre: Centre) -> set[str]:
    return {
        row.login for row in centre.accounts.all_accounts(centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD))
    }


def test_restore_is_refused_while_another_program_has_the_database_open(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    other = _second_program(installed)
    try:
        with pytest.raises(StorageError) as refused:
            restore(installed.centre, installed.manager, info.path)
        assert socket.gethostname() in refused.value.message
        assert not installed.centre.backups.replaced_dir.exists()
        for n in range(3):  # the other program's saves go on, into the live database
            _new_nurse(other, installed.manager, f"sau_{n}")
        assert {"sau_0", "sau_1", "sau_2"} <= _logins(installed.centre)
    finally:
        other.close()
    restored, _info = restore(installed.centre, installed.manager, info.path)  # alone now: allowed
    installed.centre = restored
    assert "sau_0" not in _logins(restored)


@pytest.mark.expect_log_warnings
def test_a_program_whose_file_was_replaced_stops_writing(
    installed: Installed, engine_kind: str, tmp_path: Path
) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a server database is not a file")
    path = installed.centre.target.path
    assert path is not None
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    copy.replace(path)  # what a restore by a program ignoring the lease would do
    with pytest.raises(StorageError, match=r"replaced|thay thế"):
        _new_nurse(installed.centre, installed.manager, "mat_di")


def _set_backup_revision(installed: Installed, backup: Path, revision: str) -> None:
    salt = read_salt(backup)
    con = open_cipher_connection(backup, backup_file_key(installed.centre.keys, salt), salt, wal=False)
    try:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    finally:
        con.close()


def test_backup_of_a_newer_version_is_refused_before_anything_is_touched(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    _set_backup_revision(installed, info.path, "ffff_from_the_future")
    before = installed.centre.target.path.stat().st_ino if installed.centre.target.path else None
    with pytest.raises(StorageError, match=r"newer|mới hơn"):
        restore(installed.centre, installed.manager, info.path)
    assert not installed.centre.backups.replaced_dir.exists()
    if installed.centre.target.path is not None:
        assert installed.centre.target.path.stat().st_ino == before
    _new_nurse(installed.centre, installed.manager, "van_lam_viec")  # the program goes on as before
    installed.centre.close()
    installed.centre = open_centre(installed.options)


def test_backup_refuses_the_live_files_as_destination(installed: Installed, engine_kind: str) -> None:
    centre = installed.centre
    data = installed.options.data_dir
    targets = [data / "anchors" / "x.cdbak", data / "keys" / "x.cdbak"]
    if centre.target.path is not None:
        db = centre.target.path
        targets += [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}.lease") / "x.cdbak"]
        (data / "link.cdbak").symlink_to(db)
        targets.append(data / "link.cdbak")
        size = db.stat().st_size
    for target in targets:
        with pytest.raises(StorageError, match=r"database itself|chính cơ sở dữ liệu"):
            centre.backups.create(installed.manager, target)
    if centre.target.path is not None:
        assert centre.target.path.stat().st_size == size
    assert centre.maintenance.check(installed.manager).ok


def test_replaced_databases_are_rotated_and_listed(
    installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    # The copies' names carry the second of their restore (two restores in one second would share one): the
    # restores' clock moves on a second at each restore, as waiting a second between them would.
    calls = itertools.count()
    start = utcnow()
    monkeypatch.setattr(recovery, "utcnow", lambda: start + timedelta(seconds=next(calls)))
    made = []
    for _n in range(KEEP_REPLACED + 2):
        installed.centre, result = restore(installed.centre, installed.manager, info.path)
        assert result.replaced_copy is not None and result.replaced_copy.suffix == SUFFIX
        os.utime(result.replaced_copy)
        made.append(result.replaced_copy.name)
    assert len(set(made)) == KEEP_REPLACED + 2
    replaced = installed.centre.backups.replaced_dir
    assert sorted(p.name for p in replaced.iterdir()) == sorted(made)[-KEEP_REPLACED:]  # the newest are kept
    listed = [b for b in installed.centre.backups.known_backups(installed.manager) if b.kind == "before-restore"]
    assert sorted(b.path for b in listed) == sorted(replaced.iterdir())
    assert verify_backup(listed[0].path, installed.centre.keys).ok  # and each can be restored like any backup


def test_truncated_backup_is_named_as_such(installed: Installed, tmp_path: Path) -> None:
    info = installed.centre.backups.create(installed.manager, tmp_path / "b.cdbak")
    whole = info.path.read_bytes()
    for cut in (len(whole) // 2, len(whole) // 2 + 100, len(whole) - 4096, 10):
        info.path.write_bytes(whole[:cut])
        assert verify_backup(info.path, installed.centre.keys).problems == (_(TRUNCATED),), cut
    with pytest.raises(StorageError, match=re.escape(_(TRUNCATED))):
        restore(installed.centre, installed.manager, info.path)
    damaged = bytearray(whole)
    damaged[4096 * 3 + 100] ^= 0xFF
    info.path.write_bytes(bytes(damaged))
    assert _(TRUNCATED) not in verify_backup(info.path, installed.centre.keys).problems
