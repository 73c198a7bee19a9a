"""Recovering an installation's keys (and a lost disk from a backup), and restoring a backup.

Both start from an installation this module reaches through `installation.open_centre`: `recover` re-creates
this computer's key entries from the recovery key; `restore` replaces the database with a verified backup,
after checking everything it can, while holding the database's lease exclusively.
"""

from __future__ import annotations

import hmac
import logging
from pathlib import Path

from centre_desk.db.engine import open_cipher_connection, read_salt
from centre_desk.db.lease import FileLease, Lease
from centre_desk.db.location import DatabaseTarget, resolve_target
from centre_desk.db.migrate import check_revision, head_revision
from centre_desk.errors import KeyUnavailable, NotInitialised, StorageError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.paths import fsync_dir
from centre_desk.security.access import SYSTEM, Actor
from centre_desk.security.audit import RESTORED
from centre_desk.security.credentials import KeyMissing
from centre_desk.security.keys import KeySet, derive_keys, key_check, parse_recovery_key
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.backup import REPLACED_DIR, build_sqlite_from_backup, list_backups, verify_backup
from centre_desk.services.dto import BackupFile, RestoreInfo
from centre_desk.services.installation import NO_KEY, Centre, Options, anchor_path, open_centre, server_installation

log = logging.getLogger(__name__)


def _set_anchor_aside(data_dir: Path, installation_id: str) -> None:
    """After a restore the chain legitimately ends earlier: keep the old anchor, renamed."""
    path = anchor_path(data_dir, installation_id)
    if path.exists():
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        path.replace(path.with_name(f"{path.stem}.before-restore-{stamp}.json"))


def recover(options: Options, recovery_key: str, backup: Path | None = None) -> Centre:
    """Re-create this computer's key entries from the recovery key.

    With no database file here and a backup given, the database is first rebuilt
    from the backup (the case of a lost or replaced disk).
    """
    keys = derive_keys(parse_recovery_key(recovery_key))
    target = resolve_target(options.data_dir, options.db)
    wrong_key = _("This recovery key does not belong to this database.")
    lease: Lease | None = None
    if target.path is not None:
        if not target.path.exists():
            if backup is None:
                raise NotInitialised(_("There is no database here. Give the backup to rebuild it from."))
            lease = _rebuild_from_backup(target, target.path, keys, backup, wrong_key)
        salt = read_salt(target.path)
        try:
            open_cipher_connection(target.path, keys.database, salt).close()
        except KeyUnavailable as exc:
            if lease is not None:
                lease.release()
            raise KeyUnavailable(wrong_key) from exc
        installation_id = salt.hex()
    else:
        installation = server_installation(target)
        if installation is None:
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        installation_id, check = installation
        if not hmac.compare_digest(check, key_check(keys)):
            raise KeyUnavailable(wrong_key)
    options.get_custody().save(installation_id, keys)
    centre = open_centre(options, lease=lease)
    with centre.sessions.begin() as s:
        if lease is not None and backup is not None:  # the chain now ends where the backup's ended
            centre.audit.reset_head(s)
            centre.audit.record(s, SYSTEM, RESTORED, record_type="backup", record_id=backup.name)
        centre.audit.record(s, SYSTEM, "keys.recovered", record_type="installation")
    return centre


