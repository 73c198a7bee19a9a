"""Enter in the wizard: the next page, as on a paper form; Ctrl+Enter: the review and, there, Save.

Multi-line boxes keep Enter for new lines, push buttons (and the review's links) are clicked by it, a grid confirms
its cell with it, and popups (a list, the suggestions, a calendar) handle their own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from centre_desk.ui.widgets.grid import SheetView

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterKeys(QObject):
    """An event filter for every widget of `window`: Enter calls `next_page`, Ctrl+Enter `review_or_save`."""

    def __init__(self, window: QWidget, next_page: Callable[[], None], review_or_save: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._next_page = next_page
        self._review_or_save = review_or_save

    def watch(self, widgets: list[QWidget]) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() not in ENTER_KEYS:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False  # a popup handles its own Enter
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._review_or_save()
            return True
        if isinstance(QApplication.focusWidget(), (QPlainTextEdit, QTextEdit, QPushButton, SheetView)):
            return False
        self._next_page()
        return True
