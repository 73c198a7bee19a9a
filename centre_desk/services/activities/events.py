"""The group sessions on each resident's Timeline: every session she was on the list of, at its start, guarded by
the ACTIVITIES field group (a session struck out shows struck). Registered when the entry kinds load
(services/entries/kinds.KIND_MODULES)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.activities import ActivityAttendance, ActivitySession
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.activities import store
from centre_desk.services.entries.dto import TimelineItem
from centre_desk.services.entries.timeline import EventSource, register_source


def sessions(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    query = (
        select(ActivitySession)
        .join(ActivityAttendance, ActivityAttendance.session_id == ActivitySession.id)
        .where(ActivityAttendance.resident_id == resident_id, ActivityAttendance.removed_at.is_(None))
    )
    if before is not None:
        query = query.where(ActivitySession.starts_at < before)
    found = list(s.scalars(query.order_by(ActivitySession.starts_at.desc(), ActivitySession.id.desc()).limit(limit)))
    return [
        TimelineItem(
            r.starts_at,
            "activities",
            _("Group session"),
            _("{kind}: {topic} ({minutes} min), led by {who}").format(
                kind=r.kind_name, topic=r.topic, minutes=r.minutes, who=r.facilitator
            ),
            struck=r.struck,
        )
        for r in store.rows(s, found)
    ]


register_source(EventSource("activities", FieldGroup.ACTIVITIES, sessions))
