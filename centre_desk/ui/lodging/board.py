"""The bed board ("Sơ đồ giường"): every room as a card, its beds as tiles coloured by state, the residents without
a bed beside them. Filters by building and floor, and a past moment to look at (rebuilt from the histories).

The board is read on a worker thread (run_task) and drawn in one go; what a tile does (move, swap, state,
history, print) is in board_actions.py. Keyboard: Tab reaches the first tile, the arrows move between tiles,
Enter or F2 moves her, the Menu key or Shift+F10 opens the bed's menu.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.lodging import BedState
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import BedBoard
from centre_desk.ui.administration.users.form_parts import ERROR_STYLE, hint_label
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.board_actions import BoardActions
from centre_desk.ui.lodging.board_tiles import BedTile, Fonts, RoomCardWidget
from centre_desk.ui.lodging.legend import Legend, UnplacedList
from centre_desk.ui.lodging.sheet import CardSheet
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.date_edit import DateEdit

EVENT_KINDS = ("lodging", "resident", "census")


class BoardView(QWidget):
    def __init__(self, service: LodgingService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self.setObjectName("bedBoard")
        self.service = service
        self.actor = actor
        self.events = events
        self.board: BedBoard | None = None
        self.loading = False
        self.tiles: list[BedTile] = []
        self.cards: list[RoomCardWidget] = []
        self._generation = 0
        self._again = False
        self._focus_bed: int | None = None
        self._emitting = False
        self.tile_actions = BoardActions(self)

        self.building_combo = QComboBox()
        self.floor_combo = QComboBox()
        for combo in (self.building_combo, self.floor_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(130)
        building_label = QLabel(_("&Building:"))
        building_label.setBuddy(self.building_combo)
        floor_label = QLabel(_("F&loor:"))
        floor_label.setBuddy(self.floor_combo)
        self.at_box = QCheckBox(_("View &at:"))
        self.at_box.setToolTip(_("The board as it was at a past moment, rebuilt from the history (read only)."))
        self.at_edit = DateEdit(with_time=True)
        self.at_edit.setEnabled(False)
        self.at_edit.setMaximumWidth(170)
        self.refresh_button = QPushButton(_("Re&fresh"))
        self.print_button = QPushButton(_("&Print the board…"))
        self.print_button.setVisible(actor.can(Action.PRINT, FieldGroup.LODGING))
        top = QHBoxLayout()
        for widget in (building_label, self.building_combo, floor_label, self.floor_combo):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self.at_box)
        top.addWidget(self.at_edit)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("boardSummary")
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.past_label = hint_label("")
        self.past_label.setObjectName("pastNotice")
        self.past_label.setVisible(False)
        self.legend = Legend()

        self.canvas = CardSheet()
        self.fonts = Fonts(self.font())
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty_label = hint_label(_("No room yet: a manager adds them under Administration, Rooms and beds."))
        self.empty_label.setVisible(False)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.unplaced = UnplacedList()
        unplaced_label = QLabel(_("&Without a bed:"))
        unplaced_label.setBuddy(self.unplaced)
        self.place_button = QPushButton(_("&Give a bed…"))
        self.place_button.setVisible(actor.can(Action.EDIT, FieldGroup.LODGING))
        side_layout.addWidget(unplaced_label)
        side_layout.addWidget(self.unplaced, 1)
        side_layout.addWidget(self.place_button)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addWidget(self.empty_label)
        main_layout.addWidget(self.scroll_area, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(main)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([1000, 200])
        self.splitter.setChildrenCollapsible(False)
        side.setMinimumWidth(190)

        self.status_label = QLabel()
        self.status_label.setObjectName("boardStatus")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.legend)
        layout.addWidget(self.past_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

        self.building_combo.activated.connect(self._on_building_chosen)
        self.floor_combo.activated.connect(self._on_filter_chosen)
        self.at_box.toggled.connect(self._on_at_toggled)
        self.at_edit.editingFinished.connect(self._on_at_edited)
        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.print_button.clicked.connect(self.tile_actions.print_board)
        self.place_button.clicked.connect(self._on_place_clicked)
        self.unplaced.itemActivated.connect(self._on_place_clicked)
        events.data_changed.connect(self._on_data_changed)
        self.load()

    # -- reading ---------------------------------------------------------------------------------------------------

    @property
    def building(self) -> str:
        return str(self.building_combo.currentData() or "")

    @property
    def floor(self) -> str:
        return str(self.floor_combo.currentData() or "")

    def moment(self) -> datetime | None:
        """The past moment asked for (aware), None for now."""
        if not self.at_box.isChecked():
            return None
        typed = self.at_edit.moment()
        return typed.astimezone() if typed is not None else None

    @property
    def past(self) -> bool:
        return self.moment() is not None

    def load(self) -> None:
        """Read the board again (on a worker); the focus stays on the same bed."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        self._generation += 1
        generation = self._generation
        at, building, floor = self.moment(), self.building, self.floor
        focused = next((t for t in self.tiles if t.hasFocus()), None)
        if focused is not None:
            self._focus_bed = focused.bed.id

        def read() -> BedBoard:
            return self.service.board(self.actor, at, building, floor)

        run_task(self, read, lambda board: self._loaded(generation, board), self._failed)

    def _loaded(self, generation: int, board: BedBoard) -> None:
        self.loading = False
        if self._again:
            self._again = False
            self.load()
            return
        if generation == self._generation:
            self.show_board(board)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._again = False
        self.show_status(exc.message if isinstance(exc, UserError) else _("The board could not be read."), True)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    # -- drawing ---------------------------------------------------------------------------------------------------

    def show_board(self, board: BedBoard) -> None:
        self.board = board
        self._fill_filters(board)
        movable = not self.past and self.actor.can(Action.EDIT, FieldGroup.LODGING)
        scrolled = self.scroll_area.verticalScrollBar().value()
        sheet = CardSheet()
        sheet.resize(self.scroll_area.viewport().width(), 10)
        hub = self.tile_actions
        self.cards = [RoomCardWidget(room, sheet, movable, hub, self.fonts) for room in board.rooms]
        self.tiles = [tile for card in self.cards for tile in card.tiles]
        sheet.set_cards(self.cards)
        self.canvas = sheet
        self.scroll_area.setWidget(sheet)  # the old sheet and its cards are deleted
        self.scroll_area.verticalScrollBar().setValue(scrolled)
        self.empty_label.setVisible(not board.rooms)
        self.unplaced.set_people(board.unplaced)
        self.place_button.setEnabled(bool(board.unplaced) and not self.past)
        self._summarise(board)
        if self._focus_bed is not None:
            focused = self.tile_of(self._focus_bed)
            if focused is not None:
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
                self.show_tile(focused)
            self._focus_bed = None

    def _fill_filters(self, board: BedBoard) -> None:
        for combo, values, everything in (
            (self.building_combo, board.buildings, _("All buildings")),
            (self.floor_combo, board.floors, _("All floors")),
        ):
            keep = str(combo.currentData() or "")
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)

    def _summarise(self, board: BedBoard) -> None:
        beds = [b for r in board.rooms for b in r.beds]
        occupied = sum(1 for b in beds if b.occupant is not None)
        free = sum(1 for b in beds if b.state == BedState.FREE and b.occupant is None)
        self.summary_label.setText(
            _("Beds: {beds} · Occupied: {occupied} · Free: {free} · Without a bed: {unplaced}").format(
                beds=len(beds), occupied=occupied, free=free, unplaced=len(board.unplaced)
            )
        )
        if self.past:
            self.past_label.setText(
                _("The board as it was at {moment}: read only.").format(moment=format_datetime(board.at))
            )
        self.past_label.setVisible(self.past)

    def tile_of(self, bed_id: int) -> BedTile | None:
        return next((t for t in self.tiles if t.bed.id == bed_id), None)

    # -- keyboard ----------------------------------------------------------------------------------------------

    def navigate(self, tile: BedTile, key: int) -> None:
        """Arrows: the next tile that way (by position on the board); Home, End: the first, the last."""
        if not self.tiles:
            return
        target: BedTile
        if key == Qt.Key.Key_Home:
            target = self.tiles[0]
        elif key == Qt.Key.Key_End:
            target = self.tiles[-1]
        else:
            target = self._neighbour(tile, key) or tile
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_tile(target)

    def show_tile(self, tile: BedTile) -> None:
        """Scroll so that the tile is seen."""
        corner = tile.card.mapTo(self.canvas, tile.area.topLeft())
        centre = corner + tile.area.center() - tile.area.topLeft()
        self.scroll_area.ensureVisible(centre.x(), centre.y(), tile.area.width(), tile.area.height())

    def _neighbour(self, tile: BedTile, key: int) -> BedTile | None:
        def centre(t: BedTile) -> QPoint:
            return t.card.mapTo(self.canvas, t.centre())

        here = centre(tile)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):  # reading order: on to the next card after the last bed
            index = self.tiles.index(tile) + (1 if key == Qt.Key.Key_Right else -1)
            return self.tiles[index] if 0 <= index < len(self.tiles) else None
        down = key == Qt.Key.Key_Down
        best: tuple[int, BedTile] | None = None
        for other in self.tiles:
            point = centre(other)
            dy = point.y() - here.y() if down else here.y() - point.y()
            if dy <= 4:
                continue
            score = dy + 3 * abs(point.x() - here.x())
            if best is None or score < best[0]:
                best = (score, other)
        return None if best is None else best[1]

    # -- slots -------------------------------------------------------------------------------------------------

    def _on_building_chosen(self, _index: int) -> None:
        self.floor_combo.setCurrentIndex(0)
        self.load()

    def _on_filter_chosen(self, _index: int) -> None:
        self.load()

    def _on_at_toggled(self, on: bool) -> None:
        self.at_edit.setEnabled(on)
        if on:
            if not self.at_edit.text():
                self.at_edit.set_value(datetime.now())
            self.at_edit.setFocus()
        self.load()

    def _on_at_edited(self) -> None:
        if self.at_box.isChecked():
            self.load()

    def _on_refresh_clicked(self) -> None:
        self.show_status("")
        self.load()

    def _on_place_clicked(self, *_args: object) -> None:
        person = self.unplaced.current_person()
        if person is None and self.unplaced.count():
            self.unplaced.setCurrentRow(0)
            person = self.unplaced.current_person()
        if person is not None and not self.past and self.actor.can(Action.EDIT, FieldGroup.LODGING):
            self.tile_actions.give_bed(person)

    def changed(self) -> None:
        """After a write: this board reads again, other pages hear of it."""
        self._emitting = True
        try:
            self.events.data_changed.emit("lodging")
        finally:
            self._emitting = False
        self.load()

    def _on_data_changed(self, kind: str) -> None:
        if kind in EVENT_KINDS and not self._emitting:
            self.load()
