"""What the care plan's screens, papers and the Overview get: frozen, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from centre_desk.services.care_plan.terms import ActionStatus


@dataclass(frozen=True)
class ActionInput:
    category: str  # a key of intake_terms.SUPPORT_CATEGORIES
    action: str
    responsible_id: int | None = None
    target_on: date | None = None
    status: str = ActionStatus.PLANNED
    note: str = ""


@dataclass(frozen=True)
class PlanInput:
    objectives: str
    period_from: date
    period_to: date
    actions: tuple[ActionInput, ...]


@dataclass(frozen=True)
class Category:
    key: str
    letter: str  # "a" … "k" (Law 53/2024 Art. 37 cl. 1)
    name: str  # in the current language


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    category: Category
    action: str
    responsible_id: int | None
    responsible: str  # the staff member's name, "" when none
    target_on: date | None
    status: str
    status_name: str
    note: str
    late: bool  # past its target date and neither done nor dropped


@dataclass(frozen=True)
class DecisionRow:
    what: str
    what_name: str
    comment: str
    by: str
    at: datetime


@dataclass(frozen=True)
class PlanView:
    id: int
    resident_id: int
    version: int  # the row's lock counter
    number: int  # the plan's version as people say it: "version 2"
    status: str
    status_name: str
    objectives: str
    period_from: date
    period_to: date
    written_by: str
    written_at: datetime
    approved_on: date | None
    actions: tuple[ActionRow, ...]
    decisions: tuple[DecisionRow, ...]  # oldest first
    next_review_on: date | None  # an approved plan's next monthly review
    review_overdue: bool

    @property
    def return_comment(self) -> str:
        """The manager's latest comment when the plan was returned ("" if it never was)."""
        returned = [d for d in self.decisions if d.what == "returned"]
        return returned[-1].comment if returned else ""


@dataclass(frozen=True)
class PlanBrief:
    id: int
    number: int
    status: str
    status_name: str
    written_at: datetime
    approved_on: date | None


@dataclass(frozen=True)
class CarePlanState:
    """The record tab's page: the plan being decided and the one in force (often the same), every version,
    the support categories the person is entitled to, the staff who may be made responsible."""

    resident_id: int
    current: PlanView | None  # the newest version
    in_force: PlanView | None  # the approved one (None before the first approval)
    versions: tuple[PlanBrief, ...]  # newest first
    categories: tuple[Category, ...]
    staff: tuple[tuple[int, str], ...]
    can_write: bool
    can_approve: bool


@dataclass(frozen=True)
class WaitingPlan:
    """A line of the Overview: a plan waiting for approval, or one whose review is overdue."""

    resident_id: int
    code: str
    label: str
    number: int
    since: date  # submitted on / review due on


@dataclass(frozen=True)
class CarePlanDue:
    waiting: tuple[WaitingPlan, ...]  # submitted, oldest first
    overdue: tuple[WaitingPlan, ...]  # in force, monthly review past due (residents in the centre), oldest first
