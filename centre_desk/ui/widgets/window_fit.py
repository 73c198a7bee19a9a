"""Windows that fit the screen they open on (a 1366×768 office PC leaves 1366×728 above the taskbar).

`fit_window(window, preferred, key)` gives a window its first size: the size and place it had when
it was last closed (when `key` is given), clamped to the screen, or else `preferred` bounded by the
screen, centred. Nothing here maximises a window: the user decides that, and it is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

FRAME = QSize(16, 39)  # borders and title bar the window system adds (Windows 10/11 at 100 %)
GEOMETRY_GROUP = "windows"


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (without the taskbar)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def room(widget: QWidget | None = None) -> QSize:
    """The largest window content that fits on the screen, frame and title bar included."""
    return available_area(widget).size() - FRAME


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move a (restored) window so it lies wholly on the screen; a maximised one is left alone."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available_area(window)
    size = window.size().boundedTo(area.size() - FRAME).expandedTo(window.minimumSize())
    x = min(max(window.x(), area.left()), max(area.left(), area.right() + 1 - size.width() - FRAME.width()))
    y = min(max(window.y(), area.top()), max(area.top(), area.bottom() + 1 - size.height() - FRAME.height()))
    window.setGeometry(x, y, size.width(), size.height())


class _GeometryKeeper(QObject):
    """Writes the window's geometry to the settings each time it is hidden (closed)."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self._key = key
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow():
            QSettings().setValue(f"{GEOMETRY_GROUP}/{self._key}", watched.saveGeometry())
        return False


def fit_window(window: QWidget, preferred: QSize, key: str = "") -> None:
    """Size `window` before it is first shown; with `key`, restore and keep its last geometry."""
    if key:
        _GeometryKeeper(window, key)
        saved = QSettings().value(f"{GEOMETRY_GROUP}/{key}")
        if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
            clamp_to_screen(window)
            return
    size = preferred.boundedTo(room(window)).expandedTo(window.minimumSizeHint().boundedTo(room(window)))
    window.resize(size)
    if isinstance(window, QDialog):
        return  # Qt centres a dialog over its parent and keeps it on the screen
    area = available_area(window)
    centre = area.center()
    window.move(
        max(area.left(), centre.x() - (size.width() + FRAME.width()) // 2),
        max(area.top(), centre.y() - (size.height() + FRAME.height()) // 2),
    )
