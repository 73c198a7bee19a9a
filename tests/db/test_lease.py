"""The lease: who has a database file open; dead programs' records are ignored."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from centre_desk.db.lease import FileLease, lease_dir
from centre_desk.errors import StorageError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")


def _holder(db: Path) -> tuple[int, int]:
    """A child process holding a lease until killed; (pid, fd telling it holds it)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            FileLease.acquire(db)
            os.write(write_fd, b"x")
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 1) == b"x"
    os.close(read_fd)
    return pid, read_fd


def test_a_live_program_is_named_and_a_dead_one_ignored(tmp_path: Path) -> None:
    db = tmp_path / "centre.db"
    mine = FileLease.acquire(db)
    pid, _fd = _holder(db)
    try:
        with pytest.raises(StorageError) as refused, mine.exclusive():
            pass
        assert socket.gethostname() in refused.value.message and getpass.getuser() in refused.value.message
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert len(list(lease_dir(db).glob("*.json"))) == 2  # the dead program's record is still there
    with mine.exclusive():  # but its lock died with it
        assert [p.name for p in lease_dir(db).glob("*.json")] == [mine.record.name]
    mine.release()
    assert not list(lease_dir(db).glob("*.json"))


def test_no_program_opens_while_a_restore_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "centre.db"
    mine = FileLease.acquire(db)
    with mine.exclusive(), pytest.raises(StorageError, match=r"restore|khôi phục"):
        FileLease.acquire(db, wait=0.2)
    FileLease.acquire(db, wait=0.2).release()  # after it, at once
    mine.release()
