"""The daily census (sĩ số): who is in the centre on a day, room by room, with their presence; today's
presence changes, leave passes and returns; the night roll-call sheet.

A past day is rebuilt by the service from the histories and only shown; the future is refused by the service.
Reading runs off the UI thread (it is audited); a change is one short service call from its dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import SIGNAL, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_date, format_number
from centre_desk.i18n import N_, _
from centre_desk.models.lodging import Presence
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import Census, CensusRow
from centre_desk.ui.administration.users.form_parts import ERROR_STYLE, hint_label
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.census_actions import CensusActions, weakly
from centre_desk.ui.lodging.census_model import COLUMN_KEYS, CensusModel, matches
from centre_desk.ui.lodging.census_terms import is_overdue
from centre_desk.ui.lodging.census_totals import TotalsStrip
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.date_edit import DateEdit

log = logging.getLogger(__name__)

REFRESH_KINDS = frozenset({"lodging", "resident", "admission", "backup"})
SEARCH_DEBOUNCE_MS = 150
FILTERS = (  # key, text
    ("all", N_("Everyone")),
    ("present", N_("Present")),
    ("on_leave", N_("On leave")),
    ("overdue", N_("Overdue return")),
    ("hospital", N_("In hospital")),
    ("absent", N_("Absent without permission")),
    ("unplaced", N_("No bed assigned")),
)
_PRESENCE_OF = {"present": Presence.PRESENT, "on_leave": Presence.ON_LEAVE, "hospital": Presence.HOSPITAL,
                "absent": Presence.ABSENT}  # fmt: skip


def _kept(row: CensusRow, key: str) -> bool:
    if key == "overdue":
        return is_overdue(row)
    if key == "unplaced":
        return row.room_id is None
    wanted = _PRESENCE_OF.get(key)
    return wanted is None or row.presence is wanted


class CensusView(CensusActions):
    """The census of one day; `open_record(resident_id)` when Enter is pressed on a row (if connected)."""

    open_record = Signal(int)

    def __init__(
        self,
        service: LodgingService,
        actor: Actor,
        events: AppEvents | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("censusView")
        self._service = service
        self._actor = actor
        self._events = events
        self._clock = clock or (lambda: datetime.now(UTC))
        self.allowed = actor.can(Action.VIEW, FieldGroup.LODGING)
        self.can_edit = actor.can(Action.EDIT, FieldGroup.LODGING)
        self.can_print = actor.can(Action.PRINT, FieldGroup.LODGING)
        self.census: Census | None = None
        self._generation = 0
        self._requested: date | None = None
        self._loading = False
        self._printing = False
        self._stale = True
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_filter)

        self.not_allowed_note = QLabel(_("Your account cannot see the census."))
        self.not_allowed_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_allowed_note.setVisible(not self.allowed)
        self.content = QWidget()
        self.content.setVisible(self.allowed)
        outer = QVBoxLayout(self)
        outer.addWidget(self.not_allowed_note)
        outer.addWidget(self.content)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_day_row())
        self.totals = TotalsStrip()
        layout.addWidget(self.totals)
        layout.addLayout(self._build_filter_row())
        self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_action_row())
        if events is not None:
            events.data_changed.connect(self._on_events_data_changed)
        self._update_actions()

    # -- building ---------------------------------------------------------------------------------------------------

    def today(self) -> date:
        return self._clock().astimezone().date()

    def _build_day_row(self) -> QHBoxLayout:
        self.day_edit = DateEdit(required=True)
        self.day_edit.setObjectName("censusDay")
        self.day_edit.set_value(self.today())
        self.day_edit.returnPressed.connect(self.refresh)
        self.day_edit.textEdited.connect(self._on_day_edited)
        self.day_edit.left.connect(self._on_day_left)
        day_label = QLabel(_("&Day:"))
        day_label.setBuddy(self.day_edit)
        self.today_button = QPushButton(_("&Today"))
        self.today_button.setObjectName("censusToday")
        self.today_button.clicked.connect(self.show_today)
        self.day_error = QLabel()
        self.day_error.setObjectName("censusDayError")
        self.day_error.setStyleSheet(ERROR_STYLE)
        self.day_error.setWordWrap(True)
        self.day_error.setVisible(False)
        self.moment_label = QLabel()
        self.moment_label.setObjectName("censusMoment")
        self.moment_label.setWordWrap(True)
        self.print_button = QPushButton(_("&Print the roll-call sheet…"))
        self.print_button.setObjectName("rollCallButton")
        self.print_button.setToolTip(_("The night roll-call sheet of the day shown, room by room, to sign"))
        self.print_button.setVisible(self.can_print)
        self.print_button.clicked.connect(self.print_roll_call)
        row = QHBoxLayout()
        row.addWidget(day_label)
        row.addWidget(self.day_edit)
        row.addWidget(self.today_button)
        row.addSpacing(12)
        row.addWidget(self.moment_label, 1)
        row.addWidget(self.day_error, 1)
        row.addWidget(self.print_button)
        return row

    def _build_filter_row(self) -> QHBoxLayout:
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("censusFilter")
        for key, text in FILTERS:
            self.filter_combo.addItem(_(text), key)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        filter_label = QLabel(_("Sho&w:"))
        filter_label.setBuddy(self.filter_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("censusSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(_("Name, alias or code…"))
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search_edit)
        self.count_label = QLabel()
        self.count_label.setObjectName("censusCount")
        widest = _("{shown} of {count} shown").format(shown="888", count="888")  # room kept before the count is known
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest) + 4)
        row = QHBoxLayout()
        row.addWidget(filter_label)
        row.addWidget(self.filter_combo)
        row.addSpacing(12)
        row.addWidget(search_label)
        row.addWidget(self.search_edit, 1)
        row.addSpacing(12)
        row.addWidget(self.count_label)
        return row

    def _build_table(self) -> None:
        self.model = CensusModel(names_shown=self._actor.can(Action.VIEW, FieldGroup.IDENTITY), parent=self)
        self.table = QTableView()
        self.table.setObjectName("censusTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {"room": 140, "bed": 55, "code": 100, "label": 165, "age": 45, "presence": 170, "since": 118,
                  "back": 118}  # fmt: skip
        for number, key in enumerate(COLUMN_KEYS):
            self.table.setColumnWidth(number, widths.get(key, 160))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

    def _build_action_row(self) -> QHBoxLayout:
        self.presence_button = QPushButton(_("Change &presence…"))
        self.presence_button.setObjectName("presenceButton")
        self.leave_button = QPushButton(_("Grant a &leave pass…"))
        self.leave_button.setObjectName("leaveButton")
        self.return_button = QPushButton(_("Record the &return"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(_("She is back from leave now: the pass is closed"))
        self.open_button = QPushButton(_("Open &record"))
        self.open_button.setObjectName("openRecordButton")
        self.open_button.setToolTip(_("Open the resident's record (Enter)"))
        self.open_button.setVisible(False)  # until someone listens to open_record (see showEvent)
        self.presence_button.clicked.connect(self.change_presence)
        self.leave_button.clicked.connect(self.grant_leave)
        self.return_button.clicked.connect(self.record_return)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.read_only_note = hint_label("")
        self.read_only_note.setObjectName("censusReadOnly")
        row = QHBoxLayout()
        for button in (self.presence_button, self.leave_button, self.return_button):
            button.setVisible(self.can_edit)
            row.addWidget(button)
        row.addWidget(self.read_only_note, 1)  # empty, it keeps the record button on the right
        row.addWidget(self.open_button)
        return row

    # -- loading ----------------------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def busy(self) -> bool:
        return self._loading or self._printing

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.open_button.setVisible(self._record_hooked())
        if self._stale and self.allowed:
            self.refresh()

    def _record_hooked(self) -> bool:
        return self.receivers(SIGNAL("open_record(int)")) > 0

    def _on_events_data_changed(self, kind: str) -> None:
        if kind not in REFRESH_KINDS:
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_day_edited(self, text: str) -> None:
        if len(text) == len("dd/mm/yyyy") and self.day_edit.value() is not None:
            self.refresh(force=False)

    def _on_day_left(self, problem: str) -> None:
        if problem:
            self._show_day_error(problem)
        elif self.census is None or self.day_edit.value() != self.census.day:
            self.refresh(force=False)

    def show_today(self) -> None:
        self.day_edit.set_value(self.today())
        self.refresh()

    def shown_day(self) -> date | None:
        return self.census.day if self.census is not None else None

    def is_today(self) -> bool:
        return self.census is not None and self.census.day == self.today()

    def refresh(self, force: bool = True) -> None:
        """Read the census of the day typed, off the UI thread; a newer request makes older results void.
        Without `force`, a day already being read is not asked for again (typing it, then leaving the field)."""
        if not self.allowed:
            return
        day = self.day_edit.value()
        if day is None:
            self._show_day_error(self.day_edit.problem() or _("Please fill in the date."))
            return
        if not force and self._loading and day == self._requested:
            return
        self._requested = day
        self._stale = False
        self._generation += 1
        generation = self._generation
        self._loading = True
        service, actor = self._service, self._actor

        def work() -> tuple[int, Census]:
            return generation, service.census(actor, day, live=True)  # today as of now, even after the roll-call

        run_task(self, work, weakly(self._on_loaded), weakly(self._on_load_failed), writes_db=True)

    def _on_loaded(self, result: tuple[int, Census]) -> None:
        generation, census = result
        if generation != self._generation:
            return
        self._loading = False
        self.day_error.setVisible(False)
        self.moment_label.setVisible(True)
        self.show_census(census)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        if isinstance(exc, ValidationError):  # e.g. a day in the future: the service says why
            self._show_day_error(exc.message)
            self.show_census(None)
            return
        show_error(self, exc)

    def _show_day_error(self, message: str) -> None:
        self.day_error.setText(message)
        self.day_error.setVisible(True)
        self.moment_label.setVisible(False)

    def show_census(self, census: Census | None) -> None:
        keep = self._selected()
        self.census = census
        self.totals.show_census(census)
        if census is None:
            self.moment_label.clear()
        elif census.day == self.today():
            self.moment_label.setText(
                _("Census of today, {date}, as of {time}").format(
                    date=format_date(census.day), time=census.at.astimezone().strftime("%H:%M")
                )
            )
        else:
            self.moment_label.setText(
                _("Census of {date} at {time} (the night roll-call), rebuilt from the history").format(
                    date=format_date(census.day), time=census.at.astimezone().strftime("%H:%M")
                )
            )
        self._apply_filter(keep)

    def _apply_filter(self, keep: int | None = None) -> None:
        self._search_timer.stop()
        if not isinstance(keep, int) or isinstance(keep, bool):
            keep = self._selected()
        rows = self.census.rows if self.census is not None else ()
        key, search = str(self.filter_combo.currentData()), self.search_edit.text()
        shown = [r for r in rows if _kept(r, key) and matches(r, search)]
        self.model.set_rows(shown, self.census.names_shown if self.census is not None else None)
        self.count_label.setText(
            _("{shown} of {count} shown").format(shown=format_number(len(shown)), count=format_number(len(rows)))
        )
        for number, row in enumerate(shown):
            if row.resident_id == keep:
                self.table.selectRow(number)
                break
        self._update_actions()

    # -- the selected resident and the actions -------------------------------------------------------------------------

    def _selected(self) -> int | None:
        row = self.selected_row()
        return row.resident_id if row is not None else None

    def selected_row(self) -> CensusRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select_resident(self, resident_id: int) -> bool:
        for number, row in enumerate(self.model.rows()):
            if row.resident_id == resident_id:
                self.table.selectRow(number)
                return True
        return False

    def _update_actions(self) -> None:
        row = self.selected_row()
        today = self.is_today()
        if not self.can_edit:
            note = _("Your account can only view the census.")
        elif self.census is not None and not today:
            note = _("A past day is shown as it was: changes are recorded on today's census.")
        else:
            note = ""
        self.read_only_note.setText(note)
        editable = self.can_edit and today and row is not None
        self.presence_button.setEnabled(editable)
        self.leave_button.setEnabled(editable and row is not None and row.presence is Presence.PRESENT)
        back = row is not None and row.leave is not None and row.leave.returned_at is None
        self.return_button.setEnabled(editable and row is not None and row.presence is Presence.ON_LEAVE and back)
        self.open_button.setEnabled(row is not None)
        self.print_button.setEnabled(self.census is not None and not self._printing)

    # -- opening a record and the keyboard ----------------------------------------------------------------------------

    def _open(self, number: int) -> None:
        if 0 <= number < self.model.rowCount():
            self.open_record.emit(self.model.row(number).resident_id)

    def _on_search_return(self) -> None:
        self._apply_filter()
        current = self.table.currentIndex()
        self._open(current.row() if current.isValid() else 0 if self.model.rowCount() == 1 else -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.table.currentIndex().row())
                return True
            if watched is self.search_edit and event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
