"""The bed board's drawing: one widget per room card, painting its header and its beds as tiles.

A tile is not a widget (200 widgets cost more to make than the board costs to read): it is the part of its card
where one bed is drawn. The card takes the keyboard focus for its current tile (the arrows move it, across cards
too: the board decides), tells a screen reader which bed that is, starts a drag from a tile with an occupant and
accepts a resident dropped on a tile. What a tile does when pressed or dropped on is the hub's (the board's).
"""

from __future__ import annotations

import json
from typing import Protocol

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

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
TILE = QSize(132, 50)  # three room cards side by side beside the unplaced list on a 1366-pixel screen
GAP = 6
PAD = 8
COLUMNS = 2
CARD_WIDTH = PAD * 2 + COLUMNS * TILE.width() + (COLUMNS - 1) * GAP
HEADER = 62
KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End)


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


class Hub(Protocol):
    """What a tile tells the board."""

    def activate(self, tile: BedTile) -> None: ...  # Enter / F2 / double click

    def menu(self, tile: BedTile, position: QPoint) -> None: ...  # right click, Menu key, Shift+F10 (global)

    def drop(self, tile: BedTile, resident_id: int, from_bed: int | None) -> None: ...  # None: she has no bed

    def navigate(self, tile: BedTile, key: int) -> None: ...  # arrows, Home, End


class Fonts:
    """The fonts and metrics every card paints with, made once per board."""

    def __init__(self, base: QFont) -> None:
        self.normal = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.5, base.pointSizeF() * 0.82))
        self.small.setBold(True)
        self.title = QFont(self.bold)
        self.title.setPointSizeF(base.pointSizeF() * 1.1)
        self.metrics = QFontMetrics(self.normal)
        self.small_metrics = QFontMetrics(self.small)
        self.title_metrics = QFontMetrics(self.title)


class BedTile:
    """One bed drawn on its card (`area`, in the card's coordinates)."""

    def __init__(self, card: RoomCardWidget, bed: BedRow, area: QRect) -> None:
        self.card = card
        self.room = card.room
        self.bed = bed
        self.area = area

    @property
    def occupant(self) -> Occupant | None:
        return self.bed.occupant

    @property
    def movable(self) -> bool:
        return self.card.movable

    def description(self) -> str:
        """The tooltip: the bed, the room, the state, who sleeps or is awaited there, the reason."""
        return bed_description(self.room, self.bed)

    def accessibleName(self) -> str:
        person = self.bed.occupant or self.bed.reserved_for
        name = f"{_('Bed {label}').format(label=self.bed.label)}, {self.room.name}, {state_name(self.bed.state)}"
        return name + (f", {person.label}" if person is not None else "")

    def hasFocus(self) -> bool:
        return self.card.hasFocus() and self.card.current is self

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        self.card.set_current(self)
        self.card.setFocus(reason)

    def centre(self) -> QPoint:
        """Its middle, in the card's coordinates."""
        return self.area.center()

    def global_corner(self) -> QPoint:
        """Where its menu opens when asked for by keyboard."""
        return self.card.mapToGlobal(self.area.bottomLeft() + QPoint(10, -4))

    def accepts(self, mime: QMimeData) -> bool:
        found = read_mime(mime)
        return self.movable and found is not None and found[1] != self.bed.id


_BACKGROUNDS: dict[tuple[BedState, str, float], QPixmap] = {}


