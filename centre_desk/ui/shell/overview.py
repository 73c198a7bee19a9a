"""The overview page: who is signed in, today's figures the account may see, and where the work is done."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_number
from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup, role_name
from centre_desk.services.health.service import HealthService
from centre_desk.services.lodging import LodgingService
from centre_desk.services.overview import Figures, OverviewService
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.login.parts import weak_callback
from centre_desk.ui.shell.overview_casework import CaseWorkList, Source
from centre_desk.ui.shell.overview_health import HealthAlerts
from centre_desk.ui.shell.overview_lodging import LodgingAlerts, stay_caption, stay_total
from centre_desk.ui.tasks import run_task

log = logging.getLogger(__name__)

CARD_STYLE = "#figureCard { background: #f4f7fb; border: 1px solid #d5dde8; border-radius: 8px; }"
REFRESH_KINDS = frozenset(
    {"resident", "admission", "draft", "lodging", "backup", "entries", "health"}
)  # "backup": after a restore


class FigureCard(QFrame):
    """A big number with what it counts under it."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.setStyleSheet(CARD_STYLE)
        self.number = QLabel("–")
        self.number.setObjectName(name)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setMinimumWidth(200)

    def set_value(self, value: int | None, caption: str = "") -> None:
        self.setVisible(value is not None)
        self.number.setText(format_number(value or 0))
        if caption:
            self.caption.setText(caption)


def _bullet(text: str) -> QLabel:
    label = QLabel("•  " + text)
    label.setWordWrap(True)
    return label


