"""'DỮ LIỆU MẪU' in the title of every window while a demo database is open.

An application-wide event filter, so dialogs and windows built later are marked too and
nobody can mistake the demo for the centre's real records.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from centre_desk.i18n import _

SEPARATOR = " — "


def demo_mark() -> str:
    return _("DEMO DATA")


class DemoTitleMarker(QObject):
    """Install with `DemoTitleMarker.install(app)`; keeps the mark on every top-level window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mark = demo_mark()

    @classmethod
    def install(cls, app: QApplication) -> DemoTitleMarker:
        marker = cls(app)
        app.installEventFilter(marker)
        for widget in app.topLevelWidgets():
            marker.apply(widget)
        return marker

    def apply(self, widget: QWidget) -> None:
        title = widget.windowTitle()
        if self.mark not in title:
            widget.setWindowTitle(f"{title}{SEPARATOR}{self.mark}" if title else self.mark)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        titled = event.type() in (QEvent.Type.WindowTitleChange, QEvent.Type.Show)
        if titled and isinstance(watched, QWidget) and watched.isWindow():
            self.apply(watched)
        return False
