"""The audit trail viewer for managers: filters, a sortable table, CSV export."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.audit_terms import OUTCOME_NAMES, action_choices
from centre_desk.services.audit_view import MAX_ROWS, AuditFilter, AuditRow, AuditViewService
from centre_desk.ui.administration.audit.model import WIDEST, AuditTableModel
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.date_range import DateRange
from centre_desk.ui.widgets.file_dialogs import save_path
from centre_desk.ui.widgets.table_model import read_only_table

log = logging.getLogger(__name__)


def export_file_name(day: date) -> str:
    return f"nhat-ky-truy-cap-{day:%Y%m%d}.csv"


def _weakly(method: Callable[..., None], *args: Any) -> Callable[[Any], None]:
    """A run_task callback that calls `method(*args, result)` without keeping the page alive.

    run_task holds its callbacks until the task ends; a page closed meanwhile is then freed
    at once instead of living on until a long backup or export finishes (its result is dropped).
    """
    ref = weakref.WeakMethod(method)

    def call(result: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(*args, result)

    return call


class _FilterBar(QWidget):
    """The filter fields; Enter in any of them asks for a search."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class AuditPage(QWidget):
    """Who did what, when and from which computer — for the centre's managers.

    Every search and every export is itself written to the audit trail by the service,
    so the page searches only when asked (and once when it is first shown).
    """

    def __init__(self, audit_view: AuditViewService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self._audit_view = audit_view
        self._actor = actor
        self._events = events
        self.allowed = actor.can(Action.VIEW, FieldGroup.AUDIT)
        self.can_export = actor.can(Action.EXPORT, FieldGroup.AUDIT)
        self._shown_filter: AuditFilter | None = None
        self._searching = False
        self._shown_once = False
        self._busy: QProgressDialog | None = None

        self.not_allowed_note = QLabel(
            _(
                "The audit trail can only be viewed by the centre's managers. "
                "If you need information from it, please ask the centre manager."
            )
        )
        self.not_allowed_note.setObjectName("notAllowed")
        self.not_allowed_note.setWordWrap(True)
        self.not_allowed_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_allowed_note.setMinimumWidth(480)
        self.not_allowed_note.setMaximumWidth(560)
        self.content = QWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.not_allowed_note, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.content)
        self.not_allowed_note.setVisible(not self.allowed)
        self.content.setVisible(self.allowed)

        self._build_filters()
        self._build_table()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.filters)
        body.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.export_button)
        body.addLayout(footer)

    # -- building ---------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.filters = _FilterBar()
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(_("e.g. nguyenvana"))
        self.login_edit.setToolTip(_("The login name of the person who acted"))
        self.action_combo = QComboBox()
        self.action_combo.addItem(_("Any action"), "")
        for choice in action_choices():
            if choice is None:
                self.action_combo.insertSeparator(self.action_combo.count())
            else:
                self.action_combo.addItem(choice.phrase, choice.code)
        self.action_combo.setMaxVisibleItems(20)
        self.action_combo.view().setMinimumWidth(self.action_combo.view().sizeHintForColumn(0) + 24)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText(_("Resident code or login"))
        self.record_edit.setToolTip(
            _("Everything about one resident (by code, e.g. LC-2026-0007) or one staff account (by login)")
        )
        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem(_("Any outcome"), "")
        for code, name in OUTCOME_NAMES.items():
            self.outcome_combo.addItem(_(name), code)
        for combo in (self.action_combo, self.outcome_combo):  # narrow on a 1366 px screen; the list opens wide
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.dates = DateRange()  # Enter in a date field reaches the filter bar, which searches
        self.from_edit, self.to_edit, self.filter_error = self.dates.from_edit, self.dates.to_edit, self.dates.error
        self.search_button = QPushButton(_("S&earch"))
        self.clear_button = QPushButton(_("&Clear"))

        grid = QGridLayout(self.filters)
        grid.setContentsMargins(0, 0, 0, 0)
        fields = (_("L&ogin:"), self.login_edit), (_("&Action:"), self.action_combo), (_("&Record:"), self.record_edit)
        for column, (label_text, edit) in enumerate(fields):
            label = QLabel(label_text)
            label.setBuddy(edit)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(edit, 0, column * 2 + 1)
        outcome_label = QLabel(_("O&utcome:"))
        outcome_label.setBuddy(self.outcome_combo)
        grid.addWidget(self.dates, 1, 0, 1, 2)
        grid.addWidget(outcome_label, 1, 2)
        grid.addWidget(self.outcome_combo, 1, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, 1, 4, 1, 2)
        grid.addWidget(self.filter_error, 2, 0, 1, 6)
        for column, stretch in ((1, 1), (3, 2), (5, 2)):
            grid.setColumnStretch(column, stretch)

        self.filters.submitted.connect(self.search)
        self.action_combo.activated.connect(self.search)
        self.outcome_combo.activated.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self._on_clear_clicked)

    def _build_table(self) -> None:
        self.model = AuditTableModel(self)
        self.proxy, self.table = read_only_table(self.model, self, single_selection=False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLine")
        self.export_button = QPushButton(_("E&xport CSV…"))
        self.export_button.setVisible(self.can_export)
        self.export_button.setEnabled(self.can_export)
        self.export_button.clicked.connect(self.export)

    # -- filters ----------------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter | None:
        """The filter as typed; None (with an inline note) when a date is not a date or they are the wrong way round."""
        dates = self.dates.value()
        if dates is None:
            return None
        date_from, date_to = dates
        return AuditFilter(
            login=self.login_edit.text(),
            action=str(self.action_combo.currentData() or ""),
            record=self.record_edit.text(),
            outcome=str(self.outcome_combo.currentData() or ""),
            date_from=date_from,
            date_to=date_to,
        )

    def _on_clear_clicked(self) -> None:
        for edit in (self.login_edit, self.record_edit):
            edit.clear()
        for combo in (self.action_combo, self.outcome_combo):
            combo.setCurrentIndex(0)
        self.dates.clear()
        self.login_edit.setFocus()
        self.search()

    # -- searching --------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.allowed:
                self.search()

    @property
    def searching(self) -> bool:
        return self._searching

    @property
    def exporting(self) -> bool:
        return self._busy is not None

    def search(self) -> None:
        if not self.allowed or self._searching:
            return
        wanted = self.current_filter()
        if wanted is None:
            return
        self._searching = True
        self.search_button.setEnabled(False)
        self.count_label.setText(_("Searching…"))
        service, actor = self._audit_view, self._actor
        run_task(
            self,
            lambda: service.search(actor, wanted),
            _weakly(self._on_search_done, wanted),
            _weakly(self._on_search_failed),
            writes_db=True,  # every search is itself audited
        )

    def _on_search_done(self, wanted: AuditFilter, rows: list[AuditRow]) -> None:
        self._searching = False
        self.search_button.setEnabled(True)
        self._shown_filter = wanted
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WIDEST))
        text = _("{shown} rows shown; at most {limit}").format(
            shown=format_number(len(rows)), limit=format_number(MAX_ROWS)
        )
        if len(rows) >= MAX_ROWS:
            text += " — " + _("narrow the filters to see older rows.")
        self.count_label.setText(text)

    def _on_search_failed(self, exc: BaseException) -> None:
        self._searching = False
        self.search_button.setEnabled(True)
        self.count_label.setText("")
        show_error(self, exc)

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        if not (self.allowed and self.can_export) or self._busy is not None:
            return
        wanted = self._shown_filter or self.current_filter()
        if wanted is None:
            return
        path = save_path(
            self, _("Export the audit trail"), export_file_name(date.today()), _("CSV files (*.csv)"), ".csv"
        )
        if path is None:
            return
        self.export_button.setEnabled(False)
        self._busy = self._show_busy(_("Writing the CSV file…"))
        service, actor = self._audit_view, self._actor
        run_task(
            self,
            lambda: service.export_csv(actor, wanted, path),
            _weakly(self._on_export_done, path),
            _weakly(self._on_export_failed),
            writes_db=True,
        )

    def _show_busy(self, text: str) -> QProgressDialog:
        busy = QProgressDialog(text, "", 0, 0, self)
        busy.setWindowTitle(APP_NAME)
        busy.setMinimumWidth(360)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(0)
        busy.setAutoClose(False)
        busy.setAutoReset(False)
        busy.show()
        return busy

    def _end_export(self) -> None:
        if self._busy is not None:
            self._busy.close()
            self._busy.deleteLater()
            self._busy = None
        self.export_button.setEnabled(True)

    def _on_export_done(self, path: Path, count: int) -> None:
        self._end_export()
        log.info("audit trail exported (%d rows)", count)
        QMessageBox.information(
            self,
            _("Audit trail"),
            _("{count} rows were written to {file}.").format(count=format_number(count), file=str(path)),
        )

    def _on_export_failed(self, exc: BaseException) -> None:
        self._end_export()
        show_error(self, exc)