class OverviewPage(QWidget):
    """`open_record(resident_id)` when a resident of the lodging lists is opened (Enter or double click)."""

    open_record = Signal(int)

    def __init__(
        self,
        actor: Actor,
        centre_name: str,
        overview: OverviewService,
        events: AppEvents,
        lodging: LodgingService | None = None,
        health: HealthService | None = None,
        casework: Sequence[Source] = (),
    ) -> None:
        super().__init__()
        self._actor = actor
        self._overview = overview
        heading = QLabel(_("Welcome, {name}").format(name=actor.full_name or actor.login))
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        roles = ", ".join(role_name(r) for r in sorted(actor.roles))
        facts = QLabel(" · ".join(part for part in (centre_name, format_date(date.today()), roles) if part))
        facts.setWordWrap(True)

        today = date.today()
        self.in_centre = FigureCard("inCentre", _("residents in the centre today"))
        self.admitted = FigureCard(
            "admittedThisMonth", _("admissions in {month}").format(month=f"{today.month:02d}/{today.year}")
        )
        self.drafts = FigureCard("myDrafts", _("of your admissions not saved yet (drafts)"))
        self.stay_limits = FigureCard("stayLimits", "")
        self.overdue_leaves = FigureCard("overdueLeaves", _("leave passes overdue (not back on time)"))
        cards = QHBoxLayout()
        cards.setSpacing(12)
        for card in (self.in_centre, self.admitted, self.drafts, self.stay_limits, self.overdue_leaves):
            cards.addWidget(card)
        cards.addStretch(1)
        self.alerts: LodgingAlerts | None = None
        if lodging is not None and actor.can(Action.VIEW, FieldGroup.LODGING):
            self.alerts = LodgingAlerts(lodging, actor)
            self.alerts.open_record.connect(self.open_record)
        self.health_alerts: HealthAlerts | None = None
        if (
            health is not None
            and actor.can(Action.VIEW, FieldGroup.HEALTH)
            and actor.can(Action.VIEW, FieldGroup.LODGING)
        ):
            self.health_alerts = HealthAlerts(health, actor)
            self.health_alerts.open_record.connect(self.open_record)
        self.casework: CaseWorkList | None = None
        if casework:
            self.casework = CaseWorkList(casework)
            self.casework.open_record.connect(self.open_record)

        what = QLabel(_("What you can do now:"))
        what.setStyleSheet("font-weight: bold;")
        uses = QVBoxLayout()
        uses.setSpacing(4)
        if actor.can(Action.VIEW, FieldGroup.PLACEMENT):
            uses.addWidget(_bullet(_("Residents: find a person by name, alias or code and open the record (Enter).")))
        if actor.can(Action.CREATE, FieldGroup.IDENTITY):
            uses.addWidget(
                _bullet(_("New admission on the Residents page: what you type is kept as a draft until you save."))
            )
        if actor.can(Action.PRINT, FieldGroup.IDENTITY):
            uses.addWidget(_bullet(_("The admission papers are printed from the record window (Documents).")))
        if actor.can(Action.VIEW, FieldGroup.LODGING):
            uses.addWidget(
                _bullet(_("Rooms: the bed board (drag a resident to move her), the census and the roll-call sheet."))
            )
        if actor.can(Action.ADMINISTER, FieldGroup.LODGING):
            uses.addWidget(_bullet(_("Rooms and beds are set up under Administration, Rooms and beds.")))
        if actor.can(Action.CREATE, FieldGroup.HEALTH) and actor.can(Action.EDIT, FieldGroup.HEALTH):
            uses.addWidget(_bullet(_("Health: today's vitals and doses due, a round of vitals for everyone; each "
                                     "record's Medical care tab holds the notes, medication and charts.")))  # fmt: skip
        if actor.can(Action.CREATE, FieldGroup.CARE_PLAN):
            uses.addWidget(_bullet(_("Care plan: each record's Care plan tab holds the needs assessment, the plan "
                                     "submitted for the manager's approval, and its monthly reviews.")))  # fmt: skip
        if actor.can(Action.CREATE, FieldGroup.DISCHARGE):
            uses.addWidget(_bullet(_("Leaving the centre: the record's tab of that name holds the request, the "
                                     "checklist, the manager's approval and the hand-over papers.")))  # fmt: skip
        if actor.can(Action.CREATE, FieldGroup.FOLLOW_UP):
            uses.addWidget(_bullet(_("Follow-up after reintegration: the page lists the contacts due and late; "
                                     "each record's tab of that name holds her contacts and schedule.")))  # fmt: skip
        if actor.can(Action.VIEW, FieldGroup.STAFF) or actor.can(Action.VIEW, FieldGroup.SYSTEM):
            uses.addWidget(_bullet(_("Administration: staff accounts, the centre's details, audit trail, backups.")))
        uses.addWidget(_bullet(_("Press Ctrl+L to lock the screen whenever you leave the computer.")))

        # Inside a scroll area: on a 1366×768 screen with a taskbar the last lines of help may need a scroll.
        inner = QWidget()
        scroll = QScrollArea()
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addSpacing(10)
        layout.addLayout(cards)
        # Two rows so each line can be read: the lodging lists, then the health alerts beside the case work (the
        # page must fit a 1366×768 screen).
        lists = QGridLayout()
        lists.setHorizontalSpacing(16)
        lists.setVerticalSpacing(10)
        if self.alerts is not None:
            lists.addWidget(self.alerts, 0, 0, 1, 2)
        below = [part for part in (self.health_alerts, self.casework) if part is not None]
        for column, part in enumerate(below):
            lists.addWidget(part, 1, column, 1, 2 // len(below))
        if lists.count():
            layout.addSpacing(8)
            layout.addLayout(lists)
        layout.addSpacing(10)
        layout.addWidget(what)
        layout.addLayout(uses)
        layout.addStretch(1)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        events.data_changed.connect(self._on_events_data_changed)
        self._asked = 0  # refreshes asked: a slower earlier count does not overwrite a later one
        self.figures_loading = False
        self.show_figures(Figures(None, None, None))

    def show_figures(self, figures: Figures) -> None:
        self.in_centre.set_value(figures.in_centre)
        self.admitted.set_value(figures.admitted_this_month)
        self.drafts.set_value(figures.my_drafts)
        self.stay_limits.set_value(stay_total(figures), stay_caption(figures))
        self.overdue_leaves.set_value(figures.overdue_leaves)

    def refresh(self, lists: bool = True) -> None:
        """Count again, off the UI thread like the lists (the first count after sign-in also waits for the
        mappers' one-off set-up: the main window is shown first). The latest refresh's figures win."""
        self._asked += 1
        asked, actor, overview = self._asked, self._actor, self._overview
        self.figures_loading = True
        run_task(
            self,
            lambda: (asked, overview.figures(actor)),
            weak_callback(self._on_figures),
            weak_callback(self._on_figures_failed),
        )
        if self.alerts is not None and lists:
            self.alerts.refresh()
        for part in (self.health_alerts, self.casework):
            if part is not None and lists:
                part.refresh()

    def _on_figures(self, result: tuple[int, Figures]) -> None:
        asked, figures = result
        if asked == self._asked:
            self.figures_loading = False
            self.show_figures(figures)

    def _on_figures_failed(self, exc: BaseException) -> None:
        self.figures_loading = False
        self.show_figures(Figures(None, None, None))
        if not isinstance(exc, UserError):
            show_error(self, exc)
            return
        log.info("overview figures not available: %s", type(exc).__name__)
        self.message.setText(exc.message)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # each time the page is opened: drafts are saved without telling anyone

    def _on_events_data_changed(self, kind: str) -> None:
        if kind in REFRESH_KINDS and self.isVisible():
            # a backup changes no stay nor pass (and a restore rebuilds the window): no lists read behind it
            self.refresh(lists=kind != "backup")
