"""Follow-up after reintegration (theo dõi sau tái hòa nhập): after her discharge the centre keeps in touch with
the person — her family, health, schooling, work — to catch the signs of leaving again or of being re-trafficked.

* `FollowUpContact` is a dated entry (models/entries.DatedEntry), declared in services/follow_up/kinds.py on the
  record's "Follow-up after reintegration" tab: how she was contacted, whom they met, reached or not, her situation,
  the warning signs (one yes/no column each, so the Overview can ask for them in SQL), the risk level, the next date.
* `FollowUpSchedule` is one row per admission when the schedule of that case differs from the centre's default
  (months after discharge, AppSetting "follow_up.months"): other months, or explicit due dates. It is tied to the
  discharge it was set for (`discharged_at`): a discharge reopened and approved again falls back on the default.

Every table is named `follow_up_*`: the read-only guard of a discharged record lets these through.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned
from centre_desk.models.entries import DatedEntry


class FollowUpContact(DatedEntry, Base):
    """One contact after her discharge (occurred_at: when it happened)."""

    __tablename__ = "follow_up_contact"

    mode: Mapped[str] = mapped_column(NFCText(20))  # home_visit / phone / commune / partner
    partner: Mapped[str] = mapped_column(NFCText(200), default="")  # the commune officer or partner organisation
    outcome: Mapped[str] = mapped_column(NFCText(12))  # reached / unreached
    met_whom: Mapped[str] = mapped_column(NFCText(200), default="")
    family: Mapped[str] = mapped_column(NFCText(1000), default="")
    health: Mapped[str] = mapped_column(NFCText(1000), default="")
    schooling: Mapped[str] = mapped_column(NFCText(1000), default="")
    livelihood: Mapped[str] = mapped_column(NFCText(1000), default="")
    # the warning signs of re-migration or re-trafficking (services/follow_up/terms.SIGNS)
    sign_abroad: Mapped[bool] = mapped_column(default=False)
    sign_recruiter: Mapped[bool] = mapped_column(default=False)
    sign_debts: Mapped[bool] = mapped_column(default=False)
    sign_conflict: Mapped[bool] = mapped_column(default=False)
    sign_school: Mapped[bool] = mapped_column(default=False)
    sign_income: Mapped[bool] = mapped_column(default=False)
    sign_isolated: Mapped[bool] = mapped_column(default=False)
    sign_other: Mapped[str] = mapped_column(NFCText(300), default="")  # another sign, in words
    risk: Mapped[str] = mapped_column(NFCText(8), default="")  # low / medium / high ("" = not assessed)
    next_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(2000), default="")


class FollowUpSchedule(Versioned, Base):
    """The schedule of one case when it differs from the default: months after discharge, or explicit dates."""

    __tablename__ = "follow_up_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admission.id"), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    discharged_at: Mapped[datetime] = mapped_column(UtcDateTime())  # the discharge it was set for
    months: Mapped[str] = mapped_column(NFCText(100), default="")  # "1 3 6 12"; "" when dates are given
    dates: Mapped[str] = mapped_column(NFCText(300), default="")  # ISO dates, space-separated
    reason: Mapped[str] = mapped_column(NFCText(500), default="")
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
