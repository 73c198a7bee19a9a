"""Issue 9 through the command line: `check` verifies before its own sign-in writes, `--repair`,
and `connect` with a keyring that is locked."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import text

from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.test_cli import _init, cheap_passwords, cli_db, run  # noqa: F401 - fixtures

CHECK = ["check", "--user", "giamdoc", "--password-stdin"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


def _tamper(db: list[str], *statements: str) -> Path:
    """Drop the append-only guard and run `statements` with the database's own keys."""
    centre = installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))
    with centre.engine.begin() as conn:
        if centre.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))
        for statement in statements:
            conn.execute(text(statement))
    anchor = centre.audit.anchor
    centre.close()
    assert anchor is not None
    return anchor.path


@pytest.mark.expect_log_warnings
def test_check_finds_a_cut_tail_with_its_anchor_file_deleted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str]
) -> None:
    _init(monkeypatch, capsys, db)
    for _n in range(3):
        assert run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)[0] == 0
    anchor = _tamper(db, "DELETE FROM audit_event WHERE seq > 5")  # 3 logins + 3 checks + 2 = 8 rows
    anchor.unlink()
    code, out, _err = run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)
    assert code == 1
    assert "3" in next(line for line in out.splitlines() if "8" in line and line.startswith("✗")), out
    assert not out.strip().endswith("OK")
    code, out, _err = run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)  # and it stays found
    assert code == 1 and "✗" in out


@pytest.mark.expect_log_warnings
def test_check_repair_puts_the_protection_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str]
) -> None:
    _init(monkeypatch, capsys, db)
    _tamper(db)
    assert run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)[0] == 1
    assert run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)[0] == 1  # check alone repairs nothing
    code, out, _err = run(monkeypatch, capsys, [*db, "check", "--repair", *CHECK[1:]], MANAGER_PASSWORD)
    assert "--repair" in out
    code, out, _err = run(monkeypatch, capsys, [*db, *CHECK], MANAGER_PASSWORD)
    assert code == 0, out


class LockedKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")


def test_connect_with_a_locked_keyring_says_so_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    keyring.set_keyring(LockedKeyring())  # the autouse memory keyring fixture puts its own back
    argv = ["--data-dir", str(tmp_path), "connect", "postgresql://app@127.0.0.1:55432/centre", "--password-stdin"]
    code, _out, err = run(monkeypatch, capsys, argv, "mật khẩu máy chủ\n")
    assert code == 1
    assert "Traceback" not in err and "KeyringLocked" not in err
    assert "keyring" in err.lower() or "kho khóa" in err.lower()
    assert not (tmp_path / "connection.json").exists()
