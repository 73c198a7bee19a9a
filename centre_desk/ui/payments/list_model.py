"""The payments of a list with the outcome being recorded: the first column is a tick (paid), the others read the
payment. Ticking sets the outcome "paid"; untick puts back what was stored (or "planned" for a payment stored as
paid); `set_outcome` sets refused or not collected for the rows chosen. Nothing is written until the page records
the list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from centre_desk.formatting import format_date, format_number
from centre_desk.i18n import N_, _
from centre_desk.services.entries.fields import label
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import ListLine, Outcome

_Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _period(line: ListLine) -> str:
    if line.period_from is None or line.period_to is None:
        return ""
    return f"{format_date(line.period_from)}–{format_date(line.period_to)}"


COLUMNS: tuple[tuple[str, Callable[[ListLine], str] | None], ...] = (
    (N_("Paid"), None),  # the tick
    (N_("Code"), lambda line: line.code),
    (N_("Full name"), lambda line: line.name),
    (N_("Support"), lambda line: f"{terms.letter(line.category)}) {label(terms.CATEGORIES, line.category)}"),
    (N_("Date"), lambda line: format_date(line.day)),
    (N_("Period covered"), _period),
    (N_("Amount (đ)"), lambda line: format_number(line.amount)),
    (N_("Source of funds"), lambda line: label(terms.SOURCES, line.source)),
    (N_("Outcome"), None),  # the outcome being recorded
)
AMOUNT, OUTCOME = 6, len(COLUMNS) - 1


class PaymentLinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[ListLine] = []
        self._outcome: dict[int, str] = {}

    def set_lines(self, lines: Iterable[ListLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._outcome = {line.payment_id: line.status for line in self._lines}
        self.endResetModel()

    def line(self, row: int) -> ListLine:
        return self._lines[row]

    def outcome(self, row: int) -> str:
        return self._outcome[self._lines[row].payment_id]

    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(Outcome(line.payment_id, line.version, self._outcome[line.payment_id]) for line in self._lines)

    def changed(self) -> bool:
        return any(self._outcome[line.payment_id] != line.status for line in self._lines)

    def totals(self) -> dict[str, int]:
        """The amount per outcome being recorded."""
        found = {status: 0 for status, _text in terms.STATUSES}
        for line in self._lines:
            found[self._outcome[line.payment_id]] += line.amount
        return found

    def set_outcome(self, rows: Iterable[int], status: str) -> None:
        for row in rows:
            self._outcome[self._lines[row].payment_id] = status
            self.dataChanged.emit(self.index(row, 0), self.index(row, OUTCOME))

    # --- Qt ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][0])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        status = self._outcome[line.payment_id]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if status == terms.PAID else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == OUTCOME:
                return label(terms.STATUSES, status)
            value = COLUMNS[column][1]
            return value(line) if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(RIGHT)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        line = self._lines[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        stored = line.status if line.status != terms.PAID else terms.PLANNED
        self.set_outcome([index.row()], terms.PAID if ticked else stored)
        return True
