"""The attendance sheet's input (reports/activities.py) from a session, every word in Vietnamese: papers are
Vietnamese whatever the screen language, so these words are not in the catalogue."""

from __future__ import annotations

from sqlalchemy.orm import Session

from centre_desk.models.activities import ActivityKind, ActivitySession
from centre_desk.reports.activities import AttendanceLine, AttendanceSheet
from centre_desk.services.activities import store
from centre_desk.services.documents.paper import centre_header
from centre_desk.services.lodging.common import local_day, staff_names
from centre_desk.services.settings import details_on

# the kind as a form (Hình thức: …) and as the title says it (Người tham gia …)
KIND_WORDS = {
    ActivityKind.LIFE_SKILLS: ("Sinh hoạt kỹ năng sống", "buổi sinh hoạt kỹ năng sống"),
    ActivityKind.RECREATION: ("Hoạt động vui chơi, giải trí", "buổi hoạt động vui chơi, giải trí"),
    ActivityKind.PREVENTION: ("Sinh hoạt chuyên đề phòng ngừa", "buổi sinh hoạt chuyên đề"),
    ActivityKind.OTHER: ("Sinh hoạt tập thể", "buổi sinh hoạt tập thể"),
}


def sheet(s: Session, x: ActivitySession, names: bool) -> AttendanceSheet:
    """The sheet of session `x`: its list in the order of the screen (by name or alias)."""
    found = store.view(s, x, names)
    kind, activity = KIND_WORDS.get(ActivityKind(x.kind), KIND_WORDS[ActivityKind.OTHER])
    made_by = staff_names(s, [x.recorded_by]).get(x.recorded_by or 0, "")
    return AttendanceSheet(
        centre=centre_header(details_on(s, local_day(x.starts_at))), activity=activity, kind=kind, topic=x.topic,
        facilitator=found.row.facilitator, starts_at=x.starts_at.astimezone().replace(tzinfo=None),
        minutes=x.minutes, place=x.place,
        lines=tuple(AttendanceLine(a.label, a.code, str(a.birth_year or "")) for a in found.attendees),
        outside_count=x.outside_count, note=x.note, made_by=made_by, names_shown=names,
    )  # fmt: skip
