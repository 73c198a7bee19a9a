"""The schedule of follow-up contacts after a discharge (pure functions) and where each contact due stands.

The due dates are the months after the local day of her discharge (the month's last day when the day does not exist:
31/01 + 1 month = 28/02), or a case's explicit dates. A reached contact counts for the latest due date not done yet
that falls no more than `EARLY` days after it; a due date left undone while a later one was done or passed is
*missed* (no longer waited for); the one waited for is *late* once its day has passed, *due* within the week ahead.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.services.follow_up.dto import DONE, DUE, LATE, MISSED, PLANNED, SchedulePoint
from centre_desk.services.follow_up.terms import MAX_MONTHS, MAX_POINTS, UNREACHED

EARLY = 15  # days: a contact this much before a due date counts for it
WEEK = 7


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_months(text: str) -> tuple[int, ...]:
    """ "1 3 6 12" (or "1, 3, 6, 12") → (1, 3, 6, 12); ValidationError("months") when it cannot be accepted."""
    parts = text.replace(",", " ").replace(";", " ").split()
    if not all(p.isdigit() for p in parts):
        raise ValidationError("months", _("Type whole months after discharge, e.g. 1 3 6 12."))
    return check_months(tuple(int(p) for p in parts))


def check_months(months: Sequence[int]) -> tuple[int, ...]:
    found = tuple(sorted(set(months)))
    if not found or found[0] < 1 or found[-1] > MAX_MONTHS or len(found) > MAX_POINTS:
        raise ValidationError("months", _("Between 1 and {n} months after discharge, at most {k} of them.")
                              .format(n=MAX_MONTHS, k=MAX_POINTS))  # fmt: skip
    return found


def check_dates(dates: Sequence[date], discharged_on: date) -> tuple[date, ...]:
    found = tuple(sorted(set(dates)))
    problems = []
    if len(found) > MAX_POINTS:
        problems.append(("dates", _("At most {k} dates.").format(k=MAX_POINTS)))
    if found and found[0] <= discharged_on:
        problems.append(("dates", _("The dates come after her discharge.")))
    if found and found[-1] > add_months(discharged_on, MAX_MONTHS):
        problems.append(("dates", _("The dates end within {n} months of her discharge.").format(n=MAX_MONTHS)))
    if problems:
        raise ValidationErrors(problems)
    return found


def months_text(months: Sequence[int]) -> str:
    return " ".join(str(m) for m in months)


def due_dates(discharged_on: date, months: Sequence[int], dates: Sequence[date]) -> tuple[date, ...]:
    return tuple(sorted(dates)) if dates else tuple(add_months(discharged_on, m) for m in sorted(months))


def standing(due: Sequence[date], reached: Sequence[date], today: date,
             within: int = WEEK) -> tuple[SchedulePoint, ...]:  # fmt: skip
    """Each due date with its state, given the days of the reached contacts (in any order); *due* = within
    `within` days."""
    done: dict[int, date] = {}
    for day in sorted(reached):
        open_ = [i for i, d in enumerate(due) if i not in done and d - timedelta(days=EARLY) <= day]
        if open_:
            done[open_[-1]] = day
    last_done = max(done, default=-1)
    points = []
    for i, d in enumerate(due):
        if i in done:
            state = DONE
        elif i < last_done:
            state = MISSED
        elif d < today:
            state = LATE
        elif d <= today + timedelta(days=within):
            state = DUE
        else:
            state = PLANNED
        points.append(SchedulePoint(d, state, done.get(i)))
    # of several late dates only the latest is waited for (the next contact counts for it): the others are missed
    late = [i for i, p in enumerate(points) if p.state == LATE]
    for i in late[:-1]:
        points[i] = SchedulePoint(points[i].due_on, MISSED)
    return tuple(points)


def unreached_in_row(outcomes_oldest_first: Sequence[str]) -> int:
    n = 0
    for outcome in reversed(outcomes_oldest_first):
        if outcome != UNREACHED:
            break
        n += 1
    return n


def waiting(points: Sequence[SchedulePoint]) -> SchedulePoint | None:
    """The contact the list waits for: the late one, else the one due within the week."""
    return next((p for p in points if p.state == LATE), None) or next((p for p in points if p.state == DUE), None)
