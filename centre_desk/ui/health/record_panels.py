"""The Health tab's extra panels, named by the kinds (services/health/kinds.py `extras`): the vitals charts
beside the nursing notes, and the day's medication administration record beside the medication plans."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from centre_desk.formatting import format_datetime
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.health.charts import GrowthChartData, VitalsChartData
from centre_desk.services.health.dto import DoseInput, MarDose, MarPlan, MedicationDay
from centre_desk.services.health.service import HealthService
from centre_desk.services.health.terms import dose_text
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.health import dose_actions
from centre_desk.ui.health.charts import GrowthChartView, VitalsChartView
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.loading_panel import LoadingPanel
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)


class ChartsPanel(LoadingPanel):
    def __init__(self, health: HealthService, actor: Actor, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._health, self._actor, self.resident_id = health, actor, resident_id
        self.vitals = VitalsChartView()
        self.growth = GrowthChartView()
        self.growth.setVisible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.vitals)
        splitter.addWidget(self.growth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

    def read(self) -> object:
        return self._health.charts(self._actor, self.resident_id)

    def show_data(self, data: object) -> None:
        vitals, growth = cast(tuple[tuple[VitalsChartData, ...], GrowthChartData | None], data)
        self.vitals.set_data(vitals)
        self.growth.set_data(growth)
        self.growth.setVisible(growth is not None)


def _time(dose: MarDose) -> str:
    if dose.scheduled_for is None:
        return _("as needed")
    return dose.scheduled_for.astimezone().strftime("%H:%M")


def dose_columns(summaries: dict[int, str]) -> list[Column[MarDose]]:
    return [
        Column(
            _("Time"),
            _time,
            sort_key=lambda d: (d.scheduled_for or d.at or datetime.min.replace(tzinfo=UTC)).timestamp(),
        ),
        Column(_("Medicine"), lambda d: summaries.get(d.plan_id, "")),
        Column(_("State"), lambda d: dose_text(d.state, d.outcome)),
        Column(_("Recorded at"), lambda d: format_datetime(d.at) if d.at else ""),
        Column(_("Written by"), lambda d: d.by),
        Column(_("Reason"), lambda d: d.reason),
    ]


class MedicationPanel(LoadingPanel):
    """The medication administration record of a day: every dose with its state; buttons record the selected
    dose; an as-needed medicine is given with "As-needed dose…"."""

    def __init__(self, health: HealthService, actor: Actor, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._health, self._actor, self.resident_id = health, actor, resident_id
        self.day: date | None = None
        self.data: MedicationDay | None = None
        self.summaries: dict[int, str] = {}
        self.day_edit = DateEdit()
        self.day_edit.set_value(date.today())
        day_label = QLabel(_("&Day"))
        day_label.setBuddy(self.day_edit)
        self.previous_button = QPushButton(_("◀ Day before"))
        self.next_button = QPushButton(_("Day after ▶"))
        self.model: RowTableModel[MarDose] = RowTableModel(dose_columns(self.summaries), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("medicationRecord")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.empty = QLabel(_("No medicine planned on this day."))
        can_record = actor.can(Action.CREATE, FieldGroup.HEALTH)
        self.as_needed_button = QPushButton(_("Give an &as-needed medicine…"))
        self.as_needed_button.setToolTip(_("Record a dose of a medicine planned “as needed”, given now, with why"))
        self.as_needed_button.setVisible(can_record)
        self.as_needed_button.clicked.connect(self.give_as_needed)
        bar = QHBoxLayout()
        for widget in (day_label, self.day_edit, self.previous_button, self.next_button, self.as_needed_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.buttons = dose_actions.outcome_buttons(bar, can_record, self._record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.day_edit.left.connect(lambda _m: self._go(self.day_edit.value()))
        self.previous_button.clicked.connect(lambda: self._go((self.day or date.today()) - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self._go((self.day or date.today()) + timedelta(days=1)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _go(self, day: date | None) -> None:
        if day is not None and day != self.day:
            self.day = day
            self.day_edit.set_value(day)
            self.reload()

    def read(self) -> object:
        return self._health.medication_day(self._actor, self.resident_id, self.day)

    def show_data(self, data: object) -> None:
        self.data = cast(MedicationDay, data)
        self.day = self.data.day
        self.summaries.clear()
        self.summaries.update({p.plan_id: p.summary or _("Restricted entry") for p in self.data.plans})
        doses = [d for p in self.data.plans for d in p.doses]
        self.model.set_rows(doses)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(doses))
        self.empty.setVisible(not doses)
        self._update_buttons()

    def selected(self) -> MarDose | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def as_needed_plans(self) -> list[MarPlan]:
        return [p for p in (self.data.plans if self.data else ()) if p.as_needed and not p.hidden]

    def give_as_needed(self) -> None:
        plans = self.as_needed_plans()
        if not plans:
            return
        plan = plans[0]
        if len(plans) > 1:
            names = [p.summary for p in plans]
            chosen, ok = QInputDialog.getItem(self, _("Give an as-needed medicine"), _("Medicine:"), names, 0, False)
            if not ok:
                return
            plan = plans[names.index(chosen)]
        health, actor, plan_id = self._health, self._actor, plan.plan_id

        def give(reason: str) -> object:
            return health.record_dose(actor, DoseInput(plan_id, None, "given", reason))

        why = _("&Why is it given now? (e.g. fever 38.5 °C)")
        dialog = ReasonDialog(self, _("Give an as-needed medicine"), plan.summary, why, _("Record"), give)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _update_buttons(self) -> None:
        self.as_needed_button.setEnabled(bool(self.as_needed_plans()))
        dose = self.selected()
        for button in self.buttons.values():
            button.setEnabled(dose is not None and dose.scheduled_for is not None and dose.state != "recorded")

    def _record(self, outcome: str) -> None:
        dose = self.selected()
        if dose is not None and dose.scheduled_for is not None:
            dose_actions.record(self, self._health, self._actor, dose.plan_id, dose.scheduled_for, outcome, self.reload)


def health_extras(health: HealthService) -> dict[str, ExtraPanel]:
    """The panels the health kinds name, for the record window (app.py passes them in)."""
    return {
        "vitals_chart": (N_("Charts"), lambda actor, rid: ChartsPanel(health, actor, rid)),
        "medication_record": (N_("Medication record"), lambda actor, rid: MedicationPanel(health, actor, rid)),
    }
