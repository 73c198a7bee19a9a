"""'DỮ LIỆU MẪU' on every window while a demo database is open: in the title and as a band across the top.

An application-wide event filter, so dialogs and windows built later are marked too and nobody can
mistake the demo (or a screenshot of it) for the centre's real records. The band is a child laid over
the window's top margin: the window's own layout moves down by the band's height, whatever it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from centre_desk.i18n import _

SEPARATOR = " — "
BAND_NAME = "demoBand"
BAND_STYLE = (
    "#demoBand { color: #ffffff; font-weight: bold; letter-spacing: 1px; padding: 3px;"
    " background: qlineargradient(x1:0, y1:0, x2:1, y2:0, stop:0 #9b1c1c, stop:0.5 #c2410c, stop:1 #9b1c1c); }"
)
MARKED_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)  # not menus, tooltips or popups


def demo_mark() -> str:
    return _("DEMO DATA")


def demo_band_text() -> str:
    return _("DEMO DATA — NOT VALID FOR ANY LEGAL PURPOSE")


class DemoBand(QLabel):
    """The band at the top of one window (one with a layout); follows the window's width."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(demo_band_text(), window)
        self.setObjectName(BAND_NAME)
        self.setStyleSheet(BAND_STYLE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setToolTip(_("This is the demonstration database: its people are invented and its papers are invalid."))
        height = self.sizeHint().height()
        margins = window.contentsMargins()
        window.setContentsMargins(margins.left(), margins.top() + height, margins.right(), margins.bottom())
        window.installEventFilter(self)
        self._place(window)
        self.show()

    def _place(self, window: QWidget) -> None:
        """Across the top; a window too narrow for the whole sentence (a message box) shows the short mark."""
        room = window.width() - 2 * self.fontMetrics().horizontalAdvance("M")
        self.setText(
            demo_band_text() if self.fontMetrics().horizontalAdvance(demo_band_text()) <= room else demo_mark()
        )
        self.setGeometry(0, 0, window.width(), self.sizeHint().height())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and isinstance(watched, QWidget):
            self._place(watched)
        return False


def band_of(window: QWidget) -> DemoBand | None:
    return window.findChild(DemoBand, BAND_NAME, Qt.FindChildOption.FindDirectChildrenOnly)


class DemoMarker(QObject):
    """Install with `DemoMarker.install(app)`; keeps the mark on every top-level window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mark = demo_mark()

    @classmethod
    def install(cls, app: QApplication) -> DemoMarker:
        marker = cls(app)
        app.installEventFilter(marker)
        for widget in app.topLevelWidgets():
            marker.apply(widget)
        return marker

    def apply(self, widget: QWidget) -> None:
        if widget.windowType() not in MARKED_TYPES:
            return
        title = widget.windowTitle()
        if self.mark not in title:
            widget.setWindowTitle(f"{title}{SEPARATOR}{self.mark}" if title else self.mark)
        if band_of(widget) is None and widget.layout() is not None:  # a layout makes room for the band;
            DemoBand(widget)  # Qt's progress dialog places its parts itself and keeps the mark in its title

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        titled = event.type() in (QEvent.Type.WindowTitleChange, QEvent.Type.Show)
        if titled and isinstance(watched, QWidget) and watched.isWindow():
            self.apply(watched)
        return False
