"""A reason asked before an action that must be justified: striking an entry out, breaking the glass."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window


class ReasonDialog(SubmitDialog[str]):
    def __init__(
        self, parent: QWidget | None, title: str, intro: str, label: str, confirm: str,
        submit: Callable[[str], object] | None,
    ) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(title)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 14)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        field_label = QLabel(label)
        field_label.setBuddy(self.reason)
        self.buttons = confirm_buttons(self, confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(field_label)
        layout.addWidget(self.errors.wrap("reason", self.reason))
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(520, 260))

    def value(self) -> str:
        return self.reason.toPlainText().strip()
