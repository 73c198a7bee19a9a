"""The main window's "Phòng ở" page: the bed board first, then the views other parts add (the census)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging import LodgingService
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.board import BoardView


class LodgingPage(QTabWidget):
    """Shown to actors with VIEW on LODGING (app.build_pages decides)."""

    def __init__(self, service: LodgingService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("lodgingTabs")
        self.board = BoardView(service, actor, events)
        self.add_view(self.board, _("&Bed board"))

    def add_view(self, widget: QWidget, title: str) -> int:
        """Another tab (e.g. the census, "Sĩ số"); its index."""
        return self.addTab(widget, title)
