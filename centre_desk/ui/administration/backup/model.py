"""How backups read on screen: kinds in Vietnamese, sizes in MB, times in local dd/mm/yyyy HH:MM."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from centre_desk.formatting import format_datetime, format_number
from centre_desk.i18n import N_, _
from centre_desk.services.dto import BackupFile
from centre_desk.ui.widgets.table_model import Column, RowTableModel

KIND_NAMES = {
    "daily": N_("Daily"),
    "pre-migration": N_("Before an update"),
    "manual": N_("Manual"),
    "before-restore": N_("Before a restore"),
}
_MB = 1024 * 1024


def describe_kind(kind: str) -> str:
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def format_size(size_bytes: int) -> str:
    """Megabytes with Vietnamese separators; small files show at least 0,1 MB."""
    megabytes = size_bytes / _MB
    if 0 < megabytes < 0.1:
        megabytes = 0.1
    return _("{size} MB").format(size=format_number(megabytes, 1))


def backup_time(path: Path) -> datetime:
    """When a backup file was made: from its name (centre-YYYYMMDD-HHMMSS) or else its file time."""
    try:
        return datetime.strptime(path.stem.removeprefix("centre-"), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def backup_columns() -> list[Column[BackupFile]]:
    return [
        Column(_("Created"), lambda b: format_datetime(b.created_at), sort_key=lambda b: b.created_at.timestamp()),
        Column(_("Kind"), lambda b: describe_kind(b.kind)),
        Column(_("Size"), lambda b: format_size(b.size_bytes), Qt.AlignmentFlag.AlignRight, lambda b: b.size_bytes),
        Column(_("File name"), lambda b: b.path.name),
    ]


class BackupTableModel(RowTableModel[BackupFile]):
    """Known backups; the full path of each file is its tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(backup_columns(), parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < self.rowCount():
            return str(self.row(index.row()).path)
        return super().data(index, role)
