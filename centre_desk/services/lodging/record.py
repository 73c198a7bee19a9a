"""A resident's lodging as the record shows it: her bed and bed history, presence, leave passes, keep-apart
links and stay clock (a handful of queries, whatever the length of her history; the rows as placement makes
them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.lodging import BedStay, KeepApart, LeavePass, Presence
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.services.lodging import census, placement, stay
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.services.lodging.dto import KeepApartRow, ResidentLodging


def keep_apart_rows(s: Session, actor: Actor, resident_id: int) -> tuple[KeepApartRow, ...]:
    """Her links, seen from her side (the other person); standing links first, then the latest."""
    links = s.scalars(
        select(KeepApart).where(or_(KeepApart.resident_id == resident_id, KeepApart.other_id == resident_id))
    )
    rows = [placement.link_row(s, actor, k, seen_from=resident_id) for k in links]
    return tuple(sorted(rows, key=lambda r: (r.ended_at is not None, -r.created_at.timestamp(), -r.id)))


def resident_lodging(s: Session, actor: Actor, resident_id: int, now: datetime) -> ResidentLodging:
    if s.get(Resident, resident_id) is None:
        raise NotFound(_("The resident's record no longer exists."))
    names = names_allowed(actor)
    mine = s.scalars(
        select(BedStay).where(BedStay.resident_id == resident_id).order_by(BedStay.start_at.desc(), BedStay.id.desc())
    )
    stays = placement.stay_rows(s, list(mine))
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
        keep_apart=keep_apart_rows(s, actor, resident_id),
        clock=stay.clock_of(s, resident_id, local_day(now)),
    )
