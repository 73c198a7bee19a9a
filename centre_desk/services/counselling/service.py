"""CounsellingService (`Centre.counselling`): what counselling offers beside its dated entries (those go through
`Centre.entries`) — the Overview's wellbeing-scale alerts and the trend of a resident's scores. Both need VIEW on
COUNSELLING (the counsellor and the manager) and are audited."""

from __future__ import annotations

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.counselling import alerts, trends
from centre_desk.services.counselling.dto import ScaleAlert, ScaleTrend
from centre_desk.services.lodging.common import names_allowed


class CounsellingService(Service):
    def scale_alerts(self, actor: Actor) -> tuple[ScaleAlert, ...]:
        """The residents in the centre whose latest score of a scale has the self-harm alert or a severe band."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.COUNSELLING) as (s, cur):
            found = alerts.scale_alerts(s, names_allowed(cur))
            self._audit.record(s, cur, "counselling.scale_alerts_viewed", field_group=FieldGroup.COUNSELLING)
            return found

    def scale_trends(self, actor: Actor, resident_id: int) -> tuple[ScaleTrend, ...]:
        """The resident's complete scores of each scale over time, for the chart."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.COUNSELLING, record_type="resident",
                               record_id=resident_id) as (s, cur):  # fmt: skip
            if s.get(Resident, resident_id) is None:
                raise NotFound(_("The record no longer exists."))
            found = trends.trends(s, resident_id)
            self._audit.record(s, cur, "counselling.scale_trends_viewed", record_type="resident",
                               record_id=resident_id, field_group=FieldGroup.COUNSELLING)  # fmt: skip
            return found
