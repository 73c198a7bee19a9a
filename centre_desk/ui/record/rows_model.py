"""A small editable table (contacts, belongings): text and whole-number cells, rows added and removed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.i18n import _
from centre_desk.ui.widgets.grid import SheetView, button_row

_Index = QModelIndex | QPersistentModelIndex
Cell = str | int


@dataclass(frozen=True)
class EditColumn:
    title: str
    numeric: bool = False
    default: Cell = ""


class EditableRowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[EditColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[list[Cell]] = []
        self.editable = False

    def set_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[Cell, ...]]:
        return [tuple(r) for r in self._rows]

    def add_row(self) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append([c.default for c in self._columns])
        self.endInsertRows()
        return position

    def remove_row(self, position: int) -> None:
        if 0 <= position < len(self._rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value if role == Qt.ItemDataRole.EditRole else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.editable or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if self._columns[index.column()].numeric:
            try:
                value = int(value)
            except (TypeError, ValueError):
                return False
        else:
            value = "" if value is None else str(value)
        self._rows[index.row()][index.column()] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class RowsEditor(QWidget):
    """The table with Add row / Remove row buttons that appear while editing."""

    def __init__(self, columns: Sequence[EditColumn], add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EditableRowsModel(columns, self)
        self.table = SheetView()  # Tab moves from cell to cell while editing (a new row after the last)
        self.table.setModel(self.model)
        self.table.add_row = self.model.add_row
        self.table.remove_row = self.model.remove_row
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(200)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(columns):
            if column.numeric:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(_("Remove row"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(button_row(self.add_button, self.remove_button))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.set_editable(False)

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        self.table.spreadsheet = editable
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if editable
            else triggers.NoEditTriggers
        )
        self.add_button.setVisible(editable)
        self.remove_button.setVisible(editable)

    def _on_add_button_clicked(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def _on_remove_button_clicked(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.model.remove_row(current.row())
