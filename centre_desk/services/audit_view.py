"""Reading the audit trail: filtered lists for managers and CSV export (both audited)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.i18n import _
from centre_desk.models.audit import AuditEvent
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.text import nfc

MAX_ROWS = 5000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AuditFilter:
    login: str = ""
    action: str = ""
    record: str = ""  # a record id, or "type" or "type:id"
    date_from: date | None = None  # local dates, inclusive
    date_to: date | None = None
    limit: int = MAX_ROWS


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime  # UTC
    login: str
    role: str
    workstation: str
    action: str
    record_type: str
    record_id: str
    field_group: str
    outcome: str


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


class AuditViewService:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog, access: AccessControl) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access

    def _query(self, f: AuditFilter) -> Select[AuditEvent]:
        query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(max(1, min(f.limit, MAX_ROWS)))
        if f.login.strip():
            query = query.where(AuditEvent.actor_login == nfc(f.login.strip()).casefold())
        if f.action.strip():
            query = query.where(AuditEvent.action.startswith(nfc(f.action.strip()), autoescape=True))
        record = nfc(f.record.strip())
        if record:
            kind, _sep, ident = record.rpartition(":")
            if kind:
                query = query.where(AuditEvent.record_type == kind)
            if ident:
                query = query.where(AuditEvent.record_id == ident)
        if f.date_from:
            query = query.where(AuditEvent.at_utc >= _local_midnight_utc(f.date_from))
        if f.date_to:
            query = query.where(AuditEvent.at_utc < _local_midnight_utc(f.date_to + timedelta(days=1)))
        return query

    def search(self, actor: Actor, f: AuditFilter) -> list[AuditRow]:
        with self._access.unit(actor, Action.VIEW, FieldGroup.AUDIT) as (s, current):
            rows = [self._row(e) for e in s.scalars(self._query(f))]
            self._audit.record(s, current, "audit.viewed", field_group=FieldGroup.AUDIT)
            return rows

    def export_csv(self, actor: Actor, f: AuditFilter, path: Path) -> int:
        """Write the filtered rows as CSV (UTF-8 with BOM for Excel); returns the row count."""
        with self._access.unit(actor, Action.EXPORT, FieldGroup.AUDIT) as (s, current):
            rows = [self._row(e) for e in s.scalars(self._query(f))]
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow([_("No."), _("Time"), _("Login"), _("Role"), _("Computer"), _("Action"),
                                 _("Record type"), _("Record"), _("Field group"), _("Outcome")])  # fmt: skip
                for r in rows:
                    local = r.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
                    cells = [
                        r.login,
                        r.role,
                        r.workstation,
                        r.action,
                        r.record_type,
                        r.record_id,
                        r.field_group,
                        r.outcome,
                    ]
                    writer.writerow([str(r.seq), local, *(safe_cell(c) for c in cells)])
            self._audit.record(s, current, "audit.exported", field_group=FieldGroup.AUDIT, record_id=len(rows))
            return len(rows)

    @staticmethod
    def _row(e: AuditEvent) -> AuditRow:
        return AuditRow(e.seq, e.at_utc, e.actor_login, e.actor_role, e.workstation, e.action, e.record_type,
                        e.record_id, e.field_group, e.outcome)  # fmt: skip
