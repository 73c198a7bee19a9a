"""The Overview's case-work list: what waits on someone today — care plans waiting for the manager's approval,
monthly reviews past due, wellbeing-scale alerts (thoughts of self-harm first), legal steps due this week or late, the
Sở Y tế's decisions on Mẫu 07 applications past their 9 working days, the decisions to end assistance due within
two working days or late, follow-ups after reintegration due this week or late (and three contacts in a row that
could not reach her). Each capability gives a source (a service call returning lines); the list reads them all off
the UI thread, in one task, and Enter or a double click opens the record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.care_plan.dto import CarePlanDue
from centre_desk.services.counselling.dto import ScaleAlert
from centre_desk.services.discharge.dto import DischargeDue
from centre_desk.services.follow_up.dto import FollowUpDue
from centre_desk.services.installation import Centre
from centre_desk.services.legal.dto import StepDueRow
from centre_desk.services.lodging.common import local_day
from centre_desk.services.schooling.dto import DecisionDueRow
from centre_desk.ui.entries.list_model import ALERT, ALERT_COLOUR
from centre_desk.ui.lodging.census_actions import weakly
from centre_desk.ui.shell.alert_panel import AlertPanel
from centre_desk.ui.tasks import run_task

WAITING_COLOUR = "#8a5a00"


@dataclass(frozen=True)
class Line:
    text: str
    resident_id: int
    colour: str = ""
    urgency: int = 9  # the list is ordered by it: 0 thoughts of self-harm … 9 whatever can wait a day


SELF_HARM, LATE, WAITING, REVIEW, SEVERE, DUE = range(6)

Source = Callable[[], Sequence[Line]]


def care_plan_lines(due: CarePlanDue) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — care plan, version 2, waiting for approval since 03/12/2026"."""
    lines = [
        Line(_("{name} ({code}) — care plan, version {n}, waiting for approval since {day}").format(
            name=w.label, code=w.code, n=w.number, day=format_date(w.since)), w.resident_id, WAITING_COLOUR, WAITING)
        for w in due.waiting
    ]  # fmt: skip
    lines += [
        Line(ALERT + _("{name} ({code}) — monthly review of the care plan past due since {day}").format(
            name=w.label, code=w.code, day=format_date(w.since)), w.resident_id, ALERT_COLOUR, REVIEW)
        for w in due.overdue
    ]  # fmt: skip
    return lines


def legal_lines(steps: Sequence[StepDueRow]) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — legal step due 10/12/2026: Trial hearing (Tòa án nhân dân tỉnh)"."""
    lines = []
    for step in steps:
        what = f"{step.step} ({step.authority})" if step.authority else step.step
        text = (_("{name} ({code}) — legal step past its date {day}: {what}") if step.late
                else _("{name} ({code}) — legal step due {day}: {what}"))  # fmt: skip
        line = text.format(name=step.name, code=step.code, day=format_date(step.due_on), what=what)
        lines.append(Line(ALERT + line if step.late else line, step.resident_id,
                          ALERT_COLOUR if step.late else WAITING_COLOUR, LATE if step.late else DUE))  # fmt: skip
    return lines


def schooling_lines(late: Sequence[DecisionDueRow]) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — ⚠ Mẫu 07: the Sở Y tế's decision on Schooling support was due 05/03/2026
    (3 working days late)"."""
    text = _("{name} ({code}) — Mẫu 07: the Sở Y tế's decision on {support} was due {day} ({n} working days late)")
    return [
        Line(ALERT + text.format(name=r.name, code=r.code, support=r.support, day=format_date(r.due_on),
                                 n=r.working_days_late), r.resident_id, ALERT_COLOUR, LATE)
        for r in late
    ]  # fmt: skip


def discharge_lines(due: Sequence[DischargeDue]) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — decision to end assistance due 12/01/2027 (2 working days left)"; late: ⚠."""
    lines = []
    for d in due:
        late = d.working_days_left < 0
        text = (_("{name} ({code}) — decision to end assistance was due {day} ({n} working days late)") if late
                else _("{name} ({code}) — decision to end assistance due {day} ({n} working days left)"))  # fmt: skip
        line = text.format(name=d.label, code=d.code, day=format_date(d.due_on), n=abs(d.working_days_left))
        lines.append(Line(ALERT + line if late else line, d.resident_id, ALERT_COLOUR if late else WAITING_COLOUR,
                          LATE if late else DUE))  # fmt: skip
    return lines


