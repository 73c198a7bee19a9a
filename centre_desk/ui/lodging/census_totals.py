"""The totals above the census: how many on the roll, present, on leave, in hospital, absent, left, unplaced."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from centre_desk.formatting import format_number
from centre_desk.i18n import N_, _
from centre_desk.models.lodging import Presence
from centre_desk.services.lodging.dto import Census
from centre_desk.ui.lodging.census_terms import OVERDUE_TINT, TINTS, Tint, is_overdue

NEUTRAL = Tint("#f4f7fb", "#1f2a37")
TOTALS = (  # key, caption, tint
    ("all", N_("on the roll"), NEUTRAL),
    ("present", N_("present"), TINTS[Presence.PRESENT]),
    ("on_leave", N_("on leave"), TINTS[Presence.ON_LEAVE]),
    ("overdue", N_("overdue return"), OVERDUE_TINT),
    ("hospital", N_("in hospital"), TINTS[Presence.HOSPITAL]),
    ("absent", N_("absent without permission"), TINTS[Presence.ABSENT]),
    ("left", N_("left the centre that day"), TINTS[Presence.GONE]),
    ("unplaced", N_("no bed assigned"), NEUTRAL),
)


def totals_of(census: Census) -> dict[str, int]:
    return {
        "all": len(census.rows),
        "present": census.count(Presence.PRESENT),
        "on_leave": census.count(Presence.ON_LEAVE),
        "overdue": sum(1 for r in census.rows if is_overdue(r)),
        "hospital": census.count(Presence.HOSPITAL),
        "absent": census.count(Presence.ABSENT),
        "left": census.left_today,
        "unplaced": census.unplaced,
    }


class TotalBox(QFrame):
    """A number over its caption, in the colour of what it counts."""

    def __init__(self, key: str, caption: str, tint: Tint) -> None:
        super().__init__()
        self.setObjectName(f"total_{key}")
        self.setStyleSheet(
            f"#total_{key} {{ background: {tint.background}; border: 1px solid #d5dde8; border-radius: 6px; }}"
            f"#total_{key} QLabel {{ color: {tint.text}; background: transparent; }}"
        )
        self.number = QLabel("–")
        self.number.setObjectName(f"totalNumber_{key}")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_value(self, value: int | None) -> None:
        self.number.setText("–" if value is None else format_number(value))
        self.setAccessibleName(f"{self.caption.text()}: {self.number.text()}")


class TotalsStrip(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.boxes = {key: TotalBox(key, _(caption), tint) for key, caption, tint in TOTALS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for box in self.boxes.values():
            layout.addWidget(box, 1)

    def show_census(self, census: Census | None) -> None:
        values = totals_of(census) if census is not None else {}
        for key, box in self.boxes.items():
            box.set_value(values.get(key))
        self.boxes["overdue"].setVisible(bool(values.get("overdue")))

    def value(self, key: str) -> str:
        return self.boxes[key].number.text()
