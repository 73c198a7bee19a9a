"""Working days in Viet Nam, for the clocks the law counts in them (9 working days for the Sở Y tế's decision on a
Mẫu 07 application, Decree 162/2025; later the 7 days to decide the end of assistance, the 2 of a data-subject
request): Monday to Friday, less the public holidays and the days given in their place, plus the Saturdays the
government makes working days in exchange.

The days are data, not code: resources/holidays/vn.json lists, for 2011–2030, the weekdays off of each year —
the government's announced schedule where it was known, else the Labour Code's rule (01/01, Tết, the Hùng Kings'
day, 30/04, 01/05, 02/09 and from 2021 a day next to it; a holiday on a weekend moves to the next weekday). A year
outside the file counts weekends only. ⚠ The government announces its swaps late: the manager must be able to
correct a year (issue 14).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy.orm import Session

from centre_desk.paths import resource

SATURDAY = 5


@dataclass(frozen=True)
class WorkCalendar:
    days_off: frozenset[date]  # weekdays that are not worked (holidays, days given in their place)
    work_days: frozenset[date] = frozenset()  # Saturdays worked in exchange for a weekday off

    def working(self, day: date) -> bool:
        if day in self.work_days:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off

    def add(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (`start` itself never counts: the day a paper arrives)."""
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            left -= self.working(day)
        return day

    def between(self, start: date, end: date) -> int:
        """The working days after `start` up to `end` included (0 when `end` is not after `start`)."""
        return sum(self.working(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def load(text: str) -> WorkCalendar:
    years = json.loads(text)["years"].values()
    off = frozenset(date.fromisoformat(d) for y in years for d in y["days_off"])
    work = frozenset(date.fromisoformat(d) for y in years for d in y.get("work_days", ()))
    return WorkCalendar(off, work)


@cache
def calendar() -> WorkCalendar:
    """The shipped calendar (read once)."""
    return load(resource("holidays", "vn.json").read_text(encoding="utf-8"))


def calendar_of(s: Session) -> WorkCalendar:
    """The calendar in force for this database: the shipped days as the manager corrected them (issue 14)."""
    del s  # the corrections table comes with the holiday editor
    return calendar()
