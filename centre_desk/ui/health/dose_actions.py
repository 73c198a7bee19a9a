"""Recording a dose from any screen: Taken at once; Refused, Held back (with a reason) or Not available."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.services.health.dto import DoseInput
from centre_desk.services.health.service import HealthService
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.errors import show_error

# (outcome, button text, needs a reason)
OUTCOME_BUTTONS = (
    ("given", N_("Ta&ken"), False),
    ("refused", N_("&Refused…"), True),
    ("held", N_("&Held back…"), True),
    ("not_available", N_("&Not available"), False),
)


def outcome_buttons(bar: QHBoxLayout, visible: bool, clicked: Callable[[str], None]) -> dict[str, QPushButton]:
    """Taken / Refused… / Held back… / Not available, added to `bar`; `clicked(outcome)` on a press."""
    buttons = {}
    for outcome, text, _reason in OUTCOME_BUTTONS:
        button = QPushButton(_(text))
        button.setVisible(visible)
        button.clicked.connect(partial(clicked, outcome))
        buttons[outcome] = button
        bar.addWidget(button)
    return buttons


def record(parent: QWidget, health: HealthService, actor: Actor, plan_id: int, scheduled_for: datetime | None,
           outcome: str, done: Callable[[], None]) -> None:  # fmt: skip
    """Record the dose (asking for the reason first when the outcome needs one); `done()` after it is kept."""
    needs_reason = next(n for code, _t, n in OUTCOME_BUTTONS if code == outcome)
    if needs_reason:
        intro = (_("Write why she did not take it, in her words if you can.") if outcome == "refused"
                 else _("Write why the dose is held back (e.g. the doctor's advice, vomiting)."))  # fmt: skip
        dialog = ReasonDialog(parent, _("Record the dose"), intro, _("&Reason"), _("Record"),
                              lambda reason: health.record_dose(actor, DoseInput(plan_id, scheduled_for, outcome,
                                                                                 reason)))  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            done()
        return
    try:
        health.record_dose(actor, DoseInput(plan_id, scheduled_for, outcome))
    except (UserError, ValidationError) as exc:
        show_error(parent, exc)
        return
    done()
