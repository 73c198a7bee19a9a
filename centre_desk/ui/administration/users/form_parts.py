"""Form helpers shared by the administration forms: inline field errors and the conflict box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #555555;"
DIFFERS = N_("differs from your input")


def error_label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    if object_name:
        label.setObjectName(object_name)
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


class FieldErrors:
    """Red messages under the fields a ValidationError names; others go to `general`."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget, hint: str = "") -> QWidget:
        """`widget` with an optional grey hint and a (hidden) error label below it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if hint:
            layout.addWidget(hint_label(hint))
        label = error_label(f"error_{field}")
        layout.addWidget(label)
        self._labels[field] = label
        self._widgets[field] = widget
        return box

    def show(self, exc: ValidationError) -> None:
        self.show_message(exc.field, exc.message)

    def show_message(self, field: str, message: str) -> None:
        label = self._labels.get(field, self.general)
        label.setText(message)
        label.setVisible(True)
        widget = self._widgets.get(field)
        if widget is not None:
            widget.setFocus()

    def note(self, field: str, message: str) -> None:
        """Show `message` under `field` ("" hides it) without moving the focus: for a field just left."""
        label = self._labels.get(field, self.general)
        label.setText(message)
        label.setVisible(bool(message))

    def message(self, field: str) -> str:
        """The message shown for `field` ("" when none); "" as field means the general one."""
        label = self._labels.get(field, self.general) if field else self.general
        return label.text() if not label.isHidden() else ""

    def clear(self) -> None:
        for label in [*self._labels.values(), self.general]:
            label.clear()
            label.setVisible(False)


class ConflictBox(QFrame):
    """Shown when someone else saved the record: the stored values beside the user's input."""

    reload_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBox")
        self.setStyleSheet("#conflictBox { background: #fff8e1; border: 1px solid #e0b000; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.stored_label = QLabel()
        self.stored_label.setWordWrap(True)
        self.stored_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stored_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(_("Load the saved version"))
        self.reload_button.setToolTip(_("Replace your input with the values saved by the other person."))
        self.keep_button = QPushButton(_("Keep my input"))
        self.keep_button.setToolTip(_("Keep what you typed; saving again replaces the other person's values."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.stored_label)
        layout.addLayout(buttons)
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        self.setVisible(False)

    def show_conflict(self, message: str, stored: Sequence[tuple[str, str]]) -> None:
        self.message_label.setText(message)
        lines = [_("Saved version:")] + [f"    {label}: {value}" for label, value in stored]
        self.stored_label.setText("\n".join(lines))
        self.reload_button.setEnabled(bool(stored))
        self.keep_button.setEnabled(bool(stored))
        self.setVisible(True)

    def _on_reload_button_clicked(self) -> None:
        self.setVisible(False)
        self.reload_requested.emit()

    def _on_keep_button_clicked(self) -> None:
        self.setVisible(False)
        self.keep_requested.emit()
