"""The legal steps coming due, across residents: not done, not struck out, due within the next days or past
their date, soonest first — one query on the index (done_on, due_on) of the steps, joined to the residents for
their codes and names."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.legal import LegalStep
from centre_desk.models.resident import Resident
from centre_desk.services.legal.dto import StepDueRow
from centre_desk.services.legal.rules import authority_name, step_name

WEEK = 7  # days ahead


def steps_due(s: Session, today: date, names: bool, within_days: int = WEEK) -> tuple[StepDueRow, ...]:
    """Steps due on or before `today` + `within_days` and not done (the late ones first, as they are the oldest);
    `names`: whether the actor sees full names (else the aliases)."""
    query = (
        select(LegalStep.id, LegalStep.resident_id, LegalStep.authority, LegalStep.authority_name, LegalStep.step,
               LegalStep.step_detail, LegalStep.due_on, Resident.code, Resident.full_name, Resident.alias)
        .join(Resident, Resident.id == LegalStep.resident_id)
        .where(LegalStep.done_on.is_(None), LegalStep.due_on.is_not(None),
               LegalStep.due_on <= today + timedelta(days=within_days), LegalStep.struck_at.is_(None))
        .order_by(LegalStep.due_on, LegalStep.id)
    )  # fmt: skip
    rows = []
    for entry_id, rid, authority, office, step, detail, due_on, code, full_name, alias in s.execute(query):
        assert due_on is not None  # (the query's condition)
        values = {"authority": authority, "authority_name": office, "step": step, "step_detail": detail}
        rows.append(StepDueRow(int(rid), code, full_name if names else alias, int(entry_id), step_name(values),
                               authority_name(values), due_on, due_on < today, (due_on - today).days))  # fmt: skip
    return tuple(rows)