def tile_background(state: BedState, ring: str, ratio: float) -> QPixmap:
    """A tile's face without its words: fill, border (dashed when it needs cleaning), hatching (out of service),
    the state's symbol and the focus or hover ring; drawn once per kind (antialiased shapes are the costly part)."""
    key = (state, ring, ratio)
    found = _BACKGROUNDS.get(key)
    if found is not None:
        return found
    pixmap = QPixmap(round(TILE.width() * ratio), round(TILE.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    look = LOOKS[state]
    rect = QRectF(0, 0, TILE.width(), TILE.height()).adjusted(1, 1, -1, -1)
    painter.setBrush(QColor(look.fill))
    border = QPen(QColor(look.accent), 1.4)
    if state == BedState.CLEANING:
        border.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(border)
    painter.drawRoundedRect(rect, 5, 5)
    if state == BedState.OUT_OF_SERVICE:
        painter.setBrush(QBrush(QColor("#b5b5b5"), Qt.BrushStyle.BDiagPattern))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
    if ring:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#1a1a1a") if ring == "focus" else QColor(look.accent), 2.5))
        painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 4, 4)
    draw_symbol(painter, look, QPointF(13, 14), 5)
    painter.end()
    _BACKGROUNDS[key] = pixmap
    return pixmap


class RoomCardWidget(QWidget):
    """A room: its name, building and floor, rules and count painted at the top, its beds as tiles below."""

    def __init__(self, room: RoomCard, parent: QWidget, movable: bool, hub: Hub, fonts: Fonts) -> None:
        super().__init__(parent)
        self.room = room
        self.movable = movable  # may drag her and drop others here (EDIT on LODGING, the board of now)
        self.hub = hub
        self.fonts = fonts
        self.warnings = list(room.warnings)
        self._press: tuple[QPoint, BedTile] | None = None
        self._hover: BedTile | None = None
        width = CARD_WIDTH - 2 * PAD
        flags = Qt.TextFlag.TextWordWrap
        warning_height = sum(
            fonts.metrics.boundingRect(QRect(0, 0, width, 1000), flags, w).height() for w in self.warnings
        )
        top = HEADER + warning_height + (4 if self.warnings else 0)
        self.tiles: list[BedTile] = []
        for index, bed in enumerate(room.beds):
            row, column = divmod(index, COLUMNS)
            corner = QPoint(PAD + column * (TILE.width() + GAP), top + row * (TILE.height() + GAP))
            self.tiles.append(BedTile(self, bed, QRect(corner, TILE)))
        self.current: BedTile | None = self.tiles[0] if self.tiles else None
        rows = max(1, (len(room.beds) + COLUMNS - 1) // COLUMNS)
        self.setFixedSize(CARD_WIDTH, top + rows * (TILE.height() + GAP) + PAD - GAP)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.tiles else Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        if movable:
            self.setAcceptDrops(True)
        self._name_current()

    def tile_at(self, point: QPoint) -> BedTile | None:
        return next((t for t in self.tiles if t.area.contains(point)), None)

    def set_current(self, tile: BedTile) -> None:
        if tile is not self.current:
            old, self.current = self.current, tile
            if old is not None:
                self.update(old.area)
            self.update(tile.area)
            self._name_current()

    def _name_current(self) -> None:
        """A screen reader names the card by its current bed."""
        if self.current is not None:
            self.setAccessibleName(self.current.accessibleName())

    # -- painting --------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if event.rect().top() < HEADER + 40:
            self._paint_header(painter)
        focused = self.hasFocus()
        for tile in self.tiles:
            if tile.area.intersects(event.rect()):
                self._paint_tile(painter, tile, focused and tile is self.current, tile is self._hover)
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor("#c9ccd1"), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 7, 7)
        fonts, width = self.fonts, self.width() - 2 * PAD
        painter.setFont(fonts.title)
        painter.setPen(QColor("#1a1a1a"))
        count = f"{self.room.occupied}/{len(self.room.beds)}"
        count_width = fonts.title_metrics.horizontalAdvance(count) + 4
        name = fonts.title_metrics.elidedText(self.room.name, Qt.TextElideMode.ElideRight, width - count_width)
        painter.drawText(QRect(PAD, 6, width - count_width, 20), Qt.AlignmentFlag.AlignVCenter, name)
        painter.drawText(QRect(PAD, 6, width, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setFont(fonts.normal)
        painter.setPen(QColor("#444444"))
        where = " · ".join(p for p in (self.room.building, self.room.floor) if p)
        for top, text in ((26, where), (42, room_rules(self.room))):
            elided = fonts.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(PAD, top, width, 16), Qt.AlignmentFlag.AlignVCenter, elided)
        if self.warnings:
            painter.setPen(QColor(CLASH_COLOUR))
            top = HEADER
            for warning in self.warnings:
                box = fonts.metrics.boundingRect(QRect(PAD, top, width, 1000), Qt.TextFlag.TextWordWrap, warning)
                painter.drawText(box, Qt.TextFlag.TextWordWrap, warning)
                top += box.height()

    def _paint_tile(self, painter: QPainter, tile: BedTile, focused: bool, hover: bool) -> None:
        bed, fonts = tile.bed, self.fonts
        ring = "focus" if focused else "hover" if hover else ""
        ratio = painter.device().devicePixelRatioF()
        painter.drawPixmap(tile.area.topLeft(), tile_background(bed.state, ring, ratio))
        x, y = tile.area.x(), tile.area.y()
        painter.setFont(fonts.bold)
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(QRect(x + 24, y + 4, 70, 20), Qt.AlignmentFlag.AlignVCenter, bed.label)
        right = tile.area.right() - 5
        person = bed.occupant or bed.reserved_for
        badge = badge_of(person)
        if badge:
            right = self._badge(painter, badge, right, y, CHILD_COLOUR if badge == CHILD_BADGE else MINOR_COLOUR)
        if bed.occupant is not None and bed.occupant.keep_apart_clash:
            right = self._badge(painter, "!", right, y, CLASH_COLOUR)
        painter.setFont(fonts.normal)
        painter.setPen(QColor("#1a1a1a") if person is not None else QColor("#3c3c3c"))
        line = QRect(x + 8, y + 25, tile.area.width() - 14, 20)
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, self._second_line(bed, line))

    def _badge(self, painter: QPainter, text: str, right: int, y: int, colour: str) -> int:
        width = self.fonts.small_metrics.horizontalAdvance(text) + 8
        box = QRectF(right - width, y + 5, width, 16)
        painter.setFont(self.fonts.small)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        return int(box.left()) - 3

    def _second_line(self, bed: BedRow, line: QRect) -> str:
        if bed.occupant is not None:
            text = bed.occupant.label
            if bed.occupant.presence != Presence.PRESENT:
                text = f"{text} · {presence_name(bed.occupant.presence)}"
        elif bed.reserved_for is not None:
            text = _("For {person}").format(person=bed.reserved_for.label)
        else:
            text = state_name(bed.state)
        return self.fonts.metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width())

    # -- keyboard, mouse, tooltips -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):  # made when asked for
            tile = self.tile_at(event.pos())
            if tile is not None:
                QToolTip.showText(event.globalPos(), tile.description(), self, tile.area)
            else:
                QToolTip.showText(event.globalPos(), self.room.notes, self)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, tile = event.key(), self.current
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if tile is None:
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and plain:
            self.hub.activate(tile)
        elif key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self.hub.menu(tile, tile.global_corner())
        elif key in KEYS and plain:
            self.hub.navigate(tile, key)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        by_mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        tile = self.tile_at(event.pos()) if by_mouse else self.current
        if tile is not None:
            self.set_current(tile)
            self.hub.menu(tile, event.globalPos() if by_mouse else tile.global_corner())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.current is not None:
            self.update(self.current.area)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.current is not None:
            self.update(self.current.area)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        tile = self.tile_at(event.position().toPoint())
        if tile is not None:
            self.hub.activate(tile)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        tile = self.tile_at(event.position().toPoint())
        if tile is None:
            return
        tile.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position().toPoint(), tile)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        self._set_hover(self.tile_at(point))
        if self._press is None:
            return
        start, tile = self._press
        if not self.movable or tile.occupant is None:
            return
        if (point - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(resident_mime(tile.occupant.resident_id, tile.bed.id))
        pixmap = QPixmap(tile.area.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        self.render(pixmap, QPoint(), tile.area)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(20, 20))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._press = None

    def leaveEvent(self, _event: QEvent) -> None:
        self._set_hover(None)

    def _set_hover(self, tile: BedTile | None) -> None:
        if tile is not self._hover:
            for old in (self._hover, tile):
                if old is not None:
                    self.update(old.area)
            self._hover = tile

    # -- dropping ----------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.movable and read_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        tile = self.tile_at(event.position().toPoint())
        self._set_hover(tile)
        if tile is not None and tile.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, _event: QEvent) -> None:
        self._set_hover(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hover(None)
        tile = self.tile_at(event.position().toPoint())
        found = read_mime(event.mimeData())
        if tile is None or found is None or not tile.accepts(event.mimeData()):
            event.ignore()
            return
        event.acceptProposedAction()
        self.hub.drop(tile, found[0], found[1])
