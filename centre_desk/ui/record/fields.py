"""Form parts of the record tabs: one widget set shown read-only or editable, per field group."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.security.permissions import FieldGroup
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.record.rows_model import RowsEditor
from centre_desk.ui.widgets.date_edit import DateEdit

_QUIET = "{ background: #f6f6f4; border: 1px solid #e2e2de; }"
READ_ONLY_STYLE = (
    f'QLineEdit[readOnly="true"] {_QUIET} QPlainTextEdit[readOnly="true"] {_QUIET} '
    f'QAbstractSpinBox[readOnly="true"] {_QUIET} QComboBox[frozen="true"] {_QUIET} '
    'QComboBox[frozen="true"]::drop-down { width: 0px; border: none; }'
)
SENSITIVE_STYLE = "#sensitiveFrame { border: 2px solid #c77700; border-radius: 6px; background: #fffaf0; }"


class OptionalDateEdit(DateEdit):
    """A day or nothing, typed as dd/mm/yyyy straight through (the shared date field). `value()` refuses text
    that is not a date, naming `field`, so a form never saves "31/02/2011" as no date."""

    field = "general"

    def value(self) -> date | None:
        problem = self.problem()
        if problem:
            raise ValidationError(self.field, problem)
        return super().value()


class KeyCombo(QComboBox):
    """A closed list of (key, label); unknown stored keys are kept as they are."""

    def __init__(self, vocabulary: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, label in vocabulary.items():
            self.addItem(_(label), key)

    def key(self) -> str:
        return str(self.currentData() or "")

    def set_key(self, key: str) -> None:
        index = self.findData(key)
        if index < 0:
            self.addItem(key, key)
            index = self.count() - 1
        self.setCurrentIndex(index)


class KeyChecklist(QWidget):
    """Checkboxes over a vocabulary; the value is the set of ticked keys."""

    def __init__(self, vocabulary: Mapping[str, str], columns: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate((k, v) for k, v in vocabulary.items() if k):
            box = QCheckBox(_(label))
            self.boxes[key] = box
            layout.addWidget(box, i // columns, i % columns)

    def value(self) -> frozenset[str]:
        return frozenset(k for k, box in self.boxes.items() if box.isChecked())

    def set_value(self, keys: frozenset[str]) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in keys)


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a property it selects on changed (not needed before the first show)."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def set_frozen(widget: QWidget, frozen: bool) -> None:
    """Read-only without greying out: text fields read-only, choices deaf to mouse and keyboard."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setReadOnly(frozen)
        repolish(widget)
    elif isinstance(widget, QAbstractSpinBox):
        widget.setReadOnly(frozen)
        symbols = QAbstractSpinBox.ButtonSymbols
        widget.setButtonSymbols(symbols.NoButtons if frozen else symbols.UpDownArrows)
        repolish(widget)
    elif isinstance(widget, RowsEditor):
        widget.set_editable(not frozen)
    elif isinstance(widget, KeyChecklist):
        for box in widget.boxes.values():
            set_frozen(box, frozen)
    else:
        if isinstance(widget, QComboBox):
            widget.setProperty("frozen", frozen)
            repolish(widget)
        widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, frozen)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus if frozen else Qt.FocusPolicy.StrongFocus)
        for child in widget.findChildren(QWidget):
            if isinstance(child, QLineEdit | QAbstractSpinBox | QComboBox | QCheckBox):
                set_frozen(child, frozen)


def sensitive_frame(title: str, inner: QWidget) -> QFrame:
    """An amber frame that says the content is sensitive and shown only to those allowed."""
    frame = QFrame()
    frame.setObjectName("sensitiveFrame")
    frame.setStyleSheet(SENSITIVE_STYLE)
    layout = QVBoxLayout(frame)
    heading = QLabel("⚠ " + title)
    heading.setStyleSheet("color: #8a4b00; font-weight: bold; border: none; background: transparent;")
    layout.addWidget(heading)
    note = hint_label(_("Sensitive: shown only to staff whose role allows it. Do not read it aloud or copy it."))
    note.setStyleSheet("color: #6b5a3a; border: none; background: transparent;")
    layout.addWidget(note)
    layout.addWidget(inner)
    return frame


class GroupedForm(QWidget):
    """Fields registered with their field group, shown read-only or editable as the actor may."""

    ALIASES: ClassVar[Mapping[str, str]] = {}  # service field names -> the field that shows their error

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(READ_ONLY_STYLE)
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.labels: dict[str, str] = {}
        self.rows: dict[str, QWidget] = {}
        self._fields: dict[str, tuple[QWidget, FieldGroup]] = {}
        self._sections: list[tuple[QWidget, FieldGroup]] = []
        self.editing = False
        self._section_title = ""

    def section(self, title: str, group: FieldGroup) -> tuple[QGroupBox, QFormLayout]:
        self._section_title = title
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._sections.append((box, group))
        return box, form

    def add(self, form: QFormLayout, name: str, label: str, widget: QWidget, group: FieldGroup, hint: str = "") -> None:
        row = self.errors.wrap(name, widget, hint)
        self.rows[name] = row
        if isinstance(widget, DateEdit):  # an impossible date is refused as soon as the field is left
            widget.left.connect(lambda message, n=name: self._show_date_problem(n, message))
        if isinstance(widget, OptionalDateEdit):
            widget.field = name
        if label:
            form.addRow(label, row)
        else:
            form.addRow(row)  # a checkbox, checklist or table: the whole width
        self.register(name, label, widget, group)

    def _show_date_problem(self, name: str, message: str) -> None:
        label = self.rows[name].findChild(QLabel, f"error_{name}")
        if label is not None:
            label.setText(message)
            label.setVisible(bool(message))

    def register(self, name: str, label: str, widget: QWidget, group: FieldGroup) -> None:
        plain = label.replace("&", "").rstrip(": ") or (widget.text() if isinstance(widget, QCheckBox) else "")
        section = self._section_title
        self.labels[name] = f"{section} › {plain}" if plain and plain != section else section or plain
        self._fields[name] = (widget, group)

    def widget(self, name: str) -> QWidget:
        return self._fields[name][0]

    def apply_access(self, visible: frozenset[FieldGroup]) -> None:
        for box, group in self._sections:
            box.setVisible(group in visible)

    def set_editing(self, editing: bool, editable: frozenset[FieldGroup]) -> None:
        self.editing = editing
        for widget, group in self._fields.values():
            set_frozen(widget, not (editing and group in editable))
        if not editing:
            self.errors.clear()

    def first_editable(self) -> QWidget | None:
        for widget, _group in self._fields.values():
            read_only = isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox) and widget.isReadOnly()
            if widget.isVisibleTo(self) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not read_only:
                return widget
        return None

    def show_error(self, exc: ValidationError) -> None:
        field = exc.field
        for prefix, target in self.ALIASES.items():
            if field == prefix or (field.startswith(prefix + "_") and target != field):
                field = target
                break
        self.errors.show_message(field, exc.message)
