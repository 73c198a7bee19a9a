"""What HealthService returns: the nurse's Today page, the medication administration record, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class MarDose:
    """One scheduled dose of a plan on the day, or an as-needed dose given."""

    plan_id: int
    scheduled_for: datetime | None  # None: an as-needed dose
    state: str  # due_soon / due_now / overdue / missed / recorded
    outcome: str  # given / refused / held / not_available / missed ("" while not recorded)
    at: datetime | None  # when it was recorded as given / refused …
    by: str
    reason: str


@dataclass(frozen=True)
class MarPlan:
    plan_id: int
    version: int
    summary: str  # "Amoxicillin 500 mg · 1 viên · Ngày 3 lần sau ăn"; "" when hidden
    hidden: bool  # a restricted plan the actor may not see
    as_needed: bool
    start_on: date
    end_on: date | None
    doses: tuple[MarDose, ...]


@dataclass(frozen=True)
class MedicationDay:
    """The medication administration record of one resident on one day."""

    resident_id: int
    day: date
    plans: tuple[MarPlan, ...]


@dataclass(frozen=True)
class DoseInput:
    plan_id: int
    scheduled_for: datetime | None  # None: an as-needed dose given now
    outcome: str  # services/health/medication_rules.DoseOutcome
    reason: str = ""
    at: datetime | None = None  # when given; default now


@dataclass(frozen=True)
class TodayRow:
    """One resident in the centre, as the nurse's Today page lists her."""

    resident_id: int
    code: str
    label: str
    age: int | None
    place: str  # "Nhà A – Phòng 101 – G2", "" without a bed
    presence: str  # lodging Presence
    last_vitals_at: datetime | None
    news2: int | None
    news2_alert: bool
    vitals_due: bool
    vitals_due_at: datetime | None
    doses_due: int  # due now or overdue in the window
    doses_missed: int  # today (and the night shift so far), past the grace
    open_referrals: int
    weight_kg: Decimal | None


@dataclass(frozen=True)
class DueDoseRow:
    resident_id: int
    label: str
    place: str
    plan_id: int
    medicine: str  # "" for a restricted plan the actor may not see
    scheduled_for: datetime
    state: str


@dataclass(frozen=True)
class HealthAlert:
    """Something a nurse or the manager must look at now; `kind` picks the words and the order."""

    resident_id: int
    code: str
    label: str
    kind: str  # news2 / notify / missed / referral / urgent_check
    at: datetime
    text: str


@dataclass(frozen=True)
class TodayView:
    at: datetime
    rows: tuple[TodayRow, ...]
    doses: tuple[DueDoseRow, ...]
    alerts: tuple[HealthAlert, ...]
