"""The bed board's drawing: a room card painting its header, and its beds as light tiles painting themselves.

A tile is a plain QWidget with a paintEvent (no layout, no child widgets), placed by its card at a fixed size,
so 200 beds cost 200 small widgets and a few hundred text draws. A tile takes the keyboard focus (the board
moves it with the arrow keys), is dragged when it has an occupant and accepts a resident dropped on it.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from centre_desk.i18n import _
from centre_desk.models.lodging import BedState, Presence
from centre_desk.services.lodging.dto import BedRow, Occupant, RoomCard
from centre_desk.ui.lodging.states import (
    CHILD_BADGE,
    CHILD_COLOUR,
    CLASH_COLOUR,
    LOOKS,
    MINOR_COLOUR,
    badge_of,
    bed_description,
    draw_symbol,
    presence_name,
    room_rules,
    state_name,
)

MIME_TYPE = "application/x-centre-desk-resident"
TILE = QSize(150, 50)
GAP = 6
PAD = 8
COLUMNS = 2
CARD_WIDTH = PAD * 2 + COLUMNS * TILE.width() + (COLUMNS - 1) * GAP


def resident_mime(resident_id: int, bed_id: int | None) -> QMimeData:
    """What a dragged resident carries: her id and the bed she comes from (None: she has no bed)."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(json.dumps({"resident_id": resident_id, "bed_id": bed_id}).encode()))
    return mime


