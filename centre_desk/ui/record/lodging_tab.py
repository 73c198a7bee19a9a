"""The record's Phòng ở tab: her bed and presence, the stay clock with its extensions, the bed history,
leave passes and keep-apart links; the actions her permissions allow (the service enforces them).

Read with one audited call (`resident_lodging`) on a worker thread when the tab is first shown, and again
after a change or when another screen reports a lodging change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import ExtensionInput, KeepApartInput, KeepApartRow, ResidentLodging, StayClock
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.errors import show_error
from centre_desk.ui.record.extension_dialog import ExtensionDialog
from centre_desk.ui.record.keep_apart_dialog import KeepApartDialog, SearchResidents
from centre_desk.ui.record.labels import term
from centre_desk.ui.record.lodging_tables import (
    MarkedModel,
    Move,
    extension_columns,
    leave_columns,
    link_columns,
    move_columns,
    moves,
)
from centre_desk.ui.record.lodging_terms import CLOCK_COLOURS, PRESENCES, bed_place, clock_basis, clock_left_text
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.table_model import read_only_table

log = logging.getLogger(__name__)
ChooseBed = Callable[[int], object]
BADGE_STYLE = "padding: 2px 8px; border-radius: 9px; color: {fg}; background: {bg}; font-weight: bold;"
UNPLACED_STYLE = "color: #8c1d18; font-weight: bold;"
MAX_ROWS = 5  # a table taller than this scrolls


def _table(model: Any, parent: QWidget, stretch: int) -> tuple[QSortFilterProxyModel, QTableView]:
    proxy, table = read_only_table(model, parent)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return proxy, table


def _fit(table: QTableView, stretch: int, empty: QLabel | None = None, rows: int = MAX_ROWS) -> None:
    """Size the columns to their text once per load (not at every layout, as ResizeToContents would), and
    the table to its rows (up to `rows`, then it scrolls); an empty table gives way to its `empty` note."""
    count = table.model().rowCount()
    for column in range(table.model().columnCount()):
        if column != stretch:
            table.resizeColumnToContents(column)
    line = table.verticalHeader().defaultSectionSize()
    height = table.horizontalHeader().sizeHint().height() + line * max(1, min(count, rows)) + 2 * table.frameWidth()
    table.setFixedHeight(height)
    if empty is not None:
        table.setVisible(count > 0)
        empty.setVisible(count == 0)


class LodgingTab(QWidget):
    loaded = Signal(object)  # the ResidentLodging just shown
    changed = Signal()  # something was written here: the window tells the other screens

    def __init__(
        self,
        lodging: LodgingService,
        actor: Actor,
        resident_id: int,
        parent: QWidget | None = None,
        *,
        choose_bed: ChooseBed | None = None,
        search_residents: SearchResidents | None = None,
    ) -> None:
        super().__init__(parent)
        self._lodging = lodging
        self._actor = actor
        self.resident_id = resident_id
        self._choose_bed = choose_bed
        self._search = search_residents
        self.data: ResidentLodging | None = None
        self.loading = False
        self._again = False  # a reload was asked for while loading
        self.can_edit = actor.can(Action.EDIT, FieldGroup.LODGING)
        self.can_extend = actor.can(Action.APPROVE, FieldGroup.LODGING)
        self.is_built = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def _build(self) -> None:
        """Make the parts, inside their final parent, when the tab is first shown: a record window opens
        faster when the tabs nobody looks at stay empty."""
        self.is_built = True
        choose_bed, search_residents = self._choose_bed, self._search
        self.status_label = hint_label(_("Loading…"))
        self.bed_label = QLabel()
        self.bed_label.setObjectName("bedLabel")
        self.bed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.bed_label.setWordWrap(True)
        self.presence_label = QLabel()
        self.presence_label.setObjectName("lodgingPresence")
        self.presence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.presence_label.setWordWrap(True)
        self.move_button = QPushButton(_("Move to another &bed…"))
        self.move_button.setToolTip(_("Choose her new bed on the bed board"))
        self.move_button.setVisible(self.can_edit and choose_bed is not None)

        self.admitted_label = QLabel()
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        self.used_label = QLabel()
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        self.left_label = QLabel()
        self.left_label.setObjectName("leftLabel")
        self.left_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # a badge, not a bar
        for label in (self.admitted_label, self.limit_label, self.used_label, self.deadline_label, self.left_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.extend_button = QPushButton(_("Record an &extension…"))
        self.extend_button.setToolTip(_("Record the director's decision extending the time limit of lodging"))
        self.extend_button.setVisible(self.can_extend)
        self.extension_model: MarkedModel[Any] = MarkedModel(extension_columns(), lambda _e: False, self)
        _p, self.extension_table = _table(self.extension_model, self, 4)
        self.extension_table.setObjectName("extensionTable")

        self.move_model: MarkedModel[Move] = MarkedModel(move_columns(), lambda _m: False, self)
        _p, self.move_table = _table(self.move_model, self, 3)
        self.move_table.setObjectName("moveTable")
        self.leave_model: MarkedModel[Any] = MarkedModel(
            leave_columns(lambda: datetime.now(UTC)), lambda r: r.overdue, self
        )
        _p, self.leave_table = _table(self.leave_model, self, 6)
        self.leave_table.setObjectName("leaveTable")
        self.link_model: MarkedModel[KeepApartRow] = MarkedModel(
            link_columns(), lambda r: r.ended_at is None and r.shares_room, self
        )
        self.link_proxy, self.link_table = _table(self.link_model, self, 3)
        self.link_table.setObjectName("linkTable")
        self.link_table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # standing links first
        self.move_empty = hint_label(_("She has not been given a bed yet."))
        self.leave_empty = hint_label(_("No leave pass."))
        self.link_empty = hint_label(_("Nobody she must be kept apart from."))
        self.keep_apart_button = QPushButton(_("&Keep apart from…"))
        self.keep_apart_button.setToolTip(_("Record that she must not share a room with another resident"))
        self.keep_apart_button.setVisible(self.can_edit and search_residents is not None)
        self.end_link_button = QPushButton(_("&End the link"))
        self.end_link_button.setToolTip(_("The link stays in her file with the day it ended"))
        self.end_link_button.setVisible(self.can_edit)
        self.end_link_button.setEnabled(False)
        self._build_layout()

        self.move_button.clicked.connect(self._on_move_button_clicked)
        self.extend_button.clicked.connect(self._on_extend_button_clicked)
        self.keep_apart_button.clicked.connect(self._on_keep_apart_button_clicked)
        self.end_link_button.clicked.connect(self._on_end_link_button_clicked)
        self.link_table.selectionModel().selectionChanged.connect(self._on_link_selection_changed)
        self._set_enabled()

    def _build_layout(self) -> None:
        bed_box = QGroupBox(_("Bed and presence"))
        bed_form = QFormLayout(bed_box)
        bed_form.addRow(_("Bed:"), self.bed_label)
        bed_form.addRow(_("Presence:"), self.presence_label)
        bed_buttons = QHBoxLayout()
        bed_buttons.addWidget(self.move_button)
        bed_buttons.addStretch(1)
        bed_form.addRow(bed_buttons)
        clock_box = QGroupBox(_("Time limit of lodging"))
        clock_form = QFormLayout()
        clock_form.addRow(_("Admitted on:"), self.admitted_label)
        clock_form.addRow(_("Limit:"), self.limit_label)
        clock_form.addRow(_("Days used:"), self.used_label)
        clock_form.addRow(_("Deadline:"), self.deadline_label)
        clock_form.addRow(_("Left:"), self.left_label)
        clock_top = QHBoxLayout()
        clock_top.addLayout(clock_form, 1)
        clock_top.addWidget(self.extend_button, 0, Qt.AlignmentFlag.AlignTop)
        clock_layout = QVBoxLayout(clock_box)
        clock_layout.addLayout(clock_top)
        clock_layout.addWidget(self.extension_table)
        top = QHBoxLayout()
        top.addWidget(bed_box, 2)
        top.addWidget(clock_box, 3)

        moves_box = QGroupBox(_("Bed history"))
        moves_layout = QVBoxLayout(moves_box)
        moves_layout.addWidget(self.move_table)
        moves_layout.addWidget(self.move_empty)
        leave_box = QGroupBox(_("Leave passes"))
        leave_layout = QVBoxLayout(leave_box)
        leave_layout.addWidget(self.leave_table)
        leave_layout.addWidget(self.leave_empty)
        links_box = QGroupBox(_("Not in the same room as"))
        links_layout = QVBoxLayout(links_box)
        links_layout.addWidget(self.link_table)
        links_layout.addWidget(self.link_empty)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.keep_apart_button)
        link_buttons.addWidget(self.end_link_button)
        link_buttons.addStretch(1)
        links_layout.addLayout(link_buttons)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(12, 8, 12, 12)
        body_layout.addWidget(self.status_label)
        body_layout.addLayout(top)
        body_layout.addWidget(moves_box)
        body_layout.addWidget(leave_box)
        body_layout.addWidget(links_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(scroll)

    # --- loading ---------------------------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self.data is not None

    def showEvent(self, event: QShowEvent) -> None:
        if not self.is_built:
            self._build()
        if self.data is None and not self.loading:
            self.reload()  # read when first looked at: most openings of a record never come here
        super().showEvent(event)

    def reload(self) -> None:
        """Read her lodging again on a worker thread (one audited view) and show it."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        lodging, actor, resident_id = self._lodging, self._actor, self.resident_id
        run_task(self, lambda: lodging.resident_lodging(actor, resident_id), self._on_loaded, self._on_failed)

    def _on_loaded(self, data: object) -> None:
        self.loading = False
        assert isinstance(data, ResidentLodging)
        self.show_lodging(data)
        if self._again:
            self._again = False
            self.reload()

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        if not self.is_built:
            self._build()
        self._again = False
        message = exc.message if isinstance(exc, UserError) else _("Unexpected error; details are in the log.")
        if not isinstance(exc, UserError):
            log.error("lodging of resident %s not read: %s", self.resident_id, type(exc).__name__, exc_info=exc)
        self.status_label.setText(message)
        self.status_label.setVisible(True)

    # --- showing ---------------------------------------------------------------------------------

    def show_lodging(self, data: ResidentLodging) -> None:
        if not self.is_built:
            self._build()
        self.data = data
        self.status_label.setVisible(False)
        if data.bed is not None:
            self.bed_label.setText(
                _("{place} – since {when}").format(place=bed_place(data.bed), when=format_datetime(data.bed.start_at))
            )
            self.bed_label.setStyleSheet("")
        else:
            self.bed_label.setText(_("No bed assigned"))
            self.bed_label.setStyleSheet(UNPLACED_STYLE)
        presence = term(PRESENCES, data.presence)
        if data.presence_since is not None:
            presence = _("{presence} since {when}").format(presence=presence, when=format_datetime(data.presence_since))
        away = next((p for p in data.leaves if p.returned_at is None and p.leaves_at <= datetime.now(UTC)), None)
        if away is not None:
            presence += " · " + _("expected back {when}").format(when=format_datetime(away.expected_back_at))
            if away.overdue:
                presence += " · " + _("overdue return")
        self.presence_label.setText(presence)
        self.presence_label.setStyleSheet(UNPLACED_STYLE if away is not None and away.overdue else "")
        self.move_button.setText(_("Move to another &bed…") if data.bed is not None else _("Assign a &bed…"))
        self._show_clock(data.clock)
        self.move_model.set_rows(moves(data.stays))
        self.leave_model.set_rows(data.leaves)
        self.link_model.set_rows(data.keep_apart)
        _fit(self.move_table, 3, self.move_empty)
        _fit(self.leave_table, 6, self.leave_empty)
        _fit(self.link_table, 3, self.link_empty)
        self._set_enabled()
        self.loaded.emit(data)

    def _show_clock(self, clock: StayClock | None) -> None:
        if clock is None:
            for label in (self.admitted_label, self.limit_label, self.used_label, self.deadline_label, self.left_label):
                label.setText("")
            self.extension_model.set_rows([])
            self.extension_table.setVisible(False)
            return
        self.admitted_label.setText(format_date(clock.admitted_on))
        self.limit_label.setText(_("{days} days ({basis})").format(days=clock.limit_days, basis=clock.legal_basis))
        self.used_label.setText(
            _("{days} days (her stay has ended)").format(days=clock.days_used)
            if clock.level == "ended"
            else _("{days} days").format(days=clock.days_used)
        )
        if clock.extensions:
            deadline = _("{day}, extended (the limit ended on {base})").format(
                day=format_date(clock.deadline), base=format_date(clock.base_deadline)
            )
        else:
            deadline = format_date(clock.deadline)
        self.deadline_label.setText(deadline)
        fg, bg = CLOCK_COLOURS.get(clock.level, CLOCK_COLOURS["ok"])
        self.left_label.setStyleSheet(BADGE_STYLE.format(fg=fg, bg=bg))
        self.left_label.setText(clock_left_text(clock))
        self.left_label.setToolTip(clock_basis(clock))
        self.extension_model.set_rows(clock.extensions)
        _fit(self.extension_table, 4, rows=3)
        self.extension_table.setVisible(bool(clock.extensions))

    def _set_enabled(self) -> None:
        data = self.data
        open_stay = data is not None and data.clock is not None and data.clock.level != "ended"
        self.move_button.setEnabled(open_stay)
        self.extend_button.setEnabled(open_stay)
        self.keep_apart_button.setEnabled(data is not None)
        chosen = self.selected_link()
        self.end_link_button.setEnabled(chosen is not None and chosen.ended_at is None)

    # --- actions ---------------------------------------------------------------------------------

    def selected_link(self) -> KeepApartRow | None:
        rows = self.link_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.link_model.row(self.link_proxy.mapToSource(rows[0]).row())

    def select_link(self, other_id: int) -> bool:
        proxy = self.link_proxy
        for row in range(proxy.rowCount()):
            if self.link_model.row(proxy.mapToSource(proxy.index(row, 0)).row()).other_id == other_id:
                self.link_table.selectRow(row)
                return True
        return False

    def _after_change(self) -> None:
        self.changed.emit()
        self.reload()

    def _on_move_button_clicked(self) -> None:
        if self._choose_bed is not None:
            self._choose_bed(self.resident_id)  # the chooser reports its change through AppEvents

    def _on_extend_button_clicked(self) -> None:
        clock = self.data.clock if self.data is not None else None
        if clock is None or not self.can_extend:
            return
        done: list[StayClock] = []

        def submit(data: ExtensionInput) -> None:
            done.append(self._lodging.extend_stay(self._actor, data))

        if ExtensionDialog.ask(self, clock, submit) is not None and done:
            log.info("stay of resident %s extended", self.resident_id)
            self._show_clock(done[-1])
            self._after_change()

    def _on_keep_apart_button_clicked(self) -> None:
        if self._search is None or not self.can_edit:
            return

        def submit(data: KeepApartInput) -> None:
            self._lodging.add_keep_apart(self._actor, data)

        if KeepApartDialog.ask(self, self.resident_id, self._search, submit) is not None:
            log.info("keep-apart link added for resident %s", self.resident_id)
            self._after_change()

    def _on_end_link_button_clicked(self) -> None:
        chosen = self.selected_link()
        if chosen is None or chosen.ended_at is not None or not self.can_edit:
            return
        try:
            self._lodging.end_keep_apart(self._actor, chosen.id, chosen.version)
        except UserError as exc:  # ended or changed meanwhile on another computer: show, then read again
            show_error(self, exc)
            self.reload()
            return
        log.info("keep-apart link %s ended", chosen.id)
        self._after_change()

    def _on_link_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._set_enabled()
