"""What the discharge screens send and get back (frozen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DischargeInput:
    """Everything the request form edits: why and when, the Mẫu 09 application, the receiving party and what the
    hand-over record will say. `request` needs the first group; the rest is filled as the day approaches."""

    reason: str
    planned_on: date | None
    application_on: date | None = None  # the Mẫu 09 received (None for absconded / death)
    applicant_name: str = ""
    applicant_relation: str = ""  # "" = the person herself
    reason_note: str = ""
    family_name: str = ""
    family_relation: str = ""
    family_id_number: str = ""  # CCCD: 12 digits
    family_address: str = ""
    family_phone: str = ""
    commune_officer: str = ""
    commune_officer_position: str = ""
    commune_name: str = ""  # 2025 two-tier names: xã / phường / đặc khu
    commune_province: str = ""
    receiving_centre: str = ""
    receiving_address: str = ""
    package_papers: str = ""
    condition_on_leaving: str = ""
    support_given: str = ""
    follow_up_arrangements: str = ""


@dataclass(frozen=True)
class ReturnInput:
    """One safekeeping item at the hand-back: how many were handed back, and what is missing and why."""

    belonging_id: int
    quantity: int
    missing_note: str = ""


@dataclass(frozen=True)
class CheckRow:
    item: str
    label: str
    state: str  # open / done / waived
    note: str
    changed_at: datetime | None
    changed_by: str
    version: int
    hint: str  # what the centre already knows about it ("no closing evaluation yet", …)


@dataclass(frozen=True)
class BelongingRow:
    belonging_id: int
    item: str
    taken: int  # quantity taken into safekeeping
    condition: str
    returned: int | None  # None: not handed back yet
    missing_note: str
    at: datetime | None


@dataclass(frozen=True)
class DischargeView:
    id: int
    version: int
    resident_id: int
    admission_id: int
    state: str
    data: DischargeInput
    decision_due_on: date | None
    working_days_left: int | None  # negative: late by that many working days
    requested_at: datetime
    requested_by: str
    decided_at: datetime | None
    decided_by: str
    decision_note: str
    leaves_at: datetime | None
    checks: tuple[CheckRow, ...]
    belongings: tuple[BelongingRow, ...]
    money_taken_vnd: int
    money_other_taken: str
    money_returned_vnd: int
    money_other_returned: str

    @property
    def open_items(self) -> tuple[CheckRow, ...]:
        return tuple(c for c in self.checks if c.state == "open")

    @property
    def late(self) -> bool:
        return self.state == "requested" and self.working_days_left is not None and self.working_days_left < 0


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    what: str  # requested / approved / cancelled / reopened
    by: str
    note: str


@dataclass(frozen=True)
class DischargeState:
    """The record tab's page: the request in progress or the last one, the history, what the user may do."""

    resident_id: int
    current: DischargeView | None
    history: tuple[HistoryRow, ...]
    discharged_at: datetime | None  # her latest admission's end: the record is read-only
    minor: bool  # under 18 on the planned day (or today): the guardian item applies
    can_write: bool
    can_approve: bool
    can_print: bool

    @property
    def read_only(self) -> bool:
        return self.discharged_at is not None


@dataclass(frozen=True)
class DischargeDue:
    """An Overview line: a decision to make before its deadline, or late."""

    resident_id: int
    code: str
    label: str
    discharge_id: int
    due_on: date
    working_days_left: int
