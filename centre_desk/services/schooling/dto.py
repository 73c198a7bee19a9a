"""What the schooling service returns and receives: frozen dataclasses only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CourseInput:
    """A course of the catalogue as the manager types it (money in đồng)."""

    trade: str
    level: str  # terms.COURSE_LEVELS
    provider: str
    months: int | None = None
    hours: int | None = None
    cost: int | None = None
    provider_contact: str = ""
    note: str = ""


@dataclass(frozen=True)
class CourseRow:
    id: int
    version: int
    trade: str
    level: str
    provider: str
    months: int | None
    hours: int | None
    cost: int | None
    provider_contact: str
    note: str
    active: bool
    enrolled: int  # enrolments that name it (all years)

    def as_input(self) -> CourseInput:
        return CourseInput(self.trade, self.level, self.provider, self.months, self.hours, self.cost,
                           self.provider_contact, self.note)  # fmt: skip


@dataclass(frozen=True)
class DecisionDueRow:
    """A Mẫu 07 application waiting for the Sở Y tế's decision past its 9 working days (for the Overview)."""

    resident_id: int
    code: str
    name: str  # the full name with VIEW on IDENTITY, else the alias
    entry_id: int
    support: str  # in the current language
    sent_on: date
    due_on: date
    working_days_late: int
