"""Ending assistance (Decree 20/2021 Art. 30; Law 53/2024): the discharge of an admission, the checklist that gates
it, the manager's approval that makes it take effect, and a reopening when it was wrong.

One `Discharge` row per request on an admission. It is *requested* (reason, planned date, the Mẫu 09 application,
the 7-working-day clock for the decision), its `DischargeCheck` items are done or waived by the manager with a
reason, then it is *approved* by the manager: only then is `Admission.discharged_at` set (the bed freed, the census
and the stay-limit clock stop) and the record becomes read-only except for follow-up. A request can be *cancelled*
before approval. A wrong discharge is undone by a manager's `DischargeReopening` (append-only, with a reason); the
discharge row stays, state *reopened*, so the history is whole.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class Discharge(Versioned, Base):
    __tablename__ = "discharge"
    __table_args__ = (Index("ix_discharge_state_due", "state", "decision_due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admission.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    # family / transfer / relative / independent / absconded / death (services/discharge/terms.py)
    reason: Mapped[str] = mapped_column(NFCText(20))
    reason_note: Mapped[str] = mapped_column(NFCText(1000), default="")
    planned_on: Mapped[date] = mapped_column(Date)
    # the Mẫu 09 application (Decree 20/2021): the day it was received, and who applied (herself or her guardian)
    application_on: Mapped[date | None] = mapped_column(Date)
    applicant_name: Mapped[str] = mapped_column(NFCText(200), default="")
    applicant_relation: Mapped[str] = mapped_column(NFCText(60), default="")  # "" = the person herself
    decision_due_on: Mapped[date | None] = mapped_column(Date)  # 7 working days after application_on
    state: Mapped[str] = mapped_column(NFCText(12), default="requested")  # requested/approved/cancelled/reopened
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # approved or cancelled
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    decision_note: Mapped[str] = mapped_column(NFCText(1000), default="")  # approval comment, cancel reason
    leaves_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # the moment she left (= discharged_at)
    # the receiving party: her family (or a relative / foster family) ...
    family_name: Mapped[str] = mapped_column(NFCText(200), default="")
    family_relation: Mapped[str] = mapped_column(NFCText(60), default="")
    family_id_number: Mapped[str] = mapped_column(NFCText(20), default="")  # CCCD (12 digits)
    family_address: Mapped[str] = mapped_column(NFCText(300), default="")
    family_phone: Mapped[str] = mapped_column(NFCText(30), default="")
    # ... and the commune's representative (2025 two-tier names: xã / phường / đặc khu, tỉnh / thành phố)
    commune_officer: Mapped[str] = mapped_column(NFCText(200), default="")
    commune_officer_position: Mapped[str] = mapped_column(NFCText(200), default="")
    commune_name: Mapped[str] = mapped_column(NFCText(200), default="")
    commune_province: Mapped[str] = mapped_column(NFCText(100), default="")
    # ... or, for a transfer, the receiving centre and the papers sent with the case summary
    receiving_centre: Mapped[str] = mapped_column(NFCText(300), default="")
    receiving_address: Mapped[str] = mapped_column(NFCText(300), default="")
    package_papers: Mapped[str] = mapped_column(NFCText(300), default="")  # paper kinds, space-separated
    # what the hand-over record says
    condition_on_leaving: Mapped[str] = mapped_column(NFCText(2000), default="")
    support_given: Mapped[str] = mapped_column(NFCText(2000), default="")
    follow_up_arrangements: Mapped[str] = mapped_column(NFCText(2000), default="")
    money_returned_vnd: Mapped[int] = mapped_column(default=0)
    money_other_returned: Mapped[str] = mapped_column(NFCText(200), default="")


class DischargeCheck(Versioned, Base):
    """One item of the checklist that gates a discharge: open, done, or waived by the manager with a reason."""

    __tablename__ = "discharge_check"
    __table_args__ = (UniqueConstraint("discharge_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    discharge_id: Mapped[int] = mapped_column(ForeignKey("discharge.id"), index=True)
    # belongings / health_summary / payments / care_plan / receiving_party / follow_up / child_guardian
    item: Mapped[str] = mapped_column(NFCText(20))
    state: Mapped[str] = mapped_column(NFCText(8), default="open")  # open / done / waived
    note: Mapped[str] = mapped_column(NFCText(1000), default="")  # what was done, or why it was waived
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class BelongingReturn(Versioned, Base):
    """A safekeeping item handed back at discharge (or found missing), one row per item and discharge."""

    __tablename__ = "belonging_return"
    __table_args__ = (UniqueConstraint("discharge_id", "belonging_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    discharge_id: Mapped[int] = mapped_column(ForeignKey("discharge.id"), index=True)
    belonging_id: Mapped[int] = mapped_column(ForeignKey("belonging.id"), index=True)
    quantity: Mapped[int]  # handed back; less than taken in = something is missing
    missing_note: Mapped[str] = mapped_column(NFCText(500), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class DischargeReopening(Base):
    """A manager undid an approved discharge (append-only): the record is open again, the old dates kept here."""

    __tablename__ = "discharge_reopening"

    id: Mapped[int] = mapped_column(primary_key=True)
    discharge_id: Mapped[int] = mapped_column(ForeignKey("discharge.id"), index=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admission.id"), index=True)
    was_discharged_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
