"""The sheet the room cards lie on: left to right, wrapping like words, as wide as the view, as tall as it needs.

The cards have a fixed size, so the sheet places them itself in one pass (a QLayout would be asked again for
every card added); a new board gets a new sheet, and the old one goes with all its cards at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

MARGIN = 8
SPACING = 10


class CardSheet(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardCanvas")
        self.cards: list[QWidget] = []
        self._height = 2 * MARGIN

    def set_cards(self, cards: Sequence[QWidget]) -> None:
        self.cards = list(cards)
        self.arrange()

    def arrange(self) -> None:
        right = max(self.width() - MARGIN, MARGIN + max((c.width() for c in self.cards), default=0))
        x, y, line = MARGIN, MARGIN, 0
        for card in self.cards:
            if x + card.width() > right and line:
                x, y, line = MARGIN, y + line + SPACING, 0
            card.move(x, y)
            x += card.width() + SPACING
            line = max(line, card.height())
        height = y + line + MARGIN
        if height != self._height:
            self._height = height
            self.setMinimumHeight(height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        widest = max((c.width() for c in self.cards), default=0)
        return QSize(widest + 2 * MARGIN, self._height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.arrange()
