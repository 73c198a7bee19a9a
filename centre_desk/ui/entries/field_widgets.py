"""One widget per declared field, all read and set as text (services/entries/fields.parse reads the text).

`changed` fires on every edit, `left` when the user leaves the field: the form clears a message as soon as
the text is acceptable and shows one when a wrong text is left behind.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from centre_desk.i18n import _
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.ui.widgets.date_edit import DateEdit

NUMBER_WIDTH = 90
NOTHING = "—"


class FieldWidget(QObject):
    changed = Signal()
    left = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.editor: QWidget
        self.widget: QWidget  # what goes in the layout (the editor with its unit)
        kind = field.type
        if kind is FieldType.LONG_TEXT:
            self._plain = QPlainTextEdit()
            self._plain.setTabChangesFocus(True)
            self._plain.setFixedHeight(self._plain.fontMetrics().lineSpacing() * 3 + 14)
            self._plain.textChanged.connect(self.changed)
            self.editor = self._plain
        elif kind is FieldType.CHOICE:
            self._combo = QComboBox()
            if not field.required or field.default is None:
                self._combo.addItem(NOTHING, "")
            for code, label in field.choices:
                self._combo.addItem(_(label), code)
            self._combo.currentIndexChanged.connect(self.changed)
            self.editor = self._combo
        elif kind is FieldType.FLAG:
            self._check = QCheckBox(_(field.label))
            self._check.toggled.connect(self.changed)
            self.editor = self._check
        elif kind is FieldType.DATE:
            self._date = DateEdit()
            self._date.textChanged.connect(self.changed)
            self._date.left.connect(lambda _m: self.left.emit())
            self.editor = self._date
        else:
            self._line = QLineEdit()
            if kind in (FieldType.INTEGER, FieldType.DECIMAL):
                self._line.setFixedWidth(NUMBER_WIDTH)
            else:
                self._line.setMaxLength(field.max_length)
            self._line.textChanged.connect(self.changed)
            self._line.editingFinished.connect(self.left)
            self.editor = self._line
        self.editor.setObjectName(f"field_{field.name}")
        self.widget = self.editor
        if field.unit:
            self.widget = QWidget()
            row = QHBoxLayout(self.widget)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.editor)
            row.addWidget(QLabel(_(field.unit)))
            row.addStretch(1)

    def text(self) -> str:
        kind = self.field.type
        if kind is FieldType.LONG_TEXT:
            return self._plain.toPlainText()
        if kind is FieldType.CHOICE:
            return str(self._combo.currentData() or "")
        if kind is FieldType.FLAG:
            return "1" if self._check.isChecked() else ""
        if kind is FieldType.DATE:
            return self._date.text()
        return self._line.text()

    def set_text(self, text: str) -> None:
        kind = self.field.type
        if kind is FieldType.LONG_TEXT:
            self._plain.setPlainText(text)
        elif kind is FieldType.CHOICE:
            self._combo.setCurrentIndex(max(0, self._combo.findData(text)))
        elif kind is FieldType.FLAG:
            self._check.setChecked(text == "1")
        elif kind is FieldType.DATE:
            self._date.setText(text)
        else:
            self._line.setText(text)

    @property
    def needs_label(self) -> bool:
        return self.field.type is not FieldType.FLAG  # a check box carries its own text
