"""A small editable grid (family contacts, belongings) with Add and Remove buttons.

It is an input grid, not a data list: plain QTableWidget cells holding what is typed. Tab leaves the
grid (arrows move between cells, typing or F2 edits); "Add a row" adds a row and starts typing in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class RowsEditor(QWidget):
    edited = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        add_text: str,
        remove_text: str,
        widths: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 14)
        header = self.table.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(self.edited)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(remove_text)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)

    def rows(self) -> list[list[str]]:
        """Every row as typed (empty rows included: the user may still be filling them)."""
        result = []
        for row in range(self.table.rowCount()):
            cells = []
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                cells.append(item.text() if item is not None else "")
            result.append(cells)
        return result

    def set_rows(self, rows: object) -> None:
        self.table.setRowCount(0)
        for row in rows if isinstance(rows, list) else []:
            self.append([str(c) for c in row] if isinstance(row, list) else [])

    def append(self, cells: Sequence[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = cells[column] if column < len(cells) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
        return row

    def _on_add_clicked(self) -> None:
        row = self.append([])
        index = self.table.model().index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(index)
        self.edited.emit()

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0 and self.table.rowCount():
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()
