"""The overview page: who is signed in, the centre, today's date. Case figures come later."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import role_name


class OverviewPage(QWidget):
    def __init__(self, actor: Actor, centre_name: str) -> None:
        super().__init__()
        heading = QLabel(_("Welcome, {name}").format(name=actor.full_name or actor.login))
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        facts = QFormLayout()
        facts.addRow(_("Centre:"), QLabel(centre_name))
        facts.addRow(_("Today:"), QLabel(format_date(date.today())))
        facts.addRow(_("Your roles:"), QLabel(", ".join(role_name(r) for r in sorted(actor.roles))))
        note = QLabel(
            _(
                "Choose what to work on in the list on the left. "
                "Press Ctrl+L to lock the screen whenever you leave the computer."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addSpacing(10)
        layout.addLayout(facts)
        layout.addSpacing(14)
        layout.addWidget(note)
        layout.addStretch(1)
