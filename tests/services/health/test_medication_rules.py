"""The medication rules as pure functions: schedules, the moments they fall due and each dose's state, against
a fixed clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.services.health.medication_rules import (
    FREQUENCIES,
    GRACE,
    ON_TIME,
    DoseOutcome,
    DoseRecord,
    DoseSchedule,
    DueDose,
    dose_states,
    frequency,
    record_problems,
    schedule_problems,
    scheduled_doses,
)

pytestmark = pytest.mark.usefixtures("english")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PARIS = ZoneInfo("Europe/Paris")  # has daylight saving time: 29/03/2026 and 25/10/2026
HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
DAY1 = date(2026, 3, 10)


def at(day: int, hour: int, minute: int = 0, second: int = 0, tz: tzinfo = VN) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=tz)


def plan(
    *times: time, every: int | None = None, prn: bool = False, start: date = DAY1, end: date | None = None
) -> DoseSchedule:
    return DoseSchedule(times, every, prn, start, end)


def hours(doses: list[datetime]) -> list[tuple[int, int, int]]:
    return [(d.day, d.hour, d.minute) for d in doses]


# ------------------------------------------------------------------------------------------- schedules


def test_a_sound_schedule_and_every_preset_have_no_problems() -> None:
    assert schedule_problems(plan(time(8), time(20))) == []
    for preset in FREQUENCIES:
        assert schedule_problems(preset.schedule(DAY1)) == [], preset.code
    assert len({p.code for p in FREQUENCIES}) == len(FREQUENCIES)


def test_the_presets() -> None:
    assert frequency("three_daily").times == (time(7), time(12), time(19))
    assert frequency("every_8_hours").schedule(DAY1, DAY1).every_hours == 8
    assert frequency("as_needed").schedule(DAY1).as_needed
    with pytest.raises(KeyError):
        frequency("hourly")


@pytest.mark.parametrize(
    ("schedule", "fields"),
    [
        (plan(), ["times"]),
        (plan(prn=True), []),
        (plan(time(8), end=DAY1 - timedelta(days=1)), ["end"]),
        (plan(time(8), end=DAY1), []),
        (plan(time(8), every=0), ["every_hours"]),
        (plan(time(8), every=25), ["every_hours"]),
        (plan(time(8), every=24), []),
        (plan(time(8), time(12), every=6), ["times"]),
        (plan(time(8), time(20), time(8)), ["times"]),
        (plan(every=8, end=date(2026, 1, 1)), ["times", "end"]),
    ],
)
def test_schedule_problems(schedule: DoseSchedule, fields: list[str]) -> None:
    assert [field for field, _message in schedule_problems(schedule)] == fields


def test_a_duplicate_time_is_named() -> None:
    assert schedule_problems(plan(time(8), time(8))) == [("times", "The time 08:00 is given twice.")]


def test_fixed_times_in_local_wall_time() -> None:
    doses = scheduled_doses(plan(time(20), time(8)), at(10, 0), at(11, 0), VN)
    assert doses == [at(10, 8), at(10, 20)]
    assert doses[0].tzinfo is VN and doses[0].astimezone(UTC).hour == 1  # UTC+7


def test_the_range_is_half_open() -> None:
    schedule = plan(time(8))
    assert scheduled_doses(schedule, at(10, 8), at(11, 8), VN) == [at(10, 8)]
    assert scheduled_doses(schedule, at(10, 8, second=1), at(11, 8), VN) == []
    assert scheduled_doses(schedule, at(11, 8), at(10, 8), VN) == []
    assert scheduled_doses(schedule, at(10, 1, tz=UTC), at(10, 1, 1, tz=UTC), VN) == [at(10, 8)]  # any zone


def test_only_on_the_plans_days() -> None:
    schedule = plan(time(8), time(20), start=date(2026, 3, 10), end=date(2026, 3, 12))
    doses = scheduled_doses(schedule, at(8, 0), at(20, 0), VN)
    assert hours(doses) == [(10, 8, 0), (10, 20, 0), (11, 8, 0), (11, 20, 0), (12, 8, 0), (12, 20, 0)]


def test_as_needed_is_never_scheduled() -> None:
    assert scheduled_doses(plan(time(8), prn=True), at(10, 0), at(20, 0), VN) == []
    assert scheduled_doses(plan(), at(10, 0), at(20, 0), VN) == []


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        scheduled_doses(plan(time(8)), datetime(2026, 3, 10), at(11, 0), VN)


def test_every_8_hours_from_a_late_first_dose_crosses_midnight() -> None:
    schedule = plan(time(22), every=8, end=date(2026, 3, 11))
    doses = scheduled_doses(schedule, at(9, 0), at(13, 0), VN)
    assert hours(doses) == [(10, 22, 0), (11, 6, 0), (11, 14, 0), (11, 22, 0)]  # not 12/03 06:00: the plan ended


def test_every_5_hours_runs_on_across_days() -> None:
    doses = scheduled_doses(plan(time(8), every=5), at(11, 0), at(12, 0), VN)
    assert hours(doses) == [(11, 4, 0), (11, 9, 0), (11, 14, 0), (11, 19, 0)]


def test_fixed_times_keep_the_wall_time_across_daylight_saving() -> None:
    schedule = plan(time(8), time(20), start=date(2026, 3, 28))
    doses = scheduled_doses(schedule, at(28, 0, tz=PARIS), at(30, 0, tz=PARIS), PARIS)
    assert hours(doses) == [(28, 8, 0), (28, 20, 0), (29, 8, 0), (29, 20, 0)]
    assert doses[2].astimezone(UTC) - doses[1].astimezone(UTC) == 11 * HOUR  # the night the clocks go forward


def test_a_skipped_wall_time_moves_forward_and_a_repeated_one_is_given_once() -> None:
    schedule = plan(time(2, 30), start=date(2026, 3, 1))
    spring = scheduled_doses(schedule, at(29, 0, tz=PARIS), at(30, 0, tz=PARIS), PARIS)
    assert [(d.hour, d.minute, d.utcoffset()) for d in spring] == [(3, 30, 2 * HOUR)]
    autumn_start = datetime(2026, 10, 25, tzinfo=PARIS)
    autumn = scheduled_doses(schedule, autumn_start, autumn_start + 25 * HOUR, PARIS)
    assert [(d.hour, d.minute, d.utcoffset()) for d in autumn] == [(2, 30, 2 * HOUR)]


def test_the_range_is_compared_as_instants_in_the_repeated_hour() -> None:
    schedule = plan(time(2, 30), start=date(2026, 10, 1))  # 02:30 on 25/10 is given at its first occurrence
    dose = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS)
    later_wall_time_earlier = datetime(2026, 10, 25, 2, 20, fold=1, tzinfo=PARIS)  # 01:20 UTC, after the dose
    assert scheduled_doses(schedule, dose, dose + HOUR, PARIS) == [dose]
    assert scheduled_doses(schedule, later_wall_time_earlier, dose + 3 * HOUR, PARIS) == []


def test_every_8_hours_counts_real_hours_across_daylight_saving() -> None:
    schedule = plan(time(6), every=8, start=date(2026, 3, 28))
    doses = scheduled_doses(schedule, at(28, 0, tz=PARIS), at(30, 0, tz=PARIS), PARIS)
    assert hours(doses) == [(28, 6, 0), (28, 14, 0), (28, 22, 0), (29, 7, 0), (29, 15, 0), (29, 23, 0)]


ZONES = st.sampled_from([VN, PARIS, ZoneInfo("America/Sao_Paulo"), ZoneInfo("Pacific/Chatham")])
TIMES = st.lists(st.times(), min_size=1, max_size=6, unique=True)


@given(TIMES, st.integers(1, 10), st.dates(date(2025, 1, 1), date(2027, 12, 31)), ZONES)
def test_a_full_day_holds_each_time_once(times: list[time], days: int, first: date, tz: ZoneInfo) -> None:
    schedule = plan(*times, start=first - timedelta(days=3))
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(first + timedelta(days=days), time(0), tzinfo=tz)
    assert len(scheduled_doses(schedule, start, end, tz)) == days * len(times)


@given(
    TIMES,
    st.one_of(st.none(), st.integers(1, 24)),
    st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC)),
    st.timedeltas(timedelta(0), timedelta(days=5)),
    st.integers(-3, 3),
    ZONES,
)
def test_every_dose_lies_in_the_range_and_on_the_plans_days(
    times: list[time], every: int | None, start: datetime, length: timedelta, shift: int, tz: ZoneInfo
) -> None:
    first = start.astimezone(tz).date() + timedelta(days=shift)
    schedule = plan(*times, every=every, start=first, end=first + timedelta(days=2))
    doses = scheduled_doses(schedule, start, start + length, tz)
    assert all(start <= d < start + length and first <= d.date() <= first + timedelta(days=2) for d in doses)
    moments = [d.astimezone(UTC) for d in doses]
    assert moments == sorted(set(moments))
    if every is not None:
        assert all(b - a == every * HOUR for a, b in pairwise(moments))


# ------------------------------------------------------------------------------------------- dose state

TWICE = plan(time(8), time(20))
NIGHT = plan(time(23, 30))


def states(
    schedule: DoseSchedule, now: datetime, records: Sequence[DoseRecord] = (), **kw: timedelta
) -> list[tuple[object, ...]]:
    found = dose_states(schedule, records, now, kw.pop("before", 12 * HOUR), kw.pop("after", 12 * HOUR), tz=VN, **kw)
    return [(d.scheduled_for.day, d.scheduled_for.hour, d.scheduled_for.minute, d.state, d.outcome) for d in found]


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(10, 23, 0) - SECOND, "due_soon"),
        (at(10, 23, 0), "due_now"),
        (at(10, 23, 59, 59), "due_now"),
        (at(11, 0, 0), "overdue"),  # past midnight: the dose belongs to the day before
        (at(11, 0, 29, 59), "overdue"),
        (at(11, 0, 30) - SECOND, "overdue"),  # one second before time + grace
        (at(11, 0, 30), "missed"),  # exactly at time + grace
        (at(11, 0, 30, 1), "missed"),
    ],
)
def test_the_state_of_a_dose_by_the_clock_around_midnight(now: datetime, state: str) -> None:
    assert states(NIGHT, now, before=3 * HOUR, after=3 * HOUR) == [(10, 23, 30, state, None)]


def test_a_shorter_grace() -> None:
    t = at(10, 8)
    assert states(TWICE, t + 10 * 60 * SECOND, grace=15 * 60 * SECOND, before=HOUR, after=HOUR)[0][3] == "due_now"
    assert states(TWICE, t + 15 * 60 * SECOND, grace=15 * 60 * SECOND, before=HOUR, after=HOUR)[0][3] == "missed"
    with pytest.raises(ValueError, match="negative"):
        states(TWICE, t, grace=-SECOND)


def test_the_window_chooses_the_doses() -> None:
    now = at(10, 12)
    assert [s[:4] for s in states(TWICE, now)] == [(10, 8, 0, "missed"), (10, 20, 0, "due_soon")]
    assert [s[:4] for s in states(TWICE, now, before=HOUR, after=HOUR)] == []
    assert [s[:4] for s in states(TWICE, now, before=4 * HOUR, after=0 * HOUR)] == [(10, 8, 0, "missed")]


def test_plan_start_and_end_days() -> None:
    schedule = replace(TWICE, start=date(2026, 3, 10), end=date(2026, 3, 10))
    assert [s[:4] for s in states(schedule, at(10, 7, 50), before=24 * HOUR, after=48 * HOUR)] == [
        (10, 8, 0, "due_now"),
        (10, 20, 0, "due_soon"),
    ]


def test_as_needed_doses_are_never_due_nor_missed() -> None:
    given = DoseRecord(None, DoseOutcome.GIVEN, at(10, 9))
    assert states(plan(prn=True), at(10, 12), [given], before=48 * HOUR) == []


def test_every_8_hours_across_midnight() -> None:
    schedule = plan(time(22), every=8)
    record = DoseRecord(at(10, 22), DoseOutcome.GIVEN, at(10, 22, 5))
    assert states(schedule, at(11, 6, 40), [record]) == [
        (10, 22, 0, "recorded", DoseOutcome.GIVEN),
        (11, 6, 0, "overdue", None),
        (11, 14, 0, "due_soon", None),
    ]


def test_a_record_matches_its_dose_by_scheduled_for_in_any_zone() -> None:
    record = DoseRecord(at(10, 1, tz=UTC), DoseOutcome.REFUSED, at(10, 8, 10))
    [dose] = dose_states(TWICE, [record], at(10, 19), 12 * HOUR, 0 * HOUR, tz=VN)
    assert dose == DueDose(at(10, 8), "recorded", record) and dose.outcome == DoseOutcome.REFUSED


def test_a_record_for_another_dose_does_not_count() -> None:
    record = DoseRecord(at(10, 9), DoseOutcome.GIVEN, at(10, 9))
    assert states(TWICE, at(10, 12), [record], after=0 * HOUR) == [(10, 8, 0, "missed", None)]


def test_a_nurses_record_beats_the_nightly_missed_then_the_latest_wins() -> None:
    missed = DoseRecord(at(10, 8), DoseOutcome.MISSED, at(11, 0, 5))
    late = DoseRecord(at(10, 8), DoseOutcome.GIVEN, at(10, 8, 50))
    held = DoseRecord(at(10, 8), DoseOutcome.HELD, at(10, 8, 40), "huyết áp thấp")
    assert states(TWICE, at(11, 1), [missed, late], before=18 * HOUR, after=0 * HOUR) == [
        (10, 8, 0, "recorded", DoseOutcome.GIVEN),
        (10, 20, 0, "missed", None),
    ]
    assert states(TWICE, at(10, 12), [late, held], after=0 * HOUR)[0][4] == DoseOutcome.GIVEN
    assert states(TWICE, at(10, 12), [missed], after=0 * HOUR)[0][4] == DoseOutcome.MISSED


@pytest.mark.parametrize(
    ("given_at", "matched"),
    [
        (at(10, 7), True),  # exactly time − grace
        (at(10, 7) - SECOND, False),
        (at(10, 8, 59, 59), True),
        (at(10, 9), False),  # exactly time + grace: by then the dose is missed
    ],
)
def test_a_loose_record_matches_a_dose_within_the_grace(given_at: datetime, matched: bool) -> None:
    record = DoseRecord(None, DoseOutcome.GIVEN, given_at)
    expected = (10, 8, 0, "recorded", DoseOutcome.GIVEN) if matched else (10, 8, 0, "missed", None)
    assert states(TWICE, at(10, 12), [record], after=0 * HOUR) == [expected]


def test_loose_records_take_the_nearest_free_dose() -> None:
    hourly = plan(time(8), every=1)
    first = DoseRecord(None, DoseOutcome.GIVEN, at(10, 9, 30))  # a tie between 09:00 and 10:00: the earlier
    explicit = DoseRecord(at(10, 10), DoseOutcome.REFUSED, at(10, 10))
    second = DoseRecord(None, DoseOutcome.GIVEN, at(10, 9, 40))  # 09:00 is taken, 10:00 has its own record
    assert states(hourly, at(10, 10, 5), [second, explicit, first], before=2 * HOUR, after=0 * HOUR) == [
        (10, 9, 0, "recorded", DoseOutcome.GIVEN),
        (10, 10, 0, "recorded", DoseOutcome.REFUSED),
    ]
    assert states(hourly, at(10, 10, 5), [second, explicit, first], before=2 * HOUR)[2][3:] == ("due_soon", None)


def test_defaults() -> None:
    assert GRACE == HOUR and ON_TIME == 30 * 60 * SECOND


def test_record_problems() -> None:
    assert record_problems(DoseRecord(at(10, 8), DoseOutcome.GIVEN, at(10, 8))) == []
    assert record_problems(DoseRecord(at(10, 8), DoseOutcome.HELD, at(10, 8), "nôn")) == []
    assert record_problems(DoseRecord(at(10, 8), DoseOutcome.HELD, at(10, 8), "  ")) == [
        ("reason", "Write down why the dose was held.")
    ]
    assert [f for f, _m in record_problems(DoseRecord(None, DoseOutcome.MISSED, at(10, 8)))] == ["outcome"]
