"""Building blocks of the wizard's pages: a field with its own inline error, the page base.

Every page shows problems the same way: `show_problems` puts each message under the box of its field (grid
cells under their grid, naming the row), for the boxes the user has already left.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from centre_desk.ui.admissions.payload import Payload, box_key
from centre_desk.ui.login.parts import hint_label
from centre_desk.ui.widgets.grid import Grid

ERROR_STYLE = "color: #b3261e;"
SENSITIVE_STYLE = "QGroupBox#sensitive { border: 2px solid #b26a00; border-radius: 4px; margin-top: 14px; }"
FIELD_WIDTH = 420


class ErrorSpot(Protocol):
    """Where the problems of one field are shown: a FieldBox, or a consent row."""

    label: str

    def show_error(self, message: str) -> None: ...

    def clear_error(self) -> None: ...

    def focus_target(self) -> QWidget: ...


class FieldBox(QWidget):
    """A field with a red message directly under it (hidden until there is an error); `label` names the field in
    the review's list of problems."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None, label: str = "") -> None:
        super().__init__(parent)
        self.widget = widget
        self.label = label
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.column.addWidget(widget)
        self.column.addWidget(self.error)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def focus_target(self) -> QWidget:
        """The widget to focus: the field itself, or the first focusable child of a group."""
        if self.widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(self.widget, QGroupBox):
            return self.widget
        for child in self.widget.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus and child.isEnabled():
                return child
        return self.widget


def plain_label(text: str) -> str:
    """A form label as words: "&Arrived at:" → "Arrived at"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def line(width: int = FIELD_WIDTH, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMinimumWidth(width)
    edit.setMaximumWidth(max(width, 640))
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def block(lines: int = 4) -> QPlainTextEdit:
    """A multi-line box: Tab moves on (it does not type a tab), Enter starts a new line."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumWidth(FIELD_WIDTH)
    edit.setMaximumWidth(760)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def choice(items: Iterable[tuple[str, str]]) -> QComboBox:
    """A closed list: (key, label already translated)."""
    combo = QComboBox()
    for key, text in items:
        combo.addItem(text, key)
    combo.setMinimumWidth(FIELD_WIDTH)
    return combo


