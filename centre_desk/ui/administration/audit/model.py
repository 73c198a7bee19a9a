"""How audit rows read on screen: Vietnamese action, role and outcome names, the table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from centre_desk.i18n import N_, _
from centre_desk.models.staff import Role
from centre_desk.security.permissions import ACTION_NAMES, GROUP_NAMES, Action, FieldGroup, role_name
from centre_desk.services.audit_view import AuditRow
from centre_desk.ui.widgets.table_model import Column, RowTableModel

FAILED_COLOUR = QColor("#8b0000")  # dark red: readable on white, distinct from normal rows

# Sign-in and screen unlock are recorded under one action whatever happened; the outcome tells.
_ATTEMPTS = {
    ("login", "ok"): N_("Signed in"),
    ("login", "failed"): N_("Failed sign-in"),
    ("login", "throttled"): N_("Sign-in refused: too many attempts, waiting time"),
    ("login", "locked"): N_("Sign-in refused: login locked"),
    ("unlock", "ok"): N_("Unlocked the screen"),
    ("unlock", "failed"): N_("Failed screen unlock"),
    ("unlock", "throttled"): N_("Screen unlock refused: too many attempts, waiting time"),
    ("unlock", "locked"): N_("Screen unlock refused: login locked"),
}
ACTION_DESCRIPTIONS = {
    "account.created": N_("Created a staff account"),
    "account.updated": N_("Changed a staff account"),
    "account.viewed": N_("Opened a staff account"),
    "account.listed": N_("Listed the staff accounts"),
    "account.unlocked": N_("Unlocked a login"),
    "account.unlocked_by_recovery_key": N_("Unlocked a login with the recovery key"),
    "password.changed": N_("Changed own password"),
    "password.reset": N_("Reset a password"),
    "backup.created": N_("Made a backup"),
    "backup.verified": N_("Checked a backup"),
    "backup.restored": N_("Restored a backup"),
    "integrity.checked": N_("Checked the database"),
    "keys.recovered": N_("Restored the keys with the recovery key"),
    "database.initialised": N_("Created the database"),
    "centre.updated": N_("Changed the centre's details"),
    "setting.updated": N_("Changed a setting"),
    "audit.viewed": N_("Viewed the audit trail"),
    "audit.exported": N_("Exported the audit trail"),
}
OUTCOME_NAMES = {
    "ok": N_("Done"),
    "failed": N_("Failed"),
    "denied": N_("Refused"),
    "throttled": N_("Made to wait"),
    "locked": N_("Login locked"),
}
KNOWN_ACTIONS = ("login", "unlock", *ACTION_DESCRIPTIONS)
_ACTION_VALUES = frozenset(a.value for a in Action)
_ROLE_VALUES = frozenset(r.value for r in Role)
_GROUP_VALUES = frozenset(g.value for g in FieldGroup)


def describe_action(action: str, outcome: str = "ok") -> str:
    """A short description of a stored action code; the code itself when it is unknown."""
    attempt = _ATTEMPTS.get((action, outcome))
    if attempt is not None:
        return _(attempt)
    if action in ACTION_DESCRIPTIONS:
        return _(ACTION_DESCRIPTIONS[action])
    refused = action.removesuffix(".denied")
    if refused != action and refused:
        name = _(ACTION_NAMES[Action(refused)]) if refused in _ACTION_VALUES else refused
        return _("Refused: {action}").format(action=name)
    return action


def describe_roles(stored: str) -> str:
    """The comma-separated Role values of an audit row as Vietnamese role names."""
    names = []
    for value in (v.strip() for v in stored.split(",")):
        if value:
            names.append(role_name(Role(value)) if value in _ROLE_VALUES else value)
    return ", ".join(names)


def describe_outcome(outcome: str) -> str:
    return _(OUTCOME_NAMES[outcome]) if outcome in OUTCOME_NAMES else outcome


def describe_group(group: str) -> str:
    return _(GROUP_NAMES[FieldGroup(group)]) if group in _GROUP_VALUES else group


def describe_record(row: AuditRow) -> str:
    """The record as type:id, the form the record filter accepts."""
    if row.record_type and row.record_id:
        return f"{row.record_type}:{row.record_id}"
    return row.record_type or row.record_id


def local_time(row: AuditRow) -> str:
    return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def is_failure(row: AuditRow) -> bool:
    return row.outcome != "ok"


def audit_columns() -> list[Column[AuditRow]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_("No."), lambda r: r.seq, right),
        Column(_("Time"), local_time, sort_key=lambda r: r.at.timestamp()),
        Column(_("Login"), lambda r: r.login),
        Column(_("Role"), lambda r: describe_roles(r.role)),
        Column(_("Computer"), lambda r: r.workstation),
        Column(_("Action"), lambda r: describe_action(r.action, r.outcome)),
        Column(_("Record"), describe_record),
        Column(_("Field group"), lambda r: describe_group(r.field_group)),
        Column(_("Outcome"), lambda r: describe_outcome(r.outcome)),
    ]


OUTCOME_COLUMN = 8
ACTION_COLUMN = 5


class AuditTableModel(RowTableModel[AuditRow]):
    """Audit rows; anything that did not succeed is drawn in dark red, its outcome in bold."""

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
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ACTION_COLUMN:
            return row.action  # the stored code, which the action filter accepts
        return super().data(index, role)
