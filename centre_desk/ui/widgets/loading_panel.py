"""A panel that reads its data off the UI thread when first shown, and again on `reload()` (the record tabs'
extra panels: the health charts and medication record, the wellbeing scales' trend, the care plan)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from centre_desk.errors import UserError
from centre_desk.ui.errors import show_error
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)


class LoadingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = self.loading = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded and not self.loading:
            self.reload()

    def reload(self) -> None:
        self.loading = True
        run_task(self, self.read, self._done, self._failed)

    if TYPE_CHECKING:  # each panel reads and shows its own data

        def read(self) -> object: ...

        def show_data(self, data: object) -> None: ...

    def _done(self, data: object) -> None:
        self.loading, self.loaded = False, True
        self.show_data(data)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            log.error("a panel was not read: %s", type(exc).__name__)
