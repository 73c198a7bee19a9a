"""Working days in Viet Nam, for the clocks the law counts in them (9 working days for the Sở Y tế's decision on a
Mẫu 07 application, Decree 162/2025; 7 to decide the end of assistance, Decree 20/2021 Art. 30; the 2 of a
data-subject request): Monday to Friday, less the public holidays and the days given in their place, plus the
Saturdays the government makes working days in exchange.

The days are data, not code: resources/holidays/vn.json lists, for 2011–2030, the weekdays off of each year —
the government's announced schedule where it was known, else the Labour Code's rule (01/01, Tết, the Hùng Kings'
day, 30/04, 01/05, 02/09 and from 2021 a day next to it; a holiday on a weekend moves to the next weekday). A year
outside the file counts weekends only. The government announces its swaps late, so the manager corrects the shipped
days (models/calendar.HolidayChange, the holiday editor of services/holidays): `calendar_of(s)` is the calendar in
force for a database — the shipped days with those corrections applied, one small query. Every clock calls it
inside its own transaction; a pure hook that has no session (an entry kind's `derive`) gets the corrections as a
fact (`CALENDAR_FACT`, `as_fact` / `from_fact`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.calendar import DayChange, HolidayChange
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


@dataclass(frozen=True)
class ShippedYear:
    """One year of the shipped file: its Tết (lunar 1/1) and Hùng Kings' day, "official" or "rule", the days."""

    year: int
    tet: date | None
    hung_kings: date | None
    source: str
    days_off: tuple[date, ...]
    work_days: tuple[date, ...]


def load(text: str) -> WorkCalendar:
    years = json.loads(text)["years"].values()
    off = frozenset(date.fromisoformat(d) for y in years for d in y["days_off"])
    work = frozenset(date.fromisoformat(d) for y in years for d in y.get("work_days", ()))
    return WorkCalendar(off, work)


@cache
def calendar() -> WorkCalendar:
    """The shipped calendar (read once)."""
    return load(resource("holidays", "vn.json").read_text(encoding="utf-8"))


@cache
def shipped_years() -> dict[int, ShippedYear]:
    """The shipped file year by year (read once)."""
    found = {}
    for key, y in json.loads(resource("holidays", "vn.json").read_text(encoding="utf-8"))["years"].items():
        tet, hung = y.get("tet"), y.get("hung_kings")
        found[int(key)] = ShippedYear(int(key), date.fromisoformat(tet) if tet else None,
                                      date.fromisoformat(hung) if hung else None, y.get("source", ""),
                                      tuple(sorted(date.fromisoformat(d) for d in y["days_off"])),
                                      tuple(sorted(date.fromisoformat(d) for d in y.get("work_days", ()))))  # fmt: skip
    return found


Change = tuple[date, str]  # a corrected day and its DayChange


def corrections(s: Session) -> tuple[Change, ...]:
    """The manager's corrections, by day (one query on a table of a few rows a year)."""
    found = s.execute(select(HolidayChange.day, HolidayChange.change).order_by(HolidayChange.day))
    return tuple((d, c) for d, c in found)


@lru_cache(maxsize=16)
def corrected(changes: tuple[Change, ...]) -> WorkCalendar:
    """The shipped calendar with these corrections applied (the shipped one itself without any)."""
    base = calendar()
    if not changes:
        return base
    off, work = set(base.days_off), set(base.work_days)
    for day, change in changes:
        off.discard(day)
        work.discard(day)
        if change == DayChange.OFF:
            off.add(day)
        elif change == DayChange.WORK:
            work.add(day)
    return WorkCalendar(frozenset(off), frozenset(work))


def calendar_of(s: Session) -> WorkCalendar:
    """The calendar in force for this database: the shipped days as the manager corrected them."""
    return corrected(corrections(s))


CALENDAR_FACT = "calendar"  # an entry kind's fact: the corrections, one "yyyy-mm-dd change" a line


def as_fact(changes: tuple[Change, ...]) -> str:
    return "\n".join(f"{d.isoformat()} {c}" for d, c in changes)


def from_fact(lines: tuple[str, ...]) -> WorkCalendar:
    """The calendar of a CALENDAR_FACT (the shipped one when the fact is empty or missing)."""
    changes = []
    for line in lines:
        day, _sep, change = line.partition(" ")
        changes.append((date.fromisoformat(day), change))
    return corrected(tuple(changes))
