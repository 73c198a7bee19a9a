"""Rooms and beds: the room list kept by a manager, bed states with their history.

A bed's state changes only through `change_state`, which appends the `BedStateChange` (who, when, why) beside
`Bed.state`; placement (placement.py) uses it for OCCUPIED and for the bed left behind.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, UserError, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, Room
from centre_desk.models.resident import Admission
from centre_desk.security.access import Actor
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.lodging.board import cards
from centre_desk.services.lodging.common import names_allowed, staff_names
from centre_desk.services.lodging.dto import BedHistoryEntry, BedRow, RoomCard, RoomInput
from centre_desk.text import fold

MAX_CAPACITY = 100
# the stored column widths (models/lodging.py)
_WIDTHS = {"building": 100, "floor": 30, "name": 60, "notes": 500}
LABEL_WIDTH = 20


def _clean(text: str) -> str:
    return " ".join(text.split())


def change_state(
    s: Session, bed: Bed, state: BedState, now: datetime, by: int | None, reason: str, reserved_for: int | None = None
) -> None:
    """Put the bed in `state` and keep the change in its history."""
    bed.state = state
    bed.reserved_for = reserved_for if state == BedState.RESERVED else None
    s.add(BedStateChange(bed_id=bed.id, state=state, at=now, by=by, reason=reason))


def occupants(s: Session, room_id: int) -> int:
    """How many sleep in the room now."""
    return len(
        s.scalars(
            select(BedStay.id)
            .join(Bed, Bed.id == BedStay.bed_id)
            .where(Bed.room_id == room_id, BedStay.end_at.is_(None))
        ).all()
    )


def card(s: Session, actor: Actor, room_id: int, now: datetime) -> RoomCard:
    found, _unplaced = cards(s, names_allowed(actor), now, False, [room_id])
    if not found:
        raise NotFound(_("The room no longer exists."))
    return found[0]


def bed_row(s: Session, actor: Actor, bed: Bed, now: datetime) -> BedRow:
    return next(b for b in card(s, actor, bed.room_id, now).beds if b.id == bed.id)


def room_problems(s: Session, room_id: int | None, data: RoomInput) -> list[tuple[str, str]]:
    """Every problem of the input, in RoomInput's field order."""
    problems: list[tuple[str, str]] = []
    values = {name: _clean(getattr(data, name)) for name in _WIDTHS}
    if not values["building"]:
        problems.append(("building", _("Enter the building.")))
    if not values["name"]:
        problems.append(("name", _("Enter the room's name.")))
    problems += [
        (name, _("At most {count} characters.").format(count=width))
        for name, width in _WIDTHS.items()
        if len(values[name]) > width
    ]
    if values["building"] and values["name"]:
        others = s.execute(select(Room.id, Room.name).where(Room.building == values["building"])).all()
        if any(fold(n) == fold(values["name"]) and i != room_id for i, n in others):
            problems.append(
                ("name", _("{building} already has a room named {name}.").format(**values))
            )  # fmt: skip
    if not 1 <= data.capacity <= MAX_CAPACITY:
        problems.append(("capacity", _("A room has from 1 to {count} places.").format(count=MAX_CAPACITY)))
    elif room_id is not None and data.capacity < occupants(s, room_id):
        problems.append(("capacity", _("More people sleep in the room now than this capacity.")))
    problems += _label_problems(s, room_id, data.bed_labels)
    order = ["building", "floor", "name", "capacity", "notes", "bed_labels"]
    return sorted(problems, key=lambda p: order.index(p[0]))


