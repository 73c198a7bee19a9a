"""Words and colours of presence (sĩ số) on screen: each state has its text AND its colour, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from centre_desk.i18n import N_, _
from centre_desk.models.lodging import Presence
from centre_desk.services.lodging.dto import CensusRow
from centre_desk.services.lodging.terms import PRESENCE_NAMES

OVERDUE = N_("Overdue return")


@dataclass(frozen=True)
class Tint:
    background: str
    text: str


TINTS = {
    Presence.PRESENT: Tint("#e3f3e6", "#1d5e2f"),
    Presence.ON_LEAVE: Tint("#e1ecfa", "#1f4a85"),
    Presence.HOSPITAL: Tint("#f3e6f7", "#6a2c80"),
    Presence.ABSENT: Tint("#fde7c8", "#7a4300"),
    Presence.GONE: Tint("#ececec", "#444444"),
}
OVERDUE_TINT = Tint("#f9d0cc", "#8c1d14")  # the whole row of a pass past its expected return
PLAIN_TINT = Tint("", "")


def presence_name(presence: Presence) -> str:
    return _(PRESENCE_NAMES[presence])


def is_overdue(row: CensusRow) -> bool:
    return row.leave is not None and row.leave.overdue


def presence_text(row: CensusRow) -> str:
    """ "Đi phép — Quá hạn về" for an overdue pass, else the presence."""
    if is_overdue(row):
        return f"{presence_name(row.presence)} — {_(OVERDUE)}"
    return presence_name(row.presence)


def presence_tint(row: CensusRow) -> Tint:
    return OVERDUE_TINT if is_overdue(row) else TINTS.get(row.presence, PLAIN_TINT)
