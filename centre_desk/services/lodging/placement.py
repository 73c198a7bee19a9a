"""Assignment and moves: a resident into a bed (her first or a move), two residents swapping beds, a bed left
without a new one, and the keep-apart links between residents.

Every function works inside the caller's transaction (the service's unit, or the admission's) and writes the
history: a move ends the open `BedStay` and starts the next one; every bed whose state changes gets a
`BedStateChange`. The room rules themselves are `rules.room_problems`; this module gathers what they need.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.models.lodging import Bed, BedState, BedStay, KeepApart, KeepApartReason, Room, RoomAge, RoomSex
from centre_desk.models.resident import Resident
from centre_desk.security.access import SYSTEM, Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.lodging.common import age, label, local_day, names_allowed, staff_names
from centre_desk.services.lodging.dto import KeepApartInput, KeepApartRow, Problem, StayRow
from centre_desk.services.lodging.rooms import change_state, in_centre, reason_text
from centre_desk.services.lodging.rules import Person, Target, problems_text, room_problems

__all__ = ["RuleBroken", "check", "check_new", "may_override", "place", "settle", "swap", "vacate"]


class RuleBroken(UserError):
    """Placing the resident would break room rules; `problems` lists every one (the message reads them all)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems_text(problems))
        self.problems: tuple[Problem, ...] = tuple(problems)


@dataclass(frozen=True)
class Placed:
    stay: BedStay
    moved: bool  # she had a bed before
    overridden: bool  # a manager's exception keeps it


def may_override(actor: Actor) -> bool:
    return actor is SYSTEM or allowed(actor.roles, Action.APPROVE, FieldGroup.LODGING)


def settle(problems: Sequence[Problem], actor: Actor, override_reason: str) -> str:
    """The override reason to keep on the stay ("" when nothing is broken), or RuleBroken."""
    if not problems:
        return ""
    reason = reason_text(override_reason, "override_reason")
    if reason and may_override(actor) and all(p.overridable for p in problems):
        return reason
    raise RuleBroken(problems)


def open_stay(s: Session, resident_id: int) -> BedStay | None:
    return s.scalar(select(BedStay).where(BedStay.resident_id == resident_id, BedStay.end_at.is_(None)))


def _resident(s: Session, resident_id: int) -> Resident:
    resident = s.get(Resident, resident_id)
    if resident is None:
        raise NotFound(_("The resident's record no longer exists."))
    return resident


def _bed(s: Session, bed_id: int) -> Bed:
    bed = s.get(Bed, bed_id)
    if bed is None:
        raise NotFound(_("The bed no longer exists."))
    return bed


def check(
    s: Session, resident: Resident, bed: Bed, now: datetime, leaving: Iterable[int] = (), joining: Iterable[int] = ()
) -> tuple[Problem, ...]:
    """The rules broken by her sleeping in `bed`; `leaving` leave their beds and `joining` come into the room
    in the same action (a swap)."""
    person = Person(resident.id, resident.sex, age(resident, local_day(now)))
    return check_person(s, person, bed, leaving, joining)


def check_person(
    s: Session, person: Person, bed: Bed, leaving: Iterable[int] = (), joining: Iterable[int] = ()
) -> tuple[Problem, ...]:
    """`check` for a person as the rules see her (resident_id 0: someone not admitted yet, the wizard's bed
    step: no keep-apart link, no bed of her own)."""
    room = s.get(Room, bed.room_id)
    assert room is not None
    gone = {person.resident_id, *leaving}
    occupants = s.execute(
        select(BedStay.resident_id, BedStay.bed_id)
        .join(Bed, Bed.id == BedStay.bed_id)
        .where(Bed.room_id == room.id, BedStay.end_at.is_(None))
    ).all()
    sharing = {r for r, _b in occupants if r not in gone} | set(joining)
    state = BedState(bed.state)
    if state == BedState.OCCUPIED and all(r in gone for r, b in occupants if b == bed.id):
        state = BedState.FREE
    if not (bed.active and room.active):
        state = BedState.OUT_OF_SERVICE
    target = Target(
        sex_rule=RoomSex(room.sex_rule), age_rule=RoomAge(room.age_rule), capacity=room.capacity, bed_state=state,
        reserved_for=bed.reserved_for, sharing=len(sharing),
        keep_apart=bool(person.resident_id and kept_apart(s, person.resident_id, sharing)),
    )  # fmt: skip
    return room_problems(person, target)


def check_new(s: Session, sex: str, age_years: int | None, bed_id: int) -> tuple[Problem, ...]:
    """`check` for someone being admitted (the wizard's bed step): her sex and age as typed."""
    return check_person(s, Person(0, sex, age_years), _bed(s, bed_id))


