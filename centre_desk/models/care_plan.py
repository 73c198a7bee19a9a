"""The care and support plan (kế hoạch chăm sóc, trợ giúp) of Circular 02/2020's case management, and the dated
entries around it: the needs assessment (step 1), the monthly reviews (step 4) and the closing evaluation (step 5).

A plan is written by the case worker, submitted, then approved or returned with a comment by the head of the
centre (step 2–3). An approved plan is never edited: a change is a new version (`number` + 1) that supersedes it
once approved. Every decision is a row of `CarePlanDecision` (append-only), so a returned plan keeps its comment
after it is changed and submitted again. Only the progress of an approved plan's actions (their status) moves.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned
from centre_desk.models.entries import DatedEntry


class NeedsAssessment(DatedEntry, Base):
    """Step 1: the person, her health, her family and home, the risks there, her wishes (and a guardian's view)."""

    __tablename__ = "needs_assessment"

    individual: Mapped[str] = mapped_column(NFCText(3000), default="")
    health: Mapped[str] = mapped_column(NFCText(2000), default="")
    household_head: Mapped[str] = mapped_column(NFCText(200), default="")
    members: Mapped[str] = mapped_column(NFCText(1000), default="")
    economy: Mapped[str] = mapped_column(NFCText(20), default="")  # poor / near_poor / average / better_off / unknown
    income: Mapped[str] = mapped_column(NFCText(500), default="")
    position: Mapped[str] = mapped_column(NFCText(500), default="")  # her place in the family
    safety: Mapped[str] = mapped_column(NFCText(2000), default="")  # risks at home and in the community
    risk: Mapped[str] = mapped_column(NFCText(10), default="")  # low / medium / high
    wishes: Mapped[str] = mapped_column(NFCText(2000), default="")
    guardian_view: Mapped[str] = mapped_column(NFCText(2000), default="")
    needs: Mapped[str] = mapped_column(NFCText(2000), default="")  # the needs found, for the plan


class CarePlanReview(DatedEntry, Base):
    """Step 4: a (monthly) review of the plan in force: what was done, what changed, the next steps."""

    __tablename__ = "care_plan_review"

    progress: Mapped[str] = mapped_column(NFCText(20))  # on_track / partly / off_track
    done: Mapped[str] = mapped_column(NFCText(2000), default="")
    changed: Mapped[str] = mapped_column(NFCText(2000), default="")
    next_steps: Mapped[str] = mapped_column(NFCText(2000), default="")
    new_version: Mapped[bool] = mapped_column(default=False)  # the plan needs a new version


class CarePlanEvaluation(DatedEntry, Base):
    """Step 5: the closing evaluation of the support given."""

    __tablename__ = "care_plan_evaluation"

    outcome: Mapped[str] = mapped_column(NFCText(20))  # reached / partly / not_reached
    results: Mapped[str] = mapped_column(NFCText(3000), default="")
    remaining: Mapped[str] = mapped_column(NFCText(2000), default="")
    after: Mapped[str] = mapped_column(NFCText(2000), default="")  # what follows: reintegration, follow-up


class CarePlan(Versioned, Base):
    """One version of a resident's plan. Status: draft → submitted → approved (→ superseded) or returned."""

    __tablename__ = "care_plan"
    __table_args__ = (
        UniqueConstraint("resident_id", "number", name="uq_care_plan_resident_number"),
        Index("ix_care_plan_status", "status", "resident_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    number: Mapped[int]  # 1, 2, 3…: the version of the resident's plan
    status: Mapped[str] = mapped_column(NFCText(12))
    objectives: Mapped[str] = mapped_column(NFCText(3000))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    written_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    written_at: Mapped[datetime] = mapped_column(UtcDateTime())
    approved_on: Mapped[date | None] = mapped_column(Date)


class CarePlanAction(Versioned, Base):
    """An action of a plan: the support category (Law 53/2024 Art. 37), what, who, by when, how far."""

    __tablename__ = "care_plan_action"
    __table_args__ = (Index("ix_care_plan_action_plan", "plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plan.id"))
    position: Mapped[int]
    category: Mapped[str] = mapped_column(NFCText(20))  # a key of intake_terms.SUPPORT_CATEGORIES
    action: Mapped[str] = mapped_column(NFCText(500))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    target_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(NFCText(12))  # planned / in_progress / done / dropped
    note: Mapped[str] = mapped_column(NFCText(500), default="")


class CarePlanDecision(Base):
    """What happened to a plan version and when: written, submitted, approved, returned (with the comment),
    superseded, an action's progress. Append-only (trigger in migration 0009)."""

    __tablename__ = "care_plan_decision"
    __table_args__ = (Index("ix_care_plan_decision_plan", "plan_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plan.id"))
    what: Mapped[str] = mapped_column(NFCText(20))
    comment: Mapped[str] = mapped_column(NFCText(2000), default="")
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
