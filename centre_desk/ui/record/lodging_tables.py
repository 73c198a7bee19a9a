"""The tables of the record's Phòng ở tab: bed moves (from, to, when, why, who), leave passes, keep-apart
links and stay extensions; rows needing attention (overdue, sharing a room) are marked in words and red."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from centre_desk.formatting import format_date, format_datetime
from centre_desk.i18n import _
from centre_desk.services.lodging.dto import ExtensionRow, KeepApartRow, LeaveRow, StayRow
from centre_desk.ui.record.labels import term
from centre_desk.ui.record.lodging_terms import KEEP_APART_REASONS, bed_place
from centre_desk.ui.widgets.table_model import Column, RowTableModel

T = TypeVar("T")
ALERT_COLOUR = "#b3261e"
NONE = "—"


@dataclass(frozen=True)
class Move:
    """One step of her bed history: into a bed (from another or from none), or out of her bed to none."""

    at: datetime
    from_place: str  # "" when she had no bed before
    to_place: str  # "" when she left her bed without another
    reason: str
    by: str
    override_reason: str = ""


def moves(stays: Sequence[StayRow]) -> list[Move]:
    """The bed stays as moves, the latest first. A stay starting when the previous one ended is a move from
    that bed; a gap means she was without a bed in between."""
    result: list[Move] = []
    previous: StayRow | None = None
    for stay in sorted(stays, key=lambda x: (x.start_at, x.id)):
        came_from = ""
        if previous is not None and previous.end_at is not None:
            if previous.end_at < stay.start_at:
                result.append(_left(previous, previous.end_at))
            else:
                came_from = bed_place(previous)
        result.append(
            Move(stay.start_at, came_from, bed_place(stay), stay.reason, stay.started_by, stay.override_reason)
        )
        previous = stay
    if previous is not None and previous.end_at is not None:
        result.append(_left(previous, previous.end_at))
    return result[::-1]


def _left(stay: StayRow, at: datetime) -> Move:
    return Move(at, bed_place(stay), "", stay.end_reason, stay.ended_by)


def move_why(move: Move) -> str:
    if move.override_reason:
        return _("{reason} (exception allowed: {override})").format(
            reason=move.reason or NONE, override=move.override_reason
        )
    return move.reason


def leave_state(row: LeaveRow, now: datetime) -> str:
    if row.returned_at is not None:
        return _("Came back")
    if row.overdue:
        return _("Overdue return")
    if row.leaves_at > now:
        return _("Not left yet")
    return _("On leave")


def _ts(value: datetime | None) -> float:
    return value.timestamp() if value is not None else 0.0


def move_columns() -> list[Column[Move]]:
    return [
        Column(_("When"), lambda m: format_datetime(m.at), sort_key=lambda m: _ts(m.at)),
        Column(_("From"), lambda m: m.from_place or NONE),
        Column(_("To"), lambda m: m.to_place or _("— (no bed)")),
        Column(_("Why"), move_why),
        Column(_("By"), lambda m: m.by),
    ]


def leave_columns(now: Callable[[], datetime]) -> list[Column[LeaveRow]]:
    return [
        Column(_("Leaves"), lambda r: format_datetime(r.leaves_at), sort_key=lambda r: _ts(r.leaves_at)),
        Column(_("Expected back"), lambda r: format_datetime(r.expected_back_at),
               sort_key=lambda r: _ts(r.expected_back_at)),
        Column(_("Returned"), lambda r: format_datetime(r.returned_at), sort_key=lambda r: _ts(r.returned_at)),
        Column(_("State"), lambda r: leave_state(r, now())),
        Column(_("Companion"), lambda r: r.companion),
        Column(_("Destination"), lambda r: r.destination),
        Column(_("Reason"), lambda r: r.reason),
        Column(_("Granted by"), lambda r: r.granted_by),
    ]  # fmt: skip


def link_state(row: KeepApartRow) -> str:
    if row.ended_at is not None:
        return _("Ended on {day}").format(day=format_date(row.ended_at.astimezone().date()))
    if row.shares_room:
        return _("Standing – they share a room now!")
    return _("Standing")


def link_columns() -> list[Column[KeepApartRow]]:
    return [
        Column(_("With"), lambda r: r.other_label),
        Column(_("Code"), lambda r: r.other_code),
        Column(_("Reason"), lambda r: term(KEEP_APART_REASONS, r.reason)),
        Column(_("Note"), lambda r: r.note),
        Column(
            _("Since"), lambda r: format_date(r.created_at.astimezone().date()), sort_key=lambda r: _ts(r.created_at)
        ),
        Column(_("State"), link_state, sort_key=lambda r: (r.ended_at is not None, -_ts(r.created_at))),
    ]


def extension_columns() -> list[Column[ExtensionRow]]:
    return [
        Column(_("Decision number"), lambda e: e.decision_number),
        Column(
            _("Decision date"), lambda e: format_date(e.decision_date), sort_key=lambda e: e.decision_date.toordinal()
        ),
        Column(_("Signed by"), lambda e: e.decided_by),
        Column(_("Extended until"), lambda e: format_date(e.until), sort_key=lambda e: e.until.toordinal()),
        Column(_("Reason"), lambda e: e.reason),
        Column(_("Recorded by"), lambda e: e.recorded_by),
    ]


class MarkedModel(RowTableModel[T]):
    """Rows for which `marked(row)` is true are shown bold and red (their text says why too)."""

    def __init__(self, columns: Sequence[Column[T]], marked: Callable[[T], bool], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._marked = marked
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and index.isValid():
            if 0 <= index.row() < self.rowCount() and self._marked(self.row(index.row())):
                return QColor(ALERT_COLOUR) if role == Qt.ItemDataRole.ForegroundRole else self._bold
            return None
        return super().data(index, role)
