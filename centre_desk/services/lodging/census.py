"""Presence (sĩ số), leave passes and the census of any moment, rebuilt from the histories.

Who is in the centre at a moment `m`: her latest admission arrived at or before `m` and was not discharged by
then, and her presence at `m` is not GONE. Her presence is the latest `PresenceChange` at or before `m` since
that arrival (PRESENT when there is none); her bed is the `BedStay` open at `m`. Every query is set-based
(a handful per census, whatever the number of residents and the years of history).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import BindParameter, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.base import UtcDateTime
from centre_desk.models.lodging import Bed, BedState, BedStay, LeavePass, Presence, PresenceChange, Room
from centre_desk.models.resident import Admission, Resident
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import Problems, clean_block, clean_text
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.lodging import placement
from centre_desk.services.lodging.common import age, label, local_moment, names_allowed, staff_names
from centre_desk.services.lodging.dto import Census, CensusRow, LeaveInput, LeaveRow

LEAVE_PAST_LIMIT = timedelta(days=1)  # a leave pass may be written up to a day after she left
SETTABLE = frozenset({Presence.PRESENT, Presence.HOSPITAL, Presence.ABSENT, Presence.GONE})


@dataclass(frozen=True)
class Standing:
    """A resident's presence at a moment: the change that set it (None: present since arrival)."""

    resident_id: int
    arrived_at: datetime
    status: Presence
    since: datetime
    note: str
    leave_id: int | None


# ------------------------------------------------------------------------------------ who is where


# The statements are built once (building SQL is what costs most here): `at` and `among` are bound per call.
_AT = bindparam("at", type_=UtcDateTime())
_AMONG: BindParameter[int] = bindparam("among", expanding=True)


def _inside(among: bool) -> Subquery:
    """Admissions running at `at` (arrived, not yet discharged), of everyone or of `among`: rid, arrived."""
    q = select(Admission.resident_id.label("rid"), Admission.arrived_at.label("arrived")).where(
        Admission.arrived_at <= _AT, or_(Admission.discharged_at.is_(None), Admission.discharged_at > _AT)
    )
    return (q.where(Admission.resident_id.in_(_AMONG)) if among else q).subquery("inside")


def _latest_changes(running: Subquery) -> Select[Any]:
    """Each running admission's latest presence change at or before `at` (since the arrival)."""
    ranked = (
        select(
            PresenceChange.resident_id,
            PresenceChange.status,
            PresenceChange.at,
            PresenceChange.note,
            PresenceChange.leave_id,
            func.row_number()
            .over(
                partition_by=PresenceChange.resident_id,
                order_by=(PresenceChange.at.desc(), PresenceChange.id.desc()),
            )
            .label("n"),
        )
        .join(running, and_(running.c.rid == PresenceChange.resident_id, PresenceChange.at >= running.c.arrived))
        .where(PresenceChange.at <= _AT)
        .subquery("ranked")
    )
    return select(ranked.c.resident_id, ranked.c.status, ranked.c.at, ranked.c.note, ranked.c.leave_id).where(
        ranked.c.n == 1
    )


_RUNNING = {among: _inside(among) for among in (False, True)}
_ARRIVALS = {among: select(q.c.rid, q.c.arrived).order_by(q.c.arrived) for among, q in _RUNNING.items()}
_CHANGES = {among: _latest_changes(q) for among, q in _RUNNING.items()}
_PLACES = (
    select(BedStay.resident_id, Room.building, Room.floor, Room.position, Room.name, Room.id, Bed.label)
    .join(_RUNNING[False], _RUNNING[False].c.rid == BedStay.resident_id)
    .join(Bed, Bed.id == BedStay.bed_id)
    .join(Room, Room.id == Bed.room_id)
    .where(BedStay.start_at <= _AT, or_(BedStay.end_at.is_(None), BedStay.end_at > _AT))
    .order_by(BedStay.start_at)
)