def check_ids(s: Session, resident_id: int, bed_id: int, now: datetime) -> tuple[Problem, ...]:
    """`check` by ids (the wizard's bed step and the board ask before placing)."""
    resident, bed = _resident(s, resident_id), _bed(s, bed_id)
    old = open_stay(s, resident_id)
    if old is not None and old.bed_id == bed_id:
        return ()
    return check(s, resident, bed, now)


def kept_apart(s: Session, resident_id: int, others: Iterable[int]) -> set[int]:
    """Those among `others` a standing link keeps apart from her."""
    wanted = set(others)
    if not wanted:
        return set()
    rows = s.execute(
        select(KeepApart.resident_id, KeepApart.other_id).where(
            KeepApart.ended_at.is_(None),
            or_(
                and_(KeepApart.resident_id == resident_id, KeepApart.other_id.in_(wanted)),
                and_(KeepApart.other_id == resident_id, KeepApart.resident_id.in_(wanted)),
            ),
        )
    )
    return {b if a == resident_id else a for a, b in rows}


def _end(s: Session, stay: BedStay, now: datetime, by: int | None, reason: str) -> None:
    stay.end_at, stay.end_reason, stay.ended_by = now, reason, by


def _start(s: Session, resident_id: int, bed: Bed, now: datetime, by: int | None, reason: str, kept: str) -> BedStay:
    stay = BedStay(
        resident_id=resident_id, bed_id=bed.id, start_at=now, reason=reason, override_reason=kept, started_by=by
    )
    s.add(stay)
    return stay


def _lock(s: Session, resident_ids: Iterable[int], bed_ids: Iterable[int]) -> None:
    """Hold the residents and the rooms of the beds until the end of the transaction (PostgreSQL: FOR UPDATE,
    always in id order; SQLite's writer already runs alone), so two placements at once cannot both find a
    resident without a bed or a room with a place left."""
    rooms = select(Bed.room_id).where(Bed.id.in_(set(bed_ids)))
    s.execute(select(Resident.id).where(Resident.id.in_(set(resident_ids))).order_by(Resident.id).with_for_update())
    s.execute(select(Room.id).where(Room.id.in_(rooms)).order_by(Room.id).with_for_update())


def place(
    s: Session, actor: Actor, resident_id: int, bed_id: int, reason: str, override_reason: str, now: datetime
) -> Placed:
    """Her first bed or a move: the old stay ends (its bed FREE), the new bed OCCUPIED."""
    before = open_stay(s, resident_id)
    _lock(s, [resident_id], [bed_id, *([before.bed_id] if before else [])])
    resident = _resident(s, resident_id)
    if not in_centre(s, resident_id):
        raise UserError(_("She has left the centre: she cannot be given a bed."))
    bed = _bed(s, bed_id)
    old = open_stay(s, resident_id)
    if old is not None and old.bed_id == bed.id:
        raise UserError(_("She already sleeps in this bed."))
    reason = reason_text(reason)
    kept = settle(check(s, resident, bed, now), actor, override_reason)
    if old is not None:
        _end(s, old, now, actor.account_id, reason)
        change_state(s, _bed(s, old.bed_id), BedState.FREE, now, actor.account_id, reason)
    stay = _start(s, resident_id, bed, now, actor.account_id, reason, kept)
    change_state(s, bed, BedState.OCCUPIED, now, actor.account_id, reason)
    s.flush()
    return Placed(stay, old is not None, bool(kept))


def swap(
    s: Session, actor: Actor, resident_id: int, other_id: int, reason: str, override_reason: str, now: datetime
) -> tuple[Placed, Placed]:
    """Both residents exchange beds: each is checked in the other's room; both beds stay occupied."""
    if resident_id == other_id:
        raise ValidationError("other_id", _("Choose two different residents."))
    mine, theirs = open_stay(s, resident_id), open_stay(s, other_id)
    _lock(s, [resident_id, other_id], [x.bed_id for x in (mine, theirs) if x is not None])
    first, second = _resident(s, resident_id), _resident(s, other_id)
    mine, theirs = open_stay(s, resident_id), open_stay(s, other_id)  # as they are once held
    if mine is None or theirs is None:
        raise UserError(_("Both residents must have a bed to swap beds."))
    beds = _bed(s, mine.bed_id), _bed(s, theirs.bed_id)
    same_room = beds[0].room_id == beds[1].room_id
    both = (resident_id, other_id)
    found: list[tuple[Resident, Problem]] = []
    for person, partner, bed in ((first, second, beds[1]), (second, first, beds[0])):
        problems = check(s, person, bed, now, leaving=both, joining=[partner.id] if same_room else [])
        found.extend((person, p) for p in problems)
    named = [Problem(p.code, f"{r.code}: {p.message}", p.overridable) for r, p in found]
    kept = settle(named, actor, override_reason)
    reason = reason_text(reason)
    for stay in (mine, theirs):
        _end(s, stay, now, actor.account_id, reason)
    new = (
        _start(
            s, resident_id, beds[1], now, actor.account_id, reason, kept if any(r is first for r, _p in found) else ""
        ),
        _start(
            s, other_id, beds[0], now, actor.account_id, reason, kept if any(r is second for r, _p in found) else ""
        ),
    )
    s.flush()
    return Placed(new[0], True, bool(new[0].override_reason)), Placed(new[1], True, bool(new[1].override_reason))


