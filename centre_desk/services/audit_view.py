"""Reading the audit trail: filtered lists for managers and CSV export (both audited).

Rows name their records as staff know them: a resident by code (LC-2026-0007), an account by login,
resolved with one query per page. The record filter accepts the same words.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, Select, and_, literal, or_, select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.i18n import _
from centre_desk.models.audit import AuditEvent
from centre_desk.models.resident import Resident
from centre_desk.models.staff import StaffAccount
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.audit_terms import (
    describe_action,
    describe_group,
    describe_outcome,
    describe_record,
    describe_roles,
    record_code,
)
from centre_desk.text import nfc

MAX_ROWS = 5000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NAMED = ("resident", "staff_account")  # record types whose ids are shown by their code or login


@dataclass(frozen=True)
class AuditFilter:
    login: str = ""  # the person who acted
    action: str = ""  # an action code, or the beginning of one ("account.", "document.printed.")
    record: str = ""  # a resident code, a login, "type:id" or a bare id
    outcome: str = ""  # "ok", "failed", "denied", "throttled", "locked"
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
    record_label: str = ""  # the resident's code or the account's login; "" for other records

    @property
    def record(self) -> str:
        return describe_record(self.action, self.record_type, self.record_id, self.record_label)


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_header() -> list[str]:
    """Each phrase with its machine code in the next column."""
    return [
        _("No."), _("Time"), _("Time (UTC)"), _("Login"), _("Role"), _("Role code"), _("Computer"),
        _("Action"), _("Action code"), _("Record"), _("Record code"), _("Kind of information"),
        _("Kind of information code"), _("Outcome"), _("Outcome code"),
    ]  # fmt: skip


def csv_cells(r: AuditRow) -> list[str]:
    local = r.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
    cells = [
        r.login, describe_roles(r.role), r.role, r.workstation,
        describe_action(r.action, r.outcome, r.field_group), r.action,
        r.record, record_code(r.record_type, r.record_id),
        describe_group(r.field_group), r.field_group, describe_outcome(r.outcome), r.outcome,
    ]  # fmt: skip
    return [str(r.seq), local, r.at.astimezone(UTC).isoformat(timespec="seconds"), *(safe_cell(c) for c in cells)]


class AuditViewService:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog, access: AccessControl) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access

    def _query(self, s: Session, f: AuditFilter) -> Select[AuditEvent]:
        query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(max(1, min(f.limit, MAX_ROWS)))
        if f.login.strip():
            query = query.where(AuditEvent.actor_login == nfc(f.login.strip()).casefold())
        if f.action.strip():
            query = query.where(AuditEvent.action.startswith(nfc(f.action.strip()), autoescape=True))
        if f.outcome.strip():
            query = query.where(AuditEvent.outcome == f.outcome.strip())
        record = " ".join(nfc(f.record).split())
        if record:
            query = query.where(self._record_condition(s, record))
        if f.date_from:
            query = query.where(AuditEvent.at_utc >= _local_midnight_utc(f.date_from))
        if f.date_to:
            query = query.where(AuditEvent.at_utc < _local_midnight_utc(f.date_to + timedelta(days=1)))
        return query

    @staticmethod
    def _record_condition(s: Session, text: str) -> ColumnElement[bool]:
        """Rows about the resident with this code, the account with this login, or "type:id" / an id."""
        kind, sep, ident = text.rpartition(":")
        if sep and kind.replace("_", "").isalpha() and kind.isascii():
            found: list[ColumnElement[bool]] = [AuditEvent.record_type == kind] if kind else []
            return and_(*found, AuditEvent.record_id == ident) if ident else and_(*found)
        alternatives: list[ColumnElement[bool]] = [AuditEvent.record_id == text]  # a file name, a code as typed
        if text.replace("_", "").isalpha() and text.isascii():
            alternatives.append(AuditEvent.record_type == text)  # every record of a kind: "backup"
        resident = s.scalar(select(Resident.id).where(Resident.code == text.upper()))
        if resident is not None:
            alternatives.append(and_(AuditEvent.record_type == "resident", AuditEvent.record_id == str(resident)))
        login = text.casefold()
        account = s.scalar(select(StaffAccount.id).where(StaffAccount.login == login))
        if account is not None:
            alternatives.append(and_(AuditEvent.record_type == "staff_account", AuditEvent.record_id == str(account)))
            alternatives.append(and_(AuditEvent.record_type == "login", AuditEvent.record_id == login))
        return or_(*alternatives)

    def _rows(self, s: Session, f: AuditFilter) -> list[AuditRow]:
        rows = [self._row(e) for e in s.scalars(self._query(s, f))]
        return _with_labels(s, rows)

    def search(self, actor: Actor, f: AuditFilter) -> list[AuditRow]:
        with self._access.unit(actor, Action.VIEW, FieldGroup.AUDIT) as (s, current):
            rows = self._rows(s, f)
            self._audit.record(s, current, "audit.viewed", field_group=FieldGroup.AUDIT)
            return rows

    def export_csv(self, actor: Actor, f: AuditFilter, path: Path) -> int:
        """Write the filtered rows as CSV (UTF-8 with BOM for Excel); returns the row count."""
        with self._access.unit(actor, Action.EXPORT, FieldGroup.AUDIT) as (s, current):
            rows = self._rows(s, f)
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(csv_header())
                writer.writerows(csv_cells(r) for r in rows)
            self._audit.record(s, current, "audit.exported", field_group=FieldGroup.AUDIT, record_id=len(rows))
            return len(rows)

    @staticmethod
    def _row(e: AuditEvent) -> AuditRow:
        return AuditRow(e.seq, e.at_utc, e.actor_login, e.actor_role, e.workstation, e.action, e.record_type,
                        e.record_id, e.field_group, e.outcome)  # fmt: skip


def _with_labels(s: Session, rows: Sequence[AuditRow]) -> list[AuditRow]:
    """The rows with the codes of their residents and the logins of their accounts: one query for the page."""
    wanted = {kind: {int(r.record_id) for r in rows if r.record_type == kind and r.record_id.isdigit()}
              for kind in _NAMED}  # fmt: skip
    if not any(wanted.values()):
        return list(rows)
    residents = select(literal("resident"), Resident.id, Resident.code).where(Resident.id.in_(wanted["resident"]))
    accounts = select(literal("staff_account"), StaffAccount.id, StaffAccount.login).where(
        StaffAccount.id.in_(wanted["staff_account"])
    )
    labels = {(kind, str(ident)): label for kind, ident, label in s.execute(residents.union_all(accounts))}
    return [replace(r, record_label=labels.get((r.record_type, r.record_id), "")) for r in rows]
