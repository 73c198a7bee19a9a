"""The Overview's care-plan lists: versions waiting for the manager, and plans in force whose monthly review is
past due (for residents now in the centre). Three queries, whatever the number of residents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.models.care_plan import CarePlan, CarePlanDecision, CarePlanReview
from centre_desk.models.resident import Resident
from centre_desk.services.care_plan import rules
from centre_desk.services.care_plan.dto import CarePlanDue, WaitingPlan
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import label, local_day


def due(s: Session, now: datetime, names: bool) -> CarePlanDue:
    today = local_day(now)
    submitted = (
        select(CarePlanDecision.plan_id, func.max(CarePlanDecision.at).label("at"))
        .where(CarePlanDecision.what == "submitted")
        .group_by(CarePlanDecision.plan_id)
        .subquery()
    )
    waiting = [
        WaitingPlan(r.id, r.code, label(r, names), p.number, local_day(at))
        for p, r, at in s.execute(
            select(CarePlan, Resident, submitted.c.at)
            .join(Resident, Resident.id == CarePlan.resident_id)
            .join(submitted, submitted.c.plan_id == CarePlan.id)
            .where(CarePlan.status == PlanStatus.SUBMITTED)
            .order_by(submitted.c.at)
        )
    ]
    present = set(census.standings(s, now))
    overdue: list[WaitingPlan] = []
    if present:
        last = (
            select(CarePlanReview.resident_id, func.max(CarePlanReview.occurred_at))
            .where(CarePlanReview.resident_id.in_(present), CarePlanReview.struck_at.is_(None))
            .group_by(CarePlanReview.resident_id)
        )
        reviewed: dict[int, datetime] = {rid: at for rid, at in s.execute(last)}
        for p, r in s.execute(
            select(CarePlan, Resident)
            .join(Resident, Resident.id == CarePlan.resident_id)
            .where(CarePlan.status == PlanStatus.APPROVED, CarePlan.resident_id.in_(present))
        ):
            assert p.approved_on is not None
            seen = reviewed.get(r.id)
            next_on = rules.next_review(p.approved_on, local_day(seen) if seen is not None else None)
            if next_on < today:
                overdue.append(WaitingPlan(r.id, r.code, label(r, names), p.number, next_on))
    return CarePlanDue(tuple(waiting), tuple(sorted(overdue, key=lambda w: (w.since, w.code))))
