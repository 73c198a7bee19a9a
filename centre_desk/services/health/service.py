"""HealthService: the nurse's views across residents and the health actions that are not a single entry.

The entries themselves (intake checks, nursing notes, tests, referrals, medication plans) are written and
read through services/entries (EntryService) like every dated entry; this service adds what a nurse needs
around them: the Today page, the charts, the medication administration record and the Overview's alerts.
Permissions: VIEW on HEALTH to read; CREATE on HEALTH to record a dose; restricted entries stay out of every
view here unless the actor may see the sensitive group.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.health import NursingNote
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.entries.timeline import sees
from centre_desk.services.health import chart_data, mar, today
from centre_desk.services.health.charts import GrowthChartData, VitalsChartData
from centre_desk.services.health.dto import DoseInput, HealthAlert, MarDose, MedicationDay, TodayView
from centre_desk.services.lodging.common import local_day, names_allowed, staff_names
from centre_desk.services.registry import age_on

CHART_DAYS = 365


class HealthService(Service):
    # ------------------------------------------------------------------------------------ reading

    def today(self, actor: Actor) -> TodayView:
        """The nurse's Today page (VIEW on HEALTH; the census needs VIEW on LODGING too). Audited once."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.HEALTH,
                               also=[(Action.VIEW, FieldGroup.LODGING)]) as (s, cur):  # fmt: skip
            found = today.today(s, self._clock(), names_allowed(cur), _sees(cur), mar.local_zone())
            self._audit.record(s, cur, "health.today_viewed", field_group=FieldGroup.HEALTH)
            return found

    def alerts(self, actor: Actor) -> tuple[HealthAlert, ...]:
        """The Overview's health alerts (the Today page's, without the rest)."""
        return self.today(actor).alerts

    def medication_day(self, actor: Actor, resident_id: int, day: date | None = None) -> MedicationDay:
        """The resident's medication administration record of a day (today by default)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.HEALTH, record_type="resident",
                               record_id=resident_id) as (s, cur):  # fmt: skip
            now = self._clock()
            found = mar.medication_day(s, resident_id, day or local_day(now), now, _sees(cur), mar.local_zone())
            self._audit.record(s, cur, "health.medication_viewed", record_type="resident", record_id=resident_id,
                               field_group=FieldGroup.HEALTH)  # fmt: skip
            return found

    def charts(self, actor: Actor, resident_id: int) -> tuple[tuple[VitalsChartData, ...], GrowthChartData | None]:
        """The vitals charts of the last CHART_DAYS days and, for a child, weight-for-age."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.HEALTH, record_type="resident",
                               record_id=resident_id) as (s, cur):  # fmt: skip
            resident = s.get(Resident, resident_id)
            if resident is None:
                raise NotFound(_("The record no longer exists."))
            now = self._clock()
            query = select(NursingNote).where(NursingNote.resident_id == resident_id, NursingNote.struck_at.is_(None),
                                              NursingNote.occurred_at >= now - timedelta(days=CHART_DAYS))  # fmt: skip
            if not _sees(cur):
                query = query.where(NursingNote.restricted.is_(False))
            notes = list(s.scalars(query))
            self._audit.record(s, cur, "health.charts_viewed", record_type="resident", record_id=resident_id,
                               field_group=FieldGroup.HEALTH)  # fmt: skip
            age = age_on(resident.birth_date, resident.birth_year, local_day(now))
            return chart_data.vitals(notes, age), chart_data.weight_for_age(resident, notes)

    # ------------------------------------------------------------------------------------ writing

    def record_dose(self, actor: Actor, data: DoseInput) -> MarDose:
        """A dose given, refused (with her reason), held (with the nurse's) or not available. CREATE on
        HEALTH (and on the sensitive group for a restricted plan). Audited "health.dose_recorded"."""
        with self._access.unit(actor, Action.CREATE, FieldGroup.HEALTH, record_type="medication_plan",
                               record_id=data.plan_id) as (s, cur):  # fmt: skip
            row = mar.record_dose(s, cur, data, self._clock(), _sees(cur))
            self._audit.record(s, cur, "health.dose_recorded", record_type="medication_plan",
                               record_id=data.plan_id, field_group=FieldGroup.HEALTH)  # fmt: skip
            who = staff_names(s, [row.by])
            return MarDose(row.plan_id, row.scheduled_for, "recorded", row.outcome, row.at, who.get(row.by or 0, ""),
                           row.reason)  # fmt: skip


def _sees(actor: Actor) -> bool:
    return sees(actor, Action.VIEW, FieldGroup.SENSITIVE_HEALTH)
