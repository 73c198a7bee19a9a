"""What the payment service hands to screens, papers and the command line: frozen data, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RateInput:
    """A new rate, as the manager enters it (amount in whole đồng)."""

    category: str
    amount: int
    unit: str  # terms.UNITS
    effective_from: date
    source: str  # the legal text: "Nghị quyết số …/2025/NQ-HĐND tỉnh Lai Châu"
    note: str = ""


@dataclass(frozen=True)
class RateRow:
    id: int
    category: str
    amount: int
    unit: str
    effective_from: date
    source: str
    note: str
    entered_by: str
    entered_at: datetime
    in_force: bool  # the rate of its category today
    superseded: bool  # a newer rate of its category is in force, or will be


@dataclass(frozen=True)
class ListLine:
    """One payment of a period, as the payment list shows it."""

    payment_id: int
    version: int
    resident_id: int
    code: str
    name: str  # the full name with identity access, else the alias
    category: str
    day: date  # the payment's date
    period_from: date | None
    period_to: date | None
    quantity: int | None
    amount: int
    status: str
    source: str
    method: str
    paid_on: date | None
    paid_by: str
    list_id: int | None
    unit: str = ""  # the unit of the rate it was made with ("" without one)


@dataclass(frozen=True)
class PaymentListView:
    """The payments of a period and a category ("" = all), and the list recorded for them, if any."""

    period_from: date
    period_to: date
    category: str
    lines: tuple[ListLine, ...]
    list_id: int | None = None
    list_version: int | None = None
    signed_on: date | None = None

    def total(self, *statuses: str) -> int:
        return sum(line.amount for line in self.lines if line.status in statuses)


@dataclass(frozen=True)
class Outcome:
    """What became of one payment on the list."""

    payment_id: int
    version: int
    status: str  # terms: paid / refused / not_collected / planned


@dataclass(frozen=True)
class ListInput:
    """The list as signed: the period and category, the day, who paid, and each payment's outcome."""

    period_from: date
    period_to: date
    category: str
    signed_on: date
    paid_by: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class TotalRow:
    """The payments of one month, category, source of funds and status: how many, how much."""

    month: str  # "2026-03"
    category: str
    source: str
    status: str
    count: int
    amount: int


@dataclass(frozen=True)
class TotalLine:
    """One line of the totals grouped by category, month or source: how much planned, paid, refused, not collected."""

    key: str
    count: int
    planned: int
    paid: int
    refused: int
    not_collected: int
