"""The accounts table: columns over AccountRow and an accent-insensitive search filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.permissions import role_name
from centre_desk.services.dto import AccountRow
from centre_desk.text import fold
from centre_desk.ui.widgets.table_model import Column, RowTableModel

LOGIN, FULL_NAME, ROLES, STATUS, LOCKED, MUST_CHANGE = range(6)


def role_names(roles: frozenset[Role]) -> str:
    """Vietnamese role names in the order of the Role enum, joined with ", "."""
    return ", ".join(role_name(role) for role in Role if role in roles)


def status_text(row: AccountRow) -> str:
    return _("Active") if row.active else _("Disabled")


def account_columns() -> list[Column[AccountRow]]:
    return [
        Column(_("Login"), lambda r: r.login),
        Column(_("Full name"), lambda r: r.full_name, sort_key=lambda r: fold(r.full_name)),
        Column(_("Roles"), lambda r: role_names(r.roles)),
        Column(_("Status"), status_text, sort_key=lambda r: int(r.active)),
        Column(_("Sign-in locked"), lambda r: _("Locked") if r.locked else "", sort_key=lambda r: int(r.locked)),
        Column(
            _("Password"),
            lambda r: _("Must change at next sign-in") if r.must_change_password else "",
            sort_key=lambda r: int(r.must_change_password),
        ),
    ]


class AccountsModel(RowTableModel[AccountRow]):
    """Accounts; disabled ones in grey, locked logins in dark red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(account_columns(), parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (FULL_NAME, ROLES):
            return super().data(index, Qt.ItemDataRole.DisplayRole)  # in case the column is too narrow
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            row = self.row(index.row())
            if row.locked and index.column() == LOCKED:
                return Qt.GlobalColor.darkRed
            if not row.active:
                return Qt.GlobalColor.darkGray
            return None
        return super().data(index, role)


class AccountFilter(QSortFilterProxyModel):
    """Keeps the accounts whose login or full name contains the search text (accents ignored)."""

    def __init__(self, source: AccountsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._accounts = source
        self._needle = ""
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(" ".join(text.split()))
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        row = self._accounts.row(source_row)
        return self._needle in fold(row.login) or self._needle in fold(row.full_name)

    def account_at(self, proxy_row: int) -> AccountRow:
        return self._accounts.row(self.mapToSource(self.index(proxy_row, 0)).row())
