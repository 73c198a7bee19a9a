"""Reading and writing the care plan's rows (models/care_plan.py) inside a service's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.care_plan import CarePlan, CarePlanAction, CarePlanDecision, CarePlanReview
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.services.care_plan import rules
from centre_desk.services.care_plan.dto import ActionInput, ActionRow, Category, DecisionRow, PlanBrief, PlanView
from centre_desk.services.care_plan.terms import ACTION_STATUSES, DECISIONS, PLAN_STATUSES, ActionStatus, PlanStatus
from centre_desk.services.documents.paper import entitlement_keys, latest_admission
from centre_desk.services.entries.fields import label
from centre_desk.services.lodging.common import staff_names
from centre_desk.text import nfc


def resident(s: Session, resident_id: int) -> Resident:
    found = s.get(Resident, resident_id)
    if found is None:
        raise NotFound(_("The resident's record no longer exists."))
    return found


def entitled(s: Session, person: Resident) -> tuple[str, ...]:
    return entitlement_keys(person, latest_admission(s, person))


def plan(s: Session, plan_id: int) -> CarePlan:
    found = s.get(CarePlan, plan_id)
    if found is None:
        raise NotFound(_("This version of the plan no longer exists."))
    return found


def versions(s: Session, resident_id: int) -> list[CarePlan]:
    return list(s.scalars(select(CarePlan).where(CarePlan.resident_id == resident_id).order_by(CarePlan.number.desc())))


def actions(s: Session, plan_id: int) -> list[CarePlanAction]:
    query = select(CarePlanAction).where(CarePlanAction.plan_id == plan_id).order_by(CarePlanAction.position)
    return list(s.scalars(query))


def last_review(s: Session, resident_id: int, since: date) -> date | None:
    """The day of the latest review (not struck out) on or after `since`, local time."""
    found: datetime | None = s.scalar(
        select(func.max(CarePlanReview.occurred_at)).where(
            CarePlanReview.resident_id == resident_id, CarePlanReview.struck_at.is_(None)
        )
    )
    if found is None:
        return None
    day = found.astimezone().date()
    return day if day >= since else None


def staff(s: Session) -> tuple[tuple[int, str], ...]:
    """Active staff who may be made responsible for an action (everyone but the system administrator alone)."""
    found = s.scalars(select(StaffAccount).where(StaffAccount.active.is_(True)).order_by(StaffAccount.full_name))
    return tuple((a.id, a.full_name) for a in found if a.role_set() - {Role.ADMINISTRATOR})


def decide(s: Session, p: CarePlan, what: str, by: int | None, at: datetime, comment: str = "") -> None:
    s.add(CarePlanDecision(plan_id=p.id, what=what, comment=nfc(comment).strip(), by=by, at=at))


def put_actions(s: Session, p: CarePlan, wanted: Sequence[ActionInput]) -> None:
    """The plan's actions become `wanted` (a draft's rows are replaced: the decisions keep its history)."""
    for old in actions(s, p.id):
        s.delete(old)
    s.flush()
    for n, a in enumerate(wanted):
        s.add(CarePlanAction(
            plan_id=p.id, position=n, category=a.category, action=nfc(a.action).strip(),
            responsible_id=a.responsible_id, target_on=a.target_on, status=a.status, note=nfc(a.note).strip(),
        ))  # fmt: skip


def view(s: Session, p: CarePlan, today: date) -> PlanView:
    rows = actions(s, p.id)
    order = (CarePlanDecision.at, CarePlanDecision.id)
    decisions = list(s.scalars(select(CarePlanDecision).where(CarePlanDecision.plan_id == p.id).order_by(*order)))
    names = staff_names(s, [p.written_by, *(a.responsible_id for a in rows), *(d.by for d in decisions)])
    cats = {c.key: c for c in rules.categories(a.category for a in rows)}
    next_on = None
    if p.status == PlanStatus.APPROVED and p.approved_on is not None:
        next_on = rules.next_review(p.approved_on, last_review(s, p.resident_id, p.approved_on))
    return PlanView(
        id=p.id, resident_id=p.resident_id, version=p.version, number=p.number, status=p.status,
        status_name=_(PLAN_STATUSES[p.status]), objectives=p.objectives, period_from=p.period_from,
        period_to=p.period_to, written_by=names.get(p.written_by or 0, ""), written_at=p.written_at,
        approved_on=p.approved_on,
        actions=tuple(_action_row(a, cats, names, today) for a in rows),
        decisions=tuple(
            DecisionRow(d.what, _(DECISIONS.get(d.what, d.what)), d.comment, names.get(d.by or 0, ""), d.at)
            for d in decisions
        ),
        next_review_on=next_on, review_overdue=next_on is not None and next_on < today,
    )  # fmt: skip


def _action_row(a: CarePlanAction, cats: dict[str, Category], names: dict[int, str], today: date) -> ActionRow:
    category = cats.get(a.category) or Category(a.category, "?", a.category)
    open_ = a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
    return ActionRow(
        id=a.id, version=a.version, category=category, action=a.action, responsible_id=a.responsible_id,
        responsible=names.get(a.responsible_id or 0, ""), target_on=a.target_on, status=a.status,
        status_name=label(ACTION_STATUSES, a.status), note=a.note,
        late=open_ and a.target_on is not None and a.target_on < today,
    )  # fmt: skip


def brief(p: CarePlan) -> PlanBrief:
    return PlanBrief(p.id, p.number, p.status, _(PLAN_STATUSES[p.status]), p.written_at, p.approved_on)
