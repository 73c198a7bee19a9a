"""One kind's entries on a resident's record: the list (a page at a time), the selected entry in full, and
the actions the user's permissions allow — New (Insert), Change (F2), Strike out (Delete), Earlier versions,
Open a restricted entry (break the glass). Everything comes from the kind's declaration; a kind that registered
screens of its own (ui/entries/forms.py) gets its own form and its own view of the selected entry.

The first page is read on a worker thread when the panel is first shown; writes go through the dialogs,
which call the service and close only when it took the entry.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import cast

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.dto import Cursor, EntryInput, EntryPage, EntryRow
from centre_desk.services.entries.kinds import EntryKind
from centre_desk.ui.entries.detail import entry_html, revisions_html
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.entries.forms import FormRequest, screens
from centre_desk.ui.entries.list_model import ALERT, EntryListModel
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.submit_dialog import SubmitDialog

log = logging.getLogger(__name__)
BANNER_AGE = timedelta(hours=24)
BANNER_STYLE = (
    "#entryBanner { background: #fbe3e1; color: #8c1d18; font-weight: bold; padding: 6px; border: 1px solid #e6a19b; }"
)
SIZE_ROWS = 30  # rows read to size the columns (all of them would take longer than the reading)


class EntryPanel(QWidget):
    changed = Signal(object)  # the EntryRow just written

    def __init__(self, service: EntryService, actor: Actor, kind: EntryKind, resident_id: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self.kind = kind
        self.resident_id = resident_id
        self.loaded = False
        self.loading = False
        self.model = EntryListModel(kind, self._fetch_more, self)
        self.new_button = QPushButton(_("&New…"))
        self.new_button.setToolTip(_("Write a new entry (Insert)"))
        self.change_button = QPushButton(_("C&hange…"))
        self.change_button.setToolTip(_("Correct the selected entry (F2); the earlier version is kept"))
        self.strike_button = QPushButton(_("Stri&ke out…"))
        self.strike_button.setToolTip(_("Mark the selected entry as written in error (Delete); it stays readable"))
        self.history_button = QPushButton(_("Earlier &versions…"))
        self.glass_button = QPushButton(_("Open restricted entry…"))
        self.glass_button.setToolTip(_("Read a restricted entry in an emergency: you must write why; the "
                                       "management reviews every such access"))  # fmt: skip
        self.banner = QLabel()
        self.banner.setObjectName("entryBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        self.count_label = QLabel()
        self.count_label.setObjectName("entryCount")
        widest = _("{shown} of {total} entries").format(shown="10.000", total="10.000")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest) + 4)
        self.table = QTableView()
        self.table.setObjectName(f"entries_{kind.code}")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_ROWS)  # fit the columns to the first rows
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("entryDetail")
        self.detail.setOpenLinks(False)
        bar = QHBoxLayout()
        for button in (self.new_button, self.change_button, self.strike_button, self.history_button,
                       self.glass_button):  # fmt: skip
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.can_create = actor.can(Action.CREATE, kind.group)
        self.can_edit = actor.can(Action.EDIT, kind.group)
        self.sees_restricted = actor.can(Action.VIEW, kind.restricted_group)
        self.new_button.setVisible(self.can_create)
        self.change_button.setVisible(self.can_edit)
        self.strike_button.setVisible(self.can_edit)
        self.glass_button.setVisible(not self.sees_restricted)
        for keys, slot in (("Insert", self.new_entry), ("F2", self.change_entry), ("Delete", self.strike_entry)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.table.doubleClicked.connect(lambda _i: self.change_entry())
        self.new_button.clicked.connect(self.new_entry)
        self.change_button.clicked.connect(self.change_entry)
        self.strike_button.clicked.connect(self.strike_entry)
        self.history_button.clicked.connect(self.show_history)
        self.glass_button.clicked.connect(self.break_glass)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded and not self.loading:
            self.reload()

    def reload(self) -> None:
        self.loading = True
        self.count_label.setText(_("Loading…"))
        service, actor, code, rid = self._service, self._actor, self.kind.code, self.resident_id
        run_task(self, lambda: service.page(actor, code, rid), self._on_loaded, self._on_failed)

    def _on_loaded(self, page: object) -> None:
        self.loading, self.loaded = False, True
        self.show_page(cast(EntryPage, page))

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.count_label.setText("")
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            log.error("entries of kind %s not read: %s", self.kind.code, type(exc).__name__)

    def show_page(self, page: EntryPage) -> None:
        self.model.set_page(page)
        self._update_count()
        self._update_banner()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.resizeColumnsToContents()
        else:
            self.detail.setHtml("<p>" + _("Nothing written yet.") + "</p>")

    def _fetch_more(self, cursor: Cursor) -> EntryPage:
        return self._service.page(self._actor, self.kind.code, self.resident_id, cursor)

    def _update_banner(self) -> None:
        """The newest entry needs attention (e.g. NEWS2 5 or more) and is less than a day old: say so on top."""
        newest = self.model.row(0) if self.model.rowCount() else None
        recent = newest is not None and newest.occurred_at >= datetime.now(UTC) - BANNER_AGE
        if newest is not None and recent and newest.flag:
            text = _("Needs attention — {when}: {what}").format(when=format_datetime(newest.occurred_at),
                                                                 what=newest.summary)  # fmt: skip
            self.banner.setText(ALERT + text)
        self.banner.setVisible(bool(newest is not None and recent and newest.flag))

    def _update_count(self) -> None:
        self.count_label.setText(_("{shown} of {total} entries").format(shown=self.model.rowCount(),
                                                                       total=self.model.total))  # fmt: skip

    def selected(self) -> EntryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.selected()
        self.detail.setHtml(self._html(row) if row is not None else "")
        self._update_buttons()

    def _html(self, row: EntryRow) -> str:
        """The entry in full: the kind's own view (ui/entries/forms.py) or the generic one."""
        own = screens(self.kind.code)
        if own is not None and own.detail is not None and not row.hidden:
            return own.detail(self.kind, row)
        return entry_html(self.kind, row)

    def _update_buttons(self) -> None:
        row = self.selected()
        editable = row is not None and not row.struck and not row.hidden
        self.change_button.setEnabled(editable)
        self.strike_button.setEnabled(editable)
        self.history_button.setEnabled(row is not None and not row.hidden and row.revisions > 0)
        self.glass_button.setEnabled(row is not None and row.hidden)

    def _show_row(self, row: EntryRow) -> None:
        number = self.model.replace(row)
        self.table.selectRow(number)
        self.detail.setHtml(self._html(row))
        self._update_count()
        self._update_banner()
        self._update_buttons()

    # -- writing ---------------------------------------------------------------------------------------------

    def set_read_only(self, closed: bool) -> None:
        """Her record is closed (she left the centre): no New, Change or Strike out; reopened, as allowed."""
        self.can_create = not closed and self._actor.can(Action.CREATE, self.kind.group)
        self.can_edit = not closed and self._actor.can(Action.EDIT, self.kind.group)
        self.new_button.setVisible(self.can_create)
        self.change_button.setVisible(self.can_edit)
        self.strike_button.setVisible(self.can_edit)

    def new_entry(self) -> None:
        if self.can_create:
            self._open_form(None)

    def change_entry(self) -> None:
        row = self.selected()
        if self.can_edit and row is not None and not row.struck and not row.hidden:
            self._open_form(row)

    def _open_form(self, row: EntryRow | None) -> None:
        service, actor, code, rid = self._service, self._actor, self.kind.code, self.resident_id
        entry_id, version = (row.id, row.version) if row is not None else (None, None)

        def submit(data: EntryInput) -> EntryRow:
            return service.save(actor, code, rid, entry_id, version, data)

        own = screens(code)
        dialog: SubmitDialog[EntryInput]
        if own is not None:  # a kind with a form of its own (ui/entries/forms.py)
            age_on = partial(service.age_on, actor, code, rid)
            lists = partial(service.choices, actor, code)
            dialog = own.form(FormRequest(self.kind, actor, self, submit, row, age_on, lists))
        else:
            dialog = EntryDialog(self.kind, actor, self, submit, row=row,
                                 preview=lambda data: service.preview(actor, code, rid, data))  # fmt: skip
        self._finish(dialog)

    def strike_entry(self) -> None:
        row = self.selected()
        if not self.can_edit or row is None or row.struck or row.hidden:
            return
        service, actor, code = self._service, self._actor, self.kind.code
        dialog = ReasonDialog(
            self, _("Strike out the entry"),
            _("The entry stays in the record, struck through, with your reason. Use this for an entry written "
              "about the wrong person or by mistake; to correct a detail, use Change."),
            _("&Why is it struck out?"), _("Strike out"),
            lambda reason: service.strike(actor, code, row.id, row.version, reason),
        )  # fmt: skip
        self._finish(dialog)

    def break_glass(self) -> None:
        row = self.selected()
        if row is None or not row.hidden:
            return
        service, actor, code = self._service, self._actor, self.kind.code
        dialog = ReasonDialog(
            self, _("Open a restricted entry"),
            _("This entry is restricted to nurses and the management. Open it only when the resident's health "
              "or safety needs it now. Your name, the time and your reason are recorded and the management "
              "reviews every such access."),
            _("&Why do you need to read it?"), _("Open the entry"),
            lambda reason: service.break_glass(actor, code, row.id, reason),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted and isinstance(dialog.outcome, EntryRow):
            self.detail.setHtml(self._html(dialog.outcome))  # shown once, never kept in the list

    def _finish(self, dialog: ReasonDialog | SubmitDialog[EntryInput]) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and isinstance(dialog.outcome, EntryRow):
            self._show_row(dialog.outcome)
            self.changed.emit(dialog.outcome)

    def show_history(self) -> None:
        row = self.selected()
        if row is None or row.hidden:
            return
        try:
            revisions = self._service.revisions(self._actor, self.kind.code, row.id)
        except UserError as exc:
            show_error(self, exc)
            return
        browser = QTextBrowser()
        browser.setHtml(revisions_html(self.kind, revisions))
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Earlier versions: {kind}").format(kind=self.kind.title_text()))
        QVBoxLayout(dialog).addWidget(browser)
        dialog.resize(640, 480)
        dialog.exec()
