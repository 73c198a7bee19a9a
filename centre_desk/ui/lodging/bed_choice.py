"""BedChoice: pick a bed for a resident, room by room, and see what the room rules say before confirming.

The beds offered are those nobody sleeps in and that are in service (free first; reserved and needs cleaning
too, with their problem shown). The rules are never checked here: `checker(bed_id)` asks the service
(LodgingService.check_place for a resident, check_new in the admission wizard) and the answer is kept per bed.
Used by the board's move dialog and by the admission wizard's bed step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.models.lodging import BedState
from centre_desk.services.lodging.dto import BedRow, PlaceCheck, RoomCard
from centre_desk.ui.lodging.states import age_rule_name, room_title, sex_rule_name, state_name

Checker = Callable[[int], PlaceCheck]
BED_ROLE = Qt.ItemDataRole.UserRole
OK_STYLE = "color: #1e6b3a;"
PROBLEM_STYLE = "color: #b3261e;"
ORDER = {BedState.FREE: 0, BedState.RESERVED: 1, BedState.CLEANING: 2}


def offered(bed: BedRow) -> bool:
    return bed.occupant is None and bed.state in ORDER


def problems_lines(check: PlaceCheck) -> str:
    """Every problem of the choice, one per line, and what may be done about them."""
    if check.clean:
        return _("This bed breaks no room rule.")
    lines = [_("This bed breaks the room rules:")] + [f"• {p.message}" for p in check.problems]
    if check.can_override:
        lines.append(_("As a manager you may allow an exception: give its reason below."))
    elif all(p.overridable for p in check.problems):
        lines.append(_("Only a manager may allow an exception to these rules."))
    else:
        lines.append(_("Nobody may use this bed now."))
    return "\n".join(lines)


class BedChoice(QWidget):
    changed = Signal()  # another bed chosen, or its check arrived

    def __init__(self, checker: Checker | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checker = checker
        self._checks: dict[int, PlaceCheck] = {}
        self._errors: dict[int, str] = {}
        self._items: dict[int, QTreeWidgetItem] = {}  # bed id → its row, in the order shown
        self.tree = QTreeWidget()
        self.tree.setObjectName("bedChoice")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(_("Beds to choose from"))
        self.problems = QLabel()
        self.problems.setObjectName("bedProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setMinimumHeight(self.problems.fontMetrics().lineSpacing() * 3)
        self.problems.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problems)
        self.setFocusProxy(self.tree)
        self.tree.currentItemChanged.connect(self._on_current_changed)

    def set_checker(self, checker: Checker | None) -> None:
        """A new way to check (the person changed): what was checked is forgotten."""
        self._checker = checker
        self._checks.clear()
        self._errors.clear()
        self._show()

    def set_rooms(self, rooms: Sequence[RoomCard], exclude: int | None = None) -> None:
        """Offer the beds of `rooms` nobody sleeps in (not `exclude`, her own bed); the choice is kept if offered."""
        keep = self.bed_id()
        self._checks.clear()
        self._errors.clear()
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = {}
        for room in rooms:
            beds = sorted((b for b in room.beds if offered(b) and b.id != exclude), key=lambda b: ORDER[b.state])
            if not beds:
                continue
            head = QTreeWidgetItem([self._room_text(room)])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for bed in beds:
                item = QTreeWidgetItem([self._bed_text(bed)])
                item.setData(0, BED_ROLE, bed.id)
                head.addChild(item)
                self._items[bed.id] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if keep is None or not self.select_bed(keep):
            self.tree.setCurrentIndex(QModelIndex())
            self._show()

    def _room_text(self, room: RoomCard) -> str:
        people = _("{occupied}/{places} people").format(occupied=room.occupied, places=room.capacity)
        return f"{room_title(room)} — {sex_rule_name(room.sex_rule)} · {age_rule_name(room.age_rule)} — {people}"

    def _bed_text(self, bed: BedRow) -> str:
        text = _("Bed {label}").format(label=bed.label) + f" — {state_name(bed.state)}"
        if bed.reserved_for is not None:
            text += " " + _("(for {person})").format(person=bed.reserved_for.label)
        return text

    def beds(self) -> list[int]:
        """The beds offered, in the order shown."""
        return list(self._items)

    def select_bed(self, bed_id: int) -> bool:
        item = self._items.get(bed_id)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    def bed_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, BED_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def place_check(self) -> PlaceCheck | None:
        """What the rules say of the bed chosen (None: no bed chosen, or the check failed)."""
        bed = self.bed_id()
        return None if bed is None else self._checks.get(bed)

    def _on_current_changed(self, *_args: object) -> None:
        bed = self.bed_id()
        if bed is not None and bed not in self._checks and bed not in self._errors and self._checker is not None:
            try:
                self._checks[bed] = self._checker(bed)
            except UserError as exc:
                self._errors[bed] = exc.message
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        bed = self.bed_id()
        check = self.place_check()
        if bed is None:
            text = _("Choose a bed.") if self.tree.topLevelItemCount() else _("No bed is free.")
            self.problems.setStyleSheet("")
        elif bed in self._errors:
            text = self._errors[bed]
            self.problems.setStyleSheet(PROBLEM_STYLE)
        elif check is None:
            text = ""
            self.problems.setStyleSheet("")
        else:
            text = problems_lines(check)
            self.problems.setStyleSheet(OK_STYLE if check.clean else PROBLEM_STYLE)
        self.problems.setText(text)
