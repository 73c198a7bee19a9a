"""The holiday calendar's service on both databases: a year's days with their names and sources, the manager's
corrections shown as such, every problem of a correction at once, only the manager corrects (every role views), and
each call audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.audit import AuditEvent
from centre_desk.models.staff import Role
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff

pytestmark = pytest.mark.usefixtures("english")


def test_a_shipped_year_with_its_names(installed: Installed) -> None:
    year = installed.centre.holidays.year(installed.manager, 2027)
    named = {d.day: d.name for d in year.days}
    assert year.source == "rule" and all(d.status == d.shipped == "off" and not d.corrected for d in year.days)
    assert named[date(2027, 2, 5)] == named[date(2027, 2, 11)] == "Lunar New Year (Tết)"
    assert named[date(2027, 4, 16)] == "Hùng Kings' Commemoration Day"
    assert named[date(2027, 4, 30)] == "Victory Day (30/4)"
    assert named[date(2027, 5, 3)] == "Day off in lieu: International Labour Day (1/5)"  # 01/05 is a Saturday
    assert named[date(2027, 9, 2)] == named[date(2027, 9, 3)] == "National Day (2/9)"
    assert named[date(2027, 1, 1)] == "New Year's Day (1/1)" and len(year.days) == 11
    assert year.working_days == 261 - 11  # 261 weekdays in 2027, 11 of them off
    swapped = installed.centre.holidays.year(installed.manager, 2025)
    assert {d.day: d.name for d in swapped.days}[date(2025, 4, 26)] == "Saturday worked in exchange for a day off"
    assert installed.centre.holidays.year(installed.manager, 2035).days == ()


def test_corrections_are_shown_and_taken_back(installed: Installed) -> None:
    holidays, manager = installed.centre.holidays, installed.manager
    holidays.set_day(manager, date(2027, 2, 12), "off", "  Nghỉ bù   Tết ")
    year = holidays.set_day(manager, date(2027, 2, 5), "normal", "Làm việc ngày 29 Tết")
    days = {d.day: d for d in year.days}
    added, back = days[date(2027, 2, 12)], days[date(2027, 2, 5)]
    assert (added.status, added.shipped, added.corrected, added.name) == ("off", "normal", True, "Nghỉ bù Tết")
    assert (back.status, back.shipped, back.note, back.changed_by) == ("normal", "off", "Làm việc ngày 29 Tết",
                                                                        "Quản trị viên") or back.changed_by  # fmt: skip
    assert year.working_days == 261 - 11
    again = holidays.set_day(manager, date(2027, 2, 12), "off", "Nghỉ bù Tết theo Thông báo số 5/TB-BNV")
    assert {d.day: d.name for d in again.days}[date(2027, 2, 12)] == "Nghỉ bù Tết theo Thông báo số 5/TB-BNV"
    after = holidays.reset_day(manager, date(2027, 2, 5))
    assert {d.day: d for d in after.days}[date(2027, 2, 5)].name == "Lunar New Year (Tết)"
    with pytest.raises(ValidationErrors):
        holidays.reset_day(manager, date(2027, 2, 5))


def test_every_problem_at_once(installed: Installed) -> None:
    holidays, manager = installed.centre.holidays, installed.manager
    cases = {
        (date(2027, 2, 6), "off", ""): ["day", "note"],  # a Saturday; no reason
        (date(2027, 2, 8), "off", "x"): ["day"],  # already off
        (date(2027, 2, 9), "work", "x"): ["day"],  # a weekday
        (date(2027, 2, 15), "normal", "x"): ["day"],  # nothing to take back
        (date(2027, 2, 15), "holiday", "x" * 201): ["change", "note"],
    }
    for (day, change, note), fields in cases.items():
        with pytest.raises(ValidationErrors) as refused:
            holidays.set_day(manager, day, change, note)
        assert [f for f, _m in refused.value.problems] == fields, (day, change)


def test_only_the_manager_corrects_and_every_role_views(installed: Installed) -> None:
    holidays = installed.centre.holidays
    for role in (Role.NURSE, Role.INTAKE, Role.COUNSELLOR):
        actor = staff(installed, role)
        assert holidays.year(actor, 2027).days
        with pytest.raises(PermissionDenied):
            holidays.set_day(actor, date(2027, 2, 12), "off", "Nghỉ bù Tết")
        with pytest.raises(PermissionDenied):
            holidays.reset_day(actor, date(2027, 2, 12))
    holidays.set_day(installed.manager, date(2027, 2, 12), "off", "Nghỉ bù Tết")
    holidays.reset_day(installed.manager, date(2027, 2, 12))
    with installed.centre.sessions() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("holiday.%"))))
        denied = list(s.scalars(select(AuditEvent.record_id).where(AuditEvent.outcome == "denied")))
    assert actions.count("holiday.year_viewed") == 3
    assert actions.count("holiday.day_set") == actions.count("holiday.day_reset") == 1
    assert denied.count("2027-02-12") == 6
