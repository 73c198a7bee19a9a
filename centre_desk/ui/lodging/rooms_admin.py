"""Administration, "Rooms and beds" (ADMINISTER on LODGING): the rooms in use, a room added, changed or retired."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import RoomCard, RoomInput
from centre_desk.text import fold
from centre_desk.ui.administration.users.form_parts import ERROR_STYLE, hint_label
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.room_dialog import RetireRoomDialog, RoomDialog
from centre_desk.ui.lodging.states import age_rule_name, sex_rule_name
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

KIND = "lodging"


def _columns() -> list[Column[RoomCard]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_("Building"), lambda r: r.building, sort_key=lambda r: (fold(r.building), fold(r.floor))),
        Column(_("Floor"), lambda r: r.floor, sort_key=lambda r: fold(r.floor)),
        Column(_("Room name"), lambda r: r.name, sort_key=lambda r: fold(r.name)),
        Column(_("For"), lambda r: sex_rule_name(r.sex_rule)),
        Column(_("Age group"), lambda r: age_rule_name(r.age_rule)),
        Column(_("Places"), lambda r: r.capacity, right),
        Column(_("Beds"), lambda r: ", ".join(b.label for b in r.beds), sort_key=lambda r: len(r.beds)),
        Column(_("Occupied"), lambda r: r.occupied, right),
        Column(_("Notes"), lambda r: r.notes),
    ]


class RoomsAdminPage(QWidget):
    def __init__(self, service: LodgingService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("roomsAdmin")
        self._service = service
        self._actor = actor
        self._events = events
        self._emitting = False
        self.dialog: RoomDialog | RetireRoomDialog | None = None
        self.buildings: tuple[str, ...] = ()
        title = QLabel(_("Rooms and beds"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        self.model: RowTableModel[RoomCard] = RowTableModel(_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("roomsTable")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.new_button = QPushButton(_("&New room…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.retire_button = QPushButton(_("&Retire…"))
        self.refresh_button = QPushButton(_("Re&fresh"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(
            hint_label(_("The rooms on the bed board. A retired room leaves the board; its history stays."))
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        self.new_button.clicked.connect(self.new_room)
        self.edit_button.clicked.connect(self.edit_room)
        self.retire_button.clicked.connect(self.retire_room)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        try:
            board = self._service.board(self._actor)
        except UserError as exc:
            self._status(exc.message, True)
            return
        self.buildings = board.buildings
        self.model.set_rows(board.rooms)
        if keep is not None:
            for row in range(self.proxy.rowCount()):
                if self.model.row(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).id == keep:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> RoomCard | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.retire_button.setEnabled(chosen)

    def _status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    def _open(self, dialog: RoomDialog | RetireRoomDialog, saved: list[RoomCard], message: str) -> None:
        self.dialog = dialog

        def accepted() -> None:
            self._status(message)
            self._after_write(saved[-1].id if saved else None)

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()

    def new_room(self) -> None:
        saved: list[RoomCard] = []

        def submit(data: RoomInput) -> None:
            saved.append(self._service.save_room(self._actor, None, None, data))

        self._open(RoomDialog(self, None, self.buildings, submit), saved, _("Room saved."))

    def edit_room(self) -> None:
        room = self.selected()
        if room is None:
            return
        saved: list[RoomCard] = []

        def submit(data: RoomInput) -> None:
            saved.append(self._service.save_room(self._actor, room.id, room.version, data))

        self._open(RoomDialog(self, room, self.buildings, submit), saved, _("Room saved."))

    def retire_room(self) -> None:
        room = self.selected()
        if room is None:
            return
        saved: list[RoomCard] = []

        def submit(reason: str) -> None:
            saved.append(self._service.retire_room(self._actor, room.id, room.version, reason))

        self._open(RetireRoomDialog(self, room, submit), saved, _("The room was retired."))

    def _after_write(self, room_id: int | None) -> None:
        self.refresh(room_id)
        self._emitting = True
        try:
            self._events.data_changed.emit(KIND)
        finally:
            self._emitting = False

    def _on_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_room()

    def _on_data_changed(self, kind: str) -> None:
        if kind == KIND and not self._emitting:
            self.refresh()
