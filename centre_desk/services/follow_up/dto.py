"""What the follow-up service returns and takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from centre_desk.services.entries.dto import EntryRow
from centre_desk.services.follow_up.terms import UNREACHED_ALERT

DONE, MISSED, LATE, DUE, PLANNED = "done", "missed", "late", "due", "planned"


@dataclass(frozen=True)
class SchedulePoint:
    due_on: date
    state: str  # done / missed (not done, a later one is) / late / due (within the week) / planned
    done_on: date | None = None  # the reached contact that counts for it


@dataclass(frozen=True)
class Schedule:
    """The contacts due after her discharge, with where each stands; empty while she is in the centre."""

    resident_id: int
    admission_id: int | None
    discharged_on: date | None
    months: tuple[int, ...]  # the months after discharge in force (the default or the case's own); () with dates
    dates: tuple[date, ...]  # the case's explicit dates, () otherwise
    own: bool  # the case has a schedule of its own (not the centre's default)
    reason: str  # why it was changed
    changed_by: str
    changed_at: datetime | None
    version: int | None  # of the case's row (None: the default applies)
    points: tuple[SchedulePoint, ...]
    unreached_in_row: int  # the latest contacts that could not reach her, in a row
    default_months: tuple[int, ...]

    @property
    def alert(self) -> bool:
        return self.unreached_in_row >= UNREACHED_ALERT


@dataclass(frozen=True)
class ScheduleInput:
    """A case's own schedule: months after discharge, or explicit dates (both empty = back to the default)."""

    months: tuple[int, ...] = ()
    dates: tuple[date, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class FollowUpDue:
    """One line of the working list: a discharged person whose follow-up is due soon, late, or who could not be
    reached three times in a row."""

    resident_id: int
    code: str
    name: str  # the full name with VIEW on IDENTITY, else the alias
    discharged_on: date
    due_on: date | None  # the contact due (None when only the unreached alert stands)
    late: bool
    days_left: int  # negative when late
    unreached_in_row: int
    last_contact: date | None

    @property
    def alert(self) -> bool:
        return self.unreached_in_row >= UNREACHED_ALERT


@dataclass(frozen=True)
class EarlierStay:
    """An earlier stay of a readmitted person, with the follow-up contacts recorded after it (read-only)."""

    resident_id: int
    code: str
    arrived_on: date | None
    discharged_on: date | None
    contacts: tuple[EntryRow, ...]
