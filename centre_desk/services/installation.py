"""Opening, initialising, recovering and restoring an installation.

`Centre` is the assembled core: engine, sessions, audit log and services for one
database. Every front end (desktop, command line, tests) gets one from here.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from centre_desk.db.engine import DAMAGED, make_engine, optimize, pages_readable, read_salt, session_factory
from centre_desk.db.lease import FileLease, Lease, ServerLease
from centre_desk.db.location import DatabaseTarget, resolve_target, url_with_password
from centre_desk.db.migrate import prepare, upgrade
from centre_desk.errors import DatabaseDamaged, KeyUnavailable, NotInitialised, StorageError, UserError
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import Installation
from centre_desk.models.staff import Role
from centre_desk.options import Options as Options  # re-exported: every front end imports it from here
from centre_desk.options import no_passphrase as no_passphrase
from centre_desk.paths import fsync_dir
from centre_desk.security import credentials
from centre_desk.security.access import SYSTEM, AccessControl
from centre_desk.security.anchors import AnchorFile, KeyringCopy
from centre_desk.security.audit import AuditLog
from centre_desk.security.credentials import (
    KeyCustody,
    KeyMissing,
    LayeredCustody,
    PassphraseCustody,
)
from centre_desk.security.keys import (
    KeySet,
    derive_keys,
    format_recovery_key,
    key_check,
    new_salt,
    new_secret,
)
from centre_desk.services.accounts import AccountService, check_new_account
from centre_desk.services.backup import BackupService
from centre_desk.services.capabilities import CapabilityServices
from centre_desk.services.discharge.guard import attach as read_only_after_discharge
from centre_desk.services.dto import NewAccount
from centre_desk.services.settings import CentreDetails, SettingsService, add_details, check_details

if TYPE_CHECKING:
    from centre_desk.services.admissions import AdmissionService
    from centre_desk.services.audit_view import AuditViewService
    from centre_desk.services.documents import DocumentService
    from centre_desk.services.drafts import DraftService
    from centre_desk.services.lodging import LodgingService
    from centre_desk.services.maintenance import MaintenanceService
    from centre_desk.services.overview import OverviewService
    from centre_desk.services.registry import RegistryService
    from centre_desk.services.residents import ResidentService

log = logging.getLogger(__name__)

NO_KEY = N_(
    "The key of this database is not on this computer (the system keyring entry is missing). "
    "Nothing has been changed. Restore access with the recovery key: centre-desk recover."
)


@dataclass(frozen=True)
class PassphraseFile:
    """Where the keys of a database in passphrase mode are kept, and when they were written."""

    path: Path
    written_at: datetime | None


def passphrase_file(options: Options) -> PassphraseFile | None:
    """The keys file of this database when opening it asks for the database passphrase; None for a
    database whose keys are in the keyring, for no database, or when the database cannot be reached
    (open_centre then says why)."""
    custody = options.get_custody()
    wrapped = custody.passphrase if isinstance(custody, LayeredCustody) else custody
    if not isinstance(wrapped, PassphraseCustody):
        return None
    target = resolve_target(options.data_dir, options.db)
    try:
        if target.path is not None:
            if not target.path.exists():
                return None
            db_id = read_salt(target.path).hex()
        else:
            installation = server_installation(target)
            if installation is None:
                return None
            db_id = installation[0]
    except UserError:
        return None
    if not wrapped.exists(db_id):
        return None
    return PassphraseFile(wrapped.file(db_id), wrapped.written_at(db_id))


def anchor_path(data_dir: Path, installation_id: str) -> Path:
    return data_dir / "anchors" / f"{installation_id}.json"


class Centre(CapabilityServices):
    """The core of one open installation, holding its lease (db/lease.py) until closed."""

    def __init__(
        self,
        options: Options,
        target: DatabaseTarget,
        engine: Engine,
        keys: KeySet,
        installation_id: str,
        lease: Lease | None = None,
    ):
        self.options = options
        self.target = target
        self.engine = engine
        self.installation_id = installation_id
        self.lease = lease
        self.sessions = session_factory(engine)
        self.read_sessions = session_factory(engine.execution_options(deferred=True))
        path = anchor_path(target.data_dir, installation_id)
        place = hashlib.sha256(str(path).encode()).hexdigest()[:8]  # one keyring copy per data folder
        self.audit = AuditLog(
            keys.audit,
            installation_id,
            AnchorFile(path, keys.audit),
            KeyringCopy(f"{installation_id}:{place}", keys.audit),
        )
        self.audit.attach(self.sessions)
        read_only_after_discharge(self.sessions, self.read_sessions)
        self.access = AccessControl(self.sessions, self.audit)
        self.settings = SettingsService(self.sessions, self.read_sessions, self.audit, self.access)
        self.accounts = AccountService(self.sessions, self.audit, self.access, options.get_passwords())
        self.backups = BackupService(
            engine, self.sessions, self.audit, self.access, target, keys, installation_id, target.data_dir / "backups"
        )
        self.keys = keys

    # The services below are made, and their modules imported, when first used: a command-line print then
    # loads none of the admission, registry or audit modules (some 70 ms of each `centre-desk print`).

    @cached_property
    def maintenance(self) -> MaintenanceService:
        from centre_desk.services.maintenance import MaintenanceService  # imported when first used

        return MaintenanceService(self.engine, self.sessions, self.audit, self.access, self.backups)

    @cached_property
    def audit_view(self) -> AuditViewService:
        from centre_desk.services.audit_view import AuditViewService  # imported when first used

        return AuditViewService(self.sessions, self.audit, self.access)

    @cached_property
    def admissions(self) -> AdmissionService:
        from centre_desk.services.admissions import AdmissionService  # imported when first used

        return AdmissionService(self.sessions, self.audit, self.access)

    @cached_property
    def drafts(self) -> DraftService:
        from centre_desk.services.drafts import DraftService  # imported when first used

        return DraftService(self.sessions, self.audit, self.access)

    @cached_property
    def residents(self) -> ResidentService:
        from centre_desk.services.residents import ResidentService  # imported when first used

        return ResidentService(self.sessions, self.audit, self.access)

    @cached_property
    def registry(self) -> RegistryService:
        from centre_desk.services.registry import RegistryService  # imported when first used

        return RegistryService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def documents(self) -> DocumentService:
        from centre_desk.services.documents import DocumentService  # imported when first used

        return DocumentService(self.sessions, self.audit, self.access)

    @cached_property
    def lodging(self) -> LodgingService:
        from centre_desk.services.lodging import LodgingService  # imported when first used

        return LodgingService(self.sessions, self.read_sessions, self.audit, self.access)

    @cached_property
    def overview(self) -> OverviewService:
        from centre_desk.services.overview import OverviewService  # imported when first used

        return OverviewService(self.read_sessions, self.access)

    def centre_name(self) -> str:
        details = self.settings.centre_on(date.today())
        return "" if details is None else details.centre_name

    def close(self) -> None:
        self.audit.flush()
        optimize(self.engine)
        self.engine.dispose()
        if self.lease is not None:
            self.lease.release()
            self.lease = None

    def detach_lease(self) -> Lease | None:
        """Hand the lease over (to the reopened Centre after a restore)."""
        lease, self.lease = self.lease, None
        return lease


def _pg_password(target: DatabaseTarget) -> str | None:
    return credentials.get_secret(target.secret_name())


def _read_installation(engine: Engine) -> tuple[str, str] | None:
    """(installation id, key check) of the database, None when it has not been initialised."""
    with engine.connect().execution_options(deferred=True) as conn:
        if not engine.dialect.has_table(conn, "installation"):
            return None
        row = conn.execute(select(Installation.installation_id, Installation.key_check)).first()
    return None if row is None else (str(row[0]), str(row[1]))


def _pages_readable(engine: Engine) -> bool:
    raw = engine.raw_connection()
    try:
        return pages_readable(raw.driver_connection)
    finally:
        raw.close()


def server_installation(target: DatabaseTarget) -> tuple[str, str] | None:
    """(installation id, key check) of a server database, read over a connection closed again."""
    engine = make_engine(target, pg_password=_pg_password(target))
    try:
        return _read_installation(engine)
    finally:
        engine.dispose()


def open_centre(options: Options, *, migrate: bool = True, lease: Lease | None = None, check: bool = False) -> Centre:
    """Open an existing installation. Never creates anything; fails closed without its key.

    `lease`: one this process already holds (a restore hands its own over); else one is taken.
    `check`: read every page of a database file first (SQLite's quick check, the program's start; SECURITY.md
    G1.5) and raise DatabaseDamaged, before anything is written, when one does not read."""
    target = resolve_target(options.data_dir, options.db)
    try:
        return _open(options, target, migrate, lease, check)
    except BaseException:
        if lease is not None:
            lease.release()
        raise


def _open(options: Options, target: DatabaseTarget, migrate: bool, lease: Lease | None, check_pages: bool) -> Centre:
    custody = options.get_custody()
    if target.path is not None:
        if not target.path.exists():
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        salt = read_salt(target.path)
        keys = custody.load(salt.hex())
        if keys is None:
            raise KeyMissing(_(NO_KEY))
        lease = lease or FileLease.acquire(target.path)
        engine = make_engine(target, key=keys.database, salt=salt)
        expected: str | None = salt.hex()
    else:
        assert target.url is not None
        password = _pg_password(target)
        server_lease = (
            lease if isinstance(lease, ServerLease) else ServerLease.acquire(url_with_password(target.url, password))
        )
        lease = server_lease
        engine = make_engine(target, pg_password=password, application_name=server_lease.application_name)
        expected, keys = None, None
    try:
        installation = _read_installation(engine)
        if installation is None:
            raise NotInitialised(_("There is no database here yet. Create one with: centre-desk init"))
        installation_id, check = installation
        if expected is None:
            loaded = custody.load(installation_id)
            if loaded is None:
                raise KeyMissing(_(NO_KEY))
            keys = loaded
        elif installation_id != expected:
            raise StorageError(_("The database file does not match its own identity record."))
        assert keys is not None
        if not hmac.compare_digest(check, key_check(keys)):
            raise KeyUnavailable(_("The audit key on this computer does not belong to this database."))
        if check_pages and target.path is not None and not _pages_readable(engine):
            log.warning("the quick check at start found a damaged page")
            raise DatabaseDamaged(_(DAMAGED))
        centre = Centre(options, target, engine, keys, installation_id, lease)
        if migrate:
            prepare(engine, lambda: centre.backups.create(SYSTEM, kind="pre-migration"))
    except BaseException:
        engine.dispose()
        lease.release()
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
