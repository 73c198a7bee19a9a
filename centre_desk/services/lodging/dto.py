"""What lodging screens, papers and the command line receive and send: frozen dataclasses only.

A person is shown by `label`: her name for an account allowed to see identity, her alias otherwise
(`names_shown` on the containers says which). Times are timezone-aware UTC; screens show local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from centre_desk.models.lodging import BedState, KeepApartReason, Presence, RoomAge, RoomSex

__all__ = [
    "BedBoard",
    "BedHistoryEntry",
    "BedRow",
    "Census",
    "CensusRow",
    "ExtensionInput",
    "ExtensionRow",
    "KeepApartInput",
    "KeepApartRow",
    "LeaveInput",
    "LeaveRow",
    "Occupancy",
    "OccupancyRow",
    "Occupant",
    "PlaceCheck",
    "Problem",
    "ResidentLodging",
    "RoomCard",
    "RoomInput",
    "StayAlert",
    "StayClock",
    "StayRow",
]


# ----------------------------------------------------------------------------------------- rooms and beds


@dataclass(frozen=True)
class RoomInput:
    building: str
    floor: str
    name: str
    sex_rule: RoomSex
    age_rule: RoomAge
    capacity: int
    notes: str = ""
    bed_labels: tuple[str, ...] = ()  # beds to add when the room is created or edited (existing ones stay)


@dataclass(frozen=True)
class Occupant:
    resident_id: int
    code: str  # LC-2026-0007
    label: str  # name or alias, by permission
    sex: str  # models.resident.Sex
    age: int | None  # years, on the board's day; None when the birth date is unknown
    presence: Presence
    since: datetime  # in this bed since
    stay_id: int
    stay_version: int
    keep_apart_clash: bool = False  # shares the room with someone she must be kept apart from

    @property
    def is_child(self) -> bool:  # trẻ em: under 16 (Law on Children 2016)
        return self.age is not None and self.age < 16

    @property
    def is_minor(self) -> bool:  # người chưa thành niên: under 18
        return self.age is not None and self.age < 18


@dataclass(frozen=True)
class BedRow:
    id: int
    room_id: int
    label: str
    state: BedState
    version: int
    state_since: datetime | None
    state_reason: str
    occupant: Occupant | None
    reserved_for: Occupant | None  # the resident a reserved bed waits for (presence/since as of now)


@dataclass(frozen=True)
class RoomCard:
    id: int
    building: str
    floor: str
    name: str
    sex_rule: RoomSex
    age_rule: RoomAge
    capacity: int
    notes: str
    version: int
    active: bool
    beds: tuple[BedRow, ...]
    warnings: tuple[str, ...] = ()  # a rule broken now (kept by an override), over capacity, a keep-apart clash

    @property
    def occupied(self) -> int:
        return sum(1 for b in self.beds if b.occupant is not None)

    @property
    def free(self) -> int:
        return sum(1 for b in self.beds if b.state == BedState.FREE)


@dataclass(frozen=True)
class BedBoard:
    at: datetime
    rooms: tuple[RoomCard, ...]  # ordered by building, floor, position, name
    unplaced: tuple[Occupant, ...]  # in the centre without a bed ("chưa bố trí giường"); stay fields are 0
    names_shown: bool
    buildings: tuple[str, ...]  # every building with an active room (for the filter)
    floors: tuple[str, ...]

    @property
    def beds(self) -> int:
        return sum(len(r.beds) for r in self.rooms)


@dataclass(frozen=True)
class BedHistoryEntry:
    at: datetime
    state: BedState
    by: str  # staff full name
    reason: str


# ---------------------------------------------------------------------------------- assignment and moves


@dataclass(frozen=True)
class Problem:
    """One room rule the placement would break. `code` is stable (tests, the UI's icon); `message` is the
    Vietnamese sentence; `overridable` is False for what nobody may do (a bed out of service, a bed taken)."""

    code: str  # "sex", "age", "capacity", "keep_apart", "reserved", "cleaning", "out_of_service", "occupied"
    message: str
    overridable: bool = True


@dataclass(frozen=True)
class PlaceCheck:
    """What placing a resident in a bed would break, before anything is written."""

    resident_id: int
    bed_id: int
    problems: tuple[Problem, ...]
    can_override: bool  # the actor may override (manager) and every problem is overridable

    @property
    def clean(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class StayRow:
    """One stay of a resident in a bed (the record's lodging history; the latest first)."""

    id: int
    version: int
    resident_id: int
    bed_id: int
    bed_label: str
    room_name: str
    building: str
    start_at: datetime
    end_at: datetime | None
    reason: str
    end_reason: str
    override_reason: str
    started_by: str
    ended_by: str


@dataclass(frozen=True)
class KeepApartInput:
    resident_id: int
    other_id: int
    reason: KeepApartReason
    note: str = ""


@dataclass(frozen=True)
class KeepApartRow:
    id: int
    version: int
    resident_id: int
    other_id: int
    other_code: str
    other_label: str
    reason: KeepApartReason
    note: str
    created_at: datetime
    ended_at: datetime | None
    shares_room: bool = False  # both sleep in the same room now (a clash to resolve)


# ----------------------------------------------------------------------------------- presence and leave


@dataclass(frozen=True)
class LeaveInput:
    resident_id: int
    reason: str
    leaves_at: datetime
    expected_back_at: datetime
    companion: str = ""
    destination: str = ""
    note: str = ""


@dataclass(frozen=True)
class LeaveRow:
    id: int
    version: int
    resident_id: int
    code: str
    label: str
    reason: str
    companion: str
    destination: str
    leaves_at: datetime
    expected_back_at: datetime
    returned_at: datetime | None
    note: str
    granted_by: str
    overdue: bool  # not back and past the expected return (as of the call)


@dataclass(frozen=True)
class CensusRow:
    resident_id: int
    code: str
    label: str
    sex: str
    age: int | None
    building: str  # "" when she has no bed
    room_name: str
    room_id: int | None
    bed_label: str
    presence: Presence
    since: datetime  # in this presence since
    note: str
    leave: LeaveRow | None  # the leave pass she is away on


@dataclass(frozen=True)
class Census:
    """Who is in the centre at `at` (a past day's census is rebuilt from the histories), by room."""

    day: date
    at: datetime  # the roll-call moment: the day at ROLL_CALL_TIME local, or now for today before then
    rows: tuple[CensusRow, ...]  # ordered by building, room, bed, label
    names_shown: bool
    left_today: int = 0  # residents who left the centre (gone or discharged) on `day`, up to `at`

    def count(self, presence: Presence) -> int:
        return sum(1 for r in self.rows if r.presence == presence)

    @property
    def in_centre(self) -> int:  # sleeping here tonight
        return self.count(Presence.PRESENT)

    @property
    def unplaced(self) -> int:  # in the centre without a bed ("chưa bố trí giường")
        return sum(1 for r in self.rows if r.room_id is None)


# ---------------------------------------------------------------------------------------- stay limit


@dataclass(frozen=True)
class StayClock:
    """Days of lodging used against the limit in force on the day of admission (rules.stay_clock)."""

    admission_id: int
    admitted_on: date
    limit_days: int  # 60 before 01/07/2025, 120 from then
    legal_basis: str  # "Nghị định số 09/2013/NĐ-CP" / "Nghị định số 162/2025/NĐ-CP, Điều 17"
    base_deadline: date  # the last day within the limit
    deadline: date  # the last day after extensions
    days_used: int  # the day of admission is day 1; stops on discharge
    days_left: int  # deadline − today (negative once over)
    level: str  # "ok", "soon" (≤ 14 days left), "urgent" (≤ 3), "over" (< 0), "ended" (discharged)
    extensions: tuple[ExtensionRow, ...]


@dataclass(frozen=True)
class ExtensionInput:
    admission_id: int
    decision_number: str
    decision_date: date
    decided_by: str
    until: date
    reason: str = ""


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    decision_number: str
    decision_date: date
    decided_by: str
    until: date
    reason: str
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class StayAlert:
    """A resident whose stay limit is near or past (the Overview's list)."""

    resident_id: int
    code: str
    label: str
    clock: StayClock


@dataclass(frozen=True)
class ResidentLodging:
    """Everything the record's Lodging tab and header show for one resident."""

    resident_id: int
    names_shown: bool
    bed: StayRow | None  # the open stay
    presence: Presence
    presence_since: datetime | None
    stays: tuple[StayRow, ...]  # the latest first
    leaves: tuple[LeaveRow, ...]  # the latest first
    keep_apart: tuple[KeepApartRow, ...]  # standing links first
    clock: StayClock | None  # None when the resident has no admission (should not happen)


# ---------------------------------------------------------------------------------------- occupancy


@dataclass(frozen=True)
class OccupancyRow:
    """One line of the figures (occupancy.py's docstring defines every term)."""

    key: str  # a room ("Nhà A · Phòng 101"), a sex ("female", models.resident.Sex) or "" for the total
    beds: float  # beds in service on average: available bed-nights ÷ nights
    bed_nights: int  # nights a bed was held at the roll-call (21:00)
    available_bed_nights: int  # nights a bed existed and was not out of service at the roll-call
    occupancy_pct: float | None  # bed_nights ÷ available_bed_nights × 100; None when nothing was available
    residents: int = 0  # different residents who held a bed at least one night
    admissions: int = 0  # admissions whose length of stay is counted (the total and by sex; 0 for a room)
    average_stay_days: float | None = None
    median_stay_days: float | None = None
    room_id: int | None = None  # on a room's line


@dataclass(frozen=True)
class Occupancy:
    start: date
    end: date  # inclusive, as asked (nights after now are not counted: see `nights`)
    nights: int  # roll-calls counted: the days of the period up to the last roll-call before now
    total: OccupancyRow
    by_room: tuple[OccupancyRow, ...]  # ordered as the board: building, floor, position, name
    by_sex: tuple[OccupancyRow, ...]  # the residents' sex; each against the centre's available bed-nights
    stays_ended: int  # admissions that ended (discharged or gone) inside the period
    admissions: int  # admissions overlapping the period (their lengths give the averages)
    average_stay_days: float | None
    median_stay_days: float | None