LEFT_STATES = (BedState.FREE, BedState.CLEANING, BedState.OUT_OF_SERVICE)


def vacate(s: Session, actor: Actor, resident_id: int, reason: str, bed_state: BedState, now: datetime) -> BedStay:
    """End her open stay without a new bed; the bed takes `bed_state`."""
    if bed_state not in LEFT_STATES:
        raise ValidationError("bed_state", _("A bed left empty is free, needs cleaning or is out of service."))
    _resident(s, resident_id)
    stay = open_stay(s, resident_id)
    if stay is None:
        raise UserError(_("She has no bed."))
    reason = reason_text(reason)
    _end(s, stay, now, actor.account_id, reason)
    change_state(s, _bed(s, stay.bed_id), bed_state, now, actor.account_id, reason)
    s.flush()
    return stay


# ------------------------------------------------------------------------------------------ keep apart


def add_link(s: Session, actor: Actor, data: KeepApartInput, now: datetime) -> KeepApart:
    if data.resident_id == data.other_id:
        raise ValidationError("other_id", _("A resident cannot be kept apart from herself."))
    _resident(s, data.resident_id)
    _resident(s, data.other_id)
    reason = KeepApartReason(data.reason)
    if kept_apart(s, data.resident_id, [data.other_id]):
        raise ValidationError("other_id", _("These two residents are already kept apart."))
    link = KeepApart(
        resident_id=data.resident_id, other_id=data.other_id, reason=reason, note=reason_text(data.note, "note"),
        created_at=now, created_by=actor.account_id,
    )  # fmt: skip
    s.add(link)
    s.flush()
    return link


def end_link(s: Session, actor: Actor, link_id: int, version: int, now: datetime) -> KeepApart:
    link = load_for_edit(s, KeepApart, link_id, version, lambda x: link_row(s, actor, x))
    if link.ended_at is None:
        link.ended_at = now
        s.flush()
    return link


def shares_room(s: Session, resident_id: int, other_id: int) -> bool:
    """Whether both sleep in the same room now."""
    rooms = s.execute(
        select(BedStay.resident_id, Bed.room_id)
        .join(Bed, Bed.id == BedStay.bed_id)
        .where(BedStay.resident_id.in_([resident_id, other_id]), BedStay.end_at.is_(None))
    ).all()
    return len(rooms) == 2 and rooms[0][1] == rooms[1][1]


def link_row(s: Session, actor: Actor, link: KeepApart, seen_from: int | None = None) -> KeepApartRow:
    """The link as seen from `seen_from` (its first resident by default): the other one is named."""
    mine = link.resident_id if seen_from in (None, link.resident_id) else link.other_id
    other = _resident(s, link.other_id if mine == link.resident_id else link.resident_id)
    return KeepApartRow(
        id=link.id, version=link.version, resident_id=mine, other_id=other.id, other_code=other.code,
        other_label=label(other, names_allowed(actor)), reason=KeepApartReason(link.reason), note=link.note,
        created_at=link.created_at, ended_at=link.ended_at,
        shares_room=link.ended_at is None and shares_room(s, mine, other.id),
    )  # fmt: skip


# --------------------------------------------------------------------------------------------- stay rows


def stay_rows(s: Session, stays: Sequence[BedStay]) -> list[StayRow]:
    """The stays as rows (two queries whatever their number)."""
    beds = {b.id: (b, r) for b, r in s.execute(
        select(Bed, Room).join(Room, Room.id == Bed.room_id).where(Bed.id.in_({x.bed_id for x in stays}))
    )}  # fmt: skip
    staff = staff_names(s, [x.started_by for x in stays] + [x.ended_by for x in stays])
    rows = []
    for x in stays:
        bed, room = beds[x.bed_id]
        rows.append(
            StayRow(
                id=x.id, version=x.version, resident_id=x.resident_id, bed_id=x.bed_id, bed_label=bed.label,
                room_name=room.name, building=room.building, start_at=x.start_at, end_at=x.end_at,
                reason=x.reason, end_reason=x.end_reason, override_reason=x.override_reason,
                started_by=staff.get(x.started_by or 0, ""), ended_by=staff.get(x.ended_by or 0, ""),
            )
        )  # fmt: skip
    return rows
