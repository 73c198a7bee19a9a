"""The calendar in force (workdays.calendar_of) on both databases: the shipped days while nothing is corrected, the
manager's corrections applied (a weekday off, a Saturday worked, a shipped day taken back, a correction taken back),
the 7 working days to decide the end of assistance across a weekend and Tết 2027, and the Mẫu 07 clock of an entry
saved after a correction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.workdays import WorkCalendar, as_fact, calendar, calendar_of, corrections, from_fact
from tests.conftest import Installed
from tests.services.lodging.support import resident
from tests.services.schooling.support import DAY, WHEN, full

pytestmark = pytest.mark.usefixtures("english")

DECISION_DAYS = 7  # Decree 20/2021 Art. 30: the decision to end assistance
TET_2027 = [date(2027, 2, 5), *(date(2027, 2, d) for d in range(8, 12))]  # Đinh Mùi: Saturday 06/02/2027
BEFORE_TET = date(2027, 1, 29)  # the Friday a week before the eve


def _calendar(installed: Installed) -> WorkCalendar:
    with installed.centre.sessions() as s:
        return calendar_of(s)


def test_the_shipped_tet_2027_and_nothing_corrected(installed: Installed) -> None:
    assert _calendar(installed) is calendar()
    work = calendar()
    assert not any(work.working(d) for d in TET_2027) and work.working(date(2027, 2, 12))


def test_seven_working_days_across_a_weekend_and_tet(installed: Installed) -> None:
    work = _calendar(installed)
    # applied on Friday 29/01: Mon 1 to Thu 4 February count 4, the eve and the Tết week none, Fri 12 five,
    # Mon 15 six, Tue 16 seven
    assert work.add(BEFORE_TET, DECISION_DAYS) == date(2027, 2, 16)
    # applied on Thursday 04/02, the day before the eve: nothing counts until Friday 12
    assert work.add(date(2027, 2, 4), DECISION_DAYS) == date(2027, 2, 22)
    assert work.between(BEFORE_TET, date(2027, 2, 16)) == DECISION_DAYS


def test_a_correction_moves_the_deadline(installed: Installed) -> None:
    holidays, manager = installed.centre.holidays, installed.manager
    holidays.set_day(manager, date(2027, 2, 12), "off", "Nghỉ bù Tết theo Thông báo số 01/TB-BNV")
    work = _calendar(installed)
    assert not work.working(date(2027, 2, 12))
    assert work.add(BEFORE_TET, DECISION_DAYS) == date(2027, 2, 17)  # one day later
    holidays.set_day(manager, date(2027, 2, 20), "work", "Làm bù cho ngày 12/02/2027")
    work = _calendar(installed)
    assert work.working(date(2027, 2, 20)) and work.add(date(2027, 2, 19), 1) == date(2027, 2, 20)
    holidays.set_day(manager, date(2027, 2, 5), "normal", "Chính phủ không cho nghỉ chiều 30 Tết")
    assert _calendar(installed).working(date(2027, 2, 5))
    assert _calendar(installed).add(BEFORE_TET, DECISION_DAYS) == date(2027, 2, 16)
    for day in (date(2027, 2, 5), date(2027, 2, 12), date(2027, 2, 20)):
        holidays.reset_day(manager, day)
    assert _calendar(installed) is calendar()


def test_the_corrections_as_an_entry_fact(installed: Installed) -> None:
    installed.centre.holidays.set_day(installed.manager, date(2027, 2, 12), "off", "Nghỉ bù Tết")
    with installed.centre.sessions() as s:
        found = corrections(s)
        assert from_fact(tuple(as_fact(found).split("\n"))) == calendar_of(s)
    assert from_fact(()) is calendar()


def test_the_mau_07_clock_reads_the_corrections(installed: Installed) -> None:
    sent = DAY - timedelta(days=2)  # the application's day sent (tests/services/schooling/support.py)
    first = calendar().add(sent, 1)
    installed.centre.holidays.set_day(installed.manager, first, "off", "Nghỉ bù theo Thông báo của Chính phủ")
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=30))
    saved = installed.centre.entries.save(installed.manager, "support_application", rid, None, None,
                                          EntryInput(WHEN, full("support_application")))  # fmt: skip
    due = dict(saved.values)["decision_due_on"]
    assert due == _calendar(installed).add(sent, 9) == calendar().add(calendar().add(sent, 9), 1)
