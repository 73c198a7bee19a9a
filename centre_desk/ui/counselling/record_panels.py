"""The Counselling tab's extra panel, named by the wellbeing scale's kind (services/counselling/kinds.py
`extras`): the trend of the scores beside their list."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from centre_desk.i18n import N_
from centre_desk.security.access import Actor
from centre_desk.services.counselling.dto import ScaleTrend
from centre_desk.services.counselling.service import CounsellingService
from centre_desk.ui.counselling.scale_chart import ScaleChartView
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.widgets.loading_panel import LoadingPanel


class ScaleTrendPanel(LoadingPanel):
    """The scales' trend, read again each time it is shown (a score written in the list beside it shows at once)."""

    def __init__(self, counselling: CounsellingService, actor: Actor, resident_id: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._counselling, self._actor, self.resident_id = counselling, actor, resident_id
        self.chart = ScaleChartView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.chart)

    def showEvent(self, event: QShowEvent) -> None:
        if self.loaded and not self.loading:
            self.reload()
        super().showEvent(event)

    def read(self) -> object:
        return self._counselling.scale_trends(self._actor, self.resident_id)

    def show_data(self, data: object) -> None:
        self.chart.set_data(cast(tuple[ScaleTrend, ...], data))


def counselling_extras(counselling: CounsellingService) -> dict[str, ExtraPanel]:
    """The panels the counselling kinds name, for the record window (the residents' flow passes them in)."""
    return {"wellbeing_chart": (N_("Scale trends"), lambda actor, rid: ScaleTrendPanel(counselling, actor, rid))}