def standings(s: Session, at: datetime, among: Collection[int] | None = None) -> dict[int, Standing]:
    """Everyone in the centre at `at` (GONE left out), or those of `among`: their presence then."""
    params: dict[str, Any] = {"at": at} if among is None else {"at": at, "among": list(among)}
    arrived: dict[int, datetime] = {}
    for rid, when in s.execute(_ARRIVALS[among is not None], params):
        arrived[int(rid)] = when  # a later admission wins
    found = {rid: Standing(rid, when, Presence.PRESENT, when, "", None) for rid, when in arrived.items()}
    for rid, status, when, note, leave_id in s.execute(_CHANGES[among is not None], params):
        if int(rid) in found and when >= arrived[int(rid)]:
            found[int(rid)] = Standing(int(rid), arrived[int(rid)], Presence(status), when, note, leave_id)
    return {rid: st for rid, st in found.items() if st.status is not Presence.GONE}


def standing(s: Session, resident_id: int, at: datetime) -> Standing | None:
    """Her presence at `at`; None when she is not in the centre then."""
    return standings(s, at, (resident_id,)).get(resident_id)


def left_at(s: Session, resident_id: int, at: datetime) -> datetime | None:
    """When she left the centre (gone or discharged) as of `at`; None if she never arrived by then."""
    gone = s.scalar(
        select(func.max(PresenceChange.at)).where(
            PresenceChange.resident_id == resident_id,
            PresenceChange.status == Presence.GONE,
            PresenceChange.at <= at,
        )
    )
    discharged = s.scalar(
        select(func.max(Admission.discharged_at)).where(
            Admission.resident_id == resident_id, Admission.discharged_at <= at
        )
    )
    found = [m for m in (gone, discharged) if m is not None]
    return min(found) if found else None


@dataclass(frozen=True)
class Place:
    building: str
    floor: str
    position: int
    room_name: str
    room_id: int
    bed_label: str


