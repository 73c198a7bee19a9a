"""The main window's Follow-up page, the manager's working list: everyone whose follow-up after reintegration is
late, due this month, or who could not be reached three times in a row, with a filter; Enter or a double click opens
the record on its "Follow-up after reintegration" tab. Read off the UI thread when shown and on F5."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.security.access import Actor
from centre_desk.services.follow_up.dto import FollowUpDue
from centre_desk.services.follow_up.service import FollowUpService
from centre_desk.services.lodging.common import local_day
from centre_desk.ui.entries.list_model import ALERT
from centre_desk.ui.errors import show_error
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.table_model import Column, RowTableModel

ALL, MONTH, LATE, UNREACHED = "all", "month", "late", "unreached"
FILTERS = (
    (ALL, N_("Everything waiting")),
    (MONTH, N_("Due this month")),
    (LATE, N_("Past their date")),
    (UNREACHED, N_("Could not be reached 3 times")),
)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def days_to_month_end(today: date) -> int:
    return calendar.monthrange(today.year, today.month)[1] - today.day


def state_of(row: FollowUpDue) -> str:
    if row.due_on is None:
        return ""
    if row.late:
        return ALERT + _("{n} days late").format(n=-row.days_left)
    return _("today") if row.days_left == 0 else _("in {n} days").format(n=row.days_left)


def wanted(row: FollowUpDue, which: str, today: date) -> bool:
    if which == LATE:
        return row.late
    if which == UNREACHED:
        return row.alert
    if which == MONTH:
        return row.due_on is not None and not row.late and row.due_on.month == today.month
    return True


class FollowUpPage(QWidget):
    open_record = Signal(int)

    def __init__(self, service: FollowUpService, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("followUpPage")
        self._service, self._actor = service, actor
        self.loading = False
        self.rows: tuple[FollowUpDue, ...] = ()
        self.filter = QComboBox()
        for code, text in FILTERS:
            self.filter.addItem(_(text), code)
        self.filter.currentIndexChanged.connect(self._show)
        shown = QLabel(_("&Show:"))
        shown.setBuddy(self.filter)
        self.refresh_button = QPushButton(_("&Refresh (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        self.count = QLabel()
        self.count.setMinimumWidth(160)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model: RowTableModel[FollowUpDue] = RowTableModel([
            Column(_("Code"), lambda r: r.code),
            Column(_("Name"), lambda r: r.name),
            Column(_("Left the centre"), lambda r: format_date(r.discharged_on)),
            Column(_("Contact due"), lambda r: format_date(r.due_on)),
            Column(_("When"), state_of),
            Column(_("Not reached in a row"), lambda r: r.unreached_in_row or "", RIGHT),
            Column(_("Last contact"), lambda r: format_date(r.last_contact)),
        ], self)  # fmt: skip
        self.table = QTableView()
        self.table.setObjectName("followUpList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, lambda: self._open(self.table.currentIndex().row()),
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        note = QLabel(_("Contacts due after reintegration (the schedule of each case, by default 1, 3, 6 and 12 "
                        "months after discharge). Enter opens the record on its follow-up tab."))  # fmt: skip
        note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(shown)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        if self.loading:
            return
        self.loading = True
        service, actor = self._service, self._actor
        within = max(7, days_to_month_end(local_day(utcnow())))
        read = lambda: service.due(actor, within)  # noqa: E731 (the read is audited: writes_db)
        run_task(self, read, weakly(self._on_loaded), weakly(self._on_failed), writes_db=True)

    def _on_loaded(self, rows: tuple[FollowUpDue, ...]) -> None:
        self.loading, self.loaded = False, True
        self.rows = rows
        self._show()

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc)

    def _show(self) -> None:
        today = local_day(utcnow())
        which = str(self.filter.currentData())
        shown = [r for r in self.rows if wanted(r, which, today)]
        self.model.set_rows(shown)
        self.count.setText(_("{n} shown").format(n=len(shown)))
        self.table.resizeColumnsToContents()
        if shown:
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_record.emit(self.model.row(row).resident_id)
