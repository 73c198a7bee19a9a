"""One question of a wellbeing scale: its number and text, and its four answers side by side.

The row is one Tab stop. Typing 0, 1, 2 or 3 chooses that answer and moves on to the next question, so a whole
scale is typed as its digits; the arrow keys move the choice; Delete, Backspace or "-" leave the question
unanswered. The mouse may click an answer as well.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QLabel, QRadioButton, QScrollArea, QWidget

from centre_desk.i18n import _

ROW_STYLE = (
    "QFrame#answerRow { border: 2px solid transparent; border-radius: 3px; }"
    "QFrame#answerRow:focus { border: 2px solid palette(highlight); }"
)
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Minus)


class AnswerRow(QFrame):
    changed = Signal()
    answered = Signal()  # a digit was typed: the dialog moves on

    def __init__(self, number: int, text: str, options: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerRow")
        self.setStyleSheet(ROW_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.number = number
        self.text = text
        self.question = QLabel(f"{number}. {text}")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "unanswered" can be shown again; one at most is kept checked
        self.buttons: dict[int, QRadioButton] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.question, 0, 0, 1, len(options))
        for column, (value, label) in enumerate(options):
            button = QRadioButton(f"{value} – {label}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keys
            button.setAutoExclusive(False)
            self.group.addButton(button, value)
            self.buttons[value] = button
            layout.addWidget(button, 1, column)
            layout.setColumnStretch(column, 1)
        self.group.idClicked.connect(self._on_group_id_clicked)
        self._value: int | None = None
        self._describe()

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None and value not in self.buttons:
            value = None
        changed = value != self._value
        self._value = value
        for code, button in self.buttons.items():
            button.setChecked(code == value)
        self._describe()
        if changed:
            self.changed.emit()

    def _on_group_id_clicked(self, value: int) -> None:
        self.set_value(value)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def _describe(self) -> str:
        answer = self.buttons[self._value].text() if self._value is not None else _("not answered")
        self.setAccessibleName(_("Question {n}: {text}").format(n=self.number, text=self.text))
        self.setAccessibleDescription(answer)
        return answer

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = Qt.Key(event.key()), event.text()
        values = sorted(self.buttons)
        if text in {str(v) for v in values}:
            self.set_value(int(text))
            self.answered.emit()
        elif key in CLEAR_KEYS:
            self.set_value(None)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            at = values.index(self._value) + step if self._value is not None else (0 if step > 0 else len(values) - 1)
            self.set_value(values[max(0, min(at, len(values) - 1))])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(self)  # the question typed into is in view
