"""`check`: encryption pages, SQLite structure, schema version, references, audit chain."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.db.migrate import check_revision, current_revision
from centre_desk.errors import StorageError
from centre_desk.i18n import _
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.dto import CheckReport

log = logging.getLogger(__name__)


class MaintenanceService:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session], audit: AuditLog, access: AccessControl) -> None:
        self._engine = engine
        self._access = access
        self._sessions = sessions
        self._audit = audit

    def check(self, actor: Actor) -> CheckReport:
        actor = self._access.require(actor, Action.ADMINISTER, FieldGroup.SYSTEM)
        passed: list[str] = []
        problems: list[str] = []
        if self._engine.dialect.name == "sqlite":
            self._check_file(passed, problems)
        try:
            if check_revision(current_revision(self._engine)):
                problems.append(_("The database schema is not up to date."))
            else:
                passed.append(_("Database schema is up to date."))
        except StorageError as exc:
            problems.append(exc.message)
        with self._engine.connect().execution_options(deferred=True) as conn:
            report = self._audit.verify(conn)
        if report.ok:
            passed.append(_("Audit trail intact ({rows} rows).").format(rows=report.rows))
        problems.extend(report.problems)
        outcome = "ok" if not problems else "failed"
        with self._sessions.begin() as s:
            self._audit.record(s, actor, "integrity.checked", outcome=outcome)
        log.info("integrity check: %s (%d problems)", outcome, len(problems))
        return CheckReport(tuple(passed), tuple(problems))

    def _check_file(self, passed: list[str], problems: list[str]) -> None:
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