def edit_of(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box."""
    edit = combo.lineEdit()
    assert edit is not None, "the combo box is not editable"
    return edit


def set_combo_key(combo: QComboBox, key: object) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)


def combo_key(combo: QComboBox) -> str:
    data = combo.currentData()
    return data if isinstance(data, str) else ""


def checked_keys(boxes: dict[str, QCheckBox]) -> list[str]:
    return [key for key, box in boxes.items() if box.isChecked()]


def set_checked_keys(boxes: dict[str, QCheckBox], keys: object) -> None:
    wanted = set(keys) if isinstance(keys, list) else set()
    for key, box in boxes.items():
        box.setChecked(key in wanted)


def sensitive_frame(title: str) -> QGroupBox:
    """A clearly marked frame for the sensitive field groups (narrative, pregnancy)."""
    frame = QGroupBox(title)
    frame.setObjectName("sensitive")
    frame.setStyleSheet(SENSITIVE_STYLE)
    return frame


def text_of(payload: Payload, key: str) -> str:
    value = payload.get(key, "")
    return value if isinstance(value, str) else ""


class WizardPage(QScrollArea):
    """One section of the wizard. Subclasses add rows with `add_row` and implement values()/load()."""

    changed = Signal()

    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.setWidget(self.body)
        self.outer = QVBoxLayout(self.body)
        self.outer.setContentsMargins(4, 4, 12, 4)
        self.boxes: dict[str, FieldBox] = {}
        self._loading = False

    # -- construction -------------------------------------------------------------------------------------------

    def new_form(self, parent_layout: QVBoxLayout | None = None) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(8)
        (parent_layout or self.outer).addLayout(form)
        return form

    def add_row(self, form: QFormLayout, text: str, widget: QWidget, key: str, hint: str = "") -> FieldBox:
        """A labelled row; `text` may carry an &accelerator, which focuses `widget` (or its first child)."""
        box = FieldBox(widget, label=plain_label(text) or (widget.text() if isinstance(widget, QCheckBox) else ""))
        self.boxes[key] = box
        label = QLabel(text)
        label.setBuddy(box.focus_target())
        if hint:
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(box)
            column.addWidget(hint_label(hint))
            form.addRow(label, holder)
        else:
            form.addRow(label, box)
        self.watch(widget)
        return box

    def watch(self, *widgets: QWidget) -> None:
        """Emit `changed` when the user edits any of `widgets` (or the inputs inside them)."""
        for widget in widgets:
            for item in [widget, *widget.findChildren(QWidget)]:
                if isinstance(item, QLineEdit) and not isinstance(item.parent(), (QComboBox, QAbstractSpinBox)):
                    item.textEdited.connect(self._emit_changed)
                elif isinstance(item, QComboBox):
                    item.currentIndexChanged.connect(self._emit_changed)
                    item.editTextChanged.connect(self._emit_changed)
                elif isinstance(item, QPlainTextEdit):
                    item.textChanged.connect(self._emit_changed)
                elif isinstance(item, QAbstractButton):
                    item.toggled.connect(self._emit_changed)
                elif isinstance(item, QAbstractSpinBox):
                    item.editingFinished.connect(self._emit_changed)
                elif isinstance(item, Grid):
                    item.edited.connect(self._emit_changed)

    def _emit_changed(self, *_args: Any) -> None:
        if not self._loading:
            self.changed.emit()

    # -- what subclasses provide ----------------------------------------------------------------------------------

    def values(self) -> Payload:
        """This page's fields as plain JSON values; every page overrides it (a test checks)."""
        return {}

    def load(self, payload: Payload) -> None:
        """Restore the fields from a payload (missing keys keep their defaults)."""
        self._loading = True
        try:
            self._load(payload)
        finally:
            self._loading = False

    def _load(self, payload: Payload) -> None:
        """Set this page's fields from `payload`; every page overrides it (a test checks)."""

    def refresh(self, payload: Payload) -> None:
        """Update what depends on other pages without counting it as an edit."""
        self._loading = True
        try:
            self.enter(payload)
        finally:
            self._loading = False

    def enter(self, payload: Payload) -> None:
        """Called when the page is shown, with everything typed so far (for hints that depend on other pages)."""

    def box_for(self, field: str) -> ErrorSpot | None:
        """Where problems about `field` are shown on this page (None: not on this page)."""
        return self.boxes.get(box_key(field))

    def spots(self) -> list[ErrorSpot]:
        """Every place of this page that shows problems, each once."""
        unique: dict[int, ErrorSpot] = {}
        for box in self.boxes.values():
            unique.setdefault(id(box), box)
        return list(unique.values())

    def spot_of(self, widget: QWidget) -> ErrorSpot | None:
        """The place showing the problems of the field `widget` belongs to."""
        item: QWidget | None = widget
        while item is not None and item is not self:
            if isinstance(item, FieldBox) and item in self.boxes.values():
                return item
            item = item.parentWidget()
        return None

    def show_problems(self, problems: Iterable[tuple[str, str]], touched: Collection[object] | None = None) -> None:
        """Put each problem under its field; only the places in `touched` change (all of them when None)."""
        messages: dict[int, list[str]] = {}
        for field, message in problems:
            spot = self.box_for(field)
            if spot is not None:
                messages.setdefault(id(spot), []).append(message)
        for spot in self.spots():
            if touched is not None and spot not in touched:
                continue
            found = messages.get(id(spot))
            if found:
                spot.show_error("\n".join(dict.fromkeys(found)))
            else:
                spot.clear_error()

    def first_field(self) -> QWidget | None:
        """Where the cursor goes when the page is shown."""
        return next((b.focus_target() for b in self.boxes.values() if b.focus_target().isEnabled()), None)

    def clear_errors(self) -> None:
        for spot in self.spots():
            spot.clear_error()


def radio_group(group: QButtonGroup, key: str) -> None:
    """Check the button whose objectName is `key`."""
    for button in group.buttons():
        if button.objectName() == key:
            button.setChecked(True)
