"""Words of the record's lodging parts: presence, keep-apart reasons, and the stay clock as one line of text."""

from __future__ import annotations

from datetime import datetime

from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.models.lodging import KeepApartReason
from centre_desk.services.lodging.dto import StayClock, StayRow
from centre_desk.services.lodging.terms import PRESENCE_NAMES

PRESENCES = PRESENCE_NAMES
KEEP_APART_REASONS: dict[str, str] = {
    KeepApartReason.SAME_CASE: N_("Same case"),
    KeepApartReason.SAME_RECRUITER: N_("Same recruiter or trafficker"),
    KeepApartReason.CONFLICT: N_("Conflict between them"),
    KeepApartReason.SAFETY: N_("Safety"),
}
# (text colour, background) by clock level; the text says the level too, never the colour alone
CLOCK_COLOURS: dict[str, tuple[str, str]] = {
    "ok": ("#24572b", "#e3f1e4"),
    "soon": ("#6b4700", "#ffe9b3"),
    "urgent": ("#ffffff", "#c0541a"),
    "over": ("#ffffff", "#b3261e"),
    "ended": ("#3c3c3c", "#ececec"),
}


def local_date(moment: datetime | None) -> str:
    return format_date(moment.astimezone().date()) if moment is not None else ""


def bed_place(row: StayRow) -> str:
    """ "Nhà A · Phòng 101 · G2" """
    return " · ".join(part for part in (row.building, row.room_name, row.bed_label) if part)


def clock_text(clock: StayClock) -> str:
    """ "Day 47/120 · 73 days left (deadline 12/03/2027)", with the level's words in front when it is near or past."""
    deadline = format_date(clock.deadline)
    used, left, over = clock.days_used, clock.days_left, -clock.days_left
    if clock.extensions:
        if left > 0:
            text = _("Day {used} · extended to {deadline} · {left} days left")
        elif left == 0:
            text = _("Day {used} · extended to {deadline} · today is the last day")
        else:
            text = _("Day {used} · extended to {deadline} · {over} days over the limit")
    elif left > 0:
        text = _("Day {used}/{limit} · {left} days left (deadline {deadline})")
    elif left == 0:
        text = _("Day {used}/{limit} · today is the last day (deadline {deadline})")
    else:
        text = _("Day {used}/{limit} · {over} days over the limit (deadline {deadline})")
    text = text.format(used=used, limit=clock.limit_days, deadline=deadline, left=left, over=over)
    if clock.level == "soon":
        return _("Deadline soon: {clock}").format(clock=text)
    if clock.level == "urgent":
        return _("Deadline very close: {clock}").format(clock=text)
    return text


def clock_left_text(clock: StayClock) -> str:
    """What is left of the time limit, in words for its level: "10 days", "Deadline soon: 10 days"…"""
    if clock.level == "ended":
        return _("Her stay has ended.")
    if clock.days_left > 0:
        text = _("{days} days").format(days=clock.days_left)
    elif clock.days_left == 0:
        text = _("today is the last day")
    else:
        text = _("{days} days over the limit").format(days=-clock.days_left)
    if clock.level == "soon":
        return _("Deadline soon: {clock}").format(clock=text)
    if clock.level == "urgent":
        return _("Deadline very close: {clock}").format(clock=text)
    return text


def clock_basis(clock: StayClock) -> str:
    """The limit in force and its legal basis (the badge's tooltip, the tab's line)."""
    return _("{days} days from the admission on {day} ({basis})").format(
        days=clock.limit_days, day=format_date(clock.admitted_on), basis=clock.legal_basis
    )
