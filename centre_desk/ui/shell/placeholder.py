"""Pages for work the program does not record yet: what the page is for and what to use meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from centre_desk.i18n import N_

# key: (title, what the page is for and where that work is done today)
NOT_YET_RECORDED = {
    "reports": (
        N_("Reports"),
        N_(
            "Statistics for the province. The program does not make them yet. The Overview shows the residents "
            "in the centre today and this month's admissions; the Residents page filters the list by year, "
            "channel and age."
        ),
    ),
}


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        note = QLabel(text)
        note.setWordWrap(True)
        note.setMaximumWidth(760)
        note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addStretch(1)
