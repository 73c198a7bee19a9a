"""What the bed board's tiles do: move her (a dialog, or a drop), swap two residents, give a first bed, change a
bed's state, show its history, print the board. Every write is one service call; the board reads again after it.

Dialogs are opened window-modal (`open`), so the board stays responsive and a test can drive them; `dialog` is
the one open now.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from centre_desk.errors import UserError
from centre_desk.i18n import N_, _
from centre_desk.models.lodging import BedState
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging.dto import Occupant, RoomCard
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.lodging.bed_state import BedHistoryDialog, BedStateDialog
from centre_desk.ui.lodging.board_tiles import BedTile
from centre_desk.ui.lodging.move_dialog import SwapDialog, move_dialog
from centre_desk.ui.lodging.states import room_title
from centre_desk.ui.tasks import run_task

if TYPE_CHECKING:
    from centre_desk.ui.lodging.board import BoardView

STATE_ACTIONS = (
    (BedState.FREE, N_("Mark as &free…")),
    (BedState.RESERVED, N_("&Reserve for a resident…")),
    (BedState.CLEANING, N_("Needs &cleaning…")),
    (BedState.OUT_OF_SERVICE, N_("&Out of service…")),
)
PDF_NAME = "so-do-giuong.pdf"


def where(tile: BedTile) -> str:
    return f"{room_title(tile.room)} · " + _("Bed {label}").format(label=tile.bed.label)


class BoardActions(QObject):
    def __init__(self, view: BoardView) -> None:
        super().__init__(view)
        self.view = view
        self.dialog: QDialog | None = None
        self.printing = False

    @property
    def can_move(self) -> bool:
        return self.view.actor.can(Action.EDIT, FieldGroup.LODGING) and not self.view.past

    @property
    def can_administer(self) -> bool:
        return self.view.actor.can(Action.ADMINISTER, FieldGroup.LODGING) and not self.view.past

    @property
    def may_override(self) -> bool:
        return self.view.actor.can(Action.APPROVE, FieldGroup.LODGING)

    # -- the tile's menu ---------------------------------------------------------------------------------------

    def activate(self, tile: BedTile) -> None:
        """Enter, F2 or a double click: move her; on a bed nobody sleeps in, the bed's menu."""
        if tile.occupant is not None and self.can_move:
            self.move(tile)
        else:
            self.menu(tile, tile.global_corner())

    def build_menu(self, tile: BedTile) -> QMenu:
        menu = QMenu(tile.card)
        bed = tile.bed
        if tile.occupant is not None and self.can_move:
            menu.addAction(_("&Move to another bed…"), lambda: self.move(tile))
        board = self.view.board
        if tile.occupant is None and self.can_move and board is not None and board.unplaced:
            give = menu.addMenu(_("&Give this bed to…"))
            for person in board.unplaced[:30]:
                give.addAction(f"{person.label} ({person.code})", partial(self.give_bed, person, bed.id))
        if tile.occupant is None and self.can_administer:
            menu.addSeparator()
            for state, text in STATE_ACTIONS:
                if state != bed.state or state == BedState.RESERVED:
                    menu.addAction(_(text), partial(self.set_state, tile, state))
        if self.view.actor.can(Action.ADMINISTER, FieldGroup.LODGING):
            menu.addSeparator()
            menu.addAction(_("Bed &history…"), lambda: self.history(tile))
        return menu

    def navigate(self, tile: BedTile, key: int) -> None:
        self.view.navigate(tile, key)

    def menu(self, tile: BedTile, position: QPoint) -> None:
        menu = self.build_menu(tile)
        if menu.actions():
            menu.exec(position)
        menu.deleteLater()

    def menu_action(self, tile: BedTile, text: str) -> QAction:
        """The menu entry whose text (without "&") starts with `text` (for tests and the keyboard)."""
        found = [a for a in self.build_menu(tile).actions() if a.text().replace("&", "").startswith(text)]
        return found[0]

    # -- moves -----------------------------------------------------------------------------------------------

    def _rooms(self) -> tuple[RoomCard, ...]:
        """Every room of now, whatever the filters (a move may go to another building)."""
        board = self.view.board
        if board is not None and not self.view.building and not self.view.floor:
            return board.rooms
        return self.view.service.board(self.view.actor).rooms

    def _open(self, dialog: QDialog, done: str) -> None:
        self.dialog = dialog

        def accepted() -> None:
            self.view.show_status(done)
            self.view.changed()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def move(self, tile: BedTile, to_bed: int | None = None) -> None:
        person = tile.occupant
        if person is None or not self.can_move:
            return
        self._move_dialog(person, where(tile), tile.bed.id, to_bed)

    def give_bed(self, person: Occupant, to_bed: int | None = None) -> None:
        """A first bed for a resident without one."""
        if self.can_move:
            self._move_dialog(person, "", None, to_bed)

    def _move_dialog(self, person: Occupant, now: str, own_bed: int | None, to_bed: int | None) -> None:
        try:
            rooms = self._rooms()
        except UserError as exc:
            show_error(self.view, exc)
            return
        self._focus_after(own_bed)
        dialog = move_dialog(self.view, self.view.service, self.view.actor, person, now, rooms, own_bed)
        if to_bed is not None and dialog.choice.select_bed(to_bed):
            dialog.first_focus = dialog.reason_edit
        done = _("{person} moved.") if own_bed is not None else _("{person} was given a bed.")
        self._open(dialog, done.format(person=person.label))

    def _focus_after(self, bed_id: int | None) -> None:
        if bed_id is not None:
            self.view._focus_bed = bed_id

    def drop(self, tile: BedTile, resident_id: int, from_bed: int | None) -> None:
        """A resident dropped on a bed: a move to a bed nobody sleeps in, a swap (after confirming) with who does."""
        if not self.can_move:
            return
        source = self.view.tile_of(from_bed) if from_bed is not None else None
        board = self.view.board
        person = source.occupant if source is not None else None
        if person is None and board is not None:
            person = next((p for p in board.unplaced if p.resident_id == resident_id), None)
        if person is None or person.resident_id != resident_id:
            self.view.show_status(_("She is no longer where the board showed her: the board is read again."), True)
            self.view.load()
            return
        other = tile.occupant
        if other is None:
            if tile.bed.state == BedState.OUT_OF_SERVICE:
                self.view.show_status(_("The bed is out of service."), True)
                return
            self._move_dialog(person, where(source) if source else "", from_bed, tile.bed.id)
            return
        if source is None:
            self.view.show_status(_("Someone already sleeps in this bed: drop her on a free bed."), True)
            return
        service, actor = self.view.service, self.view.actor
        dialog = SwapDialog(
            self.view, (person, where(source)), (other, where(tile)),
            lambda reason, kept: service.swap(actor, person.resident_id, other.resident_id, reason, kept),
            self.may_override,
        )  # fmt: skip
        self._focus_after(tile.bed.id)
        self._open(dialog, _("{first} and {second} swapped beds.").format(first=person.label, second=other.label))

    # -- the bed itself --------------------------------------------------------------------------------------------

    def set_state(self, tile: BedTile, state: BedState) -> None:
        board = self.view.board
        if board is None or not self.can_administer:
            return
        people = list(board.unplaced) + [b.occupant for r in board.rooms for b in r.beds if b.occupant is not None]
        service, actor, bed = self.view.service, self.view.actor, tile.bed
        dialog = BedStateDialog(
            self.view, where(tile), bed.state, state, people,
            lambda new, reason, person: service.set_bed_state(actor, bed.id, bed.version, new, reason, person),
        )  # fmt: skip
        self._focus_after(bed.id)
        self._open(dialog, _("The state of the bed was changed."))

    def history(self, tile: BedTile) -> None:
        try:
            entries = self.view.service.bed_history(self.view.actor, tile.bed.id)
        except UserError as exc:
            show_error(self.view, exc)
            return
        dialog = BedHistoryDialog(self.view, where(tile), entries)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    # -- printing ----------------------------------------------------------------------------------------------

    def print_board(self) -> None:
        """The board on paper (LodgingService.board_pdf on a worker), shown in the usual preview to print or save."""
        if self.printing:
            return
        self.printing = True
        self.view.print_button.setEnabled(False)
        self.view.show_status(_("Preparing the board for printing…"))
        service, actor, building, floor = self.view.service, self.view.actor, self.view.building, self.view.floor

        def done(pdf: bytes) -> None:
            self._printed()
            self.view.show_status("")
            DocumentPreviewDialog.show_document(self.view, _("Bed board"), pdf, PDF_NAME)

        def failed(exc: BaseException) -> None:
            self._printed()
            if isinstance(exc, UserError):
                self.view.show_status(exc.message, True)
            else:
                self.view.show_status("", False)
                show_error(self.view, exc)

        run_task(self, lambda: service.board_pdf(actor, building, floor), done, failed)

    def _printed(self) -> None:
        self.printing = False
        self.view.print_button.setEnabled(True)
