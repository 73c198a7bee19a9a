"""Engines for SQLCipher files and PostgreSQL servers, and the one place that turns
driver errors (locked, disk full, read-only, damaged) into `StorageError`."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from centre_desk.db.location import DatabaseTarget, url_with_password
from centre_desk.errors import DatabaseDamaged, KeyUnavailable, StorageError
from centre_desk.i18n import N_, _
from centre_desk.security.keys import SALT_BYTES

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",  # 64 MiB of decrypted pages per connection: registry search 3–5× faster
    "PRAGMA secure_delete = ON",
)


def read_salt(path: Path) -> bytes:
    """The first 16 bytes of a SQLCipher file: its random salt, which is also its id."""
    try:
        with path.open("rb") as fh:
            salt = fh.read(SALT_BYTES)
    except OSError as exc:
        raise StorageError(_("The database file cannot be read.")) from exc
    if len(salt) != SALT_BYTES:
        raise StorageError(_("The database file is damaged (too short)."))
    return salt


REPLACED = N_(
    "The database file has been replaced by another program (for example by a restore). Nothing was saved. "
    "Please close the program and open it again."
)


def file_identity(path: Path) -> tuple[int, int, int]:
    """What tells one file from another at the same path: device and inode (file id on Windows,
    plus its creation time there, for file systems without file ids)."""
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_ctime_ns if sys.platform == "win32" else 0


class FileGuard:
    """The database file an engine opened; writing stops at once when the path holds another file.

    Checked at the start of every write transaction: one os.stat, a few microseconds.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity: tuple[int, int, int] | None = None

    def opened(self) -> None:
        """Called for every new connection: the first fixes the file, later ones must match it."""
        identity = file_identity(self.path)
        if self.identity is None:
            self.identity = identity
        elif identity != self.identity:
            log.error("the database file was replaced under this program")
            raise StorageError(_(REPLACED))

    def check(self) -> None:
        try:
            same = self.identity is None or file_identity(self.path) == self.identity
        except OSError:
            same = False
        if not same:
            log.error("the database file was replaced or removed under this program")
            raise StorageError(_(REPLACED))


