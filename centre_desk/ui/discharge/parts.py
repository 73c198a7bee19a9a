"""The Leaving the centre tab's two grids: the checklist (one row per item: state, note, who and when, what the
centre already knows) and the belongings handed back against the safekeeping list (handed back and what is
missing typed in the grid; the money returned below)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import N_, _
from centre_desk.services.discharge.dto import BelongingRow, CheckRow, ReturnInput
from centre_desk.services.discharge.terms import CHECKS

STATE_COLOURS = {"open": "#b00020", "done": "#1e7e34", "waived": "#8a5a00"}
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
FIXED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _item(text: str, flags: Qt.ItemFlag = FIXED) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(flags)
    return cell


class ChecklistTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("dischargeChecklist")
        titles = (N_("Checklist item"), N_("State"), N_("Note"), N_("By, on"), N_("What the centre knows"))
        self.setHorizontalHeaderLabels([_(t) for t in titles])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        for column, width in enumerate((270, 90, 0, 160, 0)):
            if width:
                self.setColumnWidth(column, width)
        for column in (2, 4):  # the note and what the centre knows share the room left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.rows: tuple[CheckRow, ...] = ()

    def load(self, rows: tuple[CheckRow, ...]) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        for n, c in enumerate(rows):
            state = _item(_(CHECKS[c.state]))
            state.setForeground(QColor(STATE_COLOURS.get(c.state, "#000000")))
            who = f"{c.changed_by}, {format_datetime(c.changed_at)}" if c.changed_at else ""
            for column, cell in enumerate((_item(c.label), state, _item(c.note), _item(who), _item(c.hint))):
                cell.setToolTip(cell.text())
                self.setItem(n, column, cell)
        if rows and not self.selectedItems():
            self.selectRow(0)

    def selected(self) -> CheckRow | None:
        index = self.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None


class BelongingsTable(QTableWidget):
    """Item, taken in, handed back (typed), what is missing (typed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("belongingsReturned")
        self.setHorizontalHeaderLabels([_("Item"), _("Taken in"), _("Handed back"), _("Missing, and why")])
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, width in enumerate((260, 80, 100)):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rows: tuple[BelongingRow, ...] = ()

    def load(self, rows: tuple[BelongingRow, ...], editable: bool) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        flags = EDITABLE if editable else FIXED
        for n, b in enumerate(rows):
            taken = b.item + (f" ({b.condition})" if b.condition else "")
            back = "" if b.returned is None else str(b.returned)
            cells = (_item(taken), _item(str(b.taken)), _item(back, flags),
                     _item(b.missing_note, flags))  # fmt: skip
            for column, cell in enumerate(cells):
                self.setItem(n, column, cell)

    def value(self) -> tuple[ReturnInput, ...]:
        """What is typed: an empty "handed back" means all of it."""
        found = []
        for n, b in enumerate(self.rows):
            text, note = self._text(n, 2).strip(), self._text(n, 3)
            if not text:
                quantity = b.taken
            elif text.isdigit():
                quantity = int(text)
            else:
                raise ValidationError(f"returns.{n}.quantity", _("Type how many were handed back."))
            found.append(ReturnInput(b.belonging_id, quantity, note))
        return tuple(found)

    def _text(self, row: int, column: int) -> str:
        cell = self.item(row, column)
        return cell.text() if cell is not None else ""
