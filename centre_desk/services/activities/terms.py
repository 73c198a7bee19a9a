"""Words of the group sessions shared by the service, the screens and the Timeline (papers: papers.py)."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.models.activities import ActivityKind
from centre_desk.services.entries.fields import Choices

KINDS: Choices = (
    (ActivityKind.LIFE_SKILLS, N_("Life skills")),
    (ActivityKind.RECREATION, N_("Recreation")),
    (ActivityKind.PREVENTION, N_("Prevention talk")),
    (ActivityKind.OTHER, N_("Other activity")),
)
# The topics offered when typing one (any other may be typed): the seed's monthly prevention talks first.
TOPICS: dict[str, tuple[str, ...]] = {
    ActivityKind.PREVENTION: (
        N_("Preventing human trafficking"),
        N_("Safe migration and work abroad"),
        N_("Reproductive health"),
        N_("HIV/AIDS prevention"),
    ),
    ActivityKind.LIFE_SKILLS: (
        N_("Communication and saying no"),
        N_("Keeping safe online and on the phone"),
        N_("Managing money"),
        N_("Personal hygiene and self-care"),
        N_("Dealing with stress and emotions"),
    ),
    ActivityKind.RECREATION: (
        N_("Games and sports"),
        N_("Singing and traditional dance"),
        N_("Drawing and handicraft"),
        N_("Film afternoon"),
    ),
    ActivityKind.OTHER: (),
}
