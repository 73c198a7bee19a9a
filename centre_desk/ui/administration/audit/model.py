"""How audit rows read on screen: the phrases of services/audit_terms.py in a table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from centre_desk.i18n import _
from centre_desk.services.audit_terms import (
    describe_action,
    describe_group,
    describe_outcome,
    describe_roles,
    record_code,
)
from centre_desk.services.audit_view import AuditRow
from centre_desk.ui.widgets.table_model import Column, RowTableModel

FAILED_COLOUR = QColor("#8b0000")  # dark red: readable on white, distinct from normal rows


def local_time(row: AuditRow) -> str:
    return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def is_failure(row: AuditRow) -> bool:
    return row.outcome != "ok"


def action_text(row: AuditRow) -> str:
    return describe_action(row.action, row.outcome, row.field_group)


def audit_columns() -> list[Column[AuditRow]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_("No."), lambda r: r.seq, right),
        Column(_("Time"), local_time, sort_key=lambda r: r.at.timestamp()),
        Column(_("Login"), lambda r: r.login),
        Column(_("Action"), action_text),
        Column(_("Record"), lambda r: r.record),
        Column(_("Kind of information"), lambda r: describe_group(r.field_group)),
        Column(_("Outcome"), lambda r: describe_outcome(r.outcome)),
        Column(_("Role"), lambda r: describe_roles(r.role)),
        Column(_("Computer"), lambda r: r.workstation),
    ]


# a register's order: who, did what, to which record, with what outcome; then from where
LOGIN_COLUMN = 2
ACTION_COLUMN = 3
RECORD_COLUMN = 4
OUTCOME_COLUMN = 6
ROLE_COLUMN = 7
WIDEST = 240  # px: longer phrases are elided, the whole text is in the tooltip


class AuditTableModel(RowTableModel[AuditRow]):
    """Audit rows; anything that did not succeed is drawn in dark red, its outcome in bold.

    The tooltips of the action and the record give the stored codes (as in the CSV export)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(audit_columns(), parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(FAILED_COLOUR) if is_failure(row) else None
        if role == Qt.ItemDataRole.FontRole and index.column() == OUTCOME_COLUMN and is_failure(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column(), super().data(index, Qt.ItemDataRole.DisplayRole))
        return super().data(index, role)

    @staticmethod
    def _tooltip(row: AuditRow, column: int, shown: str) -> str | None:
        """The whole text (a long phrase may be elided) and, for the action and the record, the stored code."""
        if column == ACTION_COLUMN:
            return f"{shown}\n" + _("Code: {code}").format(code=row.action)
        if column == RECORD_COLUMN and row.record_type:
            return f"{shown}\n" + _("Code: {code}").format(code=record_code(row.record_type, row.record_id))
        return shown or None
