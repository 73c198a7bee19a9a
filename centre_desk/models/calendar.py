"""The manager's corrections to the shipped holiday calendar (resources/holidays/vn.json): the government announces
its swaps late, so a centre adds a weekday off, a Saturday or Sunday worked in exchange, or takes a shipped day off
back. One row per corrected day (Versioned); taking the correction back deletes the row (the audit trail keeps who
did what: "holiday.day_set" / "holiday.day_reset"). services/workdays.calendar_of applies them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class DayChange(StrEnum):
    OFF = "off"  # a weekday off (a holiday, a day given in place of one)
    WORK = "work"  # a Saturday or Sunday worked in exchange for a weekday off
    NORMAL = "normal"  # an ordinary day again: a shipped day off (or worked weekend day) taken back


class HolidayChange(Versioned, Base):
    """One day of the calendar as the manager corrected it."""

    __tablename__ = "holiday_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    change: Mapped[str] = mapped_column(NFCText(8))  # a DayChange
    note: Mapped[str] = mapped_column(NFCText(200), default="")  # "Nghỉ bù Tết theo Thông báo số …/TB-BNV"
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