def _label_problems(s: Session, room_id: int | None, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    existing = (
        set() if room_id is None else {fold(x) for x in s.scalars(select(Bed.label).where(Bed.room_id == room_id))}
    )
    problems, seen = [], set(existing)
    for text in (_clean(x) for x in labels):
        if not text:
            problems.append(("bed_labels", _("Every bed needs a label.")))
        elif len(text) > LABEL_WIDTH:
            problems.append(
                ("bed_labels", _("A bed's label has at most {count} characters.").format(count=LABEL_WIDTH))
            )
        elif fold(text) in seen:
            problems.append(("bed_labels", _("The room already has a bed {label}.").format(label=text)))
        seen.add(fold(text))
    return problems


def save_room(
    s: Session, actor: Actor, room_id: int | None, version: int | None, data: RoomInput, now: datetime
) -> Room:
    if room_id is None:
        room = Room()
    else:
        room = load_for_edit(
            s, Room, room_id, version if version is not None else -1, lambda _r: card(s, actor, room_id, now)
        )
    problems = room_problems(s, room_id, data)
    if problems:
        raise ValidationErrors(problems)
    room.building, room.floor, room.name = _clean(data.building), _clean(data.floor), _clean(data.name)
    room.sex_rule, room.age_rule, room.capacity = data.sex_rule, data.age_rule, data.capacity
    room.notes = _clean(data.notes)
    if room_id is None:
        s.add(room)
    s.flush()
    for text in data.bed_labels:
        bed = Bed(room_id=room.id, label=_clean(text), state=BedState.FREE, active=True)
        s.add(bed)
        s.flush()
        change_state(s, bed, BedState.FREE, now, actor.account_id, "")
    s.flush()
    return room


def retire_room(s: Session, actor: Actor, room_id: int, version: int, reason: str, now: datetime) -> Room:
    """Off the board once empty; its beds go out of service with the reason (their history keeps it)."""
    room = load_for_edit(s, Room, room_id, version, lambda _r: card(s, actor, room_id, now))
    reason = _clean(reason)
    if not reason:
        raise ValidationError("reason", _("Give the reason."))
    if occupants(s, room_id):
        raise UserError(_("Someone still sleeps in this room: move them first."))
    room.active = False
    for bed in s.scalars(select(Bed).where(Bed.room_id == room_id)):
        if bed.state != BedState.OUT_OF_SERVICE:
            change_state(s, bed, BedState.OUT_OF_SERVICE, now, actor.account_id, reason)
    s.flush()
    return room


def set_bed_state(
    s: Session,
    actor: Actor,
    bed_id: int,
    version: int,
    state: BedState,
    reason: str,
    reserved_for: int | None,
    now: datetime,
) -> Bed:
    bed = s.get(Bed, bed_id)
    if bed is None:
        raise NotFound(_("The bed no longer exists."))
    bed = load_for_edit(s, Bed, bed_id, version, lambda b: bed_row(s, actor, b, now))
    reason = _clean(reason)
    problems: list[tuple[str, str]] = []
    if state == BedState.OCCUPIED:
        problems.append(("state", _("A bed becomes occupied only by placing a resident in it.")))
    if s.scalar(select(BedStay.id).where(BedStay.bed_id == bed_id, BedStay.end_at.is_(None))) is not None:
        problems.append(("state", _("Someone sleeps in this bed: move her first.")))
    if state == BedState.RESERVED:
        if reserved_for is None:
            problems.append(("reserved_for", _("Choose the resident the bed is reserved for.")))
        elif not in_centre(s, reserved_for):
            problems.append(("reserved_for", _("The resident is not in the centre.")))
    if state == BedState.OUT_OF_SERVICE and not reason:
        problems.append(("reason", _("Give the reason the bed is out of service.")))
    if len(reason) > 300:
        problems.append(("reason", _("At most {count} characters.").format(count=300)))
    if problems:
        raise ValidationErrors(problems)
    change_state(s, bed, state, now, actor.account_id, reason, reserved_for)
    s.flush()
    return bed


def in_centre(s: Session, resident_id: int) -> bool:
    """Whether her latest admission is still open (not discharged)."""
    latest = s.scalars(
        select(Admission).where(Admission.resident_id == resident_id).order_by(Admission.arrived_at.desc())
    ).first()
    return latest is not None and latest.discharged_at is None


def bed_history(s: Session, bed_id: int) -> tuple[BedHistoryEntry, ...]:
    if s.get(Bed, bed_id) is None:
        raise NotFound(_("The bed no longer exists."))
    changes = list(
        s.scalars(
            select(BedStateChange)
            .where(BedStateChange.bed_id == bed_id)
            .order_by(BedStateChange.at.desc(), BedStateChange.id.desc())
        )
    )
    staff = staff_names(s, (c.by for c in changes))
    return tuple(BedHistoryEntry(c.at, BedState(c.state), staff.get(c.by or 0, ""), c.reason) for c in changes)
