"""`centre-desk unlock LOGIN --recovery-key-stdin`: the way back when every manager is locked out."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.staff import LoginThrottle
from centre_desk.security.keys import format_recovery_key, new_secret
from centre_desk.services.accounts import LOCK_AFTER, LOGIN_LOCKED, RECOVERY_UNLOCK, WRONG_RECOVERY_KEY
from centre_desk.services.audit_view import AuditFilter
from centre_desk.services.installation import Options, open_centre
from tests.conftest import MANAGER_PASSWORD
from tests.test_cli import _init, cheap_passwords, run

__all__ = ["cheap_passwords"]  # the CLI's cheap hash parameters, autouse here too


def _lock(data: Path, login: str) -> None:
    """As twenty failed sign-ins leave a login (written straight into the table)."""
    centre = open_centre(Options(data))
    try:
        with centre.sessions.begin() as s:
            s.merge(LoginThrottle(login=login, failures=LOCK_AFTER, last_failure_at=utcnow(), locked=True))
    finally:
        centre.close()


def test_unlock_with_the_recovery_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ["--data-dir", str(tmp_path / "data")]
    recovery_key = _init(monkeypatch, capsys, db)
    _lock(tmp_path / "data", "phogd")
    code, _out, err = run(
        monkeypatch, capsys, [*db, "check", "--user", "phogd", "--password-stdin"], MANAGER_PASSWORD + "\n"
    )
    assert code == 1 and _(LOGIN_LOCKED) in err

    wrong = format_recovery_key(new_secret())
    code, out, err = run(monkeypatch, capsys, [*db, "unlock", "phogd", "--recovery-key-stdin"], wrong + "\n")
    assert code == 1 and _(WRONG_RECOVERY_KEY) in err and not out
    code, out, err = run(monkeypatch, capsys, [*db, "unlock", "PhoGD", "--recovery-key-stdin"], recovery_key + "\n")
    assert code == 0 and "phogd" in out, err

    centre = open_centre(Options(tmp_path / "data"))
    try:
        with centre.sessions() as s:
            assert s.get(LoginThrottle, "phogd") is None
        manager = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        rows = centre.audit_view.search(manager, AuditFilter(action=RECOVERY_UNLOCK))
    finally:
        centre.close()
    assert [r.outcome for r in rows] == ["ok", "failed"]


def test_the_only_manager_locked_by_an_older_version_signs_in_after_the_wait(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Today a locked only manager is shut out for good: backups, restore, accounts all unreachable."""
    db = ["--data-dir", str(tmp_path / "data")]
    _init(monkeypatch, capsys, db)
    _lock(tmp_path / "data", "giamdoc")
    centre = open_centre(Options(tmp_path / "data"))
    try:
        with centre.sessions.begin() as s:
            throttle = s.get(LoginThrottle, "giamdoc")
            assert throttle is not None and throttle.last_failure_at is not None
            throttle.last_failure_at -= timedelta(minutes=3)  # the wait after twenty failures is 2 minutes
    finally:
        centre.close()
    code, _out, err = run(
        monkeypatch, capsys, [*db, "backup", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD + "\n"
    )
    assert code == 0, err
