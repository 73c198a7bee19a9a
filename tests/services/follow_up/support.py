"""Discharged residents and their follow-up contacts, for the follow-up tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from centre_desk.models.resident import Admission
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput, EntryRow
from centre_desk.services.installation import Centre
from tests.services.lodging.support import resident

NOW = datetime.now(UTC).replace(microsecond=0)


def discharged(centre: Centre, actor: Actor, name: str, left: datetime, **changes: object) -> int:
    """A resident admitted 60 days before `left` and discharged then (as the approval of a discharge does)."""
    rid = resident(centre, actor, name, left - timedelta(days=60), **changes)
    with centre.sessions.begin() as s:
        s.execute(update(Admission).where(Admission.resident_id == rid).values(discharged_at=left))
    return rid


def contact(centre: Centre, actor: Actor, rid: int, at: datetime, **values: Any) -> EntryRow:
    given = {"mode": "home_visit", "outcome": "reached", "met_whom": "Em và mẹ đẻ"} | values
    return centre.entries.save(actor, "follow_up_contact", rid, None, None, EntryInput(at, tuple(given.items())))
