"""The bed chooser outside the bed board: the record's "Move to another bed…" opens the board's MoveDialog for
one resident (her first bed when she has none), over the record window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging.dto import BedBoard, Occupant
from centre_desk.services.lodging.service import LodgingService
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.move_dialog import MoveDialog, move_dialog
from centre_desk.ui.lodging.states import room_title


def find_resident(board: BedBoard, resident_id: int) -> tuple[Occupant, str, int | None] | None:
    """Her occupant row, where she sleeps ("" without a bed) and her bed's id, as the board shows her now."""
    for room in board.rooms:
        for bed in room.beds:
            if bed.occupant is not None and bed.occupant.resident_id == resident_id:
                place = f"{room_title(room)} · " + _("Bed {label}").format(label=bed.label)
                return bed.occupant, place, bed.id
    person = next((p for p in board.unplaced if p.resident_id == resident_id), None)
    return None if person is None else (person, "", None)


def choose_bed(
    parent: QWidget, service: LodgingService, actor: Actor, events: AppEvents, resident_id: int
) -> MoveDialog | None:
    """Open the move dialog for the resident (window-modal); the other pages hear "lodging" once she is moved.
    None when she is no longer in the centre or the board cannot be read (the reason is shown)."""
    try:
        board = service.board(actor)
    except UserError as exc:
        show_error(parent, exc)
        return None
    found = find_resident(board, resident_id)
    if found is None:
        show_error(parent, UserError(_("The resident is not in the centre.")))
        return None
    person, place, own_bed = found
    dialog = move_dialog(parent, service, actor, person, place, board.rooms, own_bed)
    dialog.accepted.connect(lambda: events.data_changed.emit("lodging"))
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
