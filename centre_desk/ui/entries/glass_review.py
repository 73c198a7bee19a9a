"""Administration → Restricted entries opened: every time someone opened a restricted entry without the
right ("breaking the glass"), with their reason, for the manager to review — justified, or not (with a
note). Reviews are kept and never changed; the reviewed ones stay listed with "Show reviewed too"."""

from __future__ import annotations

import logging
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.dto import GlassBreakRow
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)


def review_text(row: GlassBreakRow) -> str:
    if not row.reviewed:
        return _("Not reviewed")
    verdict = _("Justified") if row.justified else _("Not justified")
    return f"{verdict} ({row.reviewed_by})" + (f": {row.review_note}" if row.review_note else "")


def columns() -> list[Column[GlassBreakRow]]:
    return [
        Column(_("When"), lambda r: format_datetime(r.at), sort_key=lambda r: r.at.timestamp()),
        Column(_("Who"), lambda r: r.by),
        Column(_("Resident code"), lambda r: r.resident_code),
        Column(_("Entry"), lambda r: r.kind_title),
        Column(_("Reason given"), lambda r: r.reason),
        Column(_("Review"), review_text),
    ]


class GlassReviewPage(QWidget):
    def __init__(self, entries: EntryService, actor: Actor, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries, self._actor = entries, actor
        self.loading = False
        intro = QLabel(_("Each line is a restricted entry opened by someone without the right, with the reason "
                         "they wrote. Review each one: justified, or not justified with a note."))  # fmt: skip
        intro.setWordWrap(True)
        self.show_reviewed = QCheckBox(_("Show &reviewed too"))
        self.model: RowTableModel[GlassBreakRow] = RowTableModel(columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("glassBreaks")
        self.table.setWordWrap(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.justified_button = QPushButton(_("&Justified"))
        self.unjustified_button = QPushButton(_("&Not justified…"))
        self.empty = QLabel(_("Nothing to review."))
        bar = QHBoxLayout()
        bar.addWidget(self.show_reviewed)
        bar.addStretch(1)
        bar.addWidget(self.justified_button)
        bar.addWidget(self.unjustified_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.show_reviewed.toggled.connect(self.refresh)
        self.justified_button.clicked.connect(lambda: self._review(True))
        self.unjustified_button.clicked.connect(lambda: self._review(False))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        events.data_changed.connect(lambda kind: self.refresh() if kind == "entries" and self.isVisible() else None)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        entries, actor, everything = self._entries, self._actor, self.show_reviewed.isChecked()
        run_task(self, lambda: entries.glass_breaks(actor, everything), self._on_loaded, self._on_failed)

    def _on_loaded(self, rows: object) -> None:
        self.loading = False
        found = cast(tuple[GlassBreakRow, ...], rows)
        self.model.set_rows(found)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), 360))
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            log.error("breaks of the glass not read: %s", type(exc).__name__)

    def selected(self) -> GlassBreakRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.justified_button, self.unjustified_button):
            button.setEnabled(row is not None and not row.reviewed)

    def _review(self, justified: bool) -> None:
        row = self.selected()
        if row is None or row.reviewed:
            return
        entries, actor = self._entries, self._actor
        if justified:
            try:
                entries.review_glass_break(actor, row.id, True, "")
            except UserError as exc:
                show_error(self, exc)
                return
        else:
            dialog = ReasonDialog(self, _("Not justified"), _("Write what was wrong with this access; the note is "
                                  "kept with the review."), _("&Note"), _("Record"),
                                  lambda note: entries.review_glass_break(actor, row.id, False, note))  # fmt: skip
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        self.refresh()
