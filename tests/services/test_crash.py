"""Fault injection: writers killed with SIGKILL at random moments, and a full disk.

G1.1: 0 acknowledged commits lost, 0 partial transactions (every account has its
audit row), integrity intact; also while a second program holds the database open and
restores are attempted (issue 9). Rounds: CENTRE_DESK_CRASH_ROUNDS (default 200 per engine).
"""

from __future__ import annotations

import os
import random
import re
import select as io_select
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from centre_desk.errors import StorageError
from centre_desk.models import AuditEvent, StaffAccount
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import open_centre
from centre_desk.services.recovery import restore
from tests.conftest import MANAGER_PASSWORD, Installed

ROUNDS = int(os.environ.get("CENTRE_DESK_CRASH_ROUNDS", "200"))


def _writer(installed: Installed, prefix: str, ack_fd: int, pause: float) -> None:  # pragma: no cover - child
    try:
        centre = open_centre(installed.options, migrate=False)
        os.write(ack_fd, b"ready\n")
        for i in range(10_000):
            login = f"{prefix}_{i}"
            centre.accounts.create(
                installed.manager, NewAccount(login, f"Người thử {i}", MANAGER_PASSWORD, frozenset({Role.NURSE}))
            )
            os.write(ack_fd, login.encode() + b"\n")
            time.sleep(pause)
    finally:
        os._exit(0)


def _spawn(installed: Installed, prefix: str, pause: float = 0.0) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        _writer(installed, prefix, write_fd, pause)
    os.close(write_fd)
    return pid, read_fd


def _kill(pid: int, read_fd: int) -> list[str]:
    """SIGKILL the writer; the logins whose save it had acknowledged."""
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return [x for x in b"".join(chunks).decode().split() if x != "ready"]


def _wait_ready(read_fd: int) -> None:
    """Until the writer has opened the database (its first line): on a busy machine opening can take longer
    than the random wait, and a writer killed while opening has nothing acknowledged to lose."""
    line = b""
    while len(line) < len(b"ready\n"):
        assert io_select.select([read_fd], [], [], 60)[0], "the writer has not opened the database in 60 s"
        chunk = os.read(read_fd, len(b"ready\n") - len(line))
        assert chunk, "the writer ended before it had opened the database"
        line += chunk
    if line != b"ready\n":  # "failed <why>": read the reason to the end of its line
        while not line.endswith(b"\n") and (chunk := os.read(read_fd, 4096)):
            line += chunk
    assert line == b"ready\n", line.decode(errors="replace")


def _kill_rounds(installed: Installed, rounds: int, between: Callable[[int], None] | None = None) -> list[str]:
    rng = random.Random(20261129)
    acked: list[str] = []
    started = time.perf_counter()
    for round_no in range(rounds):
        pid, read_fd = _spawn(installed, f"r{round_no}")
        _wait_ready(read_fd)  # the moment is random within the writing, however long opening took
        time.sleep(rng.uniform(0.0, 0.2))
        if between is not None:
            between(round_no)
        acked += _kill(pid, read_fd)
    print(f"\n{rounds} kills in {time.perf_counter() - started:.1f} s, {len(acked)} acknowledged commits")
    assert len(acked) > rounds // 2, "the writer hardly ever committed: the harness is not testing anything"
    return acked


def _assert_nothing_lost(installed: Installed, acked: list[str]) -> None:
    centre = open_centre(installed.options)
    installed.centre = centre
    with centre.sessions() as s:
        stored = set(s.scalars(select(StaffAccount.login)))
        accounts = s.scalar(select(func.count()).select_from(StaffAccount))
        created_rows = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "account.created")
        )
    assert [login for login in acked if login not in stored] == []
    assert accounts == created_rows  # no account without its audit row, no audit row without its account
    report = centre.maintenance.check(installed.manager)
    assert report.ok, report.problems


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")
def test_sigkill_loses_no_acknowledged_commit(installed: Installed) -> None:
    installed.centre.close()
    _assert_nothing_lost(installed, _kill_rounds(installed, ROUNDS))


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")
def test_sigkill_and_restore_attempts_while_a_second_process_holds_the_database(
    installed: Installed, tmp_path: Path
) -> None:
    """A second program keeps the database open and saves all along; writers are killed around it
    and every tenth round a restore is attempted: each is refused naming this computer, and not one
    acknowledged save of the holder or the writers is lost."""
    backup = installed.centre.backups.create(installed.manager, tmp_path / "before.cdbak").path
    installed.centre.close()
    holder, holder_fd = _spawn(installed, "holder", pause=0.02)
    refusals: list[str] = []

    def attempt_restore(round_no: int) -> None:
        if round_no % 10:
            return
        centre = open_centre(installed.options, migrate=False)
        try:
            with pytest.raises(StorageError, match=re.escape(socket.gethostname())) as refused:
                restore(centre, installed.manager, backup)
            refusals.append(refused.value.message)
        finally:
            centre.close()

    acked = _kill_rounds(installed, max(ROUNDS // 2, 20), attempt_restore)
    holder_acked = _kill(holder, holder_fd)
    print(f"second process: {len(holder_acked)} acknowledged saves; {len(refusals)} restores refused")
    assert len(refusals) >= 2 and len(holder_acked) > 10
    _assert_nothing_lost(installed, acked + holder_acked)


@pytest.mark.expect_log_warnings
def test_disk_full_rolls_back_and_keeps_the_database(installed: Installed, engine_kind: str) -> None:
    if engine_kind != "sqlite":
        pytest.skip("a full disk is simulated with SQLite's max_page_count")
    centre, actor = installed.centre, installed.manager
    with centre.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())
    centre.engine.dispose()

    def limit(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")  # type: ignore[attr-defined]

    event.listen(centre.engine, "connect", limit)
    created = 0
    with pytest.raises(StorageError, match=r"disk is full|đầy"):
        for i in range(2000):
            centre.accounts.create(
                actor, NewAccount(f"full{i}", "Hà Thị Chía " + "x" * 150, MANAGER_PASSWORD, frozenset({Role.NURSE}))
            )
            created += 1
    event.remove(centre.engine, "connect", limit)
    centre.engine.dispose()
    with centre.sessions() as s:
        assert s.scalar(select(func.count()).select_from(StaffAccount)) == created + 1
    report = centre.maintenance.check(actor)
    assert report.ok, report.problems
    centre.accounts.create(actor, NewAccount("after", "Sau khi dọn đĩa", MANAGER_PASSWORD, frozenset({Role.NURSE})))
