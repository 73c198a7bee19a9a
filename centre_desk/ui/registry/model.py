"""RegistryModel: a lazy table over the registry — it knows the count and fetches blocks of rows
from the service as the view asks for them (never all 100,000)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from centre_desk.errors import UserError
from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.models.resident import Sex
from centre_desk.services.registry import COUNT_LIMIT, RegistryRow, channel_name, presence_name, victim_status_name

log = logging.getLogger(__name__)

BLOCK = 200
MAX_BLOCKS = 25  # rows kept in memory: at most 5,000
ID_ROLE = Qt.ItemDataRole.UserRole
MARK_COLOUR = QColor("#8b0000")
_Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], list[RegistryRow]]

SEX_NAMES = {Sex.FEMALE: N_("Female"), Sex.MALE: N_("Male"), Sex.OTHER: N_("Other")}


def _sex(value: str) -> str:
    try:
        return _(SEX_NAMES[Sex(value)])
    except ValueError:
        return value


def marks(row: RegistryRow) -> str:
    """Short badges: child (under 16) or under 18, pupil or student, readmission."""
    found = []
    if row.is_child:
        found.append(_("Child"))
    elif row.is_minor:
        found.append(_("Under 18"))
    if row.is_pupil:
        found.append(_("Pupil"))
    if row.is_readmission:
        found.append(_("Readmitted"))
    return " · ".join(found)


@dataclass(frozen=True)
class RegistryColumn:
    key: str  # stable, remembered in the settings
    title: str  # an N_() source string
    value: Callable[[RegistryRow], str]
    shown: bool = True  # by default
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


def _local_date(value: datetime | None) -> str:
    return "" if value is None else format_date(value.astimezone().date())


def _year(value: int | None) -> str:
    return "" if value is None else str(value)


COLUMNS = (
    RegistryColumn("code", N_("Code"), lambda r: r.code),
    RegistryColumn("name", N_("Full name"), lambda r: r.name),
    RegistryColumn("marks", N_("Notes"), marks),
    RegistryColumn("alias", N_("Alias"), lambda r: r.alias, shown=False),
    RegistryColumn("sex", N_("Sex"), lambda r: _sex(r.sex), shown=False),
    RegistryColumn("birth_year", N_("Born"), lambda r: _year(r.birth_year), align=Qt.AlignmentFlag.AlignRight),
    RegistryColumn("age", N_("Age"), lambda r: _year(r.age), align=Qt.AlignmentFlag.AlignRight),
    RegistryColumn("ethnic_group", N_("Ethnic group"), lambda r: r.ethnic_group),
    RegistryColumn("home_commune", N_("Home commune"), lambda r: r.home_commune),
    RegistryColumn("home_province", N_("Province"), lambda r: r.home_province, shown=False),
    RegistryColumn("arrived_at", N_("Arrived"), lambda r: _local_date(r.arrived_at)),
    RegistryColumn("channel", N_("Channel"), lambda r: channel_name(r.channel) if r.channel else ""),
    RegistryColumn("status", N_("Status"), lambda r: presence_name(r.status)),
    RegistryColumn("victim_status", N_("Victim status"), lambda r: victim_status_name(r.victim_status), shown=False),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
NAME_COLUMN = COLUMN_KEYS.index("name")
MARKS_COLUMN = COLUMN_KEYS.index("marks")


class RegistryModel(QAbstractTableModel):
    """Rows come in blocks of BLOCK from `fetch(offset, limit)`; the first block arrives with the count. A count
    beyond COUNT_LIMIT means "more": the table then grows a block at a time as the view scrolls to its end."""

    fetch_failed = Signal(object)  # the exception of a block that could not be read

    def __init__(self, fetch: Fetch, *, names_shown: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._names_shown = names_shown
        self._count = 0
        self._more = False  # rows beyond the count, fetched as the view scrolls (canFetchMore)
        self._blocks: OrderedDict[int, list[RegistryRow]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._mark_brush = QBrush(MARK_COLOUR)

    def reset(self, fetch: Fetch, count: int, first: list[RegistryRow]) -> None:
        """A new listing: its count and first block (read together, off the UI thread)."""
        self.beginResetModel()
        self._fetch = fetch
        self._more = count > COUNT_LIMIT
        self._count = COUNT_LIMIT - COUNT_LIMIT % BLOCK if self._more else max(count, len(first))
        self._blocks.clear()
        self._blocks[0] = first
        self.endResetModel()

    def cached_blocks(self) -> int:
        return len(self._blocks)

    def row_at(self, row: int) -> RegistryRow | None:
        if not 0 <= row < self._count:
            return None
        block = self._block(row // BLOCK)
        offset = row % BLOCK
        return block[offset] if offset < len(block) else None

    def _block(self, number: int) -> list[RegistryRow]:
        found = self._blocks.get(number)
        if found is not None:
            self._blocks.move_to_end(number)
            return found
        try:
            found = self._fetch(number * BLOCK, BLOCK)
        except UserError as exc:  # e.g. the account was disabled meanwhile: shown by the page
            found = []
            self.fetch_failed.emit(exc)
        self._blocks[number] = found
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return found

    def is_complete(self) -> bool:
        """Whether every matching row is counted (else the count is a lower bound)."""
        return not self._more

    # -- Qt ---------------------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        block = self._block(self._count // BLOCK)  # while there are more, the count ends a block
        self._more = len(block) == BLOCK
        if block:
            self.beginInsertRows(QModelIndex(), self._count, self._count + len(block) - 1)
            self._count += len(block)
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.ForegroundRole, ID_ROLE):  # fmt: skip
            return None
        row = self.row_at(index.row())
        if row is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == ID_ROLE:
            return row.resident_id
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if index.column() == NAME_COLUMN and row.is_minor else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._mark_brush if index.column() == MARKS_COLUMN and row.is_readmission else None
        if index.column() == MARKS_COLUMN and row.is_readmission:
            return _("Admitted before: a readmission may mean the person was trafficked again.")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return column_title(COLUMNS[section], self._names_shown)


def column_title(column: RegistryColumn, names_shown: bool) -> str:
    if column.key == "name" and not names_shown:
        return _("Alias")
    return _(column.title)
