"""The list of one kind's entries: columns from the kind's declaration, newest first, a page at a time.

The first page comes with the tab; the view asks for more as the user scrolls to the end (`fetchMore`),
so a resident with ten thousand notes opens as fast as one with ten. A restricted entry the user may not
open shows "Restricted entry" and nothing else; a struck-out one is struck through; one needing attention
starts with "⚠" and is red (the sign says it, not the colour alone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.services.entries.dto import Cursor, EntryPage, EntryRow
from centre_desk.services.entries.fields import show
from centre_desk.services.entries.kinds import EntryKind

_Index = QModelIndex | QPersistentModelIndex
ALERT = "⚠ "
ALERT_COLOUR, STRUCK_COLOUR, HIDDEN_COLOUR = "#b3261e", "#777777", "#5a5a5a"
FetchPage = Callable[[Cursor], EntryPage]


def line_style(role: int, hidden: bool, struck: bool, flag: bool) -> Any:
    """The colour and font of an entry's line, in a kind's list and on the Timeline alike: grey italics when
    restricted, grey struck through when struck out, red when it needs attention."""
    if role == Qt.ItemDataRole.ForegroundRole:
        if hidden:
            return QColor(HIDDEN_COLOUR)
        if struck:
            return QColor(STRUCK_COLOUR)
        return QColor(ALERT_COLOUR) if flag else None
    if role == Qt.ItemDataRole.FontRole and (struck or hidden):
        font = QFont()
        font.setStrikeOut(struck)
        font.setItalic(hidden)
        return font
    return None


def restricted_text() -> str:
    return _("Restricted entry")


class EntryListModel(QAbstractTableModel):
    def __init__(self, kind: EntryKind, fetch: FetchPage, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._fetch = fetch
        self._fields = [f for f in kind.fields if f.in_list]
        self._rows: list[EntryRow] = []
        self._texts: list[list[str]] = []  # the cells' words, made once per row (views ask many times)
        self._next: Cursor | None = None
        self.total = 0
        heads = [_(f.label) + (f" ({_(f.unit)})" if f.unit else "") for f in self._fields]
        self._titles = [_("When"), *heads, _("Summary"), _("Written by")]

    # -- filling ---------------------------------------------------------------------------------------------

    def set_page(self, page: EntryPage) -> None:
        self.beginResetModel()
        self._rows = list(page.rows)
        self._texts = [self._row_texts(r) for r in self._rows]
        self._next = page.next
        self.total = page.total
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._next is None:
            return
        page = self._fetch(self._next)
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page.rows) - 1)
        self._rows += page.rows
        self._texts += [self._row_texts(r) for r in page.rows]
        self._next = page.next
        self.endInsertRows()

    def row(self, index: int) -> EntryRow:
        return self._rows[index]

    def replace(self, updated: EntryRow) -> int:
        """Put a saved entry in place (or first, when new); its row number."""
        for number, row in enumerate(self._rows):
            if row.id == updated.id:
                self._rows[number] = updated
                self._texts[number] = self._row_texts(updated)
                self.dataChanged.emit(self.index(number, 0), self.index(number, self.columnCount() - 1))
                return number
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, updated)
        self._texts.insert(0, self._row_texts(updated))
        self.total += 1
        self.endInsertRows()
        return 0

    # -- showing ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[section]
        return None

    def _row_texts(self, row: EntryRow) -> list[str]:
        return [self.text(row, column) for column in range(len(self._titles))]

    def text(self, row: EntryRow, column: int) -> str:
        if column == 0:
            return (ALERT if row.flag else "") + format_datetime(row.occurred_at)
        if column == len(self._titles) - 1:
            return row.recorded_by
        if row.hidden:
            return restricted_text() if column == 1 else ""
        if column == len(self._titles) - 2:
            struck = _("Struck out: {reason}").format(reason=row.struck_reason) + " – " if row.struck else ""
            return struck + self.kind.brief(dict(row.values))
        field = self._fields[column - 1]
        return show(field, row.value(field.name), unit=False)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        return line_style(role, row.hidden, row.struck, row.flag)