def places(s: Session, at: datetime, resident_ids: Iterable[int]) -> dict[int, Place]:
    """The bed each resident slept in at `at` (the stay open then), with its room."""
    wanted = set(resident_ids)
    if not wanted:
        return {}
    rows = s.execute(_PLACES, {"at": at})
    return {int(r[0]): Place(*r[1:]) for r in rows if int(r[0]) in wanted}  # the latest start wins


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """The natural order of labels: G2 before G10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", text) if p)


def census(s: Session, day: date, at: datetime, names: bool) -> Census:
    """The census at `at` (the roll-call moment of `day`), from the histories only."""
    present = standings(s, at)
    beds = places(s, at, present)
    people = {r.id: r for r in s.scalars(select(Resident).where(Resident.id.in_(present)))} if present else {}
    leave_ids = {st.leave_id for st in present.values() if st.status is Presence.ON_LEAVE and st.leave_id}
    passes = list(s.scalars(select(LeavePass).where(LeavePass.id.in_(leave_ids)))) if leave_ids else []
    granted = staff_names(s, (p.granted_by for p in passes))
    leaves = {p.id: leave_row(p, people[p.resident_id], names, granted, at) for p in passes}
    rows = []
    for rid, st in present.items():
        r, place = people[rid], beds.get(rid)
        rows.append(
            CensusRow(
                resident_id=rid, code=r.code, label=label(r, names), sex=r.sex, age=age(r, day),
                building=place.building if place else "", room_name=place.room_name if place else "",
                room_id=place.room_id if place else None, bed_label=place.bed_label if place else "",
                presence=st.status, since=st.since, note=st.note,
                leave=leaves.get(st.leave_id) if st.status is Presence.ON_LEAVE and st.leave_id else None,
            )
        )  # fmt: skip

    def order(row: CensusRow) -> tuple[object, ...]:
        place = beds.get(row.resident_id)
        room = (place.building, place.floor, place.position, _natural(place.room_name)) if place else ()
        return (place is None, room, _natural(row.bed_label), row.label.casefold(), row.code)

    rows_in_order = tuple(sorted(rows, key=order))
    return Census(day=day, at=at, rows=rows_in_order, names_shown=names, left_today=left_between(s, day, at))


def left_between(s: Session, day: date, at: datetime) -> int:
    """How many residents left the centre for good (GONE, or discharged) on `day`, up to `at`."""
    start = local_moment(day, time.min)
    gone = select(PresenceChange.resident_id).where(
        PresenceChange.status == Presence.GONE, PresenceChange.at >= start, PresenceChange.at <= at
    )
    discharged = select(Admission.resident_id).where(Admission.discharged_at >= start, Admission.discharged_at <= at)
    return len(set(s.scalars(gone)) | set(s.scalars(discharged)))


# ------------------------------------------------------------------------------------ leave passes


def leave_row(p: LeavePass, resident: Resident, names: bool, granted: dict[int, str], at: datetime) -> LeaveRow:
    """The pass as it stood at `at`: a return after `at` is not shown, `overdue` is judged at `at`."""
    returned = p.returned_at if p.returned_at is not None and p.returned_at <= at else None
    return LeaveRow(
        id=p.id, version=p.version, resident_id=p.resident_id, code=resident.code, label=label(resident, names),
        reason=p.reason, companion=p.companion, destination=p.destination, leaves_at=p.leaves_at,
        expected_back_at=p.expected_back_at, returned_at=returned, note=p.note,
        granted_by=granted.get(p.granted_by, "") if p.granted_by is not None else "",
        overdue=returned is None and p.expected_back_at < at,
    )  # fmt: skip


def leave_rows(s: Session, passes: list[LeavePass], names: bool, at: datetime) -> tuple[LeaveRow, ...]:
    ids = {p.resident_id for p in passes}
    people = {r.id: r for r in s.scalars(select(Resident).where(Resident.id.in_(ids)))} if ids else {}
    granted = staff_names(s, (p.granted_by for p in passes))
    return tuple(leave_row(p, people[p.resident_id], names, granted, at) for p in passes)


def overdue_passes(s: Session, now: datetime) -> list[LeavePass]:
    """Passes not closed whose expected return has passed, of residents still in the centre; the longest
    overdue first."""
    # the passes not closed are few: a scan finds them faster than the index on the expected return, whose
    # range holds every pass of the past
    pending = s.scalars(select(LeavePass).where(LeavePass.returned_at.is_(None)))
    passes = sorted((p for p in pending if p.expected_back_at < now), key=lambda p: (p.expected_back_at, p.id))
    if not passes:
        return passes
    here = standings(s, now, {p.resident_id for p in passes})
    return [p for p in passes if p.resident_id in here]


def overdue(s: Session, names: bool, now: datetime) -> tuple[LeaveRow, ...]:
    return leave_rows(s, overdue_passes(s, now), names, now)


def _check_leave(s: Session, data: LeaveInput, now: datetime) -> LeaveInput:
    problems = Problems()
    reason = problems.take("", clean_text, data.reason, "reason", _("Reason for the leave"), 300, True)
    companion = problems.take("", clean_text, data.companion, "companion", _("Companion"), 200)
    destination = problems.take("", clean_text, data.destination, "destination", _("Destination"), 300)
    note = problems.take("", clean_block, data.note, "note", _("Note"), 500)
    if data.leaves_at.tzinfo is None or data.leaves_at < now - LEAVE_PAST_LIMIT:
        problems.add("leaves_at", _("The departure cannot be more than a day in the past."))
    if data.expected_back_at.tzinfo is None or (
        data.leaves_at.tzinfo is not None and data.expected_back_at <= data.leaves_at
    ):
        problems.add("expected_back_at", _("The expected return must be after the departure."))
    now_standing = standing(s, data.resident_id, now)
    if now_standing is None:
        problems.add("resident_id", _("The resident is not in the centre."))
    elif now_standing.status is not Presence.PRESENT:
        problems.add("resident_id", _("Only a resident who is present can be given leave."))
    elif data.leaves_at.tzinfo is not None and data.leaves_at < now_standing.since:
        problems.add("leaves_at", _("The departure cannot be before the resident's last change of presence."))
    pending = s.scalar(
        select(func.count(LeavePass.id)).where(
            LeavePass.resident_id == data.resident_id, LeavePass.returned_at.is_(None)
        )
    )
    if pending:
        problems.add("resident_id", _("The resident already has a leave pass that is not closed."))
    problems.raise_any()
    return LeaveInput(
        data.resident_id, reason, data.leaves_at, data.expected_back_at, companion, destination, note
    )  # fmt: skip


def grant_leave(s: Session, actor: Actor, data: LeaveInput, now: datetime) -> LeavePass:
    """Check everything at once (ValidationErrors on LeaveInput's field names), then the pass and ON_LEAVE."""
    if s.get(Resident, data.resident_id) is None:
        raise NotFound(_("The resident's record no longer exists."))
    clean = _check_leave(s, data, now)
    p = LeavePass(
        version=1, resident_id=clean.resident_id, reason=clean.reason, companion=clean.companion,
        destination=clean.destination, leaves_at=clean.leaves_at, expected_back_at=clean.expected_back_at,
        note=clean.note, granted_by=actor.account_id,
    )  # fmt: skip
    s.add(p)
    s.flush()
    s.add(
        PresenceChange(
            resident_id=p.resident_id, status=Presence.ON_LEAVE, at=p.leaves_at, by=actor.account_id, leave_id=p.id
        )
    )
    return p


def record_return(s: Session, actor: Actor, leave_id: int, version: int, at: datetime, now: datetime) -> LeavePass:
    """Close the pass at `at` (not before she left, not in the future); presence PRESENT from then."""
    p = load_for_edit(s, LeavePass, leave_id, version, lambda x: leave_rows(s, [x], names_allowed(actor), now)[0])
    if p.returned_at is not None:
        raise ValidationError("returned_at", _("The return has already been recorded."))
    if at < p.leaves_at or at > now + timedelta(minutes=5):
        raise ValidationError("returned_at", _("The return must be after the departure and not in the future."))
    left = left_at(s, p.resident_id, now)
    if left is not None and at >= left:  # she left the centre for good while away
        raise ValidationError("returned_at", _("The resident is not in the centre."))
    p.returned_at = at
    s.add(PresenceChange(resident_id=p.resident_id, status=Presence.PRESENT, at=at, by=actor.account_id, leave_id=p.id))
    s.flush()
    return p


# ---------------------------------------------------------------------------------------- presence


def set_presence(s: Session, actor: Actor, resident_id: int, status: Presence, note: str, now: datetime) -> None:
    """A change of presence now. Back PRESENT from leave closes the pass; GONE ends her bed stay."""
    if status not in SETTABLE:
        raise ValidationError("status", _("Leave is recorded with a leave pass."))
    text = clean_block(note, "note", _("Note"), 300)
    current = standing(s, resident_id, now)
    if current is None:
        raise ValidationError("resident_id", _("The resident is not in the centre."))
    if current.status is Presence.ON_LEAVE and status is Presence.PRESENT and current.leave_id is not None:
        p = s.get(LeavePass, current.leave_id)
        if p is not None and p.returned_at is None:
            record_return(s, actor, p.id, p.version, now, now)
            return
    s.add(PresenceChange(resident_id=resident_id, status=status, at=now, by=actor.account_id, note=text))
    if status is Presence.GONE and placement.open_stay(s, resident_id) is not None:
        placement.vacate(s, actor, resident_id, text or _("Left the centre for good"), BedState.CLEANING, now)
