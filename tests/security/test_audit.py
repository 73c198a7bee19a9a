"""The audit chain: every kind of tampering is detected by `check`, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import StorageError
from centre_desk.models import AuditEvent, Base
from centre_desk.security.access import SYSTEM
from centre_desk.security.audit import AnchorFile, AuditLog
from tests.conftest import MANAGER_PASSWORD, Installed

DROP_GUARDS = {
    "sqlite": ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"],
    "postgresql": ["ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"],
}


def _activity(installed: Installed, logins: int = 6) -> int:
    for _ in range(logins):
        installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    with installed.centre.sessions() as s:
        return int(s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) or 0)


def _tamper(installed: Installed, *statements: str) -> None:
    engine = installed.centre.engine
    with engine.begin() as conn:
        for statement in [*DROP_GUARDS[engine.dialect.name], *statements]:
            conn.execute(text(statement))


def _problems(installed: Installed) -> str:
    report = installed.centre.maintenance.check(installed.manager)
    assert not report.ok
    return " | ".join(report.problems)


def test_clean_chain_verifies(installed: Installed) -> None:
    last = _activity(installed)
    report = installed.centre.maintenance.check(installed.manager)
    assert report.ok, report.problems
    assert any(str(last) in line for line in report.passed)


def test_database_refuses_update_and_delete(installed: Installed) -> None:
    _activity(installed, 2)
    for statement in ("UPDATE audit_event SET action = 'x' WHERE seq = 1", "DELETE FROM audit_event WHERE seq = 1"):
        with pytest.raises((DBAPIError, StorageError)), installed.centre.engine.begin() as conn:
            conn.execute(text(statement))
    assert installed.centre.maintenance.check(installed.manager).ok


@pytest.mark.expect_log_warnings
def test_edited_row_is_detected(installed: Installed) -> None:
    _activity(installed)
    _tamper(installed, "UPDATE audit_event SET actor_login = 'someone_else' WHERE seq = 3")
    assert "3" in _problems(installed)


@pytest.mark.expect_log_warnings
def test_deleted_row_is_detected(installed: Installed) -> None:
    _activity(installed)
    _tamper(installed, "DELETE FROM audit_event WHERE seq = 4")
    assert "5" in _problems(installed)


@pytest.mark.expect_log_warnings
def test_reordered_rows_are_detected(installed: Installed) -> None:
    _activity(installed)
    _tamper(
        installed,
        "UPDATE audit_event SET seq = -1 WHERE seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE seq = 4",
        "UPDATE audit_event SET seq = 4 WHERE seq = -1",
    )
    assert "3" in _problems(installed)


@pytest.mark.expect_log_warnings
def test_tail_truncation_is_detected(installed: Installed) -> None:
    last = _activity(installed)
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {last - 2}")
    assert "2" in _problems(installed)


@pytest.mark.expect_log_warnings
def test_forged_anchor_is_detected(installed: Installed) -> None:
    _activity(installed)
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    payload = json.loads(anchor.path.read_text())
    payload["seq"] = 1
    anchor.path.write_text(json.dumps(payload))
    assert _problems(installed)


def test_audit_rows_carry_no_field_values(installed: Installed) -> None:
    actor = installed.manager
    assert actor.account_id is not None
    row = installed.centre.accounts.get(actor, actor.account_id)
    installed.centre.accounts.rename(actor, row.id, row.version, "Vàng Thị Mỷ")
    with installed.centre.engine.connect() as conn:
        dump = " ".join(str(v) for r in conn.execute(select(AuditEvent)).all() for v in r)
    assert "Vàng" not in dump and "Hường" not in dump
    assert "account.updated" in dump


# -- randomised tampering on a small chain (fast, plain SQLite) ----------------------------------
def _chain(tmp_path: Path, rows: int) -> tuple[sessionmaker[Session], AuditLog]:
    engine = create_engine(f"sqlite:///{tmp_path / 'chain.db'}")
    Base.metadata.create_all(engine, tables=[AuditEvent.__table__])  # type: ignore[list-item]
    log = AuditLog(b"k" * 32, "test", AnchorFile(tmp_path / "anchor.json", b"k" * 32))
    sessions = sessionmaker(engine)
    log.attach(sessions)
    for n in range(rows):
        with sessions.begin() as s:
            log.record(s, SYSTEM, f"action.{n}", record_type="resident", record_id=n)
    return sessions, log


_TAMPERS = st.sampled_from(["update", "delete", "swap", "truncate", "insert_seq"])


@settings(max_examples=60, deadline=None)
@given(kind=_TAMPERS, target=st.integers(min_value=1, max_value=12), data=st.data())
def test_random_tampering_is_always_detected(
    tmp_path_factory: pytest.TempPathFactory, kind: str, target: int, data: st.DataObject
) -> None:
    sessions, log = _chain(tmp_path_factory.mktemp("chain"), 12)
    with sessions.begin() as s:
        if kind == "update":
            column = data.draw(st.sampled_from(["action", "record_id", "actor_login", "outcome", "field_group"]))
            s.execute(text(f"UPDATE audit_event SET {column} = {column} || 'x' WHERE seq = :t"), {"t": target})
        elif kind == "delete":
            s.execute(text("DELETE FROM audit_event WHERE seq = :t"), {"t": target})
        elif kind == "swap":
            other = target % 12 + 1
            s.execute(text("UPDATE audit_event SET seq = -1 WHERE seq = :t"), {"t": target})
            s.execute(text("UPDATE audit_event SET seq = :t WHERE seq = :o"), {"t": target, "o": other})
            s.execute(text("UPDATE audit_event SET seq = :o WHERE seq = -1"), {"o": other})
        elif kind == "truncate":
            s.execute(text("DELETE FROM audit_event WHERE seq >= :t"), {"t": target})
        else:
            s.execute(
                text("UPDATE audit_event SET at_utc = '2020-01-01 00:00:00.000000' WHERE seq = :t"), {"t": target}
            )
    with sessions() as s:
        report = log.verify(s.connection())
    assert not report.ok