def read_mime(mime: QMimeData) -> tuple[int, int | None] | None:
    """(resident id, bed id or None) from a drag of ours; None for anything else."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        bed = data.get("bed_id")
        return int(data["resident_id"]), (int(bed) if bed is not None else None)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class BedTile(QWidget):
    """One bed. Signals carry the tile; the board decides what they mean."""

    activated = Signal(object)  # Enter / F2 / double click
    menu_requested = Signal(object, QPoint)  # right click, the Menu key, Shift+F10 (global position)
    dropped = Signal(object, int, object)  # tile, resident id, her bed id (None: she has no bed)
    navigate = Signal(object, int)  # tile, Qt key (arrows, Home, End)

    def __init__(self, room: RoomCard, bed: BedRow, parent: QWidget, movable: bool) -> None:
        super().__init__(parent)
        self.room = room
        self.bed = bed
        self.movable = movable  # may drag her and drop others here (EDIT on LODGING, the board of now)
        self._press: QPoint | None = None
        self._hover = False
        self.setFixedSize(TILE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(movable)
        self.setObjectName(f"bed-{bed.id}")
        text = bed_description(room, bed)
        self.setToolTip(text)
        self.setAccessibleName(text.replace("\n", ", "))

    @property
    def occupant(self) -> Occupant | None:
        return self.bed.occupant

    # -- painting --------------------------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        look = LOOKS[self.bed.state]
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(look.fill))
        border = QPen(QColor(look.accent), 1.4)
        if self.bed.state == BedState.CLEANING:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.drawRoundedRect(rect, 5, 5)
        if self.bed.state == BedState.OUT_OF_SERVICE:
            painter.setBrush(QBrush(QColor("#b5b5b5"), Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
        if self.hasFocus() or self._hover:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1a1a1a") if self.hasFocus() else QColor(look.accent), 2.5))
            painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
        draw_symbol(painter, look, QPointF(13, 14), 5)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(QRect(24, 4, 70, 20), Qt.AlignmentFlag.AlignVCenter, self.bed.label)
        right = self.width() - 6
        person = self.bed.occupant or self.bed.reserved_for
        badge = badge_of(person)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.82))
        small.setBold(True)
        if badge:
            right = self._badge(painter, small, badge, right, CHILD_COLOUR if badge == CHILD_BADGE else MINOR_COLOUR)
        if self.bed.occupant is not None and self.bed.occupant.keep_apart_clash:
            right = self._badge(painter, small, "!", right, CLASH_COLOUR)
        painter.setFont(self.font())
        painter.setPen(QColor("#1a1a1a") if person is not None else QColor("#3c3c3c"))
        line = QRect(8, 25, self.width() - 14, 20)
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, self._second_line(QFontMetrics(self.font()), line))
        painter.end()

    def _badge(self, painter: QPainter, font: QFont, text: str, right: int, colour: str) -> int:
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 8
        box = QRectF(right - width, 5, width, 16)
        painter.setFont(font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        return int(box.left()) - 3

    def _second_line(self, metrics: QFontMetrics, line: QRect) -> str:
        occupant = self.bed.occupant
        if occupant is not None:
            text = occupant.label
            if occupant.presence != Presence.PRESENT:
                text = f"{text} · {presence_name(occupant.presence)}"
        elif self.bed.reserved_for is not None:
            text = _("For {person}").format(person=self.bed.reserved_for.label)
        else:
            text = state_name(self.bed.state)
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width())

    # -- keyboard and mouse ------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self.activated.emit(self)
        elif key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self.menu_requested.emit(self, self.mapToGlobal(QPoint(10, self.height() - 4)))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
                     Qt.Key.Key_End) and not event.modifiers():  # fmt: skip
            self.navigate.emit(self, key)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(self, event.globalPos())

    def mouseDoubleClickEvent(self, _event: QMouseEvent) -> None:
        self.activated.emit(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not self.movable or self.bed.occupant is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(resident_mime(self.bed.occupant.resident_id, self.bed.id))
        pixmap = QPixmap(self.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        self.render(pixmap)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(20, 20))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._press = None

    def enterEvent(self, _event: object) -> None:
        self._hover = True
        self.update()

    def leaveEvent(self, _event: object) -> None:
        self._hover = False
        self.update()

    def focusInEvent(self, event: object) -> None:
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.update()

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.update()

    # -- dropping ------------------------------------------------------------------------------------------------

    def accepts(self, mime: QMimeData) -> bool:
        found = read_mime(mime)
        return self.movable and found is not None and found[1] != self.bed.id

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts(event.mimeData()):
            event.acceptProposedAction()
            self._hover = True
            self.update()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, _event: object) -> None:
        self._hover = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover = False
        self.update()
        found = read_mime(event.mimeData())
        if found is None or not self.accepts(event.mimeData()):
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(self, found[0], found[1])


class RoomCardWidget(QWidget):
    """A room: its name, building and floor, rules and count painted at the top, its beds as tiles below."""

    HEADER = 62

    def __init__(self, room: RoomCard, parent: QWidget, movable: bool) -> None:
        super().__init__(parent)
        self.room = room
        self.setObjectName(f"room-{room.id}")
        self.warnings = list(room.warnings)
        metrics = QFontMetrics(self.font())
        self._warning_height = sum(
            metrics.boundingRect(QRect(0, 0, CARD_WIDTH - 2 * PAD, 1000), Qt.TextFlag.TextWordWrap, w).height()
            for w in self.warnings
        ) + (4 if self.warnings else 0)
        top = self.HEADER + self._warning_height
        self.tiles: list[BedTile] = []
        for index, bed in enumerate(room.beds):
            tile = BedTile(room, bed, self, movable)
            row, column = divmod(index, COLUMNS)
            tile.move(PAD + column * (TILE.width() + GAP), top + row * (TILE.height() + GAP))
            self.tiles.append(tile)
        rows = max(1, (len(room.beds) + COLUMNS - 1) // COLUMNS)
        self.setFixedSize(CARD_WIDTH, top + rows * (TILE.height() + GAP) + PAD - GAP)
        self.setToolTip(room.notes)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#c9ccd1"), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 7, 7)
        width = self.width() - 2 * PAD
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        painter.setFont(bold)
        painter.setPen(QColor("#1a1a1a"))
        count = f"{self.room.occupied}/{len(self.room.beds)}"
        count_width = QFontMetrics(bold).horizontalAdvance(count) + 4
        name = QFontMetrics(bold).elidedText(self.room.name, Qt.TextElideMode.ElideRight, width - count_width)
        painter.drawText(QRect(PAD, 6, width - count_width, 20), Qt.AlignmentFlag.AlignVCenter, name)
        painter.drawText(QRect(PAD, 6, width, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setFont(self.font())
        painter.setPen(QColor("#444444"))
        metrics = QFontMetrics(self.font())
        where = " · ".join(p for p in (self.room.building, self.room.floor) if p)
        painter.drawText(QRect(PAD, 26, width, 16), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(where, Qt.TextElideMode.ElideRight, width))  # fmt: skip
        painter.drawText(QRect(PAD, 42, width, 16), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(room_rules(self.room), Qt.TextElideMode.ElideRight, width))  # fmt: skip
        if self.warnings:
            painter.setPen(QColor(CLASH_COLOUR))
            top = self.HEADER
            for warning in self.warnings:
                box = metrics.boundingRect(QRect(PAD, top, width, 1000), Qt.TextFlag.TextWordWrap, warning)
                painter.drawText(box, Qt.TextFlag.TextWordWrap, warning)
                top += box.height()
        painter.end()
