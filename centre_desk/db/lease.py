"""One writer, one file: every program that has a database open holds a lease on it.

SQLite: a folder ``<database>.lease`` beside the file. Each running program keeps one record
``<id>.json`` (process id, computer, user, start time) open and locked with an OS lock for as
long as it runs. The operating system drops that lock when the process ends, however it ends
(closed, crashed, killed), so a record whose lock can be taken belongs to a dead program: it is
ignored and removed. A ``gate`` file serialises opening and restoring: a program registers its
record while holding the gate, and a restore holds the gate for its whole length after finding
no other live record, so no program can open the database in the middle of a restore.

Why not SQLite's own locks: a reader holding a transaction open on the database for its whole
life would stop WAL checkpoints, and SQLite cannot say *who* holds a lock. Why whole-file
``flock`` and not ``lockf`` on POSIX: ``lockf`` locks belong to the process, so a second check
from the same process would succeed and, on closing, drop the first lock; ``flock`` locks belong
to the open file, like Windows locks. On Windows the lock is one byte far past the record's
text, because Windows locks are mandatory and would otherwise stop others from reading it.

PostgreSQL: every program keeps one extra connection, named after the program, its computer
and user, that holds a shared advisory lock; a restore takes the exclusive lock on its own such
connection, so it fails while any other program is connected, and it names them.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from centre_desk.errors import StorageError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import N_, _

log = logging.getLogger(__name__)

GATE_WAIT_SECONDS = 10.0
_WINDOWS_LOCK_OFFSET = 1 << 30  # far past any record's text
_BINARY = getattr(os, "O_BINARY", 0)  # Windows opens files as text unless told
_PG_LEASE_KEY = 0x43D5_A0D2
_PG_TAG = "cd"

OPEN_ELSEWHERE = N_(
    "Another copy of the program has this database open: {holders}. Close it there first, then try again. "
    "Nothing has been changed."
)
HOLDER = N_("on computer {host}, user {user}, since {since}")
RESTORE_IN_PROGRESS = N_(
    "A restore of this database is in progress. Please wait until it has finished, then open the program again."
)


@dataclass(frozen=True)
class Holder:
    """Who has the database open (no personal data: the computer and the operating-system user)."""

    pid: int
    host: str
    user: str
    started_at: str  # ISO, UTC

    def describe(self) -> str:
        try:
            since = format_datetime(datetime.fromisoformat(self.started_at))
        except ValueError:
            since = "?"
        return _(HOLDER).format(host=self.host or "?", user=self.user or "?", since=since)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system
        return ""


def this_holder() -> Holder:
    return Holder(os.getpid(), socket.gethostname(), _os_user(), datetime.now(UTC).isoformat(timespec="seconds"))


def refused(holders: list[Holder]) -> StorageError:
    return StorageError(_(OPEN_ELSEWHERE).format(holders="; ".join(h.describe() for h in holders)))


# -- the cross-platform lock: exclusive, non-blocking, released when the file is closed ------------
def try_lock(fd: int) -> bool:
    """Lock the open file `fd` exclusively; False at once when another open file holds it."""
    if sys.platform == "win32":
        import msvcrt  # Windows only

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # POSIX only

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def lock_waiting(path: Path, seconds: float) -> int | None:
    """Open `path` and lock it, trying for up to `seconds`; the open fd, or None."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
    deadline = time.monotonic() + seconds
    while not try_lock(fd):
        if time.monotonic() >= deadline:
            os.close(fd)
            return None
        time.sleep(0.02)
    return fd


@contextmanager
def locked_file(path: Path, seconds: float = 5.0) -> Iterator[None]:
    """A short critical section between processes (e.g. moving the audit anchor)."""
    fd = lock_waiting(path, seconds)
    if fd is None:
        raise StorageError(_("The database is busy. Nothing was saved; please try again in a moment."))
    try:
        yield
    finally:
        os.close(fd)


class Lease(Protocol):
    def exclusive(self) -> contextlib.AbstractContextManager[None]: ...
    def release(self) -> None: ...


def lease_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lease")


