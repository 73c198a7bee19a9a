"""The Overview's discharge lines: requests whose decision is due within two working days, or late. One query on
`ix_discharge_state_due`, whatever the number of residents."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.discharge import Discharge
from centre_desk.models.resident import Resident
from centre_desk.services.discharge import rules
from centre_desk.services.discharge.dto import DischargeDue
from centre_desk.services.discharge.terms import DUE_SOON_DAYS, State
from centre_desk.services.lodging.common import label
from centre_desk.services.workdays import calendar_of


def due(s: Session, today: date, names: bool) -> tuple[DischargeDue, ...]:
    calendar = calendar_of(s)
    until = calendar.add(today, DUE_SOON_DAYS)
    found = s.execute(
        select(Discharge, Resident)
        .join(Resident, Resident.id == Discharge.resident_id)
        .where(Discharge.state == State.REQUESTED, Discharge.decision_due_on <= until)
        .order_by(Discharge.decision_due_on, Resident.code)
    )
    lines = []
    for d, r in found:
        assert d.decision_due_on is not None
        left = rules.working_days_left(calendar, today, d.decision_due_on)
        lines.append(DischargeDue(r.id, r.code, label(r, names), d.id, d.decision_due_on, left or 0))
    return tuple(lines)
