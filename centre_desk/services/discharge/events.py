"""The discharge on the Timeline: requested (why), approved, cancelled, reopened (with the note or reason), guarded
by the DISCHARGE field group. Registered when the entry kinds load (`entries/kinds.KIND_MODULES`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.discharge import Discharge
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.discharge import store
from centre_desk.services.discharge.terms import STATES, State
from centre_desk.services.entries.dto import TimelineItem
from centre_desk.services.entries.timeline import EventSource, register_source


def steps(s: Session, resident_id: int, before: datetime | None, limit: int, names: bool) -> list[TimelineItem]:
    found = list(s.scalars(select(Discharge).where(Discharge.resident_id == resident_id)))
    rows = [r for r in store.history(s, found) if before is None or r.at < before][:limit]
    return [
        TimelineItem(r.at, "discharge", _("Leaving the centre"), _(STATES[r.what]) + (f" – {r.note}" if r.note else ""),
                     by=r.by, flag=r.what == State.REOPENED)
        for r in rows
    ]  # fmt: skip


register_source(EventSource("discharge", FieldGroup.DISCHARGE, steps))
