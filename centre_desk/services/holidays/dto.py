"""What the holiday calendar's service returns: a year's days off and worked weekend days, shipped or corrected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class HolidayDay:
    """A day that is not an ordinary week's: off on a weekday, worked on a weekend, or a shipped one taken back."""

    day: date
    status: str  # in force: a DayChange ("off", "work"; "normal" = a shipped day taken back)
    name: str  # the holiday's name (translated) or the manager's note
    shipped: str  # what the shipped file says of it: "off", "work" or "normal" (a day the manager added)
    corrected: bool = False  # the manager's correction applies
    note: str = ""
    changed_by: str = ""
    changed_at: datetime | None = None

    @property
    def weekday(self) -> int:
        return self.day.weekday()


@dataclass(frozen=True)
class HolidayYear:
    year: int
    source: str  # "official" (the government's schedule), "rule" (the Labour Code's rule) or "" (not shipped)
    days: tuple[HolidayDay, ...]
    working_days: int  # in the year, on the calendar in force
