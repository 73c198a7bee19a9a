"""The lodging windows for the catalogue (tests/ui/windows.py): the move, swap, bed state and history dialogs, and
the room dialogs, each with realistic Vietnamese data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from centre_desk.models.lodging import BedState
from centre_desk.services.lodging.dto import BedHistoryEntry
from centre_desk.ui.admissions.wizard import AdmissionWizard
from centre_desk.ui.lodging.bed_state import BedHistoryDialog, BedStateDialog
from centre_desk.ui.lodging.move_dialog import MoveDialog, SwapDialog
from centre_desk.ui.lodging.room_dialog import RetireRoomDialog, RoomDialog
from tests.ui.lodging.board_support import NOW, LodgingCentre, lodging_centre

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def _made(ctx: Context) -> LodgingCentre:
    return lodging_centre(ctx.installed.centre, ctx.manager)


def _nothing(*_args: object) -> None:
    return None


def move(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    made = _made(ctx)
    service, manager = ctx.installed.centre.lodging, ctx.manager
    room = made.rooms[0]
    person = room.beds[0].occupant
    assert person is not None
    dialog = MoveDialog(
        None, person, "Nhà A · Tầng 1 · Phòng 101 · Giường G1", made.rooms, room.beds[0].id,
        lambda bed: service.check_place(manager, person.resident_id, bed), _nothing, True,
    )  # fmt: skip
    children = made.bed(3, "G4")
    return Opened(dialog, [View("as opened"), View("a rule broken", lambda: dialog.choice.select_bed(children))])


def swap(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    made = _made(ctx)
    first, second = made.rooms[0].beds[0].occupant, made.rooms[1].beds[0].occupant
    assert first is not None and second is not None
    dialog = SwapDialog(None, (first, "Phòng 101 · Giường G1"), (second, "Phòng 102 · Giường G1"), _nothing, True)
    return Opened(dialog, [View("as opened"), View("with an exception", lambda: dialog.show_override(True))])


def bed_state(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    made = _made(ctx)
    people = [b.occupant for r in made.rooms for b in r.beds if b.occupant is not None]
    dialog = BedStateDialog(None, "Nhà A · Tầng 1 · Phòng 101 · Giường G4", BedState.FREE, BedState.CLEANING,
                            people, _nothing)  # fmt: skip
    reserve = dialog.state_combo.findData(BedState.RESERVED.value)
    return Opened(dialog, [View("as opened"), View("reserved", lambda: dialog.state_combo.setCurrentIndex(reserve))])


def bed_history(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    entries = [
        BedHistoryEntry(NOW, BedState.OUT_OF_SERVICE, "Nguyễn Thị Hường", "Giường gãy chân, chờ thợ đến sửa"),
        BedHistoryEntry(NOW, BedState.CLEANING, "Lò Thị Mai", "Đối tượng đã rời Trung tâm"),
        BedHistoryEntry(NOW, BedState.OCCUPIED, "Lò Thị Mai", "Tiếp nhận"),
        BedHistoryEntry(NOW, BedState.FREE, "Nguyễn Thị Hường", ""),
    ]
    return Opened(BedHistoryDialog(None, "Nhà A · Tầng 2 · Phòng 203 · Giường G4", entries))


def new_room(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    return Opened(RoomDialog(None, None, ("Nhà A", "Nhà B"), _nothing))


def edit_room(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    made = _made(ctx)
    return Opened(RoomDialog(None, made.rooms[2], ("Nhà A", "Nhà B"), _nothing))


def retire_room(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    made = _made(ctx)
    return Opened(RetireRoomDialog(None, made.rooms[9], _nothing))


def wizard_bed(ctx: Context) -> Opened:
    from centre_desk.ui.events import AppEvents
    from tests.ui.admissions.test_shots import PAYLOAD
    from tests.ui.windows import Opened, View

    made = _made(ctx)
    centre = ctx.installed.centre
    wizard = AdmissionWizard(centre.admissions, centre.drafts, ctx.manager, AppEvents(), lodging=centre.lodging)
    for page in wizard.pages:
        page.load(PAYLOAD)
    bed = len(wizard.pages) - 2
    adults = made.bed(0, "G4")  # she is 15: an exception, the manager may allow it

    def rule_broken() -> None:
        wizard.go_to(bed)
        wizard.pages[bed].choice.select_bed(adults)  # type: ignore[attr-defined]

    return Opened(wizard, [View("bed step", lambda: wizard.go_to(bed)), View("a rule broken", rule_broken)],
                  wizard._autosave.stop)  # fmt: skip


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (
        Entry("move-bed", MoveDialog, move),
        Entry("swap-beds", SwapDialog, swap),
        Entry("bed-state", BedStateDialog, bed_state),
        Entry("bed-history", BedHistoryDialog, bed_history),
        Entry("new-room", RoomDialog, new_room),
        Entry("edit-room", RoomDialog, edit_room),
        Entry("retire-room", RetireRoomDialog, retire_room),
        Entry("admission-wizard-bed", AdmissionWizard, wizard_bed),
    )
