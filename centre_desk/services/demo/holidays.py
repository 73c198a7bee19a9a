"""Demo holiday calendar: the manager has entered the government's schedule for the coming Tết, as a centre would
when the Bộ Nội vụ's notice comes out — the weekday after the shipped Tết days off given too, and the Saturday a
week later worked in exchange — on a year the shipped file computed by the rule (an "official" year needs nothing).

Written by the caller's account (the demo's manager), in the caller's transaction; deterministic (no random
stream: the dates follow from `now`). The notes are marked as demo data.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from centre_desk.formatting import format_date
from centre_desk.models.calendar import DayChange, HolidayChange
from centre_desk.services.lodging.common import local_day
from centre_desk.services.workdays import SATURDAY, ShippedYear, shipped_years

TET_AFTER = 10  # the Tết days off end within ten days of the lunar new year (services/holidays/names.py)


def _tet_days(y: ShippedYear) -> list[date]:
    assert y.tet is not None
    return [d for d in y.days_off if abs((d - y.tet).days) <= TET_AFTER]


def coming_tet(today: date) -> ShippedYear | None:
    """The shipped year of the next Tết whose days off are not all past."""
    for year in (today.year, today.year + 1):
        y = shipped_years().get(year)
        if y is not None and y.tet is not None and _tet_days(y) and max(_tet_days(y)) >= today:
            return y
    return None


def fill(s: Session, by: int | None, now: datetime) -> int:
    """The corrections for the coming Tết (0 or 2 rows)."""
    y = coming_tet(local_day(now))
    if y is None or y.source != "rule":
        return 0
    off = max(_tet_days(y)) + timedelta(days=1)
    while off.weekday() >= SATURDAY:
        off += timedelta(days=1)
    worked = off + timedelta(days=(SATURDAY - off.weekday()) % 7 + 7)
    notes = {
        off: (DayChange.OFF, f"Nghỉ Tết Nguyên đán {y.year} theo Thông báo của Bộ Nội vụ (dữ liệu minh họa)"),
        worked: (DayChange.WORK, f"Làm bù cho ngày nghỉ {format_date(off)} (dữ liệu minh họa)"),
    }
    for day, (change, note) in notes.items():
        s.add(HolidayChange(day=day, change=change, note=note, changed_by=by, changed_at=now))
    s.flush()
    return len(notes)
