"""Timeline events kept by other capabilities: the admission, beds and presence.

Each reader returns the newest `limit` events strictly before `before`, as Timeline items (no names of
other residents: a bed is its room and label).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.lodging import Bed, BedStay, PresenceChange, Room
from centre_desk.models.resident import Admission
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.dto import TimelineItem
from centre_desk.services.entries.timeline import EventSource, register_source
from centre_desk.services.lodging.common import staff_names
from centre_desk.services.lodging.terms import PRESENCE_NAMES
from centre_desk.services.registry import channel_name


def admissions(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    query = select(Admission).where(Admission.resident_id == resident_id)
    if before is not None:
        query = query.where(Admission.arrived_at < before)
    found = s.scalars(query.order_by(Admission.arrived_at.desc()).limit(limit))
    return [TimelineItem(a.arrived_at, "admission", _("Admission"), channel_name_safe(a.channel)) for a in found]


def channel_name_safe(code: str) -> str:
    try:
        return channel_name(code)  # type: ignore[arg-type]
    except (KeyError, ValueError):
        return code


def beds(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    query = (
        select(BedStay.start_at, BedStay.reason, BedStay.started_by, Room.name, Bed.label)
        .join(Bed, Bed.id == BedStay.bed_id)
        .join(Room, Room.id == Bed.room_id)
        .where(BedStay.resident_id == resident_id)
    )
    if before is not None:
        query = query.where(BedStay.start_at < before)
    found = list(s.execute(query.order_by(BedStay.start_at.desc()).limit(limit)))
    who = staff_names(s, [r.started_by for r in found])
    return [
        TimelineItem(
            r.start_at,
            "lodging",
            _("Bed"),
            f"{r.name} – {r.label}" + (f" ({r.reason})" if r.reason else ""),
            by=who.get(r.started_by or 0, ""),
        )
        for r in found
    ]


def presence(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    query = select(PresenceChange).where(PresenceChange.resident_id == resident_id)
    if before is not None:
        query = query.where(PresenceChange.at < before)
    found = list(s.scalars(query.order_by(PresenceChange.at.desc()).limit(limit)))
    who = staff_names(s, [p.by for p in found])
    return [
        TimelineItem(
            p.at,
            "presence",
            _("Presence"),
            _(PRESENCE_NAMES.get(p.status, p.status)) + (f" – {p.note}" if p.note else ""),
            by=who.get(p.by or 0, ""),
        )
        for p in found
    ]


register_source(EventSource("admission", FieldGroup.PLACEMENT, admissions))
register_source(EventSource("lodging", FieldGroup.LODGING, beds))
register_source(EventSource("presence", FieldGroup.LODGING, presence))
