"""What the record window takes from the discharge: the "Leaving the centre" tab (for those who may see it) and
the banner of a closed record ("Left the centre on … — read-only, except for follow-up")."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup

if TYPE_CHECKING:
    from centre_desk.services.discharge.service import DischargeService
    from centre_desk.ui.discharge.tab import DischargeTab

LEAVING_TAB = N_("Leaving the centre")


def discharge_tab(service: DischargeService | None, actor: Actor, resident_id: int) -> DischargeTab | None:
    """The tab, or None (no service, or she may not see discharges: then no tab and no placeholder either)."""
    if service is None or not actor.can(Action.VIEW, FieldGroup.DISCHARGE):
        return None
    from centre_desk.ui.discharge.tab import DischargeTab  # its module loads with the first record opened

    return DischargeTab(service, actor, resident_id)


class ClosedBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closedBanner")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff4e5; color: #8a5a00; padding: 6px; font-weight: bold;")
        self.setVisible(False)

    def show_for(self, discharged_at: datetime | None) -> None:
        if discharged_at is not None:
            self.setText(_("Left the centre on {day} — the record is read-only, except for follow-up after "
                           "reintegration.").format(day=format_date(discharged_at.astimezone().date())))  # fmt: skip
        self.setVisible(discharged_at is not None)
