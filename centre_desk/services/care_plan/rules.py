"""The care plan's rules, free of the database: the categories a person is entitled to, what a plan must hold,
when its next review falls. The form checks with them as one types; the service checks again before writing."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from centre_desk.i18n import _
from centre_desk.services import intake_terms as terms
from centre_desk.services.care_plan.dto import Category, PlanInput
from centre_desk.services.care_plan.terms import REVIEW_EVERY_MONTHS, ActionStatus
from centre_desk.text import nfc

OBJECTIVES_MAX, ACTION_MAX, NOTE_MAX = 3000, 500, 500
MAX_ACTIONS = 40


def categories(keys: Iterable[str]) -> tuple[Category, ...]:
    """The support categories named by `keys`, in the law's order, with their letter and name."""
    wanted = set(keys)
    return tuple(Category(k, letter, _(name)) for k, (letter, name) in terms.SUPPORT_CATEGORIES.items() if k in wanted)


def check_plan(plan: PlanInput, entitled: Iterable[str]) -> list[tuple[str, str]]:
    """Every problem of a plan at once: ("objectives" | "period_to" | "actions" | "actions.N.field", message)."""
    allowed = set(entitled)
    problems: list[tuple[str, str]] = []
    objectives = nfc(plan.objectives).strip()
    if not objectives:
        problems.append(("objectives", _("Write the objectives of the plan.")))
    elif len(objectives) > OBJECTIVES_MAX:
        problems.append(("objectives", _("At most {n} characters.").format(n=OBJECTIVES_MAX)))
    if plan.period_to < plan.period_from:
        problems.append(("period_to", _("The plan cannot end before it starts.")))
    if not plan.actions:
        problems.append(("actions", _("Add at least one action.")))
    elif len(plan.actions) > MAX_ACTIONS:
        problems.append(("actions", _("At most {n} actions.").format(n=MAX_ACTIONS)))
    statuses = {s.value for s in ActionStatus}
    for n, a in enumerate(plan.actions):
        if a.category not in terms.SUPPORT_CATEGORIES:
            problems.append((f"actions.{n}.category", _("Choose a support category.")))
        elif a.category not in allowed:
            letter = terms.SUPPORT_CATEGORIES[a.category][0]
            problems.append((f"actions.{n}.category", _(
                "Support {letter}) is not among the support this person is entitled to (Law 53/2024 Art. 37)."
            ).format(letter=letter)))  # fmt: skip
        text = nfc(a.action).strip()
        if not text:
            problems.append((f"actions.{n}.action", _("Write what is to be done.")))
        elif len(text) > ACTION_MAX:
            problems.append((f"actions.{n}.action", _("At most {n} characters.").format(n=ACTION_MAX)))
        if a.status not in statuses:
            problems.append((f"actions.{n}.status", _("Choose one of the values in the list.")))
        if len(nfc(a.note).strip()) > NOTE_MAX:
            problems.append((f"actions.{n}.note", _("At most {n} characters.").format(n=NOTE_MAX)))
    return problems


def check_progress(status: str, note: str) -> list[tuple[str, str]]:
    """The progress of an action: a known status, a note of bounded length."""
    problems = []
    if status not in {s.value for s in ActionStatus}:
        problems.append(("status", _("Choose one of the values in the list.")))
    if len(nfc(note).strip()) > NOTE_MAX:
        problems.append(("note", _("At most {n} characters.").format(n=NOTE_MAX)))
    return problems


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day: 31/01 + 1 → 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(approved_on: date, last_review: date | None) -> date:
    """A month after the approval or after the latest review since, whichever is later."""
    start = max(approved_on, last_review) if last_review is not None else approved_on
    return add_months(start, REVIEW_EVERY_MONTHS)
