"""Staff account administration: the list of accounts and what a manager may do with them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, PermissionDenied, UserError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.accounts import AccountService
from centre_desk.services.dto import AccountRow, NewAccount
from centre_desk.ui.administration.users.account_dialog import AccountDialog, AccountValue
from centre_desk.ui.administration.users.form_parts import ERROR_STYLE, hint_label
from centre_desk.ui.administration.users.model import LOGIN, ROLES, AccountFilter, AccountsModel
from centre_desk.ui.administration.users.password_dialog import ResetPasswordDialog
from centre_desk.ui.events import AppEvents

log = logging.getLogger(__name__)

KIND = "account"


class UsersPage(QWidget):
    """The accounts table with search; buttons only for actors who may administer staff."""

    def __init__(self, accounts: AccountService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self._accounts = accounts
        self._actor = actor
        self._events = events
        self._emitting = False
        self.can_administer = actor.can(Action.ADMINISTER, FieldGroup.STAFF)

        title = QLabel(_("Staff accounts"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search by login or name…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search_edit)

        self.model = AccountsModel(self)
        self.proxy = AccountFilter(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LOGIN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROLES, QHeaderView.ResizeMode.Stretch)

        self.new_button = QPushButton(_("&New account…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.reset_button = QPushButton(_("Reset &password…"))
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setToolTip(_("Allow signing in again after too many failed attempts."))
        self.refresh_button = QPushButton(_("Re&fresh"))
        self.notice_label = hint_label("")
        self.notice_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(search_label)
        top.addWidget(self.search_edit)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        events.data_changed.connect(self._on_events_data_changed)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        """Reload the accounts, keeping (or moving) the selection by account id."""
        keep = select_id if select_id is not None else self._selected_id()
        try:
            rows = self._accounts.all_accounts(self._actor)
        except PermissionDenied:
            rows = []
            self._show_notice(_("Your account may not see the staff accounts."))
        except UserError as exc:
            self._show_status(exc.message, error=True)
            return
        else:
            if not self.can_administer:
                self._show_notice(_("You can see the accounts but not change them."))
        self.model.set_rows(rows)
        if keep is not None:
            self._select(keep)
        self._update_buttons()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.account_at(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        row = self.selected()
        return None if row is None else row.id

    def _select(self, account_id: int) -> None:
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.account_at(proxy_row).id == account_id:
                self.table.selectRow(proxy_row)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.new_button.setEnabled(self.can_administer)
        self.edit_button.setEnabled(self.can_administer and row is not None)
        self.reset_button.setEnabled(self.can_administer and row is not None)
        self.unlock_button.setEnabled(self.can_administer and row is not None and row.locked)

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(True)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    # -- writing ---------------------------------------------------------------------------------
    def _after_write(self, account_id: int | None, message: str) -> None:
        self.refresh(account_id)
        self._show_status(message)
        self._emitting = True
        try:
            self._events.data_changed.emit(KIND)
        finally:
            self._emitting = False

    def _submit_account(self, value: AccountValue) -> AccountRow:
        """One service call for the dialog; a Conflict always carries the stored account."""
        if isinstance(value, NewAccount):
            return self._accounts.create(self._actor, value)
        try:
            return self._accounts.update(self._actor, value)
        except Conflict as exc:
            if exc.current is None:  # a write raced ours at flush: fetch what is stored now
                raise Conflict(exc.message, current=self._accounts.get(self._actor, value.id)) from exc
            raise

    def new_account(self) -> None:
        saved: list[AccountRow] = []
        value = AccountDialog.ask(self, None, lambda v: saved.append(self._submit_account(v)))
        if value is None or not saved:
            return
        log.info("account %s created", saved[-1].id)
        self._after_write(
            saved[-1].id,
            _("Account {login} created. The person must choose a new password at the first sign-in.").format(
                login=saved[-1].login
            ),
        )

    def edit_account(self) -> None:
        row = self.selected()
        if row is None:
            return
        saved: list[AccountRow] = []
        value = AccountDialog.ask(self, row, lambda v: saved.append(self._submit_account(v)))
        if value is None or not saved:
            return
        self._after_write(saved[-1].id, _("Account {login} saved.").format(login=saved[-1].login))

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        version = [row.version]

        def submit(password: str) -> None:
            try:
                self._accounts.reset_password(self._actor, row.id, version[0], password)
            except Conflict as exc:
                current = (
                    exc.current if isinstance(exc.current, AccountRow) else self._accounts.get(self._actor, row.id)
                )
                version[0] = current.version
                raise Conflict(
                    _(
                        "This account was changed by someone else after the list was loaded. "
                        "Check that it is still the right person, then press Reset password again."
                    ),
                    current=current,
                ) from exc

        if ResetPasswordDialog.ask(self, row, submit) is None:
            return
        self._after_write(
            row.id,
            _("The password of {login} has been reset. They must choose a new password at their next sign-in.").format(
                login=row.login
            ),
        )

    def unlock(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self._accounts.unlock(self._actor, row.login)
        except UserError as exc:
            self._show_status(exc.message, error=True)
            return
        self._after_write(row.id, _("{login} can sign in again.").format(login=row.login))

    # -- slots -----------------------------------------------------------------------------------
    def _on_search_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_buttons()

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        if self.can_administer:
            self.edit_account()

    def _on_new_button_clicked(self) -> None:
        self.new_account()

    def _on_edit_button_clicked(self) -> None:
        self.edit_account()

    def _on_reset_button_clicked(self) -> None:
        self.reset_password()

    def _on_unlock_button_clicked(self) -> None:
        self.unlock()

    def _on_refresh_button_clicked(self) -> None:
        self._show_status("")
        self.refresh()

    def _on_events_data_changed(self, kind: str) -> None:
        if kind == KIND and not self._emitting:
            self.refresh()
