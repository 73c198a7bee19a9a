"""The decision to end assistance is due 7 working days after the Mẫu 09 application (Decree 20/2021 Art. 30):
across a weekend and Tết on a fixed calendar, on the database's calendar through the service, and for any
calendar (Hypothesis); the request's rule for any input."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.errors import ValidationErrors
from centre_desk.services.discharge import rules, service
from centre_desk.services.discharge.dto import DischargeInput
from centre_desk.services.workdays import WorkCalendar
from tests.conftest import Installed
from tests.services.discharge.support import NOW, in_bed, request
from tests.services.discharge.support import service as discharge_service
from tests.services.lodging.support import Clock

# Tết Đinh Mùi: 06/02/2027 is a Saturday; a fixed calendar with the weekdays around it off
TET_2027 = WorkCalendar(frozenset(date(2027, 2, d) for d in (4, 5, 8, 9, 10, 11, 12)))


def test_seven_working_days_across_a_weekend_and_tet() -> None:
    assert rules.deadline(TET_2027, date(2027, 2, 3)) == date(2027, 2, 23)  # Wed before Tết: 9 days off, 2 weekends
    assert rules.deadline(TET_2027, date(2027, 1, 29)) == date(2027, 2, 18)  # a Friday: Mon–Wed, then after Tết
    assert rules.deadline(TET_2027, date(2027, 1, 15)) == date(2027, 1, 26)  # an ordinary week and a weekend
    assert rules.deadline(TET_2027, None) is None  # left without permission, death: no application, no clock
    due = date(2027, 2, 23)
    assert rules.working_days_left(TET_2027, date(2027, 2, 3), due) == 7
    assert rules.working_days_left(TET_2027, date(2027, 2, 13), due) == 7  # the holidays do not count
    assert rules.working_days_left(TET_2027, due, due) == 0
    assert rules.working_days_left(TET_2027, date(2027, 2, 26), due) == -3


def test_the_service_reads_the_calendar_of_the_database(installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "calendar_of", lambda s: TET_2027)
    svc = discharge_service(installed.centre, Clock(max(NOW, datetime(2027, 2, 5, 3, tzinfo=UTC))))
    rid, _bed = in_bed(installed)
    st = svc.request(installed.manager, rid, request(application_on=date(2027, 2, 3), planned_on=date(2027, 2, 20)))
    assert st.current is not None and st.current.decision_due_on == date(2027, 2, 23)
    st = svc.change(installed.manager, st.current.id, st.current.version,
                    request("absconded", application_on=None, planned_on=date(2027, 2, 20)))  # fmt: skip
    assert st.current is not None and st.current.decision_due_on is None and st.current.working_days_left is None


@given(
    st.dates(date(2011, 1, 1), date(2030, 12, 1)),
    st.sets(st.integers(0, 40), max_size=15),
    st.integers(0, 40),
)
def test_the_deadline_on_any_calendar(application: date, off: set[int], later: int) -> None:
    calendar = WorkCalendar(frozenset(application + timedelta(days=n) for n in off))
    due = rules.deadline(calendar, application)
    assert due is not None and calendar.working(due) and calendar.between(application, due) == 7
    assert rules.working_days_left(calendar, application, due) == 7
    today = application + timedelta(days=later)
    left = rules.working_days_left(calendar, today, due)
    assert left is not None and (left < 0) == (today > due and calendar.between(due, today) > 0)


@given(
    st.sampled_from(["family", "transfer", "relative", "independent", "absconded", "death", "", "moved"]),
    st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2028, 1, 1))),
    st.text(alphabet="0123456789 ab", max_size=16),
)
def test_every_problem_named_for_any_request(reason: str, application: date | None, cccd: str) -> None:
    """The request's rule never fails with anything but ValidationErrors naming fields of the form, and a clean
    request passes it again unchanged."""
    today = date(2026, 6, 1)
    data = DischargeInput(reason, today, application, "Giàng Thị Mai" if application else "", family_id_number=cccd)
    try:
        cleaned = rules.check(data, today)
    except ValidationErrors as exc:
        assert {f for f, _m in exc.problems} <= {f.name for f in fields(DischargeInput)}
        return
    assert rules.check(cleaned, today) == cleaned
    assert cleaned.family_id_number == "" or len(cleaned.family_id_number) == 12
