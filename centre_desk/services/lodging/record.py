"""A resident's lodging as the record shows it: her bed and bed history, presence, leave passes, keep-apart
links and stay clock (a handful of queries, whatever the length of her history)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.lodging import Bed, BedStay, KeepApart, KeepApartReason, LeavePass, Presence, Room
from centre_desk.models.resident import Resident
from centre_desk.services.lodging import census, stay
from centre_desk.services.lodging.common import label, local_day, staff_names
from centre_desk.services.lodging.dto import KeepApartRow, ResidentLodging, StayRow


def stay_rows(s: Session, which: ColumnElement[bool]) -> tuple[StayRow, ...]:
    """The bed stays `which` selects, with bed, room and staff names; the latest first."""
    rows = s.execute(
        select(BedStay, Bed.label, Room.name, Room.building)
        .join(Bed, Bed.id == BedStay.bed_id)
        .join(Room, Room.id == Bed.room_id)
        .where(which)
        .order_by(BedStay.start_at.desc(), BedStay.id.desc())
    ).all()
    names = staff_names(s, [i for st, *_rest in rows for i in (st.started_by, st.ended_by)])

    def who(account: int | None) -> str:
        return names.get(account, "") if account is not None else ""

    return tuple(
        StayRow(
            id=st.id, version=st.version, resident_id=st.resident_id, bed_id=st.bed_id, bed_label=bed,
            room_name=room, building=building, start_at=st.start_at, end_at=st.end_at, reason=st.reason,
            end_reason=st.end_reason, override_reason=st.override_reason, started_by=who(st.started_by),
            ended_by=who(st.ended_by),
        )
        for st, bed, room, building in rows
    )  # fmt: skip


def keep_apart_rows(s: Session, resident_id: int, names: bool) -> tuple[KeepApartRow, ...]:
    """Her links, seen from her side (the other person); standing links first, then the latest."""
    links = list(
        s.scalars(select(KeepApart).where(or_(KeepApart.resident_id == resident_id, KeepApart.other_id == resident_id)))
    )
    others = {k.other_id if k.resident_id == resident_id else k.resident_id for k in links}
    people = {r.id: r for r in s.scalars(select(Resident).where(Resident.id.in_(others)))} if others else {}
    rows = []
    for k in links:
        other = people[k.other_id if k.resident_id == resident_id else k.resident_id]
        rows.append(
            KeepApartRow(
                id=k.id, version=k.version, resident_id=resident_id, other_id=other.id, other_code=other.code,
                other_label=label(other, names), reason=KeepApartReason(k.reason), note=k.note,
                created_at=k.created_at, ended_at=k.ended_at,
            )
        )  # fmt: skip
    return tuple(sorted(rows, key=lambda r: (r.ended_at is not None, -r.created_at.timestamp(), -r.id)))


def resident_lodging(s: Session, resident_id: int, names: bool, now: datetime) -> ResidentLodging:
    if s.get(Resident, resident_id) is None:
        raise NotFound(_("The resident's record no longer exists."))
    stays: Sequence[StayRow] = stay_rows(s, BedStay.resident_id == resident_id)
    passes = list(
        s.scalars(
            select(LeavePass)
            .where(LeavePass.resident_id == resident_id)
            .order_by(LeavePass.leaves_at.desc(), LeavePass.id.desc())
        )
    )
    now_standing = census.standing(s, resident_id, now)
    return ResidentLodging(
        resident_id=resident_id,
        names_shown=names,
        bed=next((st for st in stays if st.start_at <= now and st.end_at is None), None),
        presence=now_standing.status if now_standing else Presence.GONE,
        presence_since=now_standing.since if now_standing else census.left_at(s, resident_id, now),
        stays=tuple(stays),
        leaves=census.leave_rows(s, passes, names, now),
        keep_apart=keep_apart_rows(s, resident_id, names),
        clock=stay.clock_of(s, resident_id, local_day(now)),
    )
