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
from centre_desk.i18n import _
from centre_desk.models import AuditEvent, Base
from centre_desk.security.access import SYSTEM
from centre_desk.security.anchors import KeyringCopy
from centre_desk.security.audit import AnchorFile, AuditLog
from centre_desk.services.dto import CheckReport
from centre_desk.services.installation import open_centre
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.memory_keyring import MemoryKeyring

MISSING_BESIDE_KEYRING = (
    "The external audit anchor file is missing, although the copy in the system keyring "
    "records the trail up to row {seq}."
)

DROP_GUARDS = {
    "sqlite": ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"],
    "postgresql": ["ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"],
}


def _activity(installed: Installed, logins: int = 6) -> int:
    for _n in range(logins):
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


# -- issue 9: the copies of the head, verification before the sign-in, the append-only guard -----
def _reopen(installed: Installed) -> None:
    """A new program run (the keyring copy is brought up to date when the old one closes)."""
    installed.centre.close()
    installed.centre = open_centre(installed.options)


def _cli_check(installed: Installed, *, repair: bool = False) -> CheckReport:
    """What `centre-desk check` does: inspect, then sign in (which writes), then report."""
    found = installed.centre.maintenance.inspect()
    actor = installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    return installed.centre.maintenance.check(actor, found, repair=repair)


def _head_copy(memory_keyring: MemoryKeyring) -> dict[str, object]:
    (value,) = [v for (_s, user), v in memory_keyring.entries.items() if user.startswith("audit-head:")]
    return dict(json.loads(value))


@pytest.mark.expect_log_warnings
def test_cut_tail_and_deleted_anchor_file_are_reported_with_the_exact_count(
    installed: Installed, memory_keyring: MemoryKeyring
) -> None:
    last = _activity(installed)
    _reopen(installed)
    assert _head_copy(memory_keyring)["seq"] == last
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {last - 3}")
    assert installed.centre.audit.anchor is not None
    installed.centre.audit.anchor.path.unlink()
    _reopen(installed)
    report = _cli_check(installed)
    problems = " | ".join(report.problems)
    assert f"records the trail up to row {last}" in problems or f"đến dòng {last}" in problems
    assert any(f" {3} " in p and str(last) in p for p in report.problems), report.problems
    assert any(p == _(MISSING_BESIDE_KEYRING).format(seq=last) for p in report.problems)
    # the sign-in went on after the missing rows: the gap stays, with its size, for every later check
    _reopen(installed)
    again = _cli_check(installed)
    gap = _("Audit trail: {n} rows are missing before row {seq}.").format(n=3, seq=last + 1)
    assert gap in again.problems


@pytest.mark.expect_log_warnings
def test_older_anchor_file_put_back_is_reported(installed: Installed) -> None:
    kept = _activity(installed, 2)
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    old = anchor.path.read_bytes()
    last = _activity(installed, 4)
    _reopen(installed)
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {kept}")
    anchor.path.write_bytes(old)
    _reopen(installed)
    report = _cli_check(installed)
    older = _(
        "The external audit anchor file has been replaced by an older copy: it ends at row {old}, "
        "the copy in the system keyring at row {new}."
    ).format(old=kept, new=last)
    assert older in report.problems
    assert any(str(last - kept) in p and str(last) in p for p in report.problems if p != older)


