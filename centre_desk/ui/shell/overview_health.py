"""The Overview's health part: the alerts of the nurse's Today page (NEWS2 of 5 or more or a 3 in one
measure, "report to the management", missed doses, urgent referrals) as a short list of the most pressing;
Enter or a double click opens the record. Read through the health service (audited), off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidgetItem, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.health.dto import HealthAlert
from centre_desk.services.health.service import HealthService
from centre_desk.ui.entries.list_model import ALERT, ALERT_COLOUR
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.shell.overview_lodging import ID_ROLE, alert_list, fill_list
from centre_desk.ui.tasks import run_task


class HealthAlerts(QWidget):
    open_record = Signal(int)

    def __init__(self, health: HealthService, actor: Actor) -> None:
        super().__init__()
        self._health, self._actor = health, actor
        self.loading = False
        self.list = alert_list("healthAlerts")
        self.label = QLabel(_("&Health alerts:"))
        self.label.setBuddy(self.list)
        self.label.setStyleSheet("font-weight: bold;")
        self.more = QLabel()
        layout = QGridLayout(self)  # as the lodging lists beside it, so the two line up
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.list, 1, 0)
        layout.addWidget(self.more, 2, 0)
        self.list.itemActivated.connect(self._on_item_activated)

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        health, actor = self._health, self._actor
        run_task(self, lambda: health.alerts(actor), weakly(self._on_loaded), weakly(self._on_failed), writes_db=True)

    def _on_loaded(self, alerts: tuple[HealthAlert, ...]) -> None:
        self.loading = False
        rows = [(f"{ALERT}{a.label} ({a.code}) — {a.text}", a.resident_id, ALERT_COLOUR) for a in alerts]
        fill_list(self.list, self.more, rows, _("No health alert."))

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.list.clear()
        self.list.addItem(getattr(exc, "message", "") or _("The lists could not be read."))

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        resident_id = item.data(ID_ROLE)
        if isinstance(resident_id, int):
            self.open_record.emit(resident_id)
