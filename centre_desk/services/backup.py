"""Encrypted online backups, their verification and rotation, and restores.

A backup is a SQLCipher file keyed with its own key, derived from the backup master
key and the random salt in the file's first 16 bytes; the recovery key alone can
therefore open any backup. A backup is never a plain copy of an open database file:
SQLite is copied with the online backup API inside one read transaction, PostgreSQL
table by table inside one REPEATABLE READ snapshot.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, MetaData, create_engine, insert, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from centre_desk.db.engine import PAGE_SIZE, open_cipher_connection, pages_intact, read_salt
from centre_desk.db.location import DatabaseTarget
from centre_desk.db.migrate import alembic_config, check_revision, current_revision
from centre_desk.errors import KeyUnavailable, StorageError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.paths import fsync_dir
from centre_desk.security.access import SYSTEM, AccessControl, Actor
from centre_desk.security.audit import AuditLog, Witness
from centre_desk.security.keys import KeySet, backup_file_key, new_salt
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.dto import BackupFile, BackupInfo, BackupReport

log = logging.getLogger(__name__)

SUFFIX = ".cdbak"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_PRE_MIGRATION = 5
KEEP_REPLACED = 5
AUTO_KINDS = ("daily", "pre-migration")
REPLACED_DIR = "replaced"  # the databases a restore replaced, kept as backups of kind "before-restore"
_COPY_BATCH = 2000

TRUNCATED = N_(
    "The backup file is incomplete (truncated): it was cut short, probably while it was being copied. "
    "Use another copy of this backup."
)
NO_VERSION = N_("The backup has lost its schema version record: it was damaged or altered.")
LIVE_TARGET = N_(
    "A backup cannot be written over the database itself or the files the program keeps beside it. "
    "Choose another file name or folder."
)


def _user_tables(con: sqlcipher.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _counts(con: sqlcipher.Connection) -> dict[str, int]:
    # Table names come from sqlite_master, not from input.
    return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in _user_tables(con)}  # noqa: S608


def open_backup(path: Path, keys: KeySet) -> sqlcipher.Connection:
    """A read-only connection to a backup file, keyed from its own salt."""
    salt = read_salt(path)
    con = open_cipher_connection(path, backup_file_key(keys, salt), salt, wal=False)
    con.execute("PRAGMA query_only = ON")
    return con


def verify_backup(path: Path, keys: KeySet, expected: dict[str, int] | None = None) -> BackupReport:
    """Open the file, run SQLCipher's page check and SQLite's integrity check, count rows."""
    problems: list[str] = []
    revision = installation_id = None
    counts: dict[str, int] = {}
    size = path.stat().st_size if path.exists() else 0
    try:
        con = open_backup(path, keys)
    except KeyUnavailable as exc:
        return BackupReport(path, size, None, None, {}, (exc.message,))
    except StorageError as exc:
        message = _(TRUNCATED) if path.exists() and _truncated(path, keys) else exc.message
        return BackupReport(path, size, None, None, {}, (message,))
    try:
        if con.execute("PRAGMA cipher_integrity_check").fetchall():
            problems.append(_("The backup's encrypted pages fail their check (the file is damaged)."))
        if [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()] != ["ok"]:
            problems.append(_("The backup fails SQLite's integrity check."))
        counts = _counts(con)
        if "alembic_version" in counts:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
        if "installation" in counts:
            row = con.execute("SELECT installation_id FROM installation").fetchone()
            installation_id = None if row is None else str(row[0])
    except sqlcipher.DatabaseError:
        problems.append(_("The backup file is damaged."))
    finally:
        con.close()
    if revision is None and not problems:
        lost = "installation" in counts
        problems.append(_(NO_VERSION) if lost else _("The backup does not contain a database of this program."))
    if expected is not None and counts != expected:
        problems.append(_("The backup does not contain the same number of rows as the database."))
    return BackupReport(path, size, revision, installation_id, counts, tuple(problems))


def _truncated(path: Path, keys: KeySet) -> bool:
    """A file that does not open: cut short (not whole pages, or whole intact pages but fewer
    than its header counts), rather than damaged inside or keyed otherwise."""
    size = path.stat().st_size
    if size < PAGE_SIZE or size % PAGE_SIZE:
        return True
    salt = read_salt(path)
    return pages_intact(path, backup_file_key(keys, salt), salt)


def audit_witness(path: Path, keys: KeySet, label: str) -> Witness | None:
    """The last audit row a backup holds, as a copy of the chain's end; None when unreadable."""
    try:
        con = open_backup(path, keys)
    except StorageError:
        return None
    try:
        row = con.execute("SELECT seq, mac, at_utc FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlcipher.DatabaseError:
        return None
    finally:
        con.close()
    if row is None:
        return None
    made_at = datetime.fromisoformat(str(row[2]))
    return Witness(label, int(row[0]), str(row[1]), made_at if made_at.tzinfo else made_at.replace(tzinfo=UTC))


def _copy_tables(src: Connection, dst: Connection) -> None:
    """Copy every table but alembic_version, parents first, in batches."""
    src_meta, dst_meta = MetaData(), MetaData()
    src_meta.reflect(src)
    dst_meta.reflect(dst)
    for table in src_meta.sorted_tables:
        target = dst_meta.tables.get(table.name)
        if table.name == "alembic_version" or target is None:
            continue
        result = src.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        while batch := result.fetchmany(_COPY_BATCH):
            dst.execute(insert(target), [dict(r) for r in batch])


def _static_engine(con: sqlcipher.Connection) -> Engine:
    return create_engine("sqlite+pysqlite://", module=sqlcipher, creator=lambda: con, poolclass=StaticPool)


def list_backups(backup_dir: Path, replaced_dir: Path) -> list[BackupFile]:
    """The automatic and manual backups, and the databases a restore replaced, newest first."""
    found = []
    for path in [*backup_dir.glob(f"*/*{SUFFIX}"), *replaced_dir.glob(f"*{SUFFIX}")]:
        try:
            stamp = datetime.strptime(path.stem.removeprefix("centre-"), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            continue
        kind = "before-restore" if path.parent == replaced_dir else path.parent.name
        found.append(BackupFile(path, kind, path.stat().st_size, stamp))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


class BackupService:
    def __init__(
        self,
        engine: Engine,
        sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        target: DatabaseTarget,
        keys: KeySet,
        installation_id: str,
        backup_dir: Path,
    ) -> None:
        self._engine = engine
        self._sessions = sessions
        self._audit = audit
        self._access = access
        self._target = target
        self._keys = keys
        self._installation_id = installation_id
        self.backup_dir = backup_dir

    # -- creating -----------------------------------------------------------------------------------
    def auto_path(self, kind: str, now: datetime | None = None) -> Path:
        stamp = (now or utcnow()).strftime("%Y%m%d-%H%M%S")
        return self.backup_dir / kind / f"centre-{stamp}{SUFFIX}"

    def create(self, actor: Actor, dest: Path | None = None, *, kind: str = "manual") -> BackupInfo:
        """Write, verify, then move into place. Returns what was written."""
        if actor is not SYSTEM:
            actor = self._access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
        started = time.perf_counter()
        dest = dest or self.auto_path(kind)
        self._refuse_live(dest)
        made_folder = not dest.parent.exists()
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".partial")
        partial.unlink(missing_ok=True)
        salt = new_salt()
        try:
            counts = self._write(partial, backup_file_key(self._keys, salt), salt)
            report = verify_backup(partial, self._keys, expected=counts)
            if not report.ok:
                raise StorageError(
                    _("The backup failed its verification: {problem}").format(problem=report.problems[0])
                )
            partial.replace(dest)
            fsync_dir(dest.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            if made_folder and not any(dest.parent.iterdir()):
                dest.parent.rmdir()
            raise
        if kind != "pre-migration":  # before a migration the audit table may not match the code
            with self._sessions.begin() as s:
                self._audit.record(s, actor, "backup.created", record_type="backup", record_id=dest.name)
        if kind in AUTO_KINDS:
            self.rotate()
        log.info("backup written (%s, %d bytes)", kind, dest.stat().st_size)
        return BackupInfo(dest, dest.stat().st_size, time.perf_counter() - started, counts, utcnow())

    def live_paths(self) -> list[Path]:
        """The files and folders a running program uses: never a backup's destination."""
        data = self._target.data_dir
        paths = [data / "anchors", data / "keys", data / "connection.json"]
        if self._target.path is not None:
            db = self._target.path
            paths += [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", ".lease")]
        return paths

    def _refuse_live(self, dest: Path) -> None:
        dest = dest.resolve()
        for live in self.live_paths():
            live = live.resolve()
            same = dest == live or live in dest.parents
            if not same and dest.exists() and live.exists():
                same = dest.samefile(live)  # a link to a live file
            if same:
                raise StorageError(_(LIVE_TARGET))

    def _write(self, path: Path, key: bytes, salt: bytes) -> dict[str, int]:
        dst = open_cipher_connection(path, key, salt, create=True, wal=False)
        try:
            if self._target.is_sqlite:
                counts = self._write_from_sqlite(dst)
            else:
                self._write_from_server(dst)
                counts = _counts(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        return counts

    def _write_from_sqlite(self, dst: sqlcipher.Connection) -> dict[str, int]:
        raw = self._engine.raw_connection()
        try:
            con = raw.driver_connection
            assert con is not None
            con.execute("BEGIN")  # one read snapshot for the counts and the copy
            try:
                counts = _counts(con)
                con.backup(dst)
            finally:
                con.execute("COMMIT")
        finally:
            raw.close()
        return counts

    def _write_from_server(self, dst: sqlcipher.Connection) -> None:
        dst_engine = _static_engine(dst)
        with (
            self._engine.connect().execution_options(isolation_level="REPEATABLE READ") as src,
            dst_engine.begin() as out,
        ):
            from alembic import command  # Alembic costs every command-line start ~0.15 s: loaded when used

            command.upgrade(alembic_config(out), current_revision(src) or "base")
            _copy_tables(src, out)

    def verify(self, actor: Actor, path: Path, keys: KeySet | None = None) -> BackupReport:
        """Check a backup file (this installation's keys, or those of a recovery key)."""
        actor = self._access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
        report = verify_backup(path, keys or self._keys)
        with self._sessions.begin() as s:
            outcome = "ok" if report.ok else "failed"
            self._audit.record(s, actor, "backup.verified", record_type="backup", record_id=path.name, outcome=outcome)
        return report

    def known_backups(self, actor: Actor) -> list[BackupFile]:
        """The automatic and manual backups in the data folder, newest first (file names only)."""
        self._access.require(actor, Action.VIEW, FieldGroup.SYSTEM)
        return self._listing()

    def _listing(self) -> list[BackupFile]:
        return list_backups(self.backup_dir, self.replaced_dir)

    @property
    def replaced_dir(self) -> Path:
        return self._target.data_dir / REPLACED_DIR

    def audit_witnesses(self, others: Iterable[Path] = ()) -> list[Witness]:
        """The end of the audit trail as each known backup, and each of `others`, holds it."""
        labelled = [
            (b.path, _("the backup of {date}").format(date=format_datetime(b.created_at))) for b in self._listing()
        ]
        labelled += [(path, _("the backup {name}").format(name=path.name)) for path in others]
        found = (audit_witness(path, self._keys, label) for path, label in labelled)
        return [w for w in found if w is not None]

    def run_daily_if_due(self) -> BackupInfo | None:
        """The automatic daily backup, when the last one is 24 hours old or more."""
        return self.create(SYSTEM, kind="daily") if self.daily_due() else None

    # -- rotation -----------------------------------------------------------------------------------
    def latest(self, kinds: Iterable[str] = ("daily",)) -> Path | None:
        found = [p for kind in kinds for p in (self.backup_dir / kind).glob(f"*{SUFFIX}")]
        return max(found, key=lambda p: p.name, default=None)

    def daily_due(self, now: datetime | None = None) -> bool:
        last = self.latest()
        if last is None:
            return True
        stamp = datetime.strptime(last.stem.removeprefix("centre-"), "%Y%m%d-%H%M%S")
        return (now or utcnow()).replace(tzinfo=None) - stamp >= timedelta(hours=24)

    def rotate(self) -> list[Path]:
        """Keep 14 daily, the newest of each of the last 12 months, and 5 pre-migration backups."""
        removed: list[Path] = []
        daily = sorted((self.backup_dir / "daily").glob(f"*{SUFFIX}"), key=lambda p: p.name, reverse=True)
        keep = set(daily[:KEEP_DAILY])
        months: dict[str, Path] = {}
        for path in daily:
            months.setdefault(path.name[7:13], path)  # centre-YYYYMM...
        keep.update(sorted(months.values(), key=lambda p: p.name, reverse=True)[:KEEP_MONTHLY])
        pre = sorted((self.backup_dir / "pre-migration").glob(f"*{SUFFIX}"), key=lambda p: p.name, reverse=True)
        for path in [*daily, *pre[KEEP_PRE_MIGRATION:]]:
            if path not in keep and path not in pre[:KEEP_PRE_MIGRATION]:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed + self.rotate_replaced()

    def rotate_replaced(self) -> list[Path]:
        """Keep the copies of the last KEEP_REPLACED databases a restore replaced."""
        groups: dict[str, list[Path]] = {}
        for path in self.replaced_dir.glob("centre-*"):
            groups.setdefault(path.name.split(".")[0], []).append(path)  # centre-STAMP.cdbak, .db, .db-wal
        removed = []
        for stem in sorted(groups, reverse=True)[KEEP_REPLACED:]:
            for path in groups[stem]:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    # -- restoring ----------------------------------------------------------------------------------
    def check_restorable(self, path: Path, keys: KeySet | None = None) -> BackupReport:
        """Everything that can be known before the live database is touched: the file whole and
        intact, of this installation, of a schema version this program can open."""
        report = verify_backup(path, keys or self._keys)
        if not report.ok:
            raise StorageError(_("The backup cannot be restored: {problem}").format(problem=report.problems[0]))
        if report.installation_id != self._installation_id:
            raise StorageError(_("This backup belongs to another database and cannot be restored here."))
        try:
            check_revision(report.revision)
        except StorageError as exc:
            raise StorageError(
                _(
                    "This backup was made by a newer version of the program and cannot be restored by this one. "
                    "Nothing has been changed."
                )
            ) from exc
        return report

    def restore_into_server(self, path: Path, report: BackupReport) -> None:
        """Replace the server's tables with the backup's, in one transaction (all or nothing)."""
        src = open_backup(path, self._keys)
        try:
            with _static_engine(src).connect() as inp, self._engine.begin() as out:
                from alembic import command  # loaded when used, as above

                cfg = alembic_config(out)
                command.downgrade(cfg, "base")
                command.upgrade(cfg, report.revision or "base")
                _copy_tables(inp, out)
                command.upgrade(cfg, "head")
        finally:
            src.close()


def build_sqlite_from_backup(backup: Path, keys: KeySet, dest: Path, salt: bytes) -> None:
    """Write a new main database file `dest` (key from `keys`, given salt) from a backup."""
    dest.unlink(missing_ok=True)
    src = open_backup(backup, keys)
    try:
        dst = open_cipher_connection(dest, keys.database, salt, create=True, wal=False)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
            if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StorageError(_("The restored database fails its integrity check."))
        finally:
            dst.close()
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    fsync_dir(dest.parent)
