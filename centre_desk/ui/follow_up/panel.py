"""The schedule page of the record's "Follow-up after reintegration" tab: the contacts due after her discharge and
where each stands (done, missed, late, due, planned), the alert when she could not be reached three times in a row,
her own schedule or the centre's default (changed here), and for a readmitted person the follow-ups of her earlier
stay, read-only ("Earlier stay"). Read off the UI thread when first shown."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.entries.dto import EntryRow
from centre_desk.services.follow_up.dto import DONE, DUE, LATE, MISSED, PLANNED, EarlierStay, Schedule, SchedulePoint
from centre_desk.services.follow_up.service import FollowUpService
from centre_desk.services.follow_up.terms import UNREACHED_ALERT
from centre_desk.services.lodging.common import local_day
from centre_desk.ui.entries.list_model import ALERT, ALERT_COLOUR
from centre_desk.ui.entries.tab import ExtraPanel
from centre_desk.ui.follow_up.schedule_dialog import ScheduleDialog
from centre_desk.ui.widgets.loading_panel import LoadingPanel
from centre_desk.ui.widgets.table_model import Column, RowTableModel

STATES = {DONE: N_("Made"), MISSED: N_("Missed"), LATE: N_("Past its date"), DUE: N_("Due this week"),
          PLANNED: N_("Not due yet")}  # fmt: skip


@dataclass(frozen=True)
class Read:
    schedule: Schedule
    earlier: tuple[EarlierStay, ...]


@dataclass(frozen=True)
class EarlierLine:
    code: str
    row: EntryRow


def state_text(point: SchedulePoint) -> str:
    text = _(STATES[point.state])
    return ALERT + text if point.state == LATE else text


def _table(model: QAbstractItemModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


class SchedulePanel(LoadingPanel):
    def __init__(self, service: FollowUpService, actor: Actor, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpSchedule")
        self._service, self._actor, self._rid = service, actor, resident_id
        self.data: Read | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.alert = QLabel()
        self.alert.setStyleSheet(f"color: {ALERT_COLOUR}; font-weight: bold;")
        self.alert.setWordWrap(True)
        self.alert.setVisible(False)
        self.points: RowTableModel[SchedulePoint] = RowTableModel([
            Column(_("Due on"), lambda p: format_date(p.due_on)),
            Column(_("State"), state_text),
            Column(_("Reached on"), lambda p: format_date(p.done_on)),
        ], self)  # fmt: skip
        self.table = _table(self.points)
        self.change_button = QPushButton(_("Change her sc&hedule…"))
        self.default_button = QPushButton(_("Centre's de&fault…"))
        self.change_button.setVisible(actor.can(Action.EDIT, FieldGroup.FOLLOW_UP))
        self.default_button.setVisible(actor.can(Action.ADMINISTER, FieldGroup.FOLLOW_UP))
        self.change_button.clicked.connect(self.change_schedule)
        self.default_button.clicked.connect(self.change_default)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        self.earlier_heading = QLabel()
        self.earlier_heading.setWordWrap(True)
        self.earlier: RowTableModel[EarlierLine] = RowTableModel([
            Column(_("Stay"), lambda e: e.code),
            Column(_("Date"), lambda e: format_date(local_day(e.row.occurred_at))),
            Column(_("Contact"), lambda e: ("✕ " if e.row.struck else "") + e.row.summary),
        ], self)  # fmt: skip
        self.earlier_table = _table(self.earlier)
        self.earlier_heading.setVisible(False)
        self.earlier_table.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.alert)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.earlier_heading)
        layout.addWidget(self.earlier_table, 1)

    def read(self) -> Read:
        service, actor, rid = self._service, self._actor, self._rid
        return Read(service.schedule(actor, rid), service.history(actor, rid))

    def show_data(self, data: object) -> None:
        assert isinstance(data, Read)
        self.data = data
        s = data.schedule
        self.change_button.setEnabled(s.discharged_on is not None)
        if s.discharged_on is None:
            self.heading.setText(_("She is in the centre: the follow-up schedule starts when she leaves."))
        else:
            when = (
                ", ".join(format_date(d) for d in s.dates)
                if s.dates
                else _("{months} months after discharge").format(months=", ".join(str(m) for m in s.months))
            )
            whose = (_("her own schedule, changed by {by} on {day}: {reason}").format(
                        by=s.changed_by, day=format_date(local_day(s.changed_at)) if s.changed_at else "",
                        reason=s.reason) if s.own else _("the centre's default"))  # fmt: skip
            self.heading.setText(_("Left the centre on {day}. Contacts due: {when} ({whose}).").format(
                day=format_date(s.discharged_on), when=when, whose=whose))  # fmt: skip
        self.alert.setVisible(s.alert)
        self.alert.setText(
            ALERT
            + _(
                "Could not be reached {n} times in a row: ask the commune officer or a partner "
                "organisation to find her."
            ).format(n=max(s.unreached_in_row, UNREACHED_ALERT))
        )
        self.points.set_rows(s.points)
        lines = [EarlierLine(stay.code, row) for stay in data.earlier for row in stay.contacts]
        if data.earlier:
            stays = "; ".join(f"{stay.code} ({format_date(stay.arrived_on)} – {format_date(stay.discharged_on)})"
                              for stay in data.earlier)  # fmt: skip
            self.earlier_heading.setText(_("Earlier stay: {stays}. Its follow-up contacts, read-only:").format(
                stays=stays) if lines else _("Earlier stay: {stays}. No follow-up contact was recorded.").format(
                stays=stays))  # fmt: skip
        self.earlier_heading.setVisible(bool(data.earlier))
        self.earlier_table.setVisible(bool(lines))
        self.earlier.set_rows(lines)
        self.table.resizeColumnsToContents()
        self.earlier_table.resizeColumnsToContents()

    def change_schedule(self) -> None:
        if self.data is None:
            return
        service, actor, rid, s = self._service, self._actor, self._rid, self.data.schedule
        if ScheduleDialog.ask(self, s, s.default_months,
                              lambda data: service.set_schedule(actor, rid, s.version, data)) is not None:  # fmt: skip
            self.reload()

    def change_default(self) -> None:
        if self.data is None:
            return
        service, actor = self._service, self._actor
        if ScheduleDialog.ask(self, None, self.data.schedule.default_months,
                              lambda data: service.set_default(actor, data.months)) is not None:  # fmt: skip
            self.reload()


def follow_up_extras(service: FollowUpService) -> dict[str, ExtraPanel]:
    """The page the follow-up kind names, for the record window."""
    return {"follow_up": (N_("Schedule"), lambda actor, rid: SchedulePanel(service, actor, rid))}
