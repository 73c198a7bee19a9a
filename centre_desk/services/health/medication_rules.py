"""The medication administration record (MAR) rules, free of any database: dose schedules, the moments they
fall due, and the state of each dose against what the nurses recorded. The allergy check is in
`medication_allergy`.

Times of day are local wall times of the centre's time zone, given by the caller (`tz`); every datetime in and
out is aware. Vietnam keeps no daylight saving time, but nothing here assumes it: a fixed time falls at that wall
time every day (a wall time that does not exist that day is moved forward by the gap, one that occurs twice is
given once, at its first occurrence), and "every N hours" counts real hours from the first dose.

Dose states (`dose_states`), for a dose scheduled at t and the clock at now, when no record matches it:
* "due_soon" before t − ON_TIME;
* "due_now" from t − ON_TIME to t + ON_TIME, excluded (the 30-minute rule: a dose given then is on time);
* "overdue" from t + ON_TIME to t + grace, excluded;
* "missed" from t + grace on: the screen shows an alert and the nightly check records a MISSED outcome.
A dose with a matching record is "recorded", whatever the clock.

Matching a record to a dose: a record whose `scheduled_for` is the dose's moment (the same instant, whatever the
zone) is that dose's record; when a dose has several, one written by a nurse beats the nightly MISSED, then the
latest `at` wins. A record without `scheduled_for` (entered loose) matches the nearest dose still without a record
whose moment t has t − grace ≤ at < t + grace (on a tie, the earlier dose); loose records are taken in the order of
`at`, and each matches one dose at most. A record that matches no dose in the window is left out.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from centre_desk.i18n import N_, _

ON_TIME = timedelta(minutes=30)  # either side of the scheduled moment: due now
GRACE = timedelta(hours=1)  # after the scheduled moment, without a record: missed


@dataclass(frozen=True)
class DoseSchedule:
    """When a medicine is given. `times`: the times of day, as entered (`schedule_problems` reports duplicates;
    the schedule reads them sorted and unique). With `every_hours`, the doses come every N hours from the first
    time (`times[0]`) on the start day. An as-needed (PRN) plan is never scheduled and never missed; its times
    are ignored. `end` is the last day, inclusive; None while the plan runs on."""

    times: tuple[time, ...]
    every_hours: int | None
    as_needed: bool
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Frequency:
    """A preset a nurse picks from; `label` is English source text, translated on display with `_()`."""

    code: str
    label: str
    times: tuple[time, ...]
    every_hours: int | None = None
    as_needed: bool = False

    def schedule(self, start: date, end: date | None = None) -> DoseSchedule:
        return DoseSchedule(self.times, self.every_hours, self.as_needed, start, end)


FREQUENCIES: tuple[Frequency, ...] = (
    Frequency("once_daily", N_("Once a day"), (time(8),)),
    Frequency("twice_daily", N_("Twice a day, morning and evening"), (time(8), time(20))),
    Frequency("three_daily", N_("Three times a day after meals"), (time(7), time(12), time(19))),  # sáng, trưa, tối
    Frequency("four_daily", N_("Four times a day"), (time(6), time(12), time(18), time(22))),
    Frequency("every_8_hours", N_("Every 8 hours"), (time(6),), every_hours=8),
    Frequency("every_6_hours", N_("Every 6 hours"), (time(6),), every_hours=6),
    Frequency("at_night", N_("At night"), (time(21),)),
    Frequency("as_needed", N_("As needed"), (), as_needed=True),
)


def frequency(code: str) -> Frequency:
    """The preset with that code (KeyError for an unknown code)."""
    for preset in FREQUENCIES:
        if preset.code == code:
            return preset
    raise KeyError(code)


def schedule_problems(schedule: DoseSchedule) -> list[tuple[str, str]]:
    """(field, message) for each thing wrong with the schedule, in a stable order; empty when it can be saved."""
    found: list[tuple[str, str]] = []
    if not schedule.times and not schedule.as_needed:
        found.append(("times", _("Give at least one time of day, or mark the medicine as needed.")))
    seen: set[time] = set()
    for moment in schedule.times:
        if moment in seen:
            found.append(("times", _("The time {time} is given twice.").format(time=moment.strftime("%H:%M"))))
        seen.add(moment)
    if schedule.every_hours is not None and not 1 <= schedule.every_hours <= 24:
        found.append(("every_hours", _("The number of hours between doses must be from 1 to 24.")))
    if schedule.every_hours is not None and len(seen) > 1:
        found.append(("times", _("With a dose every few hours, give only the time of the first dose.")))
    if schedule.end is not None and schedule.end < schedule.start:
        found.append(("end", _("The last day is before the first day.")))
    return found


def _aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def _wall(day: date, moment: time, tz: tzinfo) -> datetime:
    """`moment` on `day` in `tz`, as a real instant (a wall time skipped by the clock moves forward by the gap)."""
    return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC).astimezone(tz)


def scheduled_doses(schedule: DoseSchedule, start: datetime, end: datetime, tz: tzinfo) -> list[datetime]:
    """Every scheduled moment in [start, end), in order, as aware datetimes in `tz`; only on the plan's days
    (`schedule.start` to `schedule.end`, local dates in `tz`). None for an as-needed plan or one without times."""
    _aware(start, "start")
    _aware(end, "end")
    start, end = start.astimezone(UTC), end.astimezone(UTC)  # same-zone comparisons would ignore `fold`
    if schedule.as_needed or not schedule.times or start >= end:
        return []
    first_day = max(schedule.start, start.astimezone(tz).date() - timedelta(days=1))
    last_day = end.astimezone(tz).date() + timedelta(days=1)
    if schedule.end is not None:
        last_day = min(last_day, schedule.end)
    if schedule.every_hours is not None:
        return _every_hours(schedule, schedule.every_hours, start, end, last_day, tz)
    found: list[datetime] = []
    day = first_day
    while day <= last_day:
        for moment in sorted(set(schedule.times)):
            dose = _wall(day, moment, tz)
            if start <= dose.astimezone(UTC) < end:
                found.append(dose)
        day += timedelta(days=1)
    return found


def _every_hours(
    schedule: DoseSchedule, hours: int, start: datetime, end: datetime, last_day: date, tz: tzinfo
) -> list[datetime]:
    if not 1 <= hours <= 24:
        return []
    step = timedelta(hours=hours)
    anchor = _wall(schedule.start, min(schedule.times), tz).astimezone(UTC)
    skipped = max(0, -((anchor - start) // step))  # ceil((start − anchor) / step)
    found: list[datetime] = []
    dose = anchor + skipped * step
    while dose < end:
        local = dose.astimezone(tz)
        if local.date() > last_day:
            break
        if dose >= start:
            found.append(local)
        dose += step
    return found


# ------------------------------------------------------------------------------------------- dose state


class DoseOutcome(enum.StrEnum):
    """What became of a dose. HELD: the nurse withheld it on purpose, for a reason she writes down (low blood
    pressure, vomiting, nil by mouth before a procedure, a doctor's order) — unlike REFUSED, which is the
    resident's choice, and NOT_AVAILABLE, which is the centre's shortfall. MISSED is written by the nightly check
    for a dose nobody recorded, never chosen by a nurse."""

    GIVEN = "given"
    REFUSED = "refused"
    HELD = "held"
    NOT_AVAILABLE = "not_available"
    MISSED = "missed"


NURSE_OUTCOMES = (DoseOutcome.GIVEN, DoseOutcome.REFUSED, DoseOutcome.HELD, DoseOutcome.NOT_AVAILABLE)
REASON_NEEDED = frozenset({DoseOutcome.HELD})

DoseState = Literal["due_soon", "due_now", "overdue", "missed", "recorded"]


@dataclass(frozen=True)
class DoseRecord:
    """One line of the MAR. `scheduled_for`: the dose it answers, None for an as-needed dose or one entered
    loose; `at`: when it was given (or refused, held …)."""

    scheduled_for: datetime | None
    outcome: DoseOutcome
    at: datetime
    reason: str = ""


@dataclass(frozen=True)
class DueDose:
    scheduled_for: datetime
    state: DoseState
    record: DoseRecord | None = None  # set when the state is "recorded"

    @property
    def outcome(self) -> DoseOutcome | None:
        return self.record.outcome if self.record is not None else None


def record_problems(record: DoseRecord) -> list[tuple[str, str]]:
    """(field, message) for what a nurse must fix before the record is saved."""
    found: list[tuple[str, str]] = []
    if record.outcome in REASON_NEEDED and not record.reason.strip():
        found.append(("reason", _("Write down why the dose was held.")))
    if record.outcome == DoseOutcome.MISSED and record.scheduled_for is None:
        found.append(("outcome", _("Only a scheduled dose can be missed.")))
    return found


def dose_states(
    schedule: DoseSchedule,
    records: Sequence[DoseRecord],
    now: datetime,
    window_before: timedelta,
    window_after: timedelta,
    grace: timedelta = GRACE,
    *,
    tz: tzinfo,
) -> list[DueDose]:
    """The scheduled doses in [now − window_before, now + window_after), in order, each with its state (see the
    module's docstring for the states and the matching rule). None for an as-needed plan."""
    _aware(now, "now")
    if grace < timedelta(0) or window_before < timedelta(0) or window_after < timedelta(0):
        raise ValueError("grace and windows must not be negative")
    doses = scheduled_doses(schedule, now - window_before, now + window_after, tz)
    matched = _match(doses, records, grace)
    now_utc = now.astimezone(UTC)
    return [_state(dose, matched.get(dose.astimezone(UTC)), now_utc, grace) for dose in doses]


def _state(dose: datetime, record: DoseRecord | None, now: datetime, grace: timedelta) -> DueDose:
    if record is not None:
        return DueDose(dose, "recorded", record)
    at = dose.astimezone(UTC)
    state: DoseState
    if now >= at + grace:
        state = "missed"
    elif now < at - ON_TIME:
        state = "due_soon"
    elif now < at + ON_TIME:
        state = "due_now"
    else:
        state = "overdue"
    return DueDose(dose, state)


def _match(doses: Sequence[datetime], records: Sequence[DoseRecord], grace: timedelta) -> dict[datetime, DoseRecord]:
    """Dose moment (UTC) -> its record."""
    moments = [d.astimezone(UTC) for d in doses]
    wanted = set(moments)
    matched: dict[datetime, DoseRecord] = {}
    for record in records:
        if record.scheduled_for is None:
            continue
        key = record.scheduled_for.astimezone(UTC)
        if key in wanted and (key not in matched or _rank(record) > _rank(matched[key])):
            matched[key] = record
    for record in sorted((r for r in records if r.scheduled_for is None), key=lambda r: r.at.astimezone(UTC)):
        at = record.at.astimezone(UTC)
        free = [m for m in moments if m not in matched and m - grace <= at < m + grace]
        if free:
            matched[min(free, key=lambda m: (abs(at - m), m))] = record
    return matched


def _rank(record: DoseRecord) -> tuple[bool, datetime]:
    return record.outcome != DoseOutcome.MISSED, record.at.astimezone(UTC)
