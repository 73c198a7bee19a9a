"""The extra panels the record window's tabs of dated entries may show (named by the kinds' `extras`), from every
capability: the health charts and medication record, the care plan, the wellbeing scales' trend, the catalogue of
vocational courses, the follow-up schedule."""

from __future__ import annotations

from centre_desk.services.installation import Centre
from centre_desk.ui.care_plan.panel import care_plan_extras
from centre_desk.ui.counselling.record_panels import counselling_extras
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.follow_up.panel import follow_up_extras
from centre_desk.ui.health.record_panels import health_extras
from centre_desk.ui.schooling.catalogue_panel import schooling_extras


def record_extras(centre: Centre) -> dict[str, ExtraPanel]:
    return (health_extras(centre.health) | care_plan_extras(centre.care_plans)
            | counselling_extras(centre.counselling) | schooling_extras(centre.schooling)
            | follow_up_extras(centre.follow_up))  # fmt: skip
