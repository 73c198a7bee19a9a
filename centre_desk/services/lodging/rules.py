"""The lodging rules, free of any database: the stay limit in force by date, and the room rules (sex, age
group, capacity, keep-apart links and the bed's own state).

Stay limit (DOMAIN.md §1, DOMAIN-ADDENDUM.md §1.2): lodging and essentials for at most 60 days under Decree
09/2013 for a person admitted before 01/07/2025, at most 120 days under Decree 162/2025 Art. 17 from that day;
longer only by a decision of the centre's director (a `StayExtension`). The day of admission is day 1, so
the last day within the limit is admission + limit − 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from centre_desk.i18n import _
from centre_desk.models.lodging import BedState, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.services.admission_input import ADULT_AGE
from centre_desk.services.lodging.dto import ExtensionRow, Problem, StayClock

LIMIT_SWITCH = date(2025, 7, 1)  # Decree 162/2025 in force
SOON_DAYS = 14  # the first warning
URGENT_DAYS = 3  # the second warning

BASIS_BEFORE = "Nghị định số 09/2013/NĐ-CP"
BASIS_FROM = "Nghị định số 162/2025/NĐ-CP, Điều 17"


def stay_limit_days(admitted_on: date) -> int:
    """The number of days of lodging the law allows a person admitted on `admitted_on`."""
    return 60 if admitted_on < LIMIT_SWITCH else 120


def stay_limit_basis(admitted_on: date) -> str:
    return BASIS_BEFORE if admitted_on < LIMIT_SWITCH else BASIS_FROM


def stay_clock(
    admission_id: int,
    admitted_on: date,
    today: date,
    extensions: Sequence[ExtensionRow] = (),
    ended_on: date | None = None,
) -> StayClock:
    """Days used and left against the limit; the latest extension (by decision date, then `until`) sets the
    deadline. The clock stops on `ended_on` (discharge)."""
    limit = stay_limit_days(admitted_on)
    base = admitted_on + timedelta(days=limit - 1)
    ordered = tuple(sorted(extensions, key=lambda e: (e.decision_date, e.recorded_at), reverse=True))
    deadline = ordered[0].until if ordered else base
    last_day = min(today, ended_on) if ended_on is not None else today
    days_used = max(0, (last_day - admitted_on).days + 1)
    days_left = (deadline - today).days
    if ended_on is not None and ended_on <= today:
        level = "ended"
    elif days_left < 0:
        level = "over"
    elif days_left <= URGENT_DAYS:
        level = "urgent"
    elif days_left <= SOON_DAYS:
        level = "soon"
    else:
        level = "ok"
    return StayClock(
        admission_id=admission_id,
        admitted_on=admitted_on,
        limit_days=limit,
        legal_basis=stay_limit_basis(admitted_on),
        base_deadline=base,
        deadline=deadline,
        days_used=days_used,
        days_left=days_left,
        level=level,
        extensions=ordered,
    )


# ------------------------------------------------------------------------------------------- room rules

OVERRIDE_NEVER = frozenset({"out_of_service", "occupied"})  # what nobody may do, not even a manager


@dataclass(frozen=True)
class Person:
    """The resident to place, as the room rules see her."""

    resident_id: int
    sex: str  # models.resident.Sex
    age: int | None  # on the day of the placement


@dataclass(frozen=True)
class Target:
    """The bed and its room, as they would be once she moved in."""

    sex_rule: RoomSex
    age_rule: RoomAge
    capacity: int
    bed_state: BedState  # OCCUPIED only when someone who stays sleeps in it
    reserved_for: int | None
    sharing: int  # how many others would sleep in the room with her
    keep_apart: bool  # one of them must be kept apart from her


def _problem(code: str, message: str) -> Problem:
    return Problem(code, message, code not in OVERRIDE_NEVER)


def room_problems(person: Person, target: Target) -> tuple[Problem, ...]:
    """Every room rule placing `person` in the target bed would break, in a stable order."""
    found: list[Problem] = []
    if target.bed_state == BedState.OCCUPIED:
        found.append(_problem("occupied", _("Someone already sleeps in this bed.")))
    if target.bed_state == BedState.OUT_OF_SERVICE:
        found.append(_problem("out_of_service", _("The bed is out of service.")))
    if target.sex_rule != RoomSex.ANY and person.sex != target.sex_rule:
        message = (
            _("The room is for women only.") if target.sex_rule == RoomSex.FEMALE else _("The room is for men only.")
        )
        found.append(_problem("sex", message))
    found.extend(_age_problems(person, target.age_rule))
    if target.sharing + 1 > target.capacity:
        found.append(
            _problem("capacity", _("The room would hold {count} people for {capacity} places.").format(
                count=target.sharing + 1, capacity=target.capacity))
        )  # fmt: skip
    if target.keep_apart:
        found.append(_problem("keep_apart", _("Someone she must be kept apart from sleeps in this room.")))
    if target.bed_state == BedState.RESERVED and target.reserved_for != person.resident_id:
        found.append(_problem("reserved", _("The bed is reserved for another resident.")))
    if target.bed_state == BedState.CLEANING:
        found.append(_problem("cleaning", _("The bed needs cleaning.")))
    return tuple(found)


def _age_problems(person: Person, rule: RoomAge) -> list[Problem]:
    if rule == RoomAge.ANY or (rule == RoomAge.MOTHERS_CHILDREN and person.sex != Sex.MALE):
        return []
    if person.age is None:
        return [_problem("age", _("Her age is unknown: the room's age rule cannot be checked."))]
    if rule == RoomAge.CHILDREN and person.age >= ADULT_AGE:
        return [_problem("age", _("The room is for people under 18 only."))]
    if rule == RoomAge.ADULTS and person.age < ADULT_AGE:
        return [_problem("age", _("The room is for people aged 18 and over only."))]
    if rule == RoomAge.MOTHERS_CHILDREN and person.age >= ADULT_AGE:
        return [_problem("age", _("The room is for mothers and the children with them: no adult man."))]
    return []


def problems_text(problems: Sequence[Problem]) -> str:
    """The problems as one sentence for a message box."""
    return _("This bed cannot be used: {problems}").format(problems=" ".join(p.message for p in problems))
