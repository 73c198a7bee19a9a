"""Keyboard helpers: keys go where a real keyboard sends them (the open popup, else the focused widget)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def target() -> QWidget:
    """As Qt routes a key: to the open popup (its focused child, e.g. a calendar's days), else the focused widget."""
    popup = QApplication.activePopupWidget()
    widget = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    popup = QApplication.activePopupWidget()
    qtbot.keyClick(target(), key, modifier)
    focus = QApplication.focusWidget()
    if popup is not None and QApplication.activePopupWidget() is None and focus is not None:
        # The offscreen platform does not hand activation back to the window when a popup closes.
        focus.window().activateWindow()
        qtbot.waitActive(focus.window())


def type_text(qtbot: QtBot, text: str) -> None:
    """Type `text` as key presses carrying the characters (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(target(), ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def tab_to(qtbot: QtBot, wanted: QWidget, limit: int = 40) -> None:
    """Press Tab until `wanted` (or the widget it forwards focus to) has the focus."""
    goal = wanted.focusProxy() or wanted
    for _ in range(limit):
        focus = QApplication.focusWidget()
        if focus is goal or focus is wanted:
            return
        press(qtbot, Qt.Key.Key_Tab)
    focus, popup = QApplication.focusWidget(), QApplication.activePopupWidget()
    raise AssertionError(f"Tab never reached {wanted!r}; focus: {focus!r}, popup: {popup!r}")
