"""The demo's holiday corrections: the government's schedule for the coming Tết entered on a year the shipped file
computed by the rule (Tết 2027 seen from December 2026: Friday 12/02 off, Saturday 20/02 worked), nothing on a year
with the government's schedule shipped; the corrections move the calendar in force and the editor shows them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from centre_desk.services.demo.holidays import coming_tet, fill
from centre_desk.services.workdays import calendar_of, corrections
from tests.conftest import Installed

pytestmark = pytest.mark.usefixtures("english")


def test_the_coming_tet() -> None:
    assert (y := coming_tet(date(2026, 12, 7))) is not None and y.year == 2027
    assert (y := coming_tet(date(2027, 2, 11))) is not None and y.year == 2027  # the last day off of Tết 2027
    assert (y := coming_tet(date(2027, 2, 12))) is not None and y.year == 2028


def test_the_corrections_of_the_demo(installed: Installed) -> None:
    with installed.centre.sessions.begin() as s:
        assert fill(s, None, datetime(2025, 11, 3, 2, tzinfo=UTC)) == 0  # Tết 2026 is the government's schedule
        assert fill(s, None, datetime(2026, 12, 7, 2, tzinfo=UTC)) == 2
    with installed.centre.sessions() as s:
        assert corrections(s) == ((date(2027, 2, 12), "off"), (date(2027, 2, 20), "work"))
        work = calendar_of(s)
    assert not work.working(date(2027, 2, 12)) and work.working(date(2027, 2, 20))
    days = {d.day: d for d in installed.centre.holidays.year(installed.manager, 2027).days}
    assert days[date(2027, 2, 20)].note == "Làm bù cho ngày nghỉ 12/02/2027 (dữ liệu minh họa)"
    assert days[date(2027, 2, 12)].corrected and days[date(2027, 2, 12)].shipped == "normal"
