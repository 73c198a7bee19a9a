"""How the bed board shows things: the bed states' names, colours and symbols, the room rules' names, badges.

The colours are from the Okabe–Ito palette (told apart with every common colour blindness), and no state is shown
by colour alone: each has its own symbol (drawn, so no font needs the glyph), a border of its own (dashed for
"needs cleaning", hatched for "out of service") and its name as text on the tile and in the legend.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from centre_desk.i18n import N_, _
from centre_desk.models.lodging import BedState, Presence, RoomAge, RoomSex
from centre_desk.services.lodging.dto import BedRow, Occupant, RoomCard
from centre_desk.services.lodging.terms import PRESENCE_NAMES


@dataclass(frozen=True)
class StateLook:
    name: str  # N_ text: the state's name on the tile and in the legend
    fill: str  # the tile's background
    accent: str  # border and symbol
    symbol: str  # "free", "half", "full", "dashed", "cross": what `draw_symbol` draws


LOOKS: dict[BedState, StateLook] = {
    BedState.FREE: StateLook(N_("Free"), "#e3f4ec", "#007a5a", "free"),
    BedState.RESERVED: StateLook(N_("Reserved"), "#fdefd2", "#b07800", "half"),
    BedState.OCCUPIED: StateLook(N_("Occupied"), "#dcebf7", "#0065a0", "full"),
    BedState.CLEANING: StateLook(N_("Needs cleaning"), "#f8f3c4", "#857a00", "dashed"),
    BedState.OUT_OF_SERVICE: StateLook(N_("Out of service"), "#e6e6e6", "#5a5a5a", "cross"),
}
LEGEND_ORDER = (BedState.FREE, BedState.RESERVED, BedState.OCCUPIED, BedState.CLEANING, BedState.OUT_OF_SERVICE)

SEX_RULES = {RoomSex.FEMALE: N_("Women"), RoomSex.MALE: N_("Men"), RoomSex.ANY: N_("Women and men")}
AGE_RULES = {
    RoomAge.CHILDREN: N_("Under 18 only"),
    RoomAge.ADULTS: N_("Adults only"),
    RoomAge.MOTHERS_CHILDREN: N_("Mothers with children"),
    RoomAge.ANY: N_("Any age"),
}
PRESENCE = PRESENCE_NAMES
CHILD_BADGE, MINOR_BADGE = "<16", "<18"
CHILD_COLOUR, MINOR_COLOUR, CLASH_COLOUR = "#7a2e8c", "#9c4a00", "#b3261e"


def state_name(state: BedState) -> str:
    return _(LOOKS[state].name)


def sex_rule_name(rule: RoomSex) -> str:
    return _(SEX_RULES[rule])


def age_rule_name(rule: RoomAge) -> str:
    return _(AGE_RULES[rule])


def presence_name(presence: Presence) -> str:
    return _(PRESENCE[presence])


def badge_of(person: Occupant | None) -> str:
    """ "<16" for a child, "<18" for another minor, "" otherwise."""
    if person is None:
        return ""
    return CHILD_BADGE if person.is_child else MINOR_BADGE if person.is_minor else ""


def badge_tip(badge: str) -> str:
    if badge == CHILD_BADGE:
        return _("Child (under 16)")
    return _("Minor (under 18)") if badge == MINOR_BADGE else ""


def room_title(room: RoomCard) -> str:
    """ "Nhà A · Tầng 1 · Phòng 101"."""
    return " · ".join(part for part in (room.building, room.floor, room.name) if part)


def room_rules(room: RoomCard) -> str:
    """ "Women · Any age · 4 places"."""
    places = _("{count} places").format(count=room.capacity)
    return f"{sex_rule_name(room.sex_rule)} · {age_rule_name(room.age_rule)} · {places}"


def person_text(person: Occupant) -> str:
    """Her label and code, her age and, when she is away, where."""
    parts = [f"{person.label} ({person.code})"]
    if person.age is not None:
        parts.append(_("{age} years old").format(age=person.age))
    if person.presence != Presence.PRESENT:
        parts.append(presence_name(person.presence))
    return ", ".join(parts)


def bed_description(room: RoomCard, bed: BedRow) -> str:
    """What a screen reader says of a tile, and the tile's tooltip."""
    parts = [_("Bed {label}").format(label=bed.label), room_title(room), state_name(bed.state)]
    if bed.occupant is not None:
        parts.append(person_text(bed.occupant))
        if bed.occupant.keep_apart_clash:
            parts.append(_("Shares the room with someone she must be kept apart from"))
    if bed.reserved_for is not None:
        parts.append(_("Reserved for {person}").format(person=person_text(bed.reserved_for)))
    if bed.state_reason and bed.state not in (BedState.OCCUPIED, BedState.FREE):
        parts.append(_("Reason: {reason}").format(reason=bed.state_reason))
    return "\n".join(parts)


def draw_symbol(painter: QPainter, look: StateLook, centre: QPointF, radius: float) -> None:
    """The state's symbol: ○ free, ◐ reserved, ● occupied, a dashed ring for cleaning, × out of service."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(look.accent)
    pen = QPen(colour, max(1.5, radius / 3.5))
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if look.symbol == "cross":
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(box.topLeft(), box.bottomRight())
        painter.drawLine(box.topRight(), box.bottomLeft())
    elif look.symbol == "dashed":
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawEllipse(box)
    else:
        painter.setPen(pen)
        if look.symbol == "full":
            painter.setBrush(QBrush(colour))
        painter.drawEllipse(box)
        if look.symbol == "half":
            painter.setBrush(QBrush(colour))
            painter.drawPie(box, 90 * 16, 180 * 16)
    painter.restore()
