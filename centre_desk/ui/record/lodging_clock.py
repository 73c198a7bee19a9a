"""The Phòng ở tab's box on the time limit of lodging: admitted on, the limit in force and its legal basis, days
used, the deadline and what is left (coloured and in words), the director's extensions and the button to
record one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.services.lodging.dto import ExtensionRow, StayClock
from centre_desk.ui.record.lodging_tables import MarkedModel, extension_columns
from centre_desk.ui.record.lodging_terms import CLOCK_COLOURS, clock_basis, clock_left_text
from centre_desk.ui.widgets.table_model import read_only_table

BADGE_STYLE = "padding: 2px 8px; border-radius: 9px; color: {fg}; background: {bg}; font-weight: bold;"
MAX_ROWS = 5  # a table taller than this scrolls


def fit_table(table: QTableView, stretch: int, empty: QLabel | None = None, rows: int = MAX_ROWS) -> None:
    """Size the columns to their text once per load (not at every layout, as ResizeToContents would), and
    the table to its rows (up to `rows`, then it scrolls); an empty table gives way to its `empty` note."""
    count = table.model().rowCount()
    for column in range(table.model().columnCount()):
        if column != stretch:
            table.resizeColumnToContents(column)
    line = table.verticalHeader().defaultSectionSize()
    height = table.horizontalHeader().sizeHint().height() + line * max(1, min(count, rows)) + 2 * table.frameWidth()
    table.setFixedHeight(height)
    if empty is not None:
        table.setVisible(count > 0)
        empty.setVisible(count == 0)


def stretched_table(model: Any, parent: QWidget, stretch: int) -> tuple[Any, QTableView]:
    proxy, table = read_only_table(model, parent)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return proxy, table


class StayClockBox(QGroupBox):
    def __init__(self, can_extend: bool, parent: QWidget | None = None) -> None:
        super().__init__(_("Time limit of lodging"), parent)
        self.admitted_label = QLabel()
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        self.used_label = QLabel()
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        self.left_label = QLabel()
        self.left_label.setObjectName("leftLabel")
        self.left_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # a badge, not a bar
        for label in (self.admitted_label, self.limit_label, self.used_label, self.deadline_label, self.left_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.extend_button = QPushButton(_("Record an &extension…"))
        self.extend_button.setToolTip(_("Record the director's decision extending the time limit of lodging"))
        self.extend_button.setVisible(can_extend)
        self.extension_model: MarkedModel[ExtensionRow] = MarkedModel(extension_columns(), lambda _e: False, self)
        _proxy, self.extension_table = stretched_table(self.extension_model, self, 4)
        self.extension_table.setObjectName("extensionTable")
        self.extension_table.setVisible(False)
        form = QFormLayout()
        form.addRow(_("Admitted on:"), self.admitted_label)
        form.addRow(_("Limit:"), self.limit_label)
        form.addRow(_("Days used:"), self.used_label)
        form.addRow(_("Deadline:"), self.deadline_label)
        form.addRow(_("Left:"), self.left_label)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.extend_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.extension_table)

    def show_clock(self, clock: StayClock | None) -> None:
        if clock is None:
            for label in (self.admitted_label, self.limit_label, self.used_label, self.deadline_label, self.left_label):
                label.setText("")
            self.extension_model.set_rows([])
            self.extension_table.setVisible(False)
            return
        self.admitted_label.setText(format_date(clock.admitted_on))
        self.limit_label.setText(_("{days} days ({basis})").format(days=clock.limit_days, basis=clock.legal_basis))
        self.used_label.setText(
            _("{days} days (her stay has ended)").format(days=clock.days_used)
            if clock.level == "ended"
            else _("{days} days").format(days=clock.days_used)
        )
        if clock.extensions:
            deadline = _("{day}, extended (the limit ended on {base})").format(
                day=format_date(clock.deadline), base=format_date(clock.base_deadline)
            )
        else:
            deadline = format_date(clock.deadline)
        self.deadline_label.setText(deadline)
        fg, bg = CLOCK_COLOURS.get(clock.level, CLOCK_COLOURS["ok"])
        self.left_label.setStyleSheet(BADGE_STYLE.format(fg=fg, bg=bg))
        self.left_label.setText(clock_left_text(clock))
        self.left_label.setToolTip(clock_basis(clock))
        self.extension_model.set_rows(clock.extensions)
        fit_table(self.extension_table, 4, rows=3)
        self.extension_table.setVisible(bool(clock.extensions))
