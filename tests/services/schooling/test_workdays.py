"""Working days: weekends and Vietnam's public holidays skipped (a Tết week), Saturdays worked in exchange counted,
every day off of the shipped calendar a weekday, and the Mẫu 07 clock of 9 working days."""

from __future__ import annotations

import json
from datetime import date

from centre_desk.paths import resource
from centre_desk.services.workdays import WorkCalendar, calendar

TET_2026 = [date(2026, 2, d) for d in range(16, 21)]  # Bính Ngọ: Monday 16 to Friday 20 February


def test_the_tet_week_is_skipped() -> None:
    work = calendar()
    assert not any(work.working(d) for d in TET_2026)
    # sent on Friday 13/02/2026: the week of Tết does not count, nor the weekends
    assert work.add(date(2026, 2, 13), 9) == date(2026, 3, 5)
    assert work.between(date(2026, 2, 13), date(2026, 3, 5)) == 9
    assert work.add(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_holidays_and_the_day_given_for_one_on_a_sunday() -> None:
    work = calendar()
    # Hùng Kings' day 2026 falls on Sunday 26/04: Monday 27/04 is off; 30/04 and 01/05 too
    assert not work.working(date(2026, 4, 27)) and not work.working(date(2026, 4, 30))
    assert work.add(date(2026, 4, 24), 1) == date(2026, 4, 28)
    assert not work.working(date(2025, 9, 2)) and not work.working(date(2011, 1, 1))


def test_a_saturday_worked_in_exchange_counts() -> None:
    work = calendar()
    assert work.working(date(2025, 4, 26)) and not work.working(date(2025, 5, 2))
    assert work.add(date(2025, 4, 25), 1) == date(2025, 4, 26)


def test_outside_the_years_of_the_file_only_weekends() -> None:
    work = WorkCalendar(frozenset())
    assert work.add(date(2031, 1, 3), 1) == date(2031, 1, 6)  # Friday → Monday
    assert work.between(date(2031, 1, 6), date(2031, 1, 6)) == 0


def test_the_shipped_calendar_covers_2011_to_2030_with_weekdays_only() -> None:
    years = json.loads(resource("holidays", "vn.json").read_text(encoding="utf-8"))["years"]
    assert sorted(years) == [str(y) for y in range(2011, 2031)]
    for year, data in years.items():
        days = [date.fromisoformat(d) for d in data["days_off"]]
        assert all(d.year == int(year) and d.weekday() < 5 for d in days), year
        assert date.fromisoformat(data["tet"]) - date(int(year), 1, 20) < (date(2000, 2, 21) - date(2000, 1, 20))
        assert len(days) >= 9  # new year, Tết, Hùng Kings, 30/04, 01/05, 02/09
        assert all(date.fromisoformat(d).weekday() == 5 for d in data["work_days"])
