"""The Overview's lodging part: stay limits near or past (thời hạn bố trí chỗ ở) and leave passes overdue
(quá hạn về), as two short lists of the most pressing residents; Enter or a double click opens the record.

The figures come with the Overview's counts (no person, not audited); the lists name people, so they are read
through the lodging service (audited), off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from centre_desk.formatting import format_date, format_datetime, format_number
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.dto import LeaveRow, StayAlert
from centre_desk.services.overview import Figures
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.tasks import run_task

SHOWN = 5  # the most pressing of each list
LEVEL_COLOURS = {"over": "#8c1d14", "urgent": "#a14a00", "soon": "#6b5800"}
OVERDUE_COLOUR = "#8c1d14"
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Alerts:
    stays: tuple[StayAlert, ...]
    leaves: tuple[LeaveRow, ...]


def stay_text(alert: StayAlert) -> str:
    """ "Sùng Thị Dợ (LC-2026-0007) — 118/120 ngày, hạn 21/11/2026 — còn 2 ngày"."""
    clock = alert.clock
    if clock.days_left < 0:
        left = _("{days} days over").format(days=format_number(-clock.days_left))
    elif clock.days_left == 0:
        left = _("the last day")
    else:
        left = _("{days} days left").format(days=format_number(clock.days_left))
    return _("{who} ({code}) — {used}/{limit} days, until {deadline} — {left}").format(
        who=alert.label, code=alert.code, used=format_number(clock.days_used), limit=format_number(clock.limit_days),
        deadline=format_date(clock.deadline), left=left,
    )  # fmt: skip


def leave_text(row: LeaveRow) -> str:
    text = _("{who} ({code}) — expected back {back}").format(
        who=row.label, code=row.code, back=format_datetime(row.expected_back_at)
    )
    return f"{text}; {row.companion}" if row.companion else text


def alert_list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setUniformItemSizes(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = SHOWN
    widget.setFixedHeight(widget.fontMetrics().height() * rows + 6 * rows + 4)
    return widget


class LodgingAlerts(QWidget):
    """Two lists side by side; `open_record(resident_id)` on Enter or a double click."""

    open_record = Signal(int)

    def __init__(self, lodging: LodgingService, actor: Actor) -> None:
        super().__init__()
        self._lodging = lodging
        self._actor = actor
        self._loading = False
        self.stays = alert_list("stayAlerts")
        self.leaves = alert_list("overdueLeaves")
        self.stays_label = QLabel(_("S&tay limits to watch:"))
        self.stays_label.setBuddy(self.stays)
        self.leaves_label = QLabel(_("Leave passes &overdue:"))
        self.leaves_label.setBuddy(self.leaves)
        for label in (self.stays_label, self.leaves_label):
            label.setStyleSheet("font-weight: bold;")
        self.stays_more = QLabel()
        self.leaves_more = QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.stays_label, 0, 0)
        grid.addWidget(self.leaves_label, 0, 1)
        grid.addWidget(self.stays, 1, 0)
        grid.addWidget(self.leaves, 1, 1)
        grid.addWidget(self.stays_more, 2, 0)
        grid.addWidget(self.leaves_more, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for widget in (self.stays, self.leaves):
            widget.itemActivated.connect(self._on_item_activated)

    @property
    def loading(self) -> bool:
        return self._loading

    def refresh(self) -> None:
        """Read both lists off the UI thread (each reading is audited: they name people)."""
        if self._loading:
            return
        self._loading = True
        lodging, actor = self._lodging, self._actor

        def work() -> Alerts:
            return Alerts(lodging.stay_alerts(actor), lodging.overdue_leaves(actor))

        run_task(self, work, weakly(self._on_loaded), weakly(self._on_failed), writes_db=True)

    def _on_loaded(self, alerts: Alerts) -> None:
        self._loading = False
        self.show_alerts(alerts)

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        message = getattr(exc, "message", "") or _("The lists could not be read.")
        for widget in (self.stays, self.leaves):
            widget.clear()
            widget.addItem(message)

    def show_alerts(self, alerts: Alerts) -> None:
        stays = [(stay_text(a), a.resident_id, LEVEL_COLOURS.get(a.clock.level, "")) for a in alerts.stays]
        leaves = [(leave_text(r), r.resident_id, OVERDUE_COLOUR) for r in alerts.leaves]
        fill_list(self.stays, self.stays_more, stays, _("No stay is near its limit."))
        fill_list(self.leaves, self.leaves_more, leaves, _("Nobody is overdue from leave."))

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        resident_id = item.data(ID_ROLE)
        if isinstance(resident_id, int):
            self.open_record.emit(resident_id)


def fill_list(widget: QListWidget, more: QLabel, rows: list[tuple[str, int, str]], empty: str) -> None:
    """The first SHOWN rows (text, resident id, colour), "… and n more" under them, `empty` when none."""
    widget.clear()
    for text, resident_id, colour in rows[:SHOWN]:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, resident_id)
        item.setToolTip(text)
        if colour:
            item.setForeground(QBrush(QColor(colour)))
        widget.addItem(item)
    if not rows:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)
    else:  # Enter opens the first at once; nothing looks selected until the list has the focus
        widget.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
    hidden = len(rows) - SHOWN
    more.setText(_("… and {count} more").format(count=format_number(hidden)) if hidden > 0 else "")
    more.setVisible(hidden > 0)


def stay_caption(figures: Figures) -> str:
    """What the stay-limit card counts, level by level."""
    return _("stay limits to watch: {over} past, {urgent} within 3 days, {soon} within 14 days").format(
        over=format_number(figures.stay_over or 0), urgent=format_number(figures.stay_urgent or 0),
        soon=format_number(figures.stay_soon or 0),
    )  # fmt: skip


def stay_total(figures: Figures) -> int | None:
    if figures.stay_soon is None or figures.stay_urgent is None or figures.stay_over is None:
        return None
    return figures.stay_soon + figures.stay_urgent + figures.stay_over
