"""Small pieces shared by the sign-in dialogs and the first-run wizard."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from centre_desk.i18n import N_

PASSWORD_HINT = N_(
    "At least 8 characters; a short sentence is easy to remember and hard to guess. "
    "Common passwords and your own name are refused."
)


def weak_callback(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """A callback for run_task that does not keep its widget alive.

    run_task parents its relay to the widget and the relay's connections hold the callbacks;
    a bound method there can be the widget's last reference, and deleting the relay then
    deletes the widget from inside the relay's own destructor (a crash). If the widget is
    gone when the result arrives, the result is dropped.
    """
    ref = weakref.WeakMethod(method)

    def call(value: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(value)

    return call


ERROR_STYLE = "color: #b3261e;"


class InlineError(QLabel):
    """A red message under a form; it keeps its space so the dialog does not jump."""

    def __init__(self, parent: QWidget | None = None, reserve_lines: int = 2) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(ERROR_STYLE)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * reserve_lines)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def show_message(self, message: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(message)

    def show_progress(self, message: str) -> None:
        """A neutral line in the same place ("Opening the database…"): waiting is not a mistake."""
        self.setStyleSheet("")
        self.setText(message)

    def clear_message(self) -> None:
        self.clear()


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A quieter, wrapped explanation under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText).darker(150))
    label.setPalette(palette)
    return label


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    """A password field; pasting (from a password manager) is allowed and nothing is cut short."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
