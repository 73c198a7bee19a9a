"""The Overview's health part: the alerts of the nurse's Today page (NEWS2 of 5 or more or a 3 in one
measure, "report to the management", missed doses, urgent referrals) as a short list of the most pressing;
Enter or a double click opens the record. Read through the health service (audited), off the UI thread."""

from __future__ import annotations

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.health.dto import HealthAlert
from centre_desk.services.health.service import HealthService
from centre_desk.ui.entries.list_model import ALERT, ALERT_COLOUR
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.shell.alert_panel import AlertPanel
from centre_desk.ui.tasks import run_task


class HealthAlerts(AlertPanel):
    def __init__(self, health: HealthService, actor: Actor) -> None:
        super().__init__("healthAlerts", _("&Health alerts:"))
        self._health, self._actor = health, actor

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        health, actor = self._health, self._actor
        run_task(self, lambda: health.alerts(actor), weakly(self._on_loaded), weakly(self._on_failed), writes_db=True)

    def _on_loaded(self, alerts: tuple[HealthAlert, ...]) -> None:
        rows = [(f"{ALERT}{a.label} ({a.code}) — {a.text}", a.resident_id, ALERT_COLOUR) for a in alerts]
        self.show_rows(rows, _("No health alert."))
