"""Fault drills (SECURITY.md G1.3, issue 15 item 6) on a real capability's save, the admission: a full disk, a
database that cannot be written, and a database held locked by another process for 2 s (the save waits and
succeeds) and for longer than the busy timeout (a clear StorageError; nothing partial written). The full drill holds
the lock for 30 s (DRILL_FULL=1); CI holds it for the busy timeout plus 2 s, which is the same case."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select, text

from centre_desk.db.engine import BUSY_TIMEOUT_MS
from centre_desk.errors import StorageError
from centre_desk.models import AuditEvent
from centre_desk.models.resident import Resident
from centre_desk.services.installation import Centre, open_centre
from tests.conftest import Installed
from tests.services.test_crash import _wait_ready
from tests.support.registry_data import admit

pytestmark = pytest.mark.expect_log_warnings  # engine.py logs each storage error it turns into StorageError
FULL = os.environ.get("DRILL_FULL") == "1"


def _counts(centre: Centre) -> tuple[int, int]:
    """Residents, and audit rows of admissions: equal unless a save was torn."""
    with centre.sessions() as s:
        residents = s.scalar(select(func.count()).select_from(Resident))
        admitted = s.scalar(select(func.count()).where(AuditEvent.action == "resident.admitted"))
    return int(residents or 0), int(admitted or 0)


def _reopens_whole(installed: Installed) -> Centre:
    installed.centre.close()
    centre = installed.centre = open_centre(installed.options, migrate=False)
    report = centre.maintenance.check(installed.manager)
    assert report.ok, report.problems
    residents, admitted = _counts(centre)
    assert residents == admitted
    return centre


@contextmanager
def _on_every_connection(centre: Centre, pragma: str) -> Iterator[None]:
    centre.engine.dispose()

    def apply(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(pragma)  # type: ignore[attr-defined]

    event.listen(centre.engine, "connect", apply)
    try:
        yield
    finally:
        event.remove(centre.engine, "connect", apply)
        centre.engine.dispose()


def _sqlite_only(engine_kind: str) -> None:
    if engine_kind != "sqlite":
        pytest.skip("SQLite's own faults (the server's disk and locks are the server's)")


def test_a_full_disk_refuses_the_admission_whole(installed: Installed, engine_kind: str) -> None:
    _sqlite_only(engine_kind)
    centre, actor = installed.centre, installed.manager
    with centre.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())
    saved = 0
    with (
        _on_every_connection(centre, f"PRAGMA max_page_count = {pages + 4}"),
        pytest.raises(StorageError, match=r"disk is full|đầy") as refused,
    ):
        for i in range(500):
            admit(centre, actor, f"Vàng Thị Dua {i} " + "x" * 60)
            saved += 1
    assert "Nothing was saved" in refused.value.message or "Chưa có gì được lưu" in refused.value.message
    assert _counts(centre) == (saved, saved)
    after = _reopens_whole(installed)
    admit(after, actor, "Sau khi dọn đĩa")


def test_a_database_that_cannot_be_written_refuses_the_admission(installed: Installed, engine_kind: str) -> None:
    """A read-only folder and file where the tests run as an ordinary user; as root (who writes anyway) SQLite's
    query_only gives the same refusal from the same place."""
    _sqlite_only(engine_kind)
    centre, actor = installed.centre, installed.manager
    admit(centre, actor, "Trước khi khóa ghi")
    path = centre.target.path
    assert path is not None
    if os.geteuid() != 0:
        centre.engine.dispose()
        modes = [(p, p.stat().st_mode) for p in (path.parent, path)]
        for p, _ in modes:
            p.chmod(0o500 if p.is_dir() else 0o400)
        try:
            with pytest.raises(StorageError):
                admit(centre, actor, "Không lưu được")
        finally:
            for p, mode in modes:
                p.chmod(mode)
    else:
        with (
            _on_every_connection(centre, "PRAGMA query_only = ON"),
            pytest.raises(StorageError, match=r"read-only|chỉ đọc"),
        ):
            admit(centre, actor, "Không lưu được")
    assert _counts(_reopens_whole(installed)) == (1, 1)


def _hold_lock(installed: Installed, seconds: float) -> tuple[int, int]:  # the child's pid and its pipe
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.close(read_fd)
            centre = open_centre(installed.options, migrate=False)
            with centre.sessions.begin() as s:
                s.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: the write lock is ours
                os.write(write_fd, b"ready\n")
                time.sleep(seconds)
        finally:
            os._exit(0)
    os.close(write_fd)
    _wait_ready(read_fd)
    return pid, read_fd


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork")
def test_a_lock_held_2_s_by_another_process_is_waited_for(installed: Installed, engine_kind: str) -> None:
    _sqlite_only(engine_kind)
    installed.centre.close()
    pid, fd = _hold_lock(installed, 2.0)
    centre = installed.centre = open_centre(installed.options, migrate=False)
    started = time.perf_counter()
    admit(centre, installed.manager, "Chờ khóa")
    waited = time.perf_counter() - started
    os.waitpid(pid, 0)
    os.close(fd)
    print(f"\nthe admission waited {waited:.2f} s for a lock held 2 s, then saved")
    assert 1.0 < waited < BUSY_TIMEOUT_MS / 1000
    assert _counts(_reopens_whole(installed)) == (1, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork")
def test_a_lock_held_longer_than_the_busy_timeout_gives_a_clear_message(installed: Installed, engine_kind: str) -> None:
    _sqlite_only(engine_kind)
    installed.centre.close()
    hold = 30.0 if FULL else BUSY_TIMEOUT_MS / 1000 + 2
    pid, fd = _hold_lock(installed, hold)
    centre = installed.centre = open_centre(installed.options, migrate=False)
    started = time.perf_counter()
    with pytest.raises(StorageError, match=r"busy|bận") as refused:
        admit(centre, installed.manager, "Không chờ được")
    waited = time.perf_counter() - started
    os.waitpid(pid, 0)
    os.close(fd)
    print(f"\nrefused after {waited:.2f} s of a lock held {hold:.0f} s: {refused.value.message}")
    assert waited < BUSY_TIMEOUT_MS / 1000 + 1.5
    assert _counts(_reopens_whole(installed)) == (0, 0)