class FileLease:
    """This program's record in ``<database>.lease``, locked for as long as it is open."""

    def __init__(self, directory: Path, fd: int, record: Path) -> None:
        self.directory = directory
        self._fd: int | None = fd
        self.record = record

    @classmethod
    def acquire(cls, db_path: Path, wait: float = GATE_WAIT_SECONDS) -> FileLease:
        directory = lease_dir(db_path)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        gate = lock_waiting(directory / "gate", wait)
        if gate is None:
            raise StorageError(_(RESTORE_IN_PROGRESS))
        try:
            _live_holders(directory, skip=None)  # removes the records of dead programs
            holder = this_holder()
            record = directory / f"{uuid.uuid4().hex}.json"
            fd = os.open(record, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            os.write(fd, json.dumps(asdict(holder)).encode())
            if not try_lock(fd):  # a fresh file nobody else knows: cannot happen
                os.close(fd)
                raise StorageError(_("The database cannot be opened."))
        finally:
            os.close(gate)
        return cls(directory, fd, record)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the gate with no other live program: the database is ours alone until the end."""
        gate = lock_waiting(self.directory / "gate", GATE_WAIT_SECONDS)
        if gate is None:
            raise StorageError(_(RESTORE_IN_PROGRESS))
        try:
            others = _live_holders(self.directory, skip=self.record)
            if others:
                raise refused(others)
            yield
        finally:
            os.close(gate)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            with contextlib.suppress(OSError):
                self.record.unlink()


def _live_holders(directory: Path, skip: Path | None) -> list[Holder]:
    """Records whose lock is held by a running program; dead programs' records are removed."""
    live: list[Holder] = []
    for record in sorted(directory.glob("*.json")):
        if record == skip:
            continue
        try:
            fd = os.open(record, os.O_RDWR | _BINARY)
        except OSError:
            continue
        try:
            alive = not try_lock(fd)
            if alive:
                os.lseek(fd, 0, os.SEEK_SET)
                live.append(_holder(os.read(fd, 4096)))
        finally:
            os.close(fd)
        if not alive:
            with contextlib.suppress(OSError):
                record.unlink()
    return live


def _holder(raw: bytes) -> Holder:
    try:
        data = json.loads(raw.decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["started_at"]))
    except (ValueError, KeyError, TypeError):
        return Holder(0, "", "", "")


# -- PostgreSQL ------------------------------------------------------------------------------------
def application_name(holder: Holder, token: str) -> str:
    """How this program's connections appear in pg_stat_activity (at most 63 characters)."""
    stamp = holder.started_at[:16].replace("-", "").replace(":", "").replace("T", "")
    return f"{_PG_TAG}|{holder.pid}|{holder.host[:16]}|{holder.user[:12]}|{stamp}|{token}"[:63]


def _parse_application_name(name: str) -> Holder:
    parts = name.split("|")
    if len(parts) < 6:
        return Holder(0, "", "", "")
    try:
        started = datetime.strptime(parts[4], "%Y%m%d%H%M").replace(tzinfo=UTC).isoformat()
    except ValueError:
        started = ""
    return Holder(int(parts[1]) if parts[1].isdigit() else 0, parts[2], parts[3], started)


class ServerLease:
    """A dedicated connection holding a shared advisory lock for the program's whole life.

    `application_name` is also given to the program's other connections, so that a restore can
    tell them from other programs' sessions.
    """

    def __init__(self, engine: Engine, conn: Connection, name: str) -> None:
        self._engine = engine
        self._conn: Connection | None = conn
        self.application_name = name

    @classmethod
    def acquire(cls, url: URL, wait: float = GATE_WAIT_SECONDS) -> ServerLease:
        name = application_name(this_holder(), uuid.uuid4().hex[:8])
        engine = create_engine(url, poolclass=NullPool, connect_args={"application_name": name})
        try:
            conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except BaseException:
            engine.dispose()
            raise
        deadline = time.monotonic() + wait
        while not conn.scalar(text("SELECT pg_try_advisory_lock_shared(:k)"), {"k": _PG_LEASE_KEY}):
            if time.monotonic() >= deadline:
                conn.close()
                engine.dispose()
                raise StorageError(_(RESTORE_IN_PROGRESS))
            time.sleep(0.05)
        return cls(engine, conn, name)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """The exclusive advisory lock, refused while any other session is connected to the database."""
        assert self._conn is not None
        conn = self._conn
        if not conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_LEASE_KEY}):
            raise refused(self._others(conn))
        try:
            others = self._others(conn)
            if others:
                raise refused(others)
            yield
        finally:
            if self._conn is not None:  # given back meanwhile (a reopen failed): the lock went with it
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LEASE_KEY})

    def _others(self, conn: Connection) -> list[Holder]:
        """Every other client session on this database but this program's own connections."""
        rows = conn.execute(
            text(
                "SELECT application_name, coalesce(host(client_addr), ''), usename FROM pg_stat_activity "
                "WHERE datname = current_database() AND backend_type = 'client backend' "
                "AND pid <> pg_backend_pid() AND application_name <> :own"
            ),
            {"own": self.application_name},
        ).all()
        holders = []
        for name, addr, user in rows:
            if str(name).startswith(_PG_TAG + "|"):
                holders.append(_parse_application_name(str(name)))
            else:  # another kind of client (an older version, an administration tool)
                holders.append(Holder(0, str(addr) or "localhost", str(user), ""))
        return holders

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None
            self._engine.dispose()
