"""What the group sessions' screens, papers and the record get: frozen, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PAGE = 200  # sessions listed at a time


@dataclass(frozen=True)
class SessionInput:
    kind: str  # an ActivityKind
    topic: str
    starts_at: datetime  # aware
    minutes: int
    facilitator_id: int | None = None  # a staff member
    facilitator_name: str = ""  # someone from outside the centre
    place: str = ""
    outside_count: int = 0
    note: str = ""
    attendees: tuple[int, ...] = ()  # resident ids, each present in the centre when the session starts


@dataclass(frozen=True)
class SessionFilter:
    year: int | None = None  # the local year of the session
    kind: str = ""  # "" every kind
    offset: int = 0
    limit: int = PAGE


@dataclass(frozen=True)
class SessionRow:
    """A line of the list."""

    id: int
    version: int
    kind: str
    kind_name: str
    topic: str
    facilitator: str  # the staff member's name and/or the outside name
    starts_at: datetime
    minutes: int
    place: str
    attendance: int  # residents on the list
    outside_count: int
    struck: bool


@dataclass(frozen=True)
class SessionPage:
    rows: tuple[SessionRow, ...]  # newest first
    total: int  # sessions matching the filter
    offset: int


@dataclass(frozen=True)
class Attendee:
    """A resident who may take part (or did): her code, her name or alias (by permission), her birth year."""

    resident_id: int
    code: str
    label: str
    birth_year: int | None
    presence: str = "present"  # a Presence; anything else only for one on the list no longer counted present


@dataclass(frozen=True)
class SessionView:
    row: SessionRow
    facilitator_id: int | None
    facilitator_name: str
    note: str
    recorded_by: str
    recorded_at: datetime
    struck_at: datetime | None
    struck_by: str
    struck_reason: str
    attendees: tuple[Attendee, ...]  # in the order of the sheet (by name or alias)
    names_shown: bool


@dataclass(frozen=True)
class SessionChoices:
    """What the session dialog offers: who may attend a session starting at `at`, and the staff."""

    at: datetime
    attendable: tuple[Attendee, ...]  # present then, by name or alias; then those on the list not present
    away: int  # in the centre then but on leave, in hospital or absent
    staff: tuple[tuple[int, str], ...]
    names_shown: bool


@dataclass(frozen=True)
class AttendedRow:
    """A session she took part in, for her record."""

    session_id: int
    starts_at: datetime
    kind_name: str
    topic: str
    minutes: int
    facilitator: str
    struck: bool
