"""The bed board of a moment, now or past, rebuilt from the histories in a handful of set-based queries.

For a past moment a bed's state is its latest `BedStateChange` at or before it and its occupant the stay
that started last at or before it, if still open then (one index seek per bed each: ix_bed_state_change_bed_at,
ix_bed_stay_bed_start); now, the occupants are the open stays (ix_bed_stay_open) and the state is `Bed.state`.
Presence is the latest `PresenceChange` at or before the moment (present by default). Nothing here is audited:
the service does it once per call.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.lodging import (
    Bed,
    BedState,
    BedStateChange,
    BedStay,
    KeepApart,
    Presence,
    PresenceChange,
    Room,
    RoomAge,
    RoomSex,
)
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.lodging.common import local_day
from centre_desk.services.lodging.dto import BedBoard, BedRow, Occupant, RoomCard
from centre_desk.services.registry import age_on
from centre_desk.text import fold


@dataclass(frozen=True)
class _Stay:
    id: int
    version: int
    resident_id: int
    bed_id: int
    start_at: datetime
    override_reason: str


@dataclass(frozen=True)
class _Person:
    code: str
    label: str
    sex: str
    age: int | None
    presence: Presence


@functools.lru_cache(maxsize=4096)
def natural(text: str) -> tuple[Any, ...]:
    """A sort key where "G2" comes before "G10"."""
    return tuple(int(p) if p.isdigit() else fold(p) for p in re.split(r"(\d+)", text))


def _latest_change(moment: datetime) -> Any:
    return (
        select(BedStateChange.id)
        .where(BedStateChange.bed_id == Bed.id, BedStateChange.at <= moment)
        .order_by(BedStateChange.at.desc(), BedStateChange.id.desc())
        .limit(1)
        .correlate(Bed)
        .scalar_subquery()
    )


def _stays(s: Session, moment: datetime, past: bool) -> list[_Stay]:
    columns = (BedStay.id, BedStay.version, BedStay.resident_id, BedStay.bed_id, BedStay.start_at,
               BedStay.override_reason)  # fmt: skip
    if not past:
        return [_Stay(*row) for row in s.execute(select(*columns).where(BedStay.end_at.is_(None)))]
    latest = (
        select(BedStay.id)
        .where(BedStay.bed_id == Bed.id, BedStay.start_at <= moment)
        .order_by(BedStay.start_at.desc(), BedStay.id.desc())
        .limit(1)
        .correlate(Bed)
        .scalar_subquery()
    )
    query = (
        select(*columns)
        .select_from(Bed)
        .join(BedStay, BedStay.id == latest)
        .where(or_(BedStay.end_at.is_(None), BedStay.end_at > moment))
    )
    return [_Stay(*row) for row in s.execute(query)]


def _people(s: Session, ids: Collection[int], moment: datetime, names: bool) -> dict[int, _Person]:
    if not ids:
        return {}
    presence = (
        select(PresenceChange.status)
        .where(PresenceChange.resident_id == Resident.id, PresenceChange.at <= moment)
        .order_by(PresenceChange.at.desc(), PresenceChange.id.desc())
        .limit(1)
        .correlate(Resident)
        .scalar_subquery()
    )
    shown = Resident.full_name if names else Resident.alias
    day = local_day(moment)
    rows = s.execute(
        select(Resident.id, Resident.code, shown, Resident.sex, Resident.birth_date, Resident.birth_year, presence)
        .where(Resident.id.in_(set(ids)))
    )  # fmt: skip
    return {
        rid: _Person(code, text, sex, age_on(born, year, day), Presence(status or Presence.PRESENT))
        for rid, code, text, sex, born, year, status in rows
    }


def _in_centre(s: Session, moment: datetime) -> dict[int, datetime]:
    """Residents admitted at or before the moment and not discharged then: their arrival."""
    rows = s.execute(
        select(Admission.resident_id, Admission.arrived_at).where(
            Admission.arrived_at <= moment, or_(Admission.discharged_at.is_(None), Admission.discharged_at > moment)
        )
    )
    return {int(r): a for r, a in rows}


def _links(s: Session, moment: datetime) -> list[tuple[int, int]]:
    standing: ColumnElement[bool] = and_(
        KeepApart.created_at <= moment, or_(KeepApart.ended_at.is_(None), KeepApart.ended_at > moment)
    )
    return [(int(a), int(b)) for a, b in s.execute(select(KeepApart.resident_id, KeepApart.other_id).where(standing))]


def _occupant(rid: int, p: _Person, since: datetime, stay: _Stay | None, clash: bool = False) -> Occupant:
    return Occupant(
        resident_id=rid, code=p.code, label=p.label, sex=p.sex, age=p.age, presence=p.presence, since=since,
        stay_id=stay.id if stay else 0, stay_version=stay.version if stay else 0, keep_apart_clash=clash,
    )  # fmt: skip


def cards(
    s: Session, names: bool, moment: datetime, past: bool, room_ids: Iterable[int] | None = None
) -> tuple[list[RoomCard], list[Occupant]]:
    """The rooms of the moment (or exactly `room_ids`) as cards, and who is in the centre without a bed."""
    wanted = None if room_ids is None else set(room_ids)
    rooms = {r.id: r for r in s.scalars(select(Room)) if wanted is None or r.id in wanted}
    change = _latest_change(moment)
    bed_rows = s.execute(
        select(Bed.id, Bed.room_id, Bed.label, Bed.state, Bed.version, Bed.reserved_for, Bed.active,
               BedStateChange.state, BedStateChange.at, BedStateChange.reason)
        .outerjoin(BedStateChange, BedStateChange.id == change)
    ).all()  # fmt: skip
    stays = {x.bed_id: x for x in _stays(s, moment, past)}
    centre = _in_centre(s, moment)
    reserved = {row[5] for row in bed_rows if not past and row[3] == BedState.RESERVED and row[5] is not None}
    people = _people(s, {x.resident_id for x in stays.values()} | set(centre) | reserved, moment, names)
    links = _links(s, moment)
    room_of = {row[0]: row[1] for row in bed_rows}
    where = {x.resident_id: room_of[x.bed_id] for x in stays.values()}
    clashing = {p for a, b in links if where.get(a) is not None and where.get(a) == where.get(b) for p in (a, b)}
    by_room: dict[int, list[BedRow]] = defaultdict(list)
    occupied_rooms: set[int] = set()
    for bed_id, room_id, text, state, version, reserved_for, active, past_state, since, why in bed_rows:
        if room_id not in rooms or (past and since is None) or (not past and not active):
            continue  # another room, a bed not yet made then, or a bed taken away
        stay = stays.get(bed_id)
        occupant = None
        if stay is not None and stay.resident_id in people:
            occupied_rooms.add(room_id)
            occupant = _occupant(stay.resident_id, people[stay.resident_id], stay.start_at, stay,
                                 stay.resident_id in clashing)  # fmt: skip
        waiting = None
        if not past and state == BedState.RESERVED and reserved_for in people:
            waiting = _occupant(reserved_for, people[reserved_for], since or moment, None)
        shown = BedState(past_state if past else state)
        by_room[room_id].append(
            BedRow(bed_id, room_id, text, shown, version, since, why or "", occupant, waiting)
        )  # fmt: skip
    found = [
        _card(room, by_room[room.id], stays, clashing)
        for room in rooms.values()
        if wanted is not None  # asked for by id (a room just saved or retired)
        or (room.active and (not past or bool(by_room[room.id])))  # a past board: only beds made by then
        or room.id in occupied_rooms  # retired since
    ]
    found.sort(key=lambda c: (fold(c.building), natural(c.floor), _position(rooms[c.id]), natural(c.name)))
    placed = {x.resident_id for x in stays.values()}
    unplaced = [
        _occupant(rid, people[rid], arrived, None)
        for rid, arrived in centre.items()
        if rid not in placed and rid in people and people[rid].presence != Presence.GONE
    ]
    unplaced.sort(key=lambda o: (natural(o.label), o.code))
    return found, unplaced


def _position(room: Room) -> int:
    return int(room.position or 0)


def _card(room: Room, beds: list[BedRow], stays: dict[int, _Stay], clashing: set[int]) -> RoomCard:
    beds.sort(key=lambda b: natural(b.label))
    warnings: list[str] = []
    count = sum(1 for b in beds if b.occupant is not None)
    if count > room.capacity:
        warnings.append(
            _("Over capacity: {count} people for {capacity} places.").format(count=count, capacity=room.capacity)
        )
    if any(b.occupant is not None and b.occupant.resident_id in clashing for b in beds):
        warnings.append(_("Residents who must be kept apart share this room."))
    for b in beds:
        stay = stays.get(b.id)
        if b.occupant is not None and stay is not None and stay.override_reason:
            warnings.append(
                _("Bed {bed}: a room rule is broken by a manager's exception ({reason}).").format(
                    bed=b.label, reason=stay.override_reason
                )
            )
    return RoomCard(
        id=room.id, building=room.building, floor=room.floor, name=room.name, sex_rule=RoomSex(room.sex_rule),
        age_rule=RoomAge(room.age_rule), capacity=room.capacity, notes=room.notes, version=room.version,
        active=room.active, beds=tuple(beds), warnings=tuple(warnings),
    )  # fmt: skip


def board(s: Session, names: bool, at: datetime | None, now: datetime, building: str = "", floor: str = "") -> BedBoard:
    """The board now (`at` None or not before now) or at a past moment, optionally one building or floor."""
    past = at is not None and at < now
    moment = at if at is not None and past else now
    found, unplaced = cards(s, names, moment, past)
    active = [(r.building, r.floor) for r in s.execute(select(Room.building, Room.floor).where(Room.active))]
    buildings = sorted({b for b, _f in active}, key=fold)
    floors = sorted({f for b, f in active if not building or b == building}, key=natural)
    shown = tuple(c for c in found if (not building or c.building == building) and (not floor or c.floor == floor))
    return BedBoard(moment, shown, tuple(unplaced), names, tuple(buildings), tuple(floors))
