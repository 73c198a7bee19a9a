"""The Health page: the nurse's Today — alerts first, then the residents in the centre with their last
vitals and when the next are due, and the doses due in the next hours with the buttons to record them.
"Round of vitals…" opens the grid for everyone at once. Read off the UI thread on show, after a change
anywhere, and every five minutes; Enter or a double click on a resident or an alert opens her record."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.entries import EntryService
from centre_desk.services.health.dto import DueDoseRow, TodayRow, TodayView
from centre_desk.services.health.service import HealthService
from centre_desk.services.health.terms import dose_text
from centre_desk.services.lodging.terms import PRESENCE_NAMES
from centre_desk.ui.entries.list_model import ALERT, ALERT_COLOUR
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.health import dose_actions
from centre_desk.ui.health.round_dialog import RoundDialog
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)
REFRESH_MS = 5 * 60 * 1000
REFRESH_KINDS = frozenset({"entries", "health", "lodging", "resident", "admission"})
ID_ROLE = Qt.ItemDataRole.UserRole


def _time(value: object) -> str:
    return format_datetime(value) if value is not None else "—"  # type: ignore[arg-type]


def _stamp(value: datetime | None) -> float:
    return value.timestamp() if value is not None else 0.0


def _due_key(row: TodayRow) -> float:
    """Due now first, then by the moment due; not here (on leave, in hospital) last."""
    if row.vitals_due_at is None:
        return 4e12
    return (0 if row.vitals_due else 1e12) + _stamp(row.vitals_due_at)


def resident_columns() -> list[Column[TodayRow]]:
    return [
        Column(_("Name"), lambda r: (ALERT if r.news2_alert or r.doses_missed else "") + r.label),
        Column(_("Code"), lambda r: r.code),
        Column(_("Age"), lambda r: "" if r.age is None else r.age, Qt.AlignmentFlag.AlignRight),
        Column(_("Bed"), lambda r: r.place),
        Column(_("Presence"), lambda r: _(PRESENCE_NAMES.get(r.presence, r.presence))),
        Column(_("Last vitals"), lambda r: _time(r.last_vitals_at), sort_key=lambda r: _stamp(r.last_vitals_at)),
        Column("NEWS2", lambda r: "" if r.news2 is None else r.news2, Qt.AlignmentFlag.AlignRight),
        Column(
            _("Vitals due"),
            lambda r: _("now") if r.vitals_due else _time(r.vitals_due_at),
            sort_key=_due_key,
        ),
        Column(_("Doses due"), lambda r: r.doses_due or "", Qt.AlignmentFlag.AlignRight),
        Column(_("Missed"), lambda r: r.doses_missed or "", Qt.AlignmentFlag.AlignRight),
        Column(_("Referrals open"), lambda r: r.open_referrals or "", Qt.AlignmentFlag.AlignRight),
    ]


def dose_columns() -> list[Column[DueDoseRow]]:
    return [
        Column(_("Time"), lambda d: _time(d.scheduled_for), sort_key=lambda d: _stamp(d.scheduled_for)),
        Column(_("Name"), lambda d: d.label),
        Column(_("Bed"), lambda d: d.place),
        Column(_("Medicine"), lambda d: d.medicine or _("Restricted entry")),
        Column(_("State"), lambda d: dose_text(d.state, "")),
    ]


class HealthTodayPage(QWidget):
    open_record = Signal(int)

    def __init__(self, health: HealthService, entries: EntryService, actor: Actor, events: AppEvents,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._health, self._entries, self._actor = health, entries, actor
        self.view: TodayView | None = None
        self.loading = False
        self.title = QLabel(_("Today"))
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.round_button = QPushButton(_("&Round of vitals…"))
        self.round_button.setToolTip(_("Type the vitals of everyone present in one grid, saved together"))
        self.round_button.setVisible(actor.can(Action.CREATE, FieldGroup.HEALTH))
        self.refresh_button = QPushButton(_("Re&fresh"))
        self.refresh_button.setToolTip(_("Read again (F5)"))
        self.alerts = QListWidget()
        self.alerts.setObjectName("healthAlerts")
        self.alerts_label = QLabel(_("&Alerts"))
        self.alerts_label.setBuddy(self.alerts)
        self.model: RowTableModel[TodayRow] = RowTableModel(resident_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("todayResidents")
        self.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
        residents_label = QLabel(_("R&esidents in the centre"))
        residents_label.setBuddy(self.table)
        self.dose_model: RowTableModel[DueDoseRow] = RowTableModel(dose_columns(), self)
        self.dose_proxy, self.doses = read_only_table(self.dose_model, self)
        self.doses.setObjectName("todayDoses")
        self.doses.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        doses_label = QLabel(_("&Doses due in the next hours"))
        doses_label.setBuddy(self.doses)
        can_record = actor.can(Action.CREATE, FieldGroup.HEALTH)
        dose_bar = QHBoxLayout()
        dose_bar.addWidget(doses_label)
        dose_bar.addStretch(1)
        self.dose_buttons = dose_actions.outcome_buttons(dose_bar, can_record, self._record_selected)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.round_button)
        top.addWidget(self.refresh_button)
        alerts_box, residents_box, doses_box = QWidget(), QWidget(), QWidget()
        for box, parts in (
            (alerts_box, (self.alerts_label, self.alerts)),
            (residents_box, (residents_label, self.table)),
        ):
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            for part in parts:
                inner.addWidget(part)
        inner = QVBoxLayout(doses_box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(dose_bar)
        inner.addWidget(self.doses)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for box, stretch in ((alerts_box, 1), (residents_box, 3), (doses_box, 2)):
            splitter.addWidget(box)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.round_button.clicked.connect(self.open_round)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.table.activated.connect(self._open_row)
        self.alerts.itemActivated.connect(lambda item: self.open_record.emit(int(item.data(ID_ROLE))))
        self.doses.selectionModel().selectionChanged.connect(self._update_buttons)
        events.data_changed.connect(self._on_data_changed)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.loading or not self.isVisible():
            return
        self.loading = True
        health, actor = self._health, self._actor
        run_task(self, lambda: health.today(actor), self._on_loaded, self._on_failed)

    def _on_loaded(self, view: object) -> None:
        self.loading = False
        self.show_view(cast(TodayView, view))

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        if isinstance(exc, UserError):
            show_error(self, exc)
        else:
            log.error("the Today page was not read: %s", type(exc).__name__)

    def show_view(self, view: TodayView) -> None:
        self.view = view
        self.title.setText(_("Today – {when}").format(when=format_datetime(view.at)))
        self.alerts.clear()
        for alert in view.alerts:
            item = QListWidgetItem(f"{ALERT}{alert.label} ({alert.code}) — {alert.text}")
            item.setData(ID_ROLE, alert.resident_id)
            item.setForeground(QColor(ALERT_COLOUR))
            self.alerts.addItem(item)
        if not view.alerts:
            self.alerts.addItem(QListWidgetItem(_("No alerts.")))
        self.model.set_rows(view.rows)
        self.dose_model.set_rows(view.doses)
        for table in (self.table, self.doses):
            table.resizeColumnsToContents()
        self._update_buttons()

    def _on_data_changed(self, kind: str) -> None:
        if kind in REFRESH_KINDS:
            self.refresh()

    def _open_row(self, index: QModelIndex) -> None:
        row = self.model.row(self.proxy.mapToSource(index).row())
        self.open_record.emit(row.resident_id)

    # -- doses -----------------------------------------------------------------------------------------------

    def selected_dose(self) -> DueDoseRow | None:
        rows = self.doses.selectionModel().selectedRows()
        return self.dose_model.row(self.dose_proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self) -> None:
        dose = self.selected_dose()
        for button in self.dose_buttons.values():
            button.setEnabled(dose is not None and bool(dose.medicine))

    def _record_selected(self, outcome: str) -> None:
        dose = self.selected_dose()
        if dose is not None:
            dose_actions.record(self, self._health, self._actor, dose.plan_id, dose.scheduled_for, outcome,
                                self.refresh)  # fmt: skip

    # -- the round of vitals ---------------------------------------------------------------------------------

    def open_round(self) -> None:
        if self.view is None:
            return
        here = [r for r in self.view.rows if r.presence in ("present", "absent")]
        entries, actor = self._entries, self._actor
        dialog = RoundDialog(self, here, lambda items: entries.save_many(actor, "nursing_note", items))
        if dialog.exec():
            self.refresh()
