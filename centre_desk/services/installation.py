"""Opening, initialising, recovering and restoring an installation.

`Centre` is the assembled core: engine, sessions, audit log and services for one
database. Every front end (desktop, command line, tests) gets one from here.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from centre_desk.db.engine import make_engine, open_cipher_connection, read_salt, session_factory
from centre_desk.db.location import DatabaseTarget, resolve_target
from centre_desk.db.migrate import head_revision, prepare, upgrade
from centre_desk.errors import KeyUnavailable, NotInitialised, StorageError
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import Installation
from centre_desk.models.staff import Role
from centre_desk.paths import fsync_dir
from centre_desk.security import credentials
from centre_desk.security.access import SYSTEM, AccessControl, Actor
from centre_desk.security.audit import AnchorFile, AuditLog
from centre_desk.security.credentials import KeyCustody, LayeredCustody, PassphraseCustody
from centre_desk.security.keys import (
    KeySet,
    derive_keys,
    format_recovery_key,
    new_salt,
    new_secret,
    parse_recovery_key,
)
from centre_desk.security.passwords import Passwords, default_hasher
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.accounts import AccountService, check_new_account
from centre_desk.services.admissions import AdmissionService
from centre_desk.services.audit_view import AuditViewService
from centre_desk.services.backup import BackupService, build_sqlite_from_backup, verify_backup
from centre_desk.services.documents import DocumentService
from centre_desk.services.drafts import DraftService
from centre_desk.services.dto import NewAccount, RestoreInfo
from centre_desk.services.maintenance import MaintenanceService
from centre_desk.services.overview import OverviewService
from centre_desk.services.registry import RegistryService
from centre_desk.services.residents import ResidentService
from centre_desk.services.settings import CentreDetails, SettingsService, add_details, check_details

log = logging.getLogger(__name__)

NO_KEY = N_(
    "The key of this database is not on this computer (the system keyring entry is missing). "
    "Nothing has been changed. Restore access with the recovery key: centre-desk recover."
)


def no_passphrase(confirm: bool) -> str:
    """The default: no way to ask. Front ends replace it with a prompt or a file reader."""
    raise KeyUnavailable(_("No secure system keyring is available and no database passphrase was given."))


@dataclass
class Options:
    """How to reach the installation; built once by the front end."""

    data_dir: Path
    db: str | None = None
    ask_passphrase: Callable[[bool], str] = no_passphrase
    passwords: Passwords | None = None
    custody: KeyCustody | None = None

    def get_custody(self) -> KeyCustody:
        if self.custody is None:
            self.custody = LayeredCustody(PassphraseCustody(self.data_dir / "keys", self.ask_passphrase))
        return self.custody

    def get_passwords(self) -> Passwords:
        if self.passwords is None:
            self.passwords = Passwords(default_hasher())
        return self.passwords


def anchor_path(data_dir: Path, installation_id: str) -> Path:
    return data_dir / "anchors" / f"{installation_id}.json"


def _set_anchor_aside(data_dir: Path, installation_id: str) -> None:
    """After a restore the chain legitimately ends earlier: keep the old anchor, renamed."""
    path = anchor_path(data_dir, installation_id)
    if path.exists():
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        path.replace(path.with_name(f"{path.stem}.before-restore-{stamp}.json"))


def key_check(keys: KeySet) -> str:
    return hmac.new(keys.audit, b"key check", hashlib.sha256).hexdigest()


class Centre:
    """The core of one open installation."""

    def __init__(self, options: Options, target: DatabaseTarget, engine: Engine, keys: KeySet, installation_id: str):
        self.options = options
        self.target = target
        self.engine = engine
        self.installation_id = installation_id
        self.sessions = session_factory(engine)
        self.read_sessions = session_factory(engine.execution_options(deferred=True))
        anchor = AnchorFile(anchor_path(target.data_dir, installation_id), keys.audit)
        self.audit = AuditLog(keys.audit, installation_id, anchor)
        self.audit.attach(self.sessions)
        self.access = AccessControl(self.sessions, self.audit)
        self.settings = SettingsService(self.sessions, self.read_sessions, self.audit, self.access)
        self.accounts = AccountService(self.sessions, self.audit, self.access, options.get_passwords())
        self.backups = BackupService(
            engine, self.sessions, self.audit, self.access, target, keys, installation_id, target.data_dir / "backups"
        )
        self.maintenance = MaintenanceService(engine, self.sessions, self.audit, self.access)
        self.audit_view = AuditViewService(self.sessions, self.audit, self.access)
        self.admissions = AdmissionService(self.sessions, self.audit, self.access)
        self.drafts = DraftService(self.sessions, self.audit, self.access)
        self.residents = ResidentService(self.sessions, self.audit, self.access)
        self.registry = RegistryService(self.sessions, self.read_sessions, self.audit, self.access)
        self.documents = DocumentService(self.sessions, self.audit, self.access)
        self.overview = OverviewService(self.read_sessions, self.access)
        self.keys = keys

    def centre_name(self) -> str:
        details = self.settings.centre_on(date.today())
        return "" if details is None else details.centre_name

    def close(self) -> None:
        self.engine.dispose()


def _pg_password(target: DatabaseTarget) -> str | None:
    return credentials.get_secret(target.secret_name())


def _read_installation(engine: Engine) -> tuple[str, str] | None:
    """(installation id, key check) of the database, None when it has not been initialised."""
    with engine.connect().execution_options(deferred=True) as conn:
        if not engine.dialect.has_table(conn, "installation"):
            return None
        row = conn.execute(select(Installation.installation_id, Installation.key_check)).first()
    return None if row is None else (str(row[0]), str(row[1]))


def open_centre(options: Options, *, migrate: bool = True) -> Centre:
    """Open an existing installation. Never creates anything; fails closed without its key."""
    target = resolve_target(options.data_dir, options.db)
    custody = options.get_custody()
    if target.path is not None:
        if not target.path.exists():
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        salt = read_salt(target.path)
        keys = custody.load(salt.hex())
        if keys is None:
            raise KeyUnavailable(_(NO_KEY))
        engine = make_engine(target, key=keys.database, salt=salt)
        expected: str | None = salt.hex()
    else:
        engine = make_engine(target, pg_password=_pg_password(target))
        expected, keys = None, None
    try:
        installation = _read_installation(engine)
        if installation is None:
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        installation_id, check = installation
        if expected is None:
            loaded = custody.load(installation_id)
            if loaded is None:
                raise KeyUnavailable(_(NO_KEY))
            keys = loaded
        elif installation_id != expected:
            raise StorageError(_("The database file does not match its own identity record."))
        assert keys is not None
        if not hmac.compare_digest(check, key_check(keys)):
            raise KeyUnavailable(_("The audit key on this computer does not belong to this database."))
        centre = Centre(options, target, engine, keys, installation_id)
        if migrate:
            prepare(engine, lambda: centre.backups.create(SYSTEM, kind="pre-migration"))
    except BaseException:
        engine.dispose()
        raise
    return centre


def initialise(options: Options, manager: NewAccount, centre: CentreDetails | str) -> tuple[Centre, str]:
    """Create the database and its first manager; return it with the recovery key (shown once)."""
    details = check_details(CentreDetails(date.today(), centre) if isinstance(centre, str) else centre)
    manager = check_new_account(manager, details.centre_name)
    target = resolve_target(options.data_dir, options.db)
    secret = new_secret()
    keys = derive_keys(secret)
    custody = options.get_custody()
    if target.path is not None:
        opened = _initialise_file(options, target, keys, custody, manager, details)
    else:
        opened = _initialise_server(options, target, keys, custody, manager, details)
    return opened, format_recovery_key(secret)


def _populate(centre: Centre, kind: str, keys: KeySet, manager: NewAccount, details: CentreDetails) -> None:
    upgrade(centre.engine)
    with centre.sessions.begin() as s:
        s.add(
            Installation(
                installation_id=centre.installation_id,
                created_at=utcnow(),
                engine_kind=kind,
                key_check=key_check(keys),
            )
        )
        add_details(s, details)
        roles = frozenset(manager.roles) | {Role.MANAGER}
        centre.accounts.add(s, SYSTEM, NewAccount(manager.login, manager.full_name, manager.password, roles))
        centre.audit.record(s, SYSTEM, "database.initialised", record_type="installation")


def _initialise_file(
    options: Options,
    target: DatabaseTarget,
    keys: KeySet,
    custody: KeyCustody,
    manager: NewAccount,
    details: CentreDetails,
) -> Centre:
    assert target.path is not None
    path = target.path
    if any(Path(f"{path}{suffix}").exists() for suffix in ("", "-wal", "-journal")):
        raise StorageError(_("A database already exists here. It has not been touched."))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    salt = new_salt()
    custody.save(salt.hex(), keys)  # first, so the file can never exist without its key
    engine = make_engine(DatabaseTarget(target.data_dir, path=partial), key=keys.database, salt=salt, create=True)
    try:
        _populate(Centre(options, target, engine, keys, salt.hex()), "sqlcipher", keys, manager, details)
    except BaseException:
        engine.dispose()
        partial.unlink(missing_ok=True)
        custody.forget(salt.hex())
        raise
    engine.dispose()
    partial.replace(path)
    fsync_dir(path.parent)
    log.info("new database initialised")
    return open_centre(options)


def _initialise_server(
    options: Options,
    target: DatabaseTarget,
    keys: KeySet,
    custody: KeyCustody,
    manager: NewAccount,
    details: CentreDetails,
) -> Centre:
    engine = make_engine(target, pg_password=_pg_password(target))
    try:
        if _read_installation(engine) is not None:
            raise StorageError(_("A database already exists here. It has not been touched."))
        installation_id = uuid.uuid4().hex
        custody.save(installation_id, keys)
        try:
            _populate(Centre(options, target, engine, keys, installation_id), "postgresql", keys, manager, details)
        except BaseException:
            custody.forget(installation_id)
            raise
    finally:
        engine.dispose()
    return open_centre(options)


def recover(options: Options, recovery_key: str, backup: Path | None = None) -> Centre:
    """Re-create this computer's key entries from the recovery key.

    With no database file here and a backup given, the database is first rebuilt
    from the backup (the case of a lost or replaced disk).
    """
    keys = derive_keys(parse_recovery_key(recovery_key))
    target = resolve_target(options.data_dir, options.db)
    wrong_key = _("This recovery key does not belong to this database.")
    if target.path is not None:
        if not target.path.exists():
            if backup is None:
                raise NotInitialised(_("There is no database here. Give the backup to rebuild it from."))
            report = verify_backup(backup, keys)
            if not report.ok or report.installation_id is None:
                raise StorageError(report.problems[0] if report.problems else wrong_key)
            target.path.parent.mkdir(parents=True, exist_ok=True)
            build_sqlite_from_backup(backup, keys, target.path, bytes.fromhex(report.installation_id))
            _set_anchor_aside(target.data_dir, report.installation_id)
        salt = read_salt(target.path)
        try:
            open_cipher_connection(target.path, keys.database, salt).close()
        except KeyUnavailable as exc:
            raise KeyUnavailable(wrong_key) from exc
        installation_id = salt.hex()
    else:
        engine = make_engine(target, pg_password=_pg_password(target))
        try:
            installation = _read_installation(engine)
        finally:
            engine.dispose()
        if installation is None:
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        installation_id, check = installation
        if not hmac.compare_digest(check, key_check(keys)):
            raise KeyUnavailable(wrong_key)
    options.get_custody().save(installation_id, keys)
    centre = open_centre(options)
    with centre.sessions.begin() as s:
        centre.audit.record(s, SYSTEM, "keys.recovered", record_type="installation")
    return centre


def restore(centre: Centre, actor: Actor, backup: Path) -> tuple[Centre, RestoreInfo]:
    """Replace the database with a verified backup, keeping the replaced one aside."""
    actor = centre.access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
    report = centre.backups.check_restorable(backup)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    aside_dir = centre.target.data_dir / "replaced"
    aside_dir.mkdir(parents=True, exist_ok=True)
    if centre.target.path is not None:
        main = centre.target.path
        restoring = main.with_name(main.name + ".restoring")
        build_sqlite_from_backup(backup, centre.keys, restoring, read_salt(main))
        centre.close()
        replaced: Path | None = aside_dir / f"centre-{stamp}.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{main}{suffix}").exists():
                Path(f"{main}{suffix}").replace(f"{replaced}{suffix}")
        restoring.replace(main)
        fsync_dir(main.parent)
    else:
        replaced = centre.backups.create(SYSTEM, aside_dir / f"centre-{stamp}.cdbak", kind="before-restore").path
        centre.backups.restore_into_server(backup)
        centre.close()
    _set_anchor_aside(centre.target.data_dir, centre.installation_id)
    reopened = open_centre(centre.options)
    with reopened.sessions.begin() as s:
        reopened.audit.record(s, actor, "backup.restored", record_type="backup", record_id=backup.name)
    log.info("database restored from a backup")
    return reopened, RestoreInfo(backup, replaced, migrated=report.revision != head_revision())