def follow_up_lines(rows: Sequence[FollowUpDue]) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — follow-up after reintegration late since 05/12/2026" / "… due 10/12/2026" /
    "⚠ … could not be reached 3 times in a row"."""
    lines = []
    for r in rows:
        if r.alert:
            text = _("{name} ({code}) — follow-up after reintegration: could not be reached {n} times in a row")
            lines.append(Line(ALERT + text.format(name=r.name, code=r.code, n=r.unreached_in_row), r.resident_id,
                              ALERT_COLOUR, LATE))  # fmt: skip
        if r.due_on is None:
            continue
        text = (_("{name} ({code}) — follow-up after reintegration late since {day}") if r.late
                else _("{name} ({code}) — follow-up after reintegration due {day}"))  # fmt: skip
        line = text.format(name=r.name, code=r.code, day=format_date(r.due_on))
        lines.append(Line(ALERT + line if r.late else line, r.resident_id, ALERT_COLOUR if r.late else WAITING_COLOUR,
                          LATE if r.late else DUE))  # fmt: skip
    return lines


def scale_lines(alerts: Sequence[ScaleAlert]) -> list[Line]:
    """ "Sùng Thị Dợ (LC-2026-0007) — ⚠ PHQ-9: thoughts of self-harm: respond today (07/12/2026)"."""
    return [
        Line(f"{a.label} ({a.code}) — {a.text} ({format_date(local_day(a.at))})", a.resident_id,
             ALERT_COLOUR if a.self_harm else WAITING_COLOUR, SELF_HARM if a.self_harm else SEVERE)
        for a in alerts
    ]  # fmt: skip


def casework_sources(centre: Centre, actor: Actor) -> list[Source]:
    """The sources of those who act on them (each service checks again): the care plans for who writes or
    approves them (not a nurse, who only reads), the scale alerts for the counsellor and the manager, the legal
    steps for who sees the legal records, the Mẫu 07 decisions late for who writes the schooling records, the
    decisions to end assistance for who requests discharges (intake, manager), follow-ups due for who writes them."""
    sources: list[Source] = []
    if actor.can(Action.VIEW, FieldGroup.COUNSELLING):
        counselling = centre.counselling
        sources.append(lambda: scale_lines(counselling.scale_alerts(actor)))
    if actor.can(Action.VIEW, FieldGroup.LEGAL):
        legal = centre.legal
        sources.append(lambda: legal_lines(legal.steps_due(actor)))
    if actor.can(Action.CREATE, FieldGroup.SCHOOLING):
        schooling = centre.schooling
        sources.append(lambda: schooling_lines(schooling.decisions_late(actor)))
    if actor.can(Action.CREATE, FieldGroup.DISCHARGE):
        discharge = centre.discharge
        sources.append(lambda: discharge_lines(discharge.due(actor)))
    if actor.can(Action.CREATE, FieldGroup.FOLLOW_UP):
        follow_up = centre.follow_up
        sources.append(lambda: follow_up_lines(follow_up.due(actor)))
    if actor.can(Action.CREATE, FieldGroup.CARE_PLAN) or actor.can(Action.APPROVE, FieldGroup.CARE_PLAN):
        plans = centre.care_plans
        sources.append(lambda: care_plan_lines(plans.due(actor)))
    return sources


def read_lines(sources: Sequence[Source]) -> list[Line]:
    """Every source's lines, the most urgent first (a stable sort: each source keeps its own order)."""
    return sorted((line for source in sources for line in source()), key=lambda line: line.urgency)


class CaseWorkList(AlertPanel):
    def __init__(self, sources: Sequence[Source]) -> None:
        super().__init__("caseWork", _("Case &work waiting:"))
        self._sources = tuple(sources)

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        sources = self._sources
        run_task(self, lambda: read_lines(sources), weakly(self._on_loaded), weakly(self._on_failed), writes_db=True)

    def _on_loaded(self, lines: list[Line]) -> None:
        self.show_rows([(x.text, x.resident_id, x.colour) for x in lines], _("Nothing waiting."))
