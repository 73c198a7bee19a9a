"""Writing a version of the care plan: objectives, period, and its actions — each a support category the person is
entitled to (Law 53/2024 Art. 37), what is to be done, who is responsible, by when, how far it is. The plan is
checked with the service's own rules as one types (services/care_plan/rules.py); Save sends it to the service,
and what it refuses stays typed with the message under the place it concerns."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.services.care_plan import rules
from centre_desk.services.care_plan.dto import ActionInput, Category, PlanInput, PlanView
from centre_desk.services.care_plan.terms import ACTION_STATUSES
from centre_desk.services.lodging.common import local_day
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

COLUMNS = (N_("Support"), N_("Action"), N_("Responsible"), N_("Target date"), N_("Status"), N_("Note"))
DEFAULT_MONTHS = 3  # a new plan's period


class _ActionRow:
    """The widgets of one action, in the table's cells."""

    def __init__(self, categories: Sequence[Category], staff: Sequence[tuple[int, str]]) -> None:
        self.category = QComboBox()
        for c in categories:
            self.category.addItem(f"{c.letter}) {c.name}", c.key)
        self.action = QLineEdit()
        self.action.setMaxLength(rules.ACTION_MAX)
        self.responsible = QComboBox()
        self.responsible.addItem(_("(nobody yet)"), None)
        for account_id, name in staff:
            self.responsible.addItem(name, account_id)
        self.target = DateEdit()
        self.status = QComboBox()
        for code, text in ACTION_STATUSES:
            self.status.addItem(_(text), code)
        self.note = QLineEdit()
        self.note.setMaxLength(rules.NOTE_MAX)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.category, self.action, self.responsible, self.target, self.status, self.note)

    def load(self, a: ActionInput) -> None:
        for combo, value in (
            (self.category, a.category),
            (self.responsible, a.responsible_id),
            (self.status, a.status),
        ):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.action.setText(a.action)
        self.target.set_value(a.target_on)
        self.note.setText(a.note)

    def value(self) -> ActionInput:
        return ActionInput(
            str(self.category.currentData() or ""), self.action.text(), self.responsible.currentData(),
            self.target.value(), str(self.status.currentData()), self.note.text(),
        )  # fmt: skip


