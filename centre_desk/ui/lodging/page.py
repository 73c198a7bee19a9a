"""The main window's "Phòng ở" page: the bed board first, then the views other parts add (the census)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging import LodgingService
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.board import BoardView


class LodgingPage(QTabWidget):
    """Shown to actors with VIEW on LODGING (ui/shell/pages.build_pages decides)."""

    def __init__(self, service: LodgingService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("lodgingTabs")
        self.board = BoardView(service, actor, events)
        self.add_view(self.board, _("&Bed board"))
        self._shown = False
        self.currentChanged.connect(lambda _index: self.read_again())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown:
            self.read_again()
        self._shown = True

    def read_again(self) -> None:
        """The view in front reads again (on a worker thread) when the page or its tab is opened: what another PC
        changed meanwhile shows without pressing Refresh."""
        view = self.currentWidget()
        if view is self.board:
            self.board.load()
        else:
            refresh: Callable[[], object] | None = getattr(view, "refresh", None)
            if refresh is not None:
                refresh()

    def add_view(self, widget: QWidget, title: str) -> int:
        """Another tab (e.g. the census, "Sĩ số"); its index."""
        return self.addTab(widget, title)
