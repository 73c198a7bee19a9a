"""A round of vitals: one grid row per resident present, typed from the keyboard like a spreadsheet (Tab to
the next cell, Enter to confirm), checked cell by cell with the nursing note's own rules, saved together in
one transaction — all or none. Rows left empty are skipped; a wrong cell turns red with its message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.fields import Value, parse
from centre_desk.services.entries.kinds import kind
from centre_desk.services.health.dto import TodayRow
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.grid import SheetView
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

COLUMNS = ("temperature", "pulse", "systolic", "diastolic", "resp_rate", "spo2", "consciousness", "note")
BAD = QColor("#f9d6d2")
Items = list[tuple[int, EntryInput]]


class RoundSheet(SheetView):
    """The round's grid: Tab and Shift+Tab pass over the names (read-only), from one row's last measure to the
    next row's first."""

    def step(self, forward: bool) -> None:
        before = self.currentIndex()
        super().step(forward)
        current = self.currentIndex()
        if current.isValid() and current.column() == 0 and current != before:
            super().step(forward)


class RoundDialog(SubmitDialog[Items]):
    def __init__(self, parent: QWidget | None, residents: Sequence[TodayRow],
                 submit: Callable[[Items], object] | None) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setWindowTitle(_("Round of vitals"))
        self._kind = kind("nursing_note")
        self._fields = [self._kind.field(name) for name in COLUMNS]
        self.residents = list(residents)
        self.when = DateEdit(with_time=True, required=True)
        self.when.set_value(datetime.now().replace(second=0, microsecond=0))
        self.model = QStandardItemModel(len(self.residents), len(COLUMNS) + 1, self)
        titles = [_("Name")] + [_(f.label) + (f" ({_(f.unit)})" if f.unit else "") for f in self._fields]
        titles[COLUMNS.index("consciousness") + 1] = "ACVPU"
        self.model.setHorizontalHeaderLabels(titles)
        for row, person in enumerate(self.residents):
            name = QStandardItem(f"{person.label} – {person.place}" if person.place else person.label)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.model.setItem(row, 0, name)
            for column in range(1, len(COLUMNS) + 1):
                self.model.setItem(row, column, QStandardItem(""))
        self.grid = RoundSheet()
        self.grid.setObjectName("roundGrid")
        self.grid.setModel(self.model)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS), QHeaderView.ResizeMode.Stretch)
        self.grid.cell_left.connect(self._check_cell)
        when_label = QLabel(_("&Measured at"))
        when_label.setBuddy(self.when)
        grid_label = QLabel(_("&Vitals (leave a row empty to skip her)"))
        grid_label.setBuddy(self.grid)
        hint = QLabel(_("Tab: next cell · Shift+Tab: back · Enter: confirm the cell · Ctrl+Tab: leave the table · "
                        "a comma or a point for decimals (37,5) · ACVPU: A, C, V, P or U"))  # fmt: skip
        hint.setWordWrap(True)
        self.general_error.setWordWrap(True)
        self.buttons = confirm_buttons(self, _("&Save all"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(when_label)
        layout.addWidget(self.errors.wrap("occurred_at", self.when))
        layout.addWidget(grid_label)
        layout.addWidget(self.grid, 1)
        layout.addWidget(hint)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._rows: list[int] = []  # grid row of each item sent
        fit_window(self, QSize(1200, 680))

    def _text(self, row: int, column: int) -> str:
        text = str(self.model.item(row, column + 1).text()).strip()
        return text.upper() if COLUMNS[column] == "consciousness" else text

    def _check_cell(self, row: int, column: int) -> None:
        if 1 <= column <= len(COLUMNS):
            _value, message = parse(self._fields[column - 1], self._text(row, column - 1))
            self._mark(row, column - 1, message)

    def _mark(self, row: int, column: int, message: str) -> None:
        item = self.model.item(row, column + 1)
        item.setBackground(QBrush(BAD) if message else QBrush())
        item.setToolTip(message)

    def value(self) -> Items:
        moment = self.when.moment()
        if moment is None or self.when.problem():
            raise ValidationError("occurred_at", self.when.problem() or _("Please fill in the date."))
        problems: list[tuple[str, str]] = []
        items: Items = []
        self._rows = []
        for row, person in enumerate(self.residents):
            texts = [self._text(row, c) for c in range(len(COLUMNS))]
            if not any(texts):
                continue
            values: list[tuple[str, Value]] = []
            number = len(self._rows)  # problems name the item, as the service's do
            for column, (field, text) in enumerate(zip(self._fields, texts, strict=True)):
                value, message = parse(field, text)
                self._mark(row, column, message)
                if message:
                    problems.append((f"{number}.{field.name}", message))
                values.append((field.name, value))
            items.append((person.resident_id, EntryInput(moment.astimezone(), tuple(values))))
            self._rows.append(row)
        if problems:
            raise ValidationErrors(problems)
        if not items:
            raise ValidationError("", _("Type the vitals of at least one resident."))
        return items

    def show_problems(self, exc: ValidationError) -> None:
        """Each problem on its cell (red, the message as its tip) and all of them listed under the grid."""
        problems = exc.problems if isinstance(exc, ValidationErrors) else ((exc.field, exc.message),)
        lines = []
        for name, message in problems:
            where, _dot, field = name.partition(".")
            if not where.isdigit():
                self.errors.show_message(name, message)
                continue
            row = self._rows[int(where)]
            column = COLUMNS.index(field) if field in COLUMNS else 0
            self._mark(row, column, message)
            lines.append(f"{self.residents[row].label}: {_(self._fields[column].label)} — {message}")
        if lines:
            self.errors.show_message("", "\n".join(lines))

    def sizeHint(self) -> QSize:
        return QSize(1200, 680)