class PlanDialog(SubmitDialog[PlanInput]):
    def __init__(
        self, parent: QWidget | None, title: str, categories: Sequence[Category], staff: Sequence[tuple[int, str]],
        submit: Callable[[PlanInput], object] | None, start: PlanView | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(title)
        self._categories, self._staff = tuple(categories), tuple(staff)
        self._entitled = tuple(c.key for c in categories)
        self.rows: list[_ActionRow] = []
        self.objectives = QPlainTextEdit()
        self.objectives.setObjectName("objectives")
        self.objectives.setTabChangesFocus(True)
        self.objectives.setFixedHeight(self.objectives.fontMetrics().lineSpacing() * 4 + 14)
        self.period_from, self.period_to = DateEdit(required=True), DateEdit(required=True)
        self.period_from.setObjectName("periodFrom")
        self.period_to.setObjectName("periodTo")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("actions")
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab walks the cells' own widgets
        header = self.table.horizontalHeader()
        for column, width in enumerate((220, 0, 170, 110, 130, 180)):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 16)
        self.actions_problems = QLabel()
        self.actions_problems.setObjectName("error_actions")
        self.actions_problems.setStyleSheet("color: #b00020;")
        self.actions_problems.setWordWrap(True)
        self.add_button, self.remove_button = QPushButton(_("&Add an action")), QPushButton(_("Re&move the action"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.remove_button.clicked.connect(self.remove_row)
        self.buttons = confirm_buttons(self, _("&Save the draft"), save=True)
        self._build()
        self._load(start)
        self.objectives.textChanged.connect(self.check_now)
        for field in (self.period_from, self.period_to):
            field.textChanged.connect(self.check_now)
        self.check_now()
        fit_window(self, QSize(1180, 640))

    def _build(self) -> None:
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.errors.wrap("period_to", self.period_to))
        period.addStretch(1)
        form = QFormLayout()
        objectives_label = QLabel(_("&Objectives:"))
        objectives_label.setBuddy(self.objectives)
        hint = _("What the support is to achieve for her, in her words")
        form.addRow(objectives_label, self.errors.wrap("objectives", self.objectives, hint))
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period_from)
        form.addRow(period_label, period)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        entitled = QLabel(_("Support she is entitled to (Law 53/2024 Art. 37): {letters}").format(
            letters=", ".join(c.letter for c in self._categories) or "—"))  # fmt: skip
        entitled.setStyleSheet("color: #5f6368;")
        actions_label = QLabel(_("Actions:"))
        actions_label.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(actions_label)
        layout.addWidget(entitled)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.actions_problems)
        layout.addLayout(row_buttons)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def _load(self, start: PlanView | None) -> None:
        today = local_day(utcnow())
        if start is None:
            self.period_from.set_value(today)
            self.period_to.set_value(rules.add_months(today, DEFAULT_MONTHS))
            self.add_row()
            return
        self.objectives.setPlainText(start.objectives)
        self.period_from.set_value(start.period_from)
        self.period_to.set_value(start.period_to)
        for a in start.actions:
            row = self.add_row()
            row.load(ActionInput(a.category.key, a.action, a.responsible_id, a.target_on, a.status, a.note))

    def add_row(self, focus: bool = False) -> _ActionRow:
        row = _ActionRow(self._categories, self._staff)
        n = self.table.rowCount()
        self.table.insertRow(n)
        for column, widget in enumerate(row.widgets):
            self.table.setCellWidget(n, column, widget)
        for signal in (row.category.currentIndexChanged, row.action.textChanged, row.status.currentIndexChanged,
                       row.note.textChanged):  # fmt: skip
            signal.connect(self.check_now)
        self.rows.append(row)
        if focus:
            self.table.setCurrentCell(n, 1)
            row.action.setFocus()
        self.check_now()
        return row

    def remove_row(self) -> None:
        n = self.table.currentRow()
        if 0 <= n < len(self.rows):
            self.table.removeRow(n)
            del self.rows[n]
            self.check_now()

    def value(self) -> PlanInput:
        """The plan typed, or ValidationErrors with every problem the rules find (nothing is sent then)."""
        typed = self._typed()
        problems = rules.check_plan(typed, self._entitled)
        if problems:
            raise ValidationErrors(problems)
        return typed

    def _typed(self) -> PlanInput:
        start, end = self.period_from.value(), self.period_to.value()
        if start is None:
            raise ValidationError("period_to", self.period_from.problem() or _("Type the date as dd/mm/yyyy."))
        if end is None:
            raise ValidationError("period_to", self.period_to.problem() or _("Type the date as dd/mm/yyyy."))
        return PlanInput(self.objectives.toPlainText(), start, end, tuple(r.value() for r in self.rows))

    def check_now(self) -> None:
        """The rules' verdict as one types: messages under the objectives and the period, a list under the table."""
        try:
            problems = rules.check_plan(self._typed(), self._entitled)
        except ValidationError as exc:
            problems = [(exc.field, exc.message)]
        for field in ("objectives", "period_to"):
            text = next((m for f, m in problems if f == field), "")
            typed = field != "objectives" or self.objectives.toPlainText().strip()
            self.errors.note(field, text if typed else "")  # an empty new plan is not shouted at
        self._show_action_problems(problems)

    def _show_action_problems(self, problems: Sequence[tuple[str, str]], every: bool = False) -> None:
        """Under the table; while typing, an action not yet written is not reported (`every` on Save)."""
        lines = []
        for field, message in problems:
            if field == "actions":
                lines.append(message)
            elif field.startswith("actions."):
                _a, n, _f = field.split(".")
                if every or _f != "action" or self.rows[int(n)].action.text().strip():
                    lines.append(_("Action {n}: {message}").format(n=int(n) + 1, message=message))
        self.actions_problems.setText("\n".join(lines))
        self.actions_problems.setVisible(bool(lines))

    def show_problems(self, exc: ValidationError) -> None:
        problems = exc.problems if isinstance(exc, ValidationErrors) else ((exc.field, exc.message),)
        self._show_action_problems([(f, m) for f, m in problems if f.startswith("actions")], every=True)
        for field, message in reversed([(f, m) for f, m in problems if not f.startswith("actions")]):
            self.errors.show_message(field, message)


class ProgressDialog(SubmitDialog[tuple[str, str]]):
    """The progress of one action of the plan in force: its status and a note."""

    def __init__(self, parent: QWidget | None, action: str, status: str, note: str,
                 submit: Callable[[tuple[str, str]], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(_("Progress of an action"))
        what = QLabel(action)
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for code, text in ACTION_STATUSES:
            self.status.addItem(_(text), code)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.note = QLineEdit(note)
        self.note.setObjectName("note")
        self.note.setMaxLength(rules.NOTE_MAX)
        form = QFormLayout()
        status_label, note_label = QLabel(_("&Status:")), QLabel(_("&Note:"))
        status_label.setBuddy(self.status)
        note_label.setBuddy(self.note)
        form.addRow(status_label, self.errors.wrap("status", self.status))
        form.addRow(note_label, self.errors.wrap("note", self.note))
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(520, 220))

    def value(self) -> tuple[str, str]:
        return str(self.status.currentData()), self.note.text()
