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

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
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
from centre_desk.ui.record.lodging_clock import StayClockBox, fit_table, stretched_table
from centre_desk.ui.record.lodging_tables import (
    MarkedModel,
    Move,
    leave_columns,
    link_columns,
    move_columns,
    moves,
)
from centre_desk.ui.record.lodging_terms import PRESENCES, bed_place
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)
ChooseBed = Callable[[int], object]
UNPLACED_STYLE = "color: #8c1d18; font-weight: bold;"


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

        self.clock_box = StayClockBox(self.can_extend)
        self.extend_button = self.clock_box.extend_button

        self.move_model: MarkedModel[Move] = MarkedModel(move_columns(), lambda _m: False, self)
        _p, self.move_table = stretched_table(self.move_model, self, 3)
        self.move_table.setObjectName("moveTable")
        self.leave_model: MarkedModel[Any] = MarkedModel(
            leave_columns(lambda: datetime.now(UTC)), lambda r: r.overdue, self
        )
        _p, self.leave_table = stretched_table(self.leave_model, self, 6)
        self.leave_table.setObjectName("leaveTable")
        self.link_model: MarkedModel[KeepApartRow] = MarkedModel(
            link_columns(), lambda r: r.ended_at is None and r.shares_room, self
        )
        self.link_proxy, self.link_table = stretched_table(self.link_model, self, 3)
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
        top = QHBoxLayout()
        top.addWidget(bed_box, 2)
        top.addWidget(self.clock_box, 3)

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
        self.clock_box.show_clock(data.clock)
        self.move_model.set_rows(moves(data.stays))
        self.leave_model.set_rows(data.leaves)
        self.link_model.set_rows(data.keep_apart)
        fit_table(self.move_table, 3, self.move_empty)
        fit_table(self.leave_table, 6, self.leave_empty)
        fit_table(self.link_table, 3, self.link_empty)
        self._set_enabled()
        self.loaded.emit(data)

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
            self.clock_box.show_clock(done[-1])
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
