"""The words of the care plan: statuses of a plan version and of its actions, the decisions kept in its history."""

from __future__ import annotations

import enum

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import Choices


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"  # being written
    SUBMITTED = "submitted"  # waiting for the manager
    RETURNED = "returned"  # sent back with a comment: changed, then submitted again
    APPROVED = "approved"  # in force
    SUPERSEDED = "superseded"  # replaced by a newer approved version


OPEN = (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED)  # a version still being decided

PLAN_STATUSES: dict[str, str] = {
    PlanStatus.DRAFT: N_("Draft"),
    PlanStatus.SUBMITTED: N_("Waiting for approval"),
    PlanStatus.RETURNED: N_("Returned for changes"),
    PlanStatus.APPROVED: N_("Approved"),
    PlanStatus.SUPERSEDED: N_("Replaced by a newer version"),
}


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


ACTION_STATUSES: Choices = (
    (ActionStatus.PLANNED, N_("Planned")),
    (ActionStatus.IN_PROGRESS, N_("In progress")),
    (ActionStatus.DONE, N_("Done")),
    (ActionStatus.DROPPED, N_("Dropped")),
)

DECISIONS: dict[str, str] = {
    "written": N_("Written"),
    "changed": N_("Changed"),
    "submitted": N_("Submitted for approval"),
    "approved": N_("Approved"),
    "returned": N_("Returned for changes"),
    "superseded": N_("Replaced by a newer version"),
    "progress": N_("Progress of an action"),
}

REVIEW_EVERY_MONTHS = 1  # Circular 02/2020 step 4: reviewed regularly; the centre reviews monthly
