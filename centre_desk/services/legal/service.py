"""LegalService: the legal-aid views across residents. The entries themselves (information sessions, cases,
papers, steps) are written and read through services/entries (EntryService) like every dated entry.
Permissions: VIEW on LEGAL (intake officer, counsellor, manager; not the nurse)."""

from __future__ import annotations

from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.legal import due
from centre_desk.services.legal.dto import StepDueRow
from centre_desk.services.lodging.common import local_day, names_allowed


class LegalService(Service):
    def steps_due(self, actor: Actor, within_days: int = due.WEEK) -> tuple[StepDueRow, ...]:
        """The legal steps not done and due within `within_days` days or past their date, soonest first, for the
        Overview. Audited "legal.steps_due_viewed" (it names residents)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LEGAL) as (s, cur):
            found = due.steps_due(s, local_day(self._clock()), names_allowed(cur), within_days)
            self._audit.record(s, cur, "legal.steps_due_viewed", field_group=FieldGroup.LEGAL)
            return found
