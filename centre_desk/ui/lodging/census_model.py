"""The census table: one row a resident, grouped by room (the room is written on the first row of its group,
groups shaded in turn), presence in text and colour, an overdue leave pass shown on its whole row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from centre_desk.formatting import format_datetime
from centre_desk.i18n import N_, _
from centre_desk.services.lodging.dto import CensusRow
from centre_desk.text import fold
from centre_desk.ui.lodging.census_terms import OVERDUE_TINT, is_overdue, presence_text, presence_tint

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_SHADE = "#f4f6f9"  # every other room


def room_text(row: CensusRow) -> str:
    if row.room_id is None:
        return _("No bed assigned")
    return f"{row.building} · {row.room_name}" if row.building else row.room_name


def _age(row: CensusRow) -> str:
    return "" if row.age is None else str(row.age)


def _back(row: CensusRow) -> str:
    return format_datetime(row.leave.expected_back_at) if row.leave is not None else ""


def note_text(row: CensusRow) -> str:
    """The pass (reason, companion, destination) for a resident on leave, else the note of her presence."""
    if row.leave is None:
        return row.note
    parts = [row.leave.reason]
    if row.leave.companion:
        parts.append(_("with {companion}").format(companion=row.leave.companion))
    if row.leave.destination:
        parts.append(_("to {destination}").format(destination=row.leave.destination))
    return "; ".join(p for p in parts if p)


@dataclass(frozen=True)
class CensusColumn:
    key: str
    title: str
    value: Callable[[CensusRow], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


COLUMNS = (
    CensusColumn("room", N_("Room"), room_text),
    CensusColumn("bed", N_("Bed"), lambda r: r.bed_label),
    CensusColumn("code", N_("Code"), lambda r: r.code),
    CensusColumn("label", N_("Full name"), lambda r: r.label),
    CensusColumn("age", N_("Age"), _age, Qt.AlignmentFlag.AlignRight),
    CensusColumn("presence", N_("Presence"), presence_text),
    CensusColumn("since", N_("Since"), lambda r: format_datetime(r.since)),
    CensusColumn("back", N_("Expected back"), _back),
    CensusColumn("note", N_("Reason / note"), note_text),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
PRESENCE_COLUMN = COLUMN_KEYS.index("presence")


def matches(row: CensusRow, search: str) -> bool:
    """Accent-blind: "my" finds "Giàng Thị Mỷ"; the code too."""
    wanted = fold(search).strip()
    return not wanted or wanted in fold(row.label) or wanted in fold(row.code)


class CensusModel(QAbstractTableModel):
    def __init__(self, *, names_shown: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names_shown = names_shown
        self._rows: list[CensusRow] = []
        self._first_of_room: list[bool] = []
        self._shaded: list[bool] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes: dict[str, QBrush] = {}

    def set_rows(self, rows: Sequence[CensusRow], names_shown: bool | None = None) -> None:
        self.beginResetModel()
        if names_shown is not None:
            self._names_shown = names_shown
        self._rows = list(rows)
        self._first_of_room, self._shaded = [], []
        shade, previous = True, object()
        for row in self._rows:
            first = row.room_id != previous
            shade = not shade if first else shade
            previous = row.room_id
            self._first_of_room.append(first)
            self._shaded.append(shade)
        self.endResetModel()

    def row(self, number: int) -> CensusRow:
        return self._rows[number]

    def rows(self) -> list[CensusRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _brush(self, colour: str) -> QBrush:
        if colour not in self._brushes:
            self._brushes[colour] = QBrush(QColor(colour))
        return self._brushes[colour]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        presence = index.column() == PRESENCE_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            if column.key == "room" and not self._first_of_room[index.row()]:
                return ""
            return column.value(row)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.value(row) or None
        if role == ID_ROLE:
            return row.resident_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if presence:
                return self._brush(presence_tint(row).background)
            if is_overdue(row):
                return self._brush(OVERDUE_TINT.background)
            return self._brush(GROUP_SHADE) if self._shaded[index.row()] else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if presence or is_overdue(row):
                return self._brush(presence_tint(row).text)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if (presence and is_overdue(row)) or (column.key == "room" and self._first_of_room[index.row()]):
                return self._bold
            return None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            key = COLUMNS[section].key
            if key == "label" and not self._names_shown:
                return _("Alias")
            return _(COLUMNS[section].title)
        return None
