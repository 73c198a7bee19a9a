"""The Mẫu 07 applications whose decision is late, across residents: waiting, not struck out, their 9 working days
from the complete application passed — one query on the index (decision_on, decision_due_on), joined to the
residents for their codes and names, oldest first."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.resident import Resident
from centre_desk.models.schooling import SupportApplication
from centre_desk.services.entries.fields import label
from centre_desk.services.schooling.dto import DecisionDueRow
from centre_desk.services.schooling.terms import SUPPORTS, WAITING
from centre_desk.services.workdays import calendar_of


def decisions_late(s: Session, today: date, names: bool) -> tuple[DecisionDueRow, ...]:
    query = (
        select(SupportApplication.id, SupportApplication.resident_id, SupportApplication.support,
               SupportApplication.sent_on, SupportApplication.decision_due_on, Resident.code, Resident.full_name,
               Resident.alias)
        .join(Resident, Resident.id == SupportApplication.resident_id)
        .where(SupportApplication.decision_on.is_(None), SupportApplication.decision_due_on < today,
               SupportApplication.outcome == WAITING, SupportApplication.struck_at.is_(None))
        .order_by(SupportApplication.decision_due_on, SupportApplication.id)
    )  # fmt: skip
    work, rows = calendar_of(s), []
    for entry_id, rid, support, sent, due, code, full_name, alias in s.execute(query):
        assert sent is not None and due is not None  # (derived from the day it was sent; the query's condition)
        rows.append(DecisionDueRow(int(rid), code, full_name if names else alias, int(entry_id),
                                   label(SUPPORTS, support), sent, due, work.between(due, today)))  # fmt: skip
    return tuple(rows)
