"""`check`: encryption pages, SQLite structure, schema version, references, the audit chain and
its copies, the append-only protection; `check --repair` puts back what can be put back.

The checks run before anything is written in the session that asked for them (`inspect`, then
sign in, then `check`), so what they report is the database as it was found: a sign-in cannot
hide a removed anchor or shift a count.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.db.audit_guard import guards_missing, restore_guards
from centre_desk.db.engine import DAMAGED
from centre_desk.db.migrate import check_revision, check_version_row
from centre_desk.errors import StorageError
from centre_desk.i18n import _
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.backup import BackupService
from centre_desk.services.dto import CheckReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inspection:
    """What `inspect` found; shown only after `check` has authorised the actor."""

    passed: tuple[str, ...]
    problems: tuple[str, ...]
    guards_missing: bool
    copies_ok: bool


class MaintenanceService:
    def __init__(
        self,
        engine: Engine,
        sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        backups: BackupService | None = None,
    ) -> None:
        self._engine = engine
        self._access = access
        self._sessions = sessions
        self._audit = audit
        self._backups = backups

    def inspect(self, backups: Iterable[Path] = ()) -> Inspection:
        """Every check, writing nothing. Call it before signing in; pass the result to `check`.

        `backups`: further backup files (e.g. kept on a USB stick) whose copy of the audit
        trail's end the trail must still contain."""
        passed: list[str] = []
        problems: list[str] = []
        if self._engine.dialect.name == "sqlite":
            self._check_file(passed, problems)
        try:
            if check_revision(check_version_row(self._engine)):
                problems.append(_("The database schema is not up to date."))
            else:
                passed.append(_("Database schema is up to date."))
        except StorageError as exc:
            problems.append(exc.message)
        witnesses = self._backups.audit_witnesses(backups) if self._backups is not None else []
        try:
            with self._engine.connect().execution_options(deferred=True) as conn:
                report = self._audit.verify(conn, witnesses)
                missing = guards_missing(conn)
        except StorageError as exc:  # the trail cannot be read to its end (a damaged page): the file's problem
            problems.append(exc.message)
            return Inspection(tuple(passed), tuple(dict.fromkeys(problems)), False, True)  # nothing to repair blind
        if report.ok:
            passed.append(_("Audit trail intact ({rows} rows).").format(rows=report.rows))
        problems.extend(report.problems)
        if missing:
            problems.append(
                _(
                    "The protection that keeps the audit trail append-only has been removed from the database. "
                    "Run 'centre-desk check --repair' to put it back."
                )
            )
        else:
            passed.append(_("The audit trail is protected against changes."))
        return Inspection(tuple(passed), tuple(problems), missing, report.copies_ok)

    def check(self, actor: Actor, inspection: Inspection | None = None, *, repair: bool = False) -> CheckReport:
        """The report of `inspection` (or of a fresh one), audited; `repair` puts back the
        append-only protection and, when the copies of the audit trail's end disagree with it,
        makes its present end the new head (both recorded in the trail itself)."""
        actor = self._access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
        found = inspection or self.inspect()
        passed, problems = list(found.passed), list(found.problems)
        outcome = "ok" if not problems else "failed"
        with self._sessions.begin() as s:
            if repair and found.guards_missing:
                restore_guards(s.connection())
                self._audit.record(s, actor, "audit.protection_restored")
                passed.append(_("Repaired: the audit trail's append-only protection has been put back."))
            if repair and not found.copies_ok:
                previous, head = self._audit.reset_head(s)
                self._audit.record(s, actor, "audit.head_reset", record_id=f"{previous}->{head}")
                passed.append(_("Repaired: the copies of the audit trail's end now record row {seq}.").format(seq=head))
            self._audit.record(s, actor, "integrity.checked", outcome=outcome)
        log.info("integrity check: %s (%d problems)", outcome, len(problems))
        return CheckReport(tuple(passed), tuple(problems))

    def _check_file(self, passed: list[str], problems: list[str]) -> None:
        try:
            self._check_pages(passed, problems)
        except self._engine.dialect.dbapi.DatabaseError:  # type: ignore[union-attr]  # a page too damaged to read
            log.warning("integrity check: the database file cannot be read through")
            problems.append(_(DAMAGED))

    def _check_pages(self, passed: list[str], problems: list[str]) -> None:
        raw = self._engine.raw_connection()
        try:
            con = raw.driver_connection
            assert con is not None
            if con.execute("PRAGMA cipher_integrity_check").fetchall():
                problems.append(_("Encrypted pages fail their check: the database file is damaged."))
            else:
                passed.append(_("Encrypted pages verified."))
            if con.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                passed.append(_("Database structure verified."))
            else:
                problems.append(_("The database structure is damaged."))
            if con.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(_("The database has broken references."))
            else:
                passed.append(_("References verified."))
        finally:
            raw.close()