def _rebuild_from_backup(target: DatabaseTarget, path: Path, keys: KeySet, backup: Path, wrong_key: str) -> Lease:
    report = verify_backup(backup, keys)
    if not report.ok or report.installation_id is None:
        raise StorageError(report.problems[0] if report.problems else wrong_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    lease = FileLease.acquire(path)
    try:
        with lease.exclusive():
            build_sqlite_from_backup(backup, keys, path, bytes.fromhex(report.installation_id))
            _set_anchor_aside(target.data_dir, report.installation_id)
    except BaseException:
        lease.release()
        raise
    return lease


def restore(centre: Centre, actor: Actor, backup: Path) -> tuple[Centre, RestoreInfo]:
    """Replace the database with a verified backup, keeping the replaced one as a backup.

    Everything that can be checked is checked before the live database is touched: the backup
    (whole, intact, this installation's, a schema version this program opens), and that no other
    program has the database open (the lease); no program can open it until the restore ends.
    """
    actor = centre.access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
    report = centre.backups.check_restorable(backup)
    assert centre.lease is not None, "a Centre from open_centre holds a lease"
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    with centre.lease.exclusive():
        if centre.target.path is not None:
            replaced = _replace_file(centre, backup, stamp)
        else:
            aside = centre.backups.replaced_dir / f"centre-{stamp}.cdbak"
            replaced = centre.backups.create(SYSTEM, aside, kind="before-restore").path
            centre.backups.restore_into_server(backup, report)
        lease = centre.detach_lease()
        centre.close()
        _set_anchor_aside(centre.target.data_dir, centre.installation_id)
        reopened = open_centre(centre.options, lease=lease)
    with reopened.sessions.begin() as s:
        previous, restored_head = reopened.audit.reset_head(s)
        reopened.audit.record(s, actor, RESTORED, record_type="backup", record_id=backup.name)
    reopened.backups.rotate_replaced()
    log.info("database restored from a backup (audit trail: was row %d, now row %d)", previous, restored_head)
    return reopened, RestoreInfo(backup, replaced, migrated=report.revision != head_revision())


def _replace_file(centre: Centre, backup: Path, stamp: str) -> Path:
    """Keep the live database as a backup in replaced/ (or, when it cannot be read, its files as
    they are), then put the file rebuilt from `backup` in its place."""
    assert centre.target.path is not None
    main = centre.target.path
    restoring = main.with_name(main.name + ".restoring")
    aside_dir = centre.target.data_dir / REPLACED_DIR
    try:
        replaced: Path | None = centre.backups.create(
            SYSTEM, aside_dir / f"centre-{stamp}.cdbak", kind="before-restore"
        ).path
    except StorageError:
        log.warning("the database being replaced could not be backed up; its files are kept as they are")
        replaced = None
    build_sqlite_from_backup(backup, centre.keys, restoring, read_salt(main))
    centre.engine.dispose()
    if replaced is None:
        replaced = aside_dir / f"centre-{stamp}.db"
        _set_files_aside(main, replaced)
    restoring.replace(main)
    for suffix in DATABASE_FILES[1:]:
        Path(f"{main}{suffix}").unlink(missing_ok=True)  # a leftover WAL must never be paired with the new file
    fsync_dir(main.parent)
    return replaced


DATABASE_FILES = ("", "-wal", "-shm")  # the database file and SQLite's companions, by suffix


def _set_files_aside(main: Path, aside: Path) -> None:
    """Move the database file and its companions to `aside` (…-wal, …-shm beside it), as they are."""
    aside.parent.mkdir(parents=True, exist_ok=True)
    for suffix in DATABASE_FILES:
        if Path(f"{main}{suffix}").exists():
            Path(f"{main}{suffix}").replace(f"{aside}{suffix}")
    fsync_dir(aside.parent)


# -- a database found damaged at start (SECURITY.md G1.5) ------------------------------------------------------
def _damaged_file(options: Options) -> tuple[Path, bytes, KeySet]:
    target = resolve_target(options.data_dir, options.db)
    if target.path is None or not target.path.exists():
        raise NotInitialised(_("There is no database file here to restore."))
    salt = read_salt(target.path)
    keys = options.get_custody().load(salt.hex())
    if keys is None:
        raise KeyMissing(_(NO_KEY))
    return target.path, salt, keys


def restorable_backup(options: Options) -> BackupFile | None:
    """The newest backup of this database that verifies whole and this program can open (None: there is none)."""
    _path, salt, keys = _damaged_file(options)
    for found in list_backups(options.data_dir / "backups", options.data_dir / REPLACED_DIR):
        report = verify_backup(found.path, keys)
        if report.ok and report.installation_id == salt.hex():
            try:
                check_revision(report.revision)
            except StorageError:
                continue  # made by a newer program
            return found
    return None


def restore_damaged(options: Options, backup: Path) -> tuple[Centre, RestoreInfo]:
    """Put the damaged database file aside (replaced/centre-<time>.damaged.db, never deleted) and rebuild it from
    `backup`, holding the lease exclusively; no one is signed in (nobody can be, the file is damaged), so the audit
    trail names the system, the backup and the file set aside."""
    path, salt, keys = _damaged_file(options)
    report = verify_backup(backup, keys)
    if not report.ok or report.installation_id != salt.hex():
        raise StorageError(_("The backup cannot be restored: {problem}").format(
            problem=report.problems[0] if report.problems else _("it belongs to another database")))  # fmt: skip
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    aside = options.data_dir / REPLACED_DIR / f"centre-{stamp}.damaged.db"
    lease = FileLease.acquire(path)
    try:
        with lease.exclusive():
            _set_files_aside(path, aside)
            build_sqlite_from_backup(backup, keys, path, salt)
            _set_anchor_aside(options.data_dir, salt.hex())
        centre = open_centre(options, lease=lease)
    except BaseException:
        lease.release()
        raise
    with centre.sessions.begin() as s:
        _previous, head = centre.audit.reset_head(s)
        centre.audit.record(s, SYSTEM, "database.set_aside", record_type="file", record_id=aside.name)
        centre.audit.record(s, SYSTEM, RESTORED, record_type="backup", record_id=backup.name)
    log.warning("a damaged database was set aside and restored from a backup (audit trail now row %d)", head)
    return centre, RestoreInfo(backup, aside, migrated=report.revision != head_revision())
