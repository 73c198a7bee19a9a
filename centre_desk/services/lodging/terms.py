"""Words of lodging shared by the screens, the papers and the Timeline."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.models.lodging import Presence

PRESENCE_NAMES: dict[str, str] = {
    Presence.PRESENT: N_("Present"),
    Presence.ON_LEAVE: N_("On leave"),
    Presence.HOSPITAL: N_("In hospital"),
    Presence.ABSENT: N_("Absent without permission"),
    Presence.GONE: N_("Left the centre"),
}
