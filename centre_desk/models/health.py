"""Health and nursing care: the kinds of dated entry a nurse writes, and the medication administration record.

Each entry table mixes in `DatedEntry` (models/entries.py) and is declared as a kind in
services/health/kinds.py. Restricted kinds (tests, reproductive health) always carry `restricted=True`;
the others may be marked restricted one by one (e.g. a medication plan naming an antiretroviral).

`DoseRecord` is the administration record of a plan (given, refused, missed, not available, held): rows are
added, never changed; a correction is a newer row for the same scheduled dose, and the newest one counts.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime
from centre_desk.models.entries import DatedEntry


class HealthCheck(DatedEntry, Base):
    """The health check on arrival (Law 53/2024: a health check and the first year's insurance)."""

    __tablename__ = "health_check"

    history: Mapped[str] = mapped_column(NFCText(2000), default="")
    injuries: Mapped[str] = mapped_column(NFCText(2000), default="")
    allergies: Mapped[str] = mapped_column(NFCText(500), default="")
    chronic_conditions: Mapped[str] = mapped_column(NFCText(1000), default="")
    disability: Mapped[str] = mapped_column(NFCText(500), default="")
    current_medicines: Mapped[str] = mapped_column(NFCText(1000), default="")
    mental_state: Mapped[str] = mapped_column(NFCText(2000), default="")
    urgent_referral: Mapped[bool] = mapped_column(default=False)
    insurance: Mapped[str] = mapped_column(NFCText(20), default="unknown")  # card / none_first_year / unknown
    insurance_number: Mapped[str] = mapped_column(NFCText(30), default="")
    insurance_place: Mapped[str] = mapped_column(NFCText(200), default="")
    insurance_expiry: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(2000), default="")


class NursingNote(DatedEntry, Base):
    """A nursing note with its vitals; `news2` and `news2_alert` are computed on save (services/health)."""

    __tablename__ = "nursing_note"

    temperature: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    pulse: Mapped[int | None]
    systolic: Mapped[int | None]
    diastolic: Mapped[int | None]
    resp_rate: Mapped[int | None]
    spo2: Mapped[int | None]
    on_oxygen: Mapped[bool] = mapped_column(default=False)
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    height_cm: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    pain: Mapped[int | None]
    consciousness: Mapped[str] = mapped_column(NFCText(1), default="")  # ACVPU
    evolution: Mapped[str] = mapped_column(NFCText(10), default="")  # better / same / worse
    notify_manager: Mapped[bool] = mapped_column(default=False)  # "báo lãnh đạo"
    note: Mapped[str] = mapped_column(NFCText(4000), default="")
    news2: Mapped[int | None]
    news2_alert: Mapped[bool] = mapped_column(default=False)


class HealthTest(DatedEntry, Base):
    """A test for HIV, an STI, hepatitis or pregnancy: always restricted."""

    __tablename__ = "health_test"

    test: Mapped[str] = mapped_column(NFCText(20))
    other_name: Mapped[str] = mapped_column(NFCText(200), default="")
    result: Mapped[str] = mapped_column(NFCText(20), default="pending")
    result_on: Mapped[date | None] = mapped_column(Date)
    counselled: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(NFCText(2000), default="")


class ReproductiveEntry(DatedEntry, Base):
    """Reproductive health (pregnancy follow-up, antenatal visit, contraception counselling): always restricted."""

    __tablename__ = "reproductive_entry"

    topic: Mapped[str] = mapped_column(NFCText(20))
    pregnant: Mapped[str] = mapped_column(NFCText(10), default="unknown")  # yes / no / unknown
    weeks: Mapped[int | None]
    due_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(2000), default="")


class Referral(DatedEntry, Base):
    """A referral to a hospital or clinic, the visit and its result."""

    __tablename__ = "referral"

    facility: Mapped[str] = mapped_column(NFCText(200))
    reason: Mapped[str] = mapped_column(NFCText(1000))
    urgent: Mapped[bool] = mapped_column(default=False)
    accompanied_by: Mapped[str] = mapped_column(NFCText(200), default="")
    returned_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(NFCText(2000), default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    documents: Mapped[str] = mapped_column(NFCText(500), default="")
    closed: Mapped[bool] = mapped_column(default=False)


class MedicationPlan(DatedEntry, Base):
    """What to give, how and when; `occurred_at` is when the plan was made."""

    __tablename__ = "medication_plan"

    medicine: Mapped[str] = mapped_column(NFCText(200))
    strength: Mapped[str] = mapped_column(NFCText(60), default="")
    dose: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    unit: Mapped[str] = mapped_column(NFCText(20), default="")
    route: Mapped[str] = mapped_column(NFCText(20), default="oral")
    frequency: Mapped[str] = mapped_column(NFCText(20), default="")
    times: Mapped[str] = mapped_column(NFCText(100), default="")  # "08:00 20:00"
    every_hours: Mapped[int | None]
    as_needed: Mapped[bool] = mapped_column(default=False)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(NFCText(500), default="")
    prescriber: Mapped[str] = mapped_column(NFCText(200), default="")


class DoseRecord(Base):
    """One dose given, refused, missed, not available or held — appended, never changed."""

    __tablename__ = "dose_record"
    __table_args__ = (Index("ix_dose_record_plan", "plan_id", "scheduled_for"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("medication_plan.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    scheduled_for: Mapped[datetime | None] = mapped_column(UtcDateTime())  # None: an as-needed dose
    outcome: Mapped[str] = mapped_column(NFCText(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    reason: Mapped[str] = mapped_column(NFCText(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
