"""Beside the bed board: the legend of bed states and badges, and the list of residents without a bed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from centre_desk.i18n import _
from centre_desk.models.lodging import BedState
from centre_desk.services.lodging.dto import Occupant
from centre_desk.ui.lodging.board_tiles import MIME_TYPE, resident_mime
from centre_desk.ui.lodging.states import (
    CHILD_BADGE,
    CHILD_COLOUR,
    CLASH_COLOUR,
    LEGEND_ORDER,
    LOOKS,
    MINOR_BADGE,
    MINOR_COLOUR,
    badge_of,
    badge_tip,
    draw_symbol,
    person_text,
    state_name,
)

RESIDENT_ROLE = Qt.ItemDataRole.UserRole


class Legend(QWidget):
    """One line: a swatch with its symbol and the name of each state, then the badges."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardLegend")
        self.items: list[tuple[str, str]] = [(s.value, state_name(s)) for s in LEGEND_ORDER]
        self.badges = [
            (CHILD_BADGE, badge_tip(CHILD_BADGE), CHILD_COLOUR),
            (MINOR_BADGE, badge_tip(MINOR_BADGE), MINOR_COLOUR),
            ("!", _("Kept apart from someone in the room"), CLASH_COLOUR),  # "không xếp chung phòng"
        ]
        text = "; ".join([name for _key, name in self.items] + [f"{b}: {tip}" for b, tip, _c in self.badges])
        self.setAccessibleName(_("Legend: {items}").format(items=text))
        self.setToolTip(text)
        self.setFixedHeight(QFontMetrics(self.font()).height() + 12)

    def sizeHint(self) -> QSize:
        return QSize(self._width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.height())

    def _width(self) -> int:
        metrics = QFontMetrics(self.font())
        width = sum(34 + metrics.horizontalAdvance(name) for _key, name in self.items)
        return width + sum(40 + metrics.horizontalAdvance(tip) for _b, tip, _c in self.badges)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        x, middle = 2.0, self.height() / 2
        for key, name in self.items:
            look = LOOKS[BedState(key)]
            swatch = QRectF(x, middle - 9, 22, 18)
            pen = QPen(QColor(look.accent), 1.2)
            if key == BedState.CLEANING:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(look.fill))
            painter.drawRoundedRect(swatch, 3, 3)
            if key == BedState.OUT_OF_SERVICE:
                painter.setBrush(Qt.BrushStyle.BDiagPattern)
                painter.drawRoundedRect(swatch, 3, 3)
            draw_symbol(painter, look, QPointF(x + 11, middle), 4.5)
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(QRectF(x + 27, 0, 400, self.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x += 34 + metrics.horizontalAdvance(name)
        small = QFont(self.font())
        small.setBold(True)
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.82))
        for badge, tip, colour in self.badges:
            width = QFontMetrics(small).horizontalAdvance(badge) + 8
            box = QRectF(x + 4, middle - 8, width, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(box, 8, 8)
            painter.setFont(small)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
            painter.setFont(self.font())
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(QRectF(box.right() + 5, 0, 400, self.height()), Qt.AlignmentFlag.AlignVCenter, tip)
            x = box.right() + 14 + metrics.horizontalAdvance(tip)
        painter.end()


class UnplacedList(QListWidget):
    """Residents in the centre without a bed ("chưa bố trí giường"); each can be dragged onto a bed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unplaced")
        self.setAccessibleName(_("Residents without a bed"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(2)
        self.people: dict[int, Occupant] = {}

    def set_people(self, people: Sequence[Occupant]) -> None:
        keep = self.current_person()
        self.clear()
        self.people = {p.resident_id: p for p in people}
        for person in people:
            badge = badge_of(person)
            text = person.label + (f"  [{badge}]" if badge else "") + f"\n{person.code}"  # two short lines
            item = QListWidgetItem(text)
            item.setData(RESIDENT_ROLE, person.resident_id)
            item.setToolTip(person_text(person) + (f"\n{badge_tip(badge)}" if badge else ""))
            self.addItem(item)
            if keep is not None and keep.resident_id == person.resident_id:
                self.setCurrentItem(item)

    def current_person(self) -> Occupant | None:
        item = self.currentItem()
        return None if item is None else self.people.get(int(item.data(RESIDENT_ROLE)))

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        return resident_mime(int(items[0].data(RESIDENT_ROLE)), None)
