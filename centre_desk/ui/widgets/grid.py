"""Input grids that behave like a spreadsheet (family contacts, belongings).

`SheetView` works with any editable table model: Tab moves to the next cell and, from the last cell, to a new row
(never back to the start of the same row); Shift+Tab moves back; Enter confirms the cell being typed (and, on a
cell not being typed, starts typing in it); typing replaces the cell. Ctrl+Tab (Ctrl+Shift+Tab) leaves the grid,
as does Tab on a new row left empty, which is then removed. Ctrl+Delete removes the row. `cell_left` tells which
cell the cursor left, after its text was committed, so the form can check it.

`Grid` is a SheetView over plain text cells with its headings and a hint line, for forms that keep what is typed
as text (the admission wizard).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.i18n import _
from centre_desk.ui.login.parts import hint_label

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_Index = QModelIndex | QPersistentModelIndex


def grid_hint() -> str:
    return _(
        "Tab: next cell (a new row after the last) · Shift+Tab: back · Enter: confirm the cell · "
        "Ctrl+Delete: remove the row · Ctrl+Tab, or Tab on an empty new row: leave the table"
    )


def _direction(event: QKeyEvent) -> bool | None:
    """True for Tab, False for Shift+Tab (Backtab), None for any other key."""
    if event.key() == Qt.Key.Key_Backtab or (
        event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    ):
        return False
    return True if event.key() == Qt.Key.Key_Tab else None


class SheetDelegate(QStyledItemDelegate):
    """Tab, Shift+Tab and Enter in a cell being typed: commit the cell, close the editor, then let the sheet move."""

    def __init__(self, sheet: SheetView) -> None:
        super().__init__(sheet)
        self._sheet = sheet

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(watched, QWidget):
            forward = _direction(event)
            if forward is not None or event.key() in ENTER_KEYS:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                if forward is not None:
                    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                    self._sheet.leave(forward) if control else self._sheet.step(forward)
                return True
        return super().eventFilter(watched, event)


class SheetView(QTableView):
    """A table view with spreadsheet keys. `add_row()` appends a row and returns its number; `remove_row(row)`
    removes one; without them the grid neither grows nor shrinks. `spreadsheet` False makes Tab leave the table
    at once (for a grid shown read-only)."""

    cell_left = Signal(int, int)  # row, column
    grid_left = Signal()  # the focus went out of the grid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_row: Callable[[], int] | None = None
        self.remove_row: Callable[[int], None] | None = None
        self.spreadsheet = True
        self._blank: list[str] = []
        self.setItemDelegate(SheetDelegate(self))
        self.setTabKeyNavigation(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.AnyKeyPressed | triggers.EditKeyPressed | triggers.DoubleClicked)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 14)

    # -- moving -----------------------------------------------------------------------------------------------------

    def texts(self, row: int) -> list[str]:
        model = self.model()
        return [str(model.index(row, c).data(Qt.ItemDataRole.DisplayRole) or "") for c in range(model.columnCount())]

    def is_blank(self, row: int) -> bool:
        """Nothing typed in `row` (cells empty or as a new row starts them, e.g. a quantity of 1)."""
        blank = self._blank or [""] * self.model().columnCount()
        return all(text.strip() == "" or text == fresh for text, fresh in zip(self.texts(row), blank, strict=False))

    def append_row(self) -> int | None:
        """A new row at the end (None when this grid cannot grow)."""
        if self.add_row is None:
            return None
        row = self.add_row()
        if not self._blank:
            self._blank = self.texts(row)
        return row

    def _drop_if_blank(self, row: int) -> bool:
        if self.remove_row is None or row != self.model().rowCount() - 1 or not self.is_blank(row):
            return False
        self.remove_row(row)
        return True

    def step(self, forward: bool) -> None:
        """Tab (or Shift+Tab): the next (previous) cell, a new row after the last one, or out of the grid."""
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        current = self.currentIndex()
        if not current.isValid():
            if rows == 0 and (not forward or self.append_row() is None):
                self.leave(forward)
                return
            target = (0, 0) if forward else (model.rowCount() - 1, columns - 1)
        else:
            row, column = current.row(), current.column()
            if forward and self._drop_if_blank(row):
                self.leave(True)
                return
            if forward:
                new_row = None if column < columns - 1 or row < rows - 1 else self.append_row()
                if column < columns - 1:
                    target = (row, column + 1)
                elif row < rows - 1 or new_row is not None:
                    target = (row + 1, 0)
                else:
                    self.leave(True)
                    return
            elif column > 0:
                target = (row, column - 1)
            else:
                self._drop_if_blank(row)
                if row == 0:
                    self.leave(False)
                    return
                target = (row - 1, columns - 1)
        self.setCurrentIndex(model.index(*target))

    def leave(self, forward: bool) -> None:
        """Move the focus out of the grid, to the next (previous) field of the form."""
        current = self.currentIndex()
        if forward and current.isValid():
            self._drop_if_blank(current.row())
        QWidget.focusNextPrevChild(self, forward)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if not self.spreadsheet:
            return QWidget.focusNextPrevChild(self, forward)
        self.step(forward)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        forward = _direction(event)
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if forward is not None:
            self.leave(forward) if control or not self.spreadsheet else self.step(forward)
            return
        current = self.currentIndex()
        if event.key() in ENTER_KEYS and current.isValid() and self.spreadsheet:
            self.edit(current)
            return
        if event.key() == Qt.Key.Key_Delete and current.isValid() and self.spreadsheet:
            if control and self.remove_row is not None:
                self.remove_row(current.row())
            elif current.flags() & Qt.ItemFlag.ItemIsEditable:
                self.model().setData(current, "")
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tab (or the label's access key) in: the first cell, a first row if there is none; Shift+Tab in: the last
        cell."""
        super().focusInEvent(event)
        reasons = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)
        if not self.spreadsheet or event.reason() not in reasons:
            return
        model = self.model()
        if model.rowCount() == 0 and self.append_row() is None:
            return
        if event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
        else:
            self.setCurrentIndex(model.index(0, 0))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.state() == QAbstractItemView.State.EditingState:
            return  # into the cell's editor: still in the grid
        current = self.currentIndex()
        if current.isValid():
            self.cell_left.emit(current.row(), current.column())
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.grid_left.emit()

    def currentChanged(self, current: _Index, previous: _Index) -> None:
        super().currentChanged(current, previous)
        if previous.isValid() and (previous.row(), previous.column()) != (current.row(), current.column()):
            self.cell_left.emit(previous.row(), previous.column())


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """The Add / Remove buttons under a grid, on the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class Grid(QWidget):
    """Rows of text cells typed like a spreadsheet, with its keys in a hint line and mouse buttons to add and
    remove rows (the keyboard does both without them)."""

    edited = Signal()  # something typed, or a row with something in it removed

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        add_text: str,
        remove_text: str,
        widths: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """`columns`: (key, heading); a problem about "contact_2.phone" is about row 3, column "phone"."""
        super().__init__(parent)
        self.keys = [key for key, _heading in columns]
        headers = [heading for _key, heading in columns]
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(list(headers))
        self.table = SheetView()
        self.table.setModel(self.model)
        self.table.add_row = lambda: self.append([])
        self.table.remove_row = self._remove
        header = self.table.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.model.itemChanged.connect(self._on_item_changed)
        self.table.grid_left.connect(self.compact)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(remove_text)
        for button in (self.add_button, self.remove_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys above do both; Tab stays in the cells
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        layout.addWidget(hint_label(grid_hint()))
        layout.addLayout(button_row(self.add_button, self.remove_button))
        self.setFocusProxy(self.table)

    def rows(self) -> list[list[str]]:
        """Every row as typed (empty rows included: the user may still be filling them)."""
        return [self.table.texts(row) for row in range(self.model.rowCount())]

    def set_rows(self, rows: object) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for row in rows if isinstance(rows, list) else []:
            self.append([str(c) for c in row] if isinstance(row, list) else [])

    def append(self, cells: Sequence[str]) -> int:
        """A row at the end (`edited` stays quiet: an empty row is nothing typed)."""
        columns = self.model.columnCount()
        self.model.appendRow([QStandardItem(cells[c] if c < len(cells) else "") for c in range(columns)])
        return self.model.rowCount() - 1

    def filled_rows(self) -> list[int]:
        """The rows with something typed in them: the ones a form reads, counted from 0 in problems."""
        return [row for row in range(self.model.rowCount()) if not self.table.is_blank(row)]

    def compact(self) -> None:
        """Drop the rows left empty, so the rows shown are numbered as the problems number them."""
        for row in reversed(range(self.model.rowCount())):
            if self.table.is_blank(row):
                self.model.removeRow(row)

    def select_cell(self, field: str) -> None:
        """Make the cell a problem names ("belonging_1.quantity": the 2nd filled row, quantity) the current one."""
        found = re.search(r"_(\d+)\.(\w+)$", field)
        filled = self.filled_rows()
        if found is None or not filled:
            return
        row = filled[min(int(found.group(1)), len(filled) - 1)]
        column = self.keys.index(found.group(2)) if found.group(2) in self.keys else 0
        self.table.setCurrentIndex(self.model.index(row, column))

    def _remove(self, row: int) -> None:
        had_text = not self.table.is_blank(row)
        self.model.removeRow(row)
        if had_text:
            self.edited.emit()

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self.edited.emit()

    def _on_add_clicked(self) -> None:
        row = self.append([])
        index = self.model.index(row, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _on_remove_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0 and self.model.rowCount():
            row = self.model.rowCount() - 1
        if row >= 0:
            self._remove(row)
