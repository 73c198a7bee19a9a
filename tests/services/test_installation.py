"""Initialisation, opening, fail-closed key handling and recovery, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from centre_desk.db.migrate import NO_VERSION_ROW, head_revision
from centre_desk.errors import KeyUnavailable, NotInitialised, StorageError, ValidationError
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.keys import derive_keys, new_secret
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import initialise, open_centre
from centre_desk.services.recovery import recover
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_initialise_then_open(installed: Installed) -> None:
    centre = installed.centre
    assert centre.centre_name() == "Trung tâm Công tác xã hội tỉnh Lai Châu"
    assert installed.manager.roles == frozenset({Role.MANAGER})
    centre.close()
    again = open_centre(installed.options)
    try:
        assert again.installation_id == centre.installation_id
        assert again.maintenance.check(installed.manager).ok
    finally:
        again.close()


def _key_entries(memory_keyring: MemoryKeyring) -> list[str]:
    """The key entries (the keyring also holds a copy of the audit trail's end)."""
    return sorted(user for _service, user in memory_keyring.entries if "-key:" in user)


def test_keys_live_in_the_keyring_only(installed: Installed, memory_keyring: MemoryKeyring) -> None:
    names = _key_entries(memory_keyring)
    assert [n.split(":")[0] for n in names] == ["audit-key", "backup-key", "database-key"]
    assert all(n.endswith(installed.centre.installation_id) for n in names)
    assert not (installed.options.data_dir / "keys").exists()


def test_init_refuses_to_overwrite(installed: Installed) -> None:
    before = _files(installed.options.data_dir)
    manager = NewAccount("other", "Lò Văn Páo", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    with pytest.raises(StorageError):
        initialise(installed.options, manager, "Trung tâm khác")
    assert installed.centre.centre_name() == "Trung tâm Công tác xã hội tỉnh Lai Châu"
    assert _files(installed.options.data_dir) == before


def test_missing_keyring_entry_fails_closed_and_creates_nothing(
    installed: Installed, memory_keyring: MemoryKeyring
) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()
    before = {p: p.stat().st_size for p in _files(installed.options.data_dir)}
    with pytest.raises(KeyUnavailable, match="centre-desk recover"):
        open_centre(installed.options)
    assert {p: p.stat().st_size for p in _files(installed.options.data_dir)} == before
    assert memory_keyring.entries == {}


def test_wrong_key_fails_closed(installed: Installed, memory_keyring: MemoryKeyring) -> None:
    installed.centre.close()
    wrong = derive_keys(new_secret())
    for (service, user), _value in list(memory_keyring.entries.items()):
        if "-key:" not in user:
            continue
        kind = user.split("-key:")[0]
        memory_keyring.entries[(service, user)] = getattr(wrong, kind).hex()
    before = _files(installed.options.data_dir)
    with pytest.raises(KeyUnavailable):
        open_centre(installed.options)
    assert _files(installed.options.data_dir) == before


def test_recovery_key_restores_access(installed: Installed, memory_keyring: MemoryKeyring) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()
    recovered = recover(installed.options, installed.recovery_key.lower().replace("-", " "))
    try:
        assert recovered.centre_name() == "Trung tâm Công tác xã hội tỉnh Lai Châu"
        assert len(_key_entries(memory_keyring)) == 3
        actor = recovered.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        assert recovered.maintenance.check(actor).ok
    finally:
        recovered.close()


def test_wrong_recovery_key_is_refused(installed: Installed, memory_keyring: MemoryKeyring) -> None:
    installed.centre.close()
    memory_keyring.entries.clear()
    from centre_desk.security.keys import format_recovery_key

    with pytest.raises(KeyUnavailable):
        recover(installed.options, format_recovery_key(new_secret()))
    assert memory_keyring.entries == {}


def test_open_without_database_creates_nothing(options) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotInitialised):
        open_centre(options)
    assert _files(options.data_dir) == set()


def test_invalid_first_manager_leaves_nothing_behind(options, memory_keyring: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", "ngắn", frozenset({Role.MANAGER}))
    with pytest.raises(ValidationError, match="8"):
        initialise(options, manager, "Trung tâm")
    assert not [p for p in _files(options.data_dir) if "centre.db" in p.name]
    assert memory_keyring.entries == {}


def test_missing_schema_version_row_is_refused_without_a_backup(installed: Installed) -> None:
    """A set-up database without its version row is not an old one: no backup, no migration."""
    with installed.centre.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    installed.centre.close()
    before = _files(installed.options.data_dir)
    with pytest.raises(StorageError) as refused:
        open_centre(installed.options)
    assert refused.value.message == _(NO_VERSION_ROW)
    assert not (installed.options.data_dir / "backups").exists()
    assert {p for p in _files(installed.options.data_dir) if "logs" not in p.parts} <= before
    with installed.centre.engine.begin() as conn:  # put back: the fixture closes what it opened
        conn.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": head_revision()})
    installed.centre = open_centre(installed.options)


def test_keyring_copy_of_the_audit_end_is_kept(installed: Installed, memory_keyring: MemoryKeyring) -> None:
    installed.centre.close()  # closing brings the copy up to date
    entries = [v for (_s, user), v in memory_keyring.entries.items() if user.startswith("audit-head:")]
    assert len(entries) == 1
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    assert json.loads(entries[0])["seq"] == json.loads(anchor.path.read_text())["seq"] > 0
    installed.centre = open_centre(installed.options)
