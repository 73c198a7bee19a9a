"""Support payments (chi trả hỗ trợ): the rates the manager enters, the payments made to residents and the signed
payment lists they were paid on.

* `PaymentRate` — an effective-dated setting: a support category of Law 53/2024 Art. 37, an amount in whole đồng,
  its unit (per day, per month, once, per school year) and the legal text it comes from (a provincial resolution).
  Append-only (triggers in migration 0015): a rate is never changed; a new rate, even one with the same effective
  date, supersedes it for the payments dated from then on.
* `SupportPayment` — a dated entry (models/entries.py) on the record's "payments" tab: the category, planned / paid
  / refused / not collected, cash or transfer, the period covered, the quantity, the amount it was made with and the
  rate it was computed from (so a later rate never rewrites it), the source of funds, who paid it and on which list.
* `PaymentList` — one payment list (danh sách chi trả) of a period and a category: the day it was signed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned
from centre_desk.models.entries import DatedEntry


class PaymentRate(Base):
    """One rate, in force from `effective_from` until a later one of its category (append-only)."""

    __tablename__ = "payment_rate"
    __table_args__ = (Index("ix_payment_rate_in_force", "category", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(NFCText(20))  # a key of intake_terms.SUPPORT_CATEGORIES
    amount: Mapped[int]  # whole đồng
    unit: Mapped[str] = mapped_column(NFCText(20))  # per_day / per_month / once / per_school_year
    effective_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(NFCText(300))  # "Nghị quyết số …/2025/NQ-HĐND tỉnh Lai Châu"
    note: Mapped[str] = mapped_column(NFCText(500), default="")
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PaymentList(Versioned, Base):
    """A payment list of a period and a category ("" = every category): made when first issued or recorded, signed
    on `signed_on` (None until the payments on it are recorded)."""

    __tablename__ = "payment_list"
    __table_args__ = (UniqueConstraint("category", "period_from", "period_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(NFCText(20), default="")
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SupportPayment(DatedEntry, Base):
    """A payment to a resident (occurred_at: the payment's date, which decides the rate and the entitlement)."""

    __tablename__ = "support_payment"
    # the record's list and the Timeline (as every entry); the payment list of a period: by category and date
    __table_args__ = (
        Index("ix_support_payment_timeline", "resident_id", "occurred_at", "id"),
        Index("ix_support_payment_period", "category", "occurred_at"),
    )

    category: Mapped[str] = mapped_column(NFCText(20))
    status: Mapped[str] = mapped_column(NFCText(20), default="planned")  # planned / paid / refused / not_collected
    method: Mapped[str] = mapped_column(NFCText(10), default="cash")  # cash / transfer
    source: Mapped[str] = mapped_column(NFCText(20), default="state_budget")  # state_budget / province / ngo / other
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    quantity: Mapped[int | None]  # days, months… as the rate counts
    amount: Mapped[int]  # whole đồng, as paid (never recomputed by a later rate)
    amount_reason: Mapped[str] = mapped_column(NFCText(300), default="")  # why it differs from the rate
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_by: Mapped[str] = mapped_column(NFCText(200), default="")
    note: Mapped[str] = mapped_column(NFCText(1000), default="")
    rate_id: Mapped[int | None] = mapped_column(ForeignKey("payment_rate.id"))
    rate_amount: Mapped[int | None]  # the rate's amount, as it was when the payment was made
    list_id: Mapped[int | None] = mapped_column(ForeignKey("payment_list.id"))