@pytest.mark.expect_log_warnings
def test_anchor_file_deleted_without_another_copy_stays_an_alarm_until_repaired(
    installed: Installed, engine_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a server database is used from several computers; a new one starts without copies")
    monkeypatch.setattr(KeyringCopy, "available", staticmethod(lambda: False))  # the passphrase setting
    _activity(installed, 2)
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    anchor.path.unlink()
    _reopen(installed)
    missing = _("The external audit anchor file is missing.")
    assert missing in _cli_check(installed).problems
    assert not anchor.path.exists(), "the sign-in must not make a fresh anchor that hides the loss"
    _reopen(installed)
    assert missing in _cli_check(installed, repair=True).problems
    assert anchor.path.exists()
    _reopen(installed)
    assert _cli_check(installed).ok


@pytest.mark.expect_log_warnings
def test_removed_append_only_protection_is_reported_and_put_back_only_on_repair(installed: Installed) -> None:
    _activity(installed, 1)
    _tamper(installed)
    removed = [p for p in _cli_check(installed).problems if "--repair" in p]
    assert len(removed) == 1
    assert [p for p in _cli_check(installed).problems if "--repair" in p] == removed  # not repaired silently
    repaired = _cli_check(installed, repair=True)
    assert _("Repaired: the audit trail's append-only protection has been put back.") in repaired.passed
    with installed.centre.sessions() as s:
        assert s.scalar(select(AuditEvent.seq).where(AuditEvent.action == "audit.protection_restored"))
    assert _cli_check(installed).ok
    with pytest.raises((DBAPIError, StorageError)), installed.centre.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = 1"))


@pytest.mark.expect_log_warnings
def test_count_stays_exact_when_rows_were_written_after_the_cut(installed: Installed) -> None:
    last = _activity(installed, 5)
    _reopen(installed)
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {last - 4}")
    _reopen(installed)
    for _n in range(2):  # people sign in before anyone runs check
        installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    gap = _("Audit trail: {n} rows are missing before row {seq}.").format(n=4, seq=last + 1)
    assert gap in installed.centre.maintenance.check(installed.manager).problems


def test_backup_records_the_end_when_there_is_no_keyring(
    installed: Installed, engine_kind: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(KeyringCopy, "available", staticmethod(lambda: False))
    _activity(installed, 3)
    installed.centre.backups.create(installed.manager, kind="daily")
    with installed.centre.sessions() as s:
        head = int(s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) or 0)
    _reopen(installed)
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {head - 2}")
    anchor = installed.centre.audit.anchor
    assert anchor is not None
    anchor.path.write_bytes(b"")  # damaged too: only the backup is left to tell
    problems = " | ".join(installed.centre.maintenance.inspect().problems)
    # the backup holds the trail up to the row before its own "backup made" row (the head)
    assert f" {head - 1})." in problems and ("backup" in problems or "sao lưu" in problems), problems


def test_anchor_file_never_moves_back(tmp_path: Path) -> None:
    first, second = AnchorFile(tmp_path / "a.json", b"k" * 32), AnchorFile(tmp_path / "a.json", b"k" * 32)
    assert first.write(5, "aa")
    assert not second.write(4, "bb")  # another process, older head: ignored
    anchor = first.read()
    assert anchor is not None and anchor.seq == 5
    assert second.write(4, "bb", force=True)  # a restore, explicitly


@pytest.mark.expect_log_warnings
def test_a_backup_kept_away_shows_what_a_key_holder_rewrote(installed: Installed, tmp_path: Path) -> None:
    """Someone with the keys cuts rows and rewrites every copy on the PC; a backup on a USB stick
    still holds the old end, and `check --backup` compares the trail with it."""
    _activity(installed, 3)
    usb = installed.centre.backups.create(installed.manager, tmp_path / "usb" / "giu-trong-ket.cdbak").path
    with installed.centre.sessions() as s:
        head = int(s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) or 0)
    _tamper(installed, f"DELETE FROM audit_event WHERE seq > {head - 3}")
    with installed.centre.sessions.begin() as s:
        installed.centre.audit.reset_head(s)  # the copies in the data folder and the keyring, rewritten
    installed.centre.maintenance.check(installed.manager, repair=True)  # and the protection put back
    _reopen(installed)
    assert installed.centre.maintenance.inspect().problems == ()
    problems = installed.centre.maintenance.inspect([usb]).problems
    assert [p for p in problems if usb.name in p and str(head - 1) in p], problems
