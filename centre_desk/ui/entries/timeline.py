"""The Timeline tab: everything that happened to the resident, newest first, as far as the user may see —
entries of every kind (a restricted one as "Restricted entry", without content), the admission, beds and
presence. Read a page at a time; a filter keeps one source."""

from __future__ import annotations

import logging
import re
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.dto import TimelineItem, TimelinePage
from centre_desk.services.entries.kinds import kind
from centre_desk.ui.entries.detail import entry_html
from centre_desk.ui.entries.list_model import ALERT, line_style
from centre_desk.ui.errors import show_error
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)
SIZE_ROWS = 30  # rows read to size the columns (all of them would take longer than the reading)
_Index = QModelIndex | QPersistentModelIndex
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelineModel(QAbstractTableModel):
    def __init__(self, service: EntryService, actor: Actor, resident_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._service, self._actor, self._resident = service, actor, resident_id
        self.items: list[TimelineItem] = []
        self._next: Any = None
        self._titles = [_("When"), _("What"), _("Details"), _("Written by")]

    def set_page(self, page: TimelinePage) -> None:
        self.beginResetModel()
        self.items, self._next = list(page.items), page.next
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._next is None:
            return
        page = self._service.timeline(self._actor, self._resident, self._next)
        if page.items:
            self.beginInsertRows(QModelIndex(), len(self.items), len(self.items) + len(page.items) - 1)
            self.items += page.items
            self.endInsertRows()
        self._next = page.next

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            struck = _("Struck out") + ": " if item.struck and index.column() == 2 else ""
            texts = ((ALERT if item.flag else "") + format_datetime(item.at), item.title, struck + item.text, item.by)
            return texts[index.column()]
        if role == SOURCE_ROLE:
            return item.source
        return line_style(role, item.hidden, item.struck, item.flag)


class TimelineTab(QWidget):
    def __init__(self, service: EntryService, actor: Actor, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor, self.resident_id = service, actor, resident_id
        self.loaded = self.loading = False
        self.model = TimelineModel(service, actor, resident_id, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SOURCE_ROLE)
        self.filter = QComboBox()
        self.filter.setObjectName("timelineFilter")
        self.filter.addItem(_("Everything"), "")
        for declared in service.kinds_for(actor):
            self.filter.addItem(_(declared.plural), declared.code)
        for code, title in (("admission", _("Admission")), ("lodging", _("Bed")), ("presence", _("Presence"))):
            self.filter.addItem(title, code)
        label = QLabel(_("&Show:"))
        label.setBuddy(self.filter)
        self.status = QLabel()
        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_ROWS)  # fit the columns to the first rows
        self.table.horizontalHeader().setStretchLastSection(False)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.filter.currentIndexChanged.connect(self._on_filter)
        self.table.activated.connect(self._open)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded and not self.loading:
            self.reload()

    def reload(self) -> None:
        self.loading = True
        self.status.setText(_("Loading…"))
        service, actor, rid = self._service, self._actor, self.resident_id
        run_task(self, lambda: service.timeline(actor, rid), self._on_loaded, self._on_failed)

    def _on_loaded(self, page: object) -> None:
        self.loading, self.loaded = False, True
        self.model.set_page(cast(TimelinePage, page))
        self.status.setText("")
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.status.setText("")
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            log.error("timeline not read: %s", type(exc).__name__)

    def _open(self, index: QModelIndex) -> None:
        """Enter or a double click on an entry: the entry in full (read again, audited) in a small window."""
        item = self.model.items[self.proxy.mapToSource(index).row()]
        if not item.kind:
            return
        try:
            row = self._service.get(self._actor, item.kind, item.entry_id)
        except UserError as exc:
            show_error(self, exc)
            return
        browser = QTextBrowser()
        browser.setHtml(entry_html(kind(item.kind), row))
        dialog = QDialog(self)
        dialog.setWindowTitle(item.title)
        QVBoxLayout(dialog).addWidget(browser)
        dialog.resize(640, 480)
        dialog.exec()

    def _on_filter(self) -> None:
        code = str(self.filter.currentData() or "")
        self.proxy.setFilterRegularExpression(f"^{re.escape(code)}$" if code else "")