def _key_pragma(key: bytes, salt: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\""


DAMAGED = N_("The database file is damaged. Please restore it from a backup.")
PAGE_SIZE = 4096  # SQLCipher 4's default page size, used by every file this program writes


def pages_intact(path: Path, key: bytes, salt: bytes) -> bool:
    """True when the file is whole pages that all pass SQLCipher's page check, without reading
    the schema (which fails on a file cut short: its header counts more pages than it has)."""
    size = path.stat().st_size
    if size < PAGE_SIZE or size % PAGE_SIZE:
        return False
    con = sqlcipher.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(_key_pragma(key, salt))
        return not con.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher.DatabaseError:
        return False
    finally:
        con.close()


def pages_readable(con: sqlcipher.Connection) -> bool:
    """The check at start: every page of the file passes its HMAC (SQLCipher's page check; about half the time of
    SQLite's quick_check, which walks the b-trees too: 7.9 s against 15.3 s for a 513 MB file under load)."""
    try:
        return not con.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher.DatabaseError:  # a page too damaged to read at all
        return False


def open_cipher_connection(
    path: Path, key: bytes, salt: bytes, *, create: bool = False, wal: bool = True
) -> sqlcipher.Connection:
    """A raw SQLCipher connection, keyed and checked; fails closed on a wrong key."""
    mode = "rwc" if create else "rw"
    if not create and not path.exists():
        raise StorageError(_("The database file does not exist."))
    con = sqlcipher.connect(
        f"file:{path.as_posix()}?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(_key_pragma(key, salt))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in _PRAGMAS if wal else _PRAGMAS[1:]:
            con.execute(pragma)
    except sqlcipher.DatabaseError as exc:
        con.close()
        if "not a database" in str(exc):
            raise KeyUnavailable(_("The database cannot be opened: the key is wrong or the file is damaged.")) from exc
        if "malformed" in str(exc):  # a damaged page read while opening: say so, and what to do
            raise DatabaseDamaged(_(DAMAGED)) from exc
        raise StorageError(_("The database cannot be opened.")) from exc
    return con


def make_engine(
    target: DatabaseTarget,
    *,
    key: bytes | None = None,
    salt: bytes | None = None,
    create: bool = False,
    pg_password: str | None = None,
    on_connect: Callable[[Any], None] | None = None,
    application_name: str | None = None,
) -> Engine:
    if target.path is not None:
        if key is None or salt is None:
            raise KeyUnavailable(_("The database key is not available."))
        path, k, s = target.path, key, salt
        guard = FileGuard(path)

        def creator() -> sqlcipher.Connection:
            con = open_cipher_connection(path, k, s, create=create)
            try:
                guard.opened()
            except StorageError:
                con.close()
                raise
            if on_connect is not None:
                on_connect(con)
            return con

        # QueuePool, not the SingletonThreadPool an URL without a path would get: that one closes
        # other threads' connections when more than pool_size threads are busy.
        engine = create_engine(
            "sqlite+pysqlite://", module=sqlcipher, creator=creator, poolclass=QueuePool, pool_size=5, max_overflow=10
        )
        event.listen(engine, "begin", partial(_sqlite_begin, guard))
    else:
        assert target.url is not None
        args = {"application_name": application_name} if application_name else {}
        engine = create_engine(
            url_with_password(target.url, pg_password),
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=5,
            connect_args=args,
        )
    event.listen(engine, "handle_error", _translate_error)
    return engine


def _sqlite_begin(guard: FileGuard, conn: Connection) -> None:
    # Writers take the lock at BEGIN: a deferred transaction that later writes
    # fails at once with SQLITE_BUSY, whatever the busy timeout.
    deferred = conn.get_execution_options().get("deferred", False)
    if not deferred:
        guard.check()
    conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


_STORAGE_MESSAGES = (
    (
        ("disk is full", "disk full", "no space left"),
        N_("The disk is full. Nothing was saved; free some space and try again."),
    ),
    (
        ("database is locked", "database is busy", "lock timeout"),
        N_("The database is busy. Nothing was saved; please try again in a moment."),
    ),
    (("readonly", "read-only", "read only"), N_("The database cannot be written (read-only). Nothing was saved.")),
    (("disk i/o error",), N_("The disk reported an error. Nothing was saved.")),
    (("malformed", "not a database"), DAMAGED),
    (
        ("connection refused", "could not connect", "server closed", "connection timeout", "timeout expired"),
        N_("The database server cannot be reached. Please check the network and try again."),
    ),
)


def storage_error(exc: BaseException) -> StorageError | None:
    """The StorageError a driver error means (locked, disk full, damaged …), or None."""
    text = str(exc).lower()
    for needles, message in _STORAGE_MESSAGES:
        if any(n in text for n in needles):
            log.warning("storage error: %s", type(exc).__name__)
            kind = DatabaseDamaged if message is DAMAGED else StorageError
            return kind(_(message))
    return None


def _translate_error(context: ExceptionContext) -> None:
    found = storage_error(context.original_exception)
    if found is not None:
        raise found from context.original_exception


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def optimize(engine: Engine) -> None:
    """Fresh planner statistics where the tables changed much (SQLite's advice before closing; bounded by
    analysis_limit, milliseconds). PostgreSQL's autovacuum does this itself. Never fails the close."""
    if engine.dialect.name != "sqlite":
        return
    checked_in = getattr(engine.pool, "checkedin", None)
    if checked_in is None or checked_in() == 0:  # only on a connection still open: after a restore replaced the
        return  # file (the engine disposed), a new one would meet the other file
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
            conn.exec_driver_sql("PRAGMA optimize")
    except Exception as exc:  # read-only, damaged or locked: the statistics wait for the next close
        log.info("PRAGMA optimize skipped: %s", type(exc).__name__)
