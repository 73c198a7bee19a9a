"""The Administration tab "Public holidays": a year's days off and Saturdays worked, each with its name, as shipped
(resources/holidays/vn.json) or as the manager corrected them. The manager adds a day off (Insert), marks a Saturday
or Sunday worked, and removes a day (Delete: a correction is taken back, a shipped day off becomes an ordinary day
with a reason). Every clock counted in working days (the 7 days to decide the end of assistance, the 9 of a Mẫu 07
application) follows this calendar from the next computation on."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_datetime
from centre_desk.i18n import N_, _
from centre_desk.models.calendar import DayChange
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.holidays.dto import HolidayDay, HolidayYear
from centre_desk.services.holidays.service import FIRST_YEAR, LAST_YEAR, HolidayService
from centre_desk.services.workdays import SATURDAY
from centre_desk.ui.administration.holidays.day_dialog import DayDialog, weekday_name
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

STATUS = {DayChange.OFF: N_("Day off"), DayChange.WORK: N_("Worked"), DayChange.NORMAL: N_("Ordinary day")}
SOURCES = {
    "official": N_("{year}: the government's announced schedule."),
    "rule": N_("{year}: computed by the Labour Code's rule; the government's swaps for the year are not in it."),
    "": N_("{year}: not in the shipped calendar; only Saturdays and Sundays are days off until you add the holidays."),
}
WORKING = N_("{n} working days in the year.")
HINT = N_(
    "Correct the year when the government announces its days off and the Saturdays worked in exchange. Every "
    "deadline counted in working days (7 to decide the end of assistance, 9 for the Sở Y tế's decision) follows it."
)


def day_columns() -> list[Column[HolidayDay]]:
    return [
        Column(_("Date"), lambda d: format_date(d.day), sort_key=lambda d: d.day.toordinal()),
        Column(_("Weekday"), lambda d: weekday_name(d.day), sort_key=lambda d: d.day.toordinal()),
        Column(_("Day is"), lambda d: _(STATUS[DayChange(d.status)])),
        Column(_("Name or reason"), lambda d: d.name),
        Column(_("Source"), lambda d: _("Corrected") if d.corrected else _("Shipped")),
        Column(_("Corrected by"), lambda d: f"{d.changed_by}, {format_datetime(d.changed_at)}".strip(", ")
               if d.corrected else ""),
    ]  # fmt: skip


class HolidaysPage(QWidget):
    def __init__(self, holidays: HolidayService, actor: Actor, events: AppEvents, today: date | None = None) -> None:
        super().__init__()
        self._holidays, self._actor, self._events = holidays, actor, events
        self.year = QSpinBox()
        self.year.setObjectName("holidayYear")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue((today or date.today()).year)
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.model: RowTableModel[HolidayDay] = RowTableModel(day_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("holidayDays")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.off_button = QPushButton(_("Add a day &off…"))
        self.work_button = QPushButton(_("Mark a Saturday &worked…"))
        self.remove_button = QPushButton(_("&Remove the day…"))
        can_edit = actor.can(Action.ADMINISTER, FieldGroup.DISCHARGE)
        for button in (self.off_button, self.work_button, self.remove_button):
            button.setVisible(can_edit)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.source, 1)
        hint = QLabel(_(HINT))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        for button in (self.off_button, self.work_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(self._on_year_value_changed)
        self.off_button.clicked.connect(self.add_day_off)
        self.work_button.clicked.connect(self.mark_worked)
        self.remove_button.clicked.connect(self.remove_day)
        if can_edit:
            for keys, slot in (("Insert", self.add_day_off), ("Delete", self.remove_day)):
                QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.load()

    # -- reading ---------------------------------------------------------------------------------------------------

    def load(self) -> None:
        try:
            self.show_year(self._holidays.year(self._actor, self.year.value()))
        except UserError as exc:
            show_error(self, exc)

    def show_year(self, found: HolidayYear) -> None:
        self._loaded = True
        self.model.set_rows(found.days)
        source = _(SOURCES.get(found.source, SOURCES[""])).format(year=found.year)
        self.source.setText(f"{source} {_(WORKING).format(n=found.working_days)}")
        if found.days and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _on_year_value_changed(self, _year: int) -> None:
        self.load()

    def selected(self) -> HolidayDay | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    # -- correcting ------------------------------------------------------------------------------------------------

    def add_day_off(self) -> None:
        first = date(self.year.value(), 1, 2)
        self._correct(first if first.weekday() < SATURDAY else first + timedelta(days=7 - first.weekday()),
                      DayChange.OFF, "")  # fmt: skip

    def mark_worked(self) -> None:
        first = date(self.year.value(), 1, 1)
        self._correct(first + timedelta(days=(SATURDAY - first.weekday()) % 7), DayChange.WORK, "")

    def remove_day(self) -> None:
        """A correction is taken back (the day as shipped again); a shipped day becomes an ordinary day."""
        day = self.selected()
        if day is None:
            return
        if not day.corrected:
            self._correct(day.day, DayChange.NORMAL, "")
        elif confirm_take_back(self, day):
            try:
                self.show_year(self._holidays.reset_day(self._actor, day.day))
            except UserError as exc:
                show_error(self, exc)
                return
            self._events.data_changed.emit("holiday")

    def _correct(self, day: date, change: str, note: str) -> None:
        dialog = DayDialog(self, day, change, note,
                           lambda c: self._holidays.set_day(self._actor, c[0], c[1], c[2]))  # fmt: skip
        if not dialog.exec() or not isinstance(dialog.outcome, HolidayYear):
            return
        if dialog.outcome.year != self.year.value():
            self.year.blockSignals(True)
            self.year.setValue(dialog.outcome.year)
            self.year.blockSignals(False)
        self.show_year(dialog.outcome)
        self._events.data_changed.emit("holiday")


def confirm_take_back(parent: QWidget | None, day: HolidayDay) -> bool:
    """The correction of a day is taken back (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        _("Take the correction back"),
        _("Take back the correction of {day}? The day becomes as the shipped calendar has it.").format(
            day=format_date(day.day)
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
