"""The care plan on the Timeline: each step of each version (written, submitted, approved, returned with the
manager's comment, replaced), guarded by the CARE_PLAN field group. Registered when the care-plan kinds load."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.care_plan import CarePlan, CarePlanDecision
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.care_plan.terms import DECISIONS
from centre_desk.services.entries.dto import TimelineItem
from centre_desk.services.entries.timeline import EventSource, register_source
from centre_desk.services.lodging.common import staff_names


def plan_steps(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    query = (
        select(CarePlanDecision, CarePlan.number)
        .join(CarePlan, CarePlan.id == CarePlanDecision.plan_id)
        .where(CarePlan.resident_id == resident_id, CarePlanDecision.what != "progress")
    )
    if before is not None:
        query = query.where(CarePlanDecision.at < before)
    found = list(s.execute(query.order_by(CarePlanDecision.at.desc(), CarePlanDecision.id.desc()).limit(limit)))
    who = staff_names(s, [d.by for d, _n in found])
    return [
        TimelineItem(
            d.at,
            "care_plan",
            _("Care plan"),
            _("Version {n}: {what}").format(n=number, what=_(DECISIONS.get(d.what, d.what)))
            + (f" – {d.comment}" if d.comment else ""),
            by=who.get(d.by or 0, ""),
            flag=d.what == "returned",
        )
        for d, number in found
    ]


register_source(EventSource("care_plan", FieldGroup.CARE_PLAN, plan_steps))
