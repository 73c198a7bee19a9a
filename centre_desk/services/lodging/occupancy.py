"""Occupancy figures for a period (công suất sử dụng giường, số đêm giường, thời gian ở), from the histories.

Definitions (the period is the days `start`..`end`, inclusive, local time):

* **Night.** Each day D of the period has one night, counted at the roll-call moment: D at ROLL_CALL_TIME
  (21:00) local. Nights whose roll-call has not come yet (a period reaching past now) are not counted:
  `Occupancy.nights` says how many were.
* **Bed-night (số đêm giường).** A (bed, night) where a resident holds the bed at the roll-call: a
  `BedStay` with `start_at <= roll-call < end_at` (or still open) — as the census sees it. A resident on
  leave or in hospital still holds her bed; a move during the day counts the night in the bed she holds at
  21:00.
* **Available bed-night.** A (bed, night) where the bed exists and is not out of service at the roll-call:
  a bed exists from its first `BedStateChange`, and its state at a moment is the latest change at or before
  it (a retired room's beds go out of service, so they stop counting). A bed with no state history at all
  (data from before the histories) counts as available throughout unless it is out of service now. Free,
  reserved, occupied and needs-cleaning beds are all in service.
* **Occupancy %** = bed-nights ÷ available bed-nights × 100 (None when nothing was available).
  `beds` on a row = available bed-nights ÷ nights: the average number of beds in service.
* **Length of stay (thời gian ở).** Of every admission that overlaps the period (arrived by the end of its
  last day, not gone before its first day), in days counted as the stay-limit clock counts them (the day of
  arrival is day 1): from the local day of arrival to the local day she left — discharged, or marked gone,
  whichever came first — or to the period's last counted day when she had not left by then. An admission that
  began before the period counts its whole length, not only the days inside. `stays_ended` counts those
  that ended inside the period.
* **By room**: each room's bed-nights against its own available bed-nights. **By sex** (of the resident):
  each sex's bed-nights against the centre's available bed-nights (the shares add up to the total), with
  that sex's admissions and lengths of stay.

Cost: four set-based queries (the beds; the out-of-service spans; the stays overlapping the period with
their room and the resident's sex; the admissions overlapping it), then one pass over the rows they return.
Each stay's nights are counted by arithmetic on its first and last roll-call, never day by day, so ten years
of history is one pass over its stays.
"""

from __future__ import annotations

import statistics
import time as clock
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import DateTime, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, Presence, PresenceChange, Room
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.lodging.board import natural
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.lodging.dto import Occupancy, OccupancyRow
from centre_desk.text import fold

ONE_DAY = timedelta(days=1)
Local = Callable[[datetime], datetime]


def wall_clock() -> Local:
    """Stored naive UTC → naive local wall time. A computer whose time zone keeps one offset all year (Vietnam:
    UTC+7) adds it; elsewhere each moment goes through the time zone's rules, as `astimezone()` does. Ten years
    of history is some 50,000 moments: this is most of the Python work."""
    if not clock.daylight:
        offset = timedelta(seconds=-clock.timezone)
        return lambda m: m + offset
    return lambda m: m.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _maybe(local: Local, moment: datetime | None) -> datetime | None:
    return None if moment is None else local(moment)


def _raw(column: Any) -> Any:
    """The column read as the naive UTC the database holds (no per-row conversion to an aware datetime)."""
    return type_coerce(column, DateTime())


@dataclass(frozen=True)
class Nights:
    """The roll-calls of the days `first`..`last` (inclusive; empty when last < first) at `at` local time."""

    first: date
    last: date
    at: time

    @property
    def count(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    def between(self, begin: datetime | None, end: datetime | None) -> int:
        """How many of the roll-calls fall in [begin, end) (local wall times; None: unbounded on that side)."""
        first, last = self.first, self.last
        if begin is not None:
            first = max(first, begin.date() if begin.time() <= self.at else begin.date() + ONE_DAY)
        if end is not None:
            last = min(last, end.date() if end.time() > self.at else end.date() - ONE_DAY)
        return max(0, (last - first).days + 1)


def counted_nights(start: date, end: date, now: datetime, at: time) -> Nights:
    """The period's nights whose roll-call is not after `now`."""
    today = local_day(now)
    latest = today if local_moment(today, at) <= now else today - ONE_DAY
    return Nights(start, min(end, latest), at)


# ------------------------------------------------------------------------------------------- queries
# Each returns naive local wall times (`wall_clock`); the bounds [begin, end] are aware moments.

_Span = tuple[int, datetime, datetime | None]  # bed, out of service from, until
_Stay = tuple[int, int, str, datetime, datetime | None]  # resident, room, sex, start, end
_Admission = tuple[str, datetime, datetime | None]  # sex, arrived, left


def _beds(s: Session, local: Local) -> list[tuple[int, int, str, datetime | None]]:
    """Every bed: id, room, state now, the moment of its first state change (None: no history)."""
    made = select(_raw(func.min(BedStateChange.at))).where(BedStateChange.bed_id == Bed.id).scalar_subquery()
    rows = s.execute(select(Bed.id, Bed.room_id, Bed.state, made))
    return [(int(i), int(r), str(st), _maybe(local, m)) for i, r, st, m in rows]


def _out_of_service(
    s: Session, local: Local, begin: datetime, end: datetime
) -> list[tuple[int, datetime, datetime | None]]:
    """The spans a bed was out of service that overlap [begin, end]: bed, from, until (None: still)."""
    after = aliased(BedStateChange)
    until = (
        select(func.min(after.at))
        .where(after.bed_id == BedStateChange.bed_id, after.at > BedStateChange.at)
        .scalar_subquery()
    )
    spans = select(BedStateChange.bed_id, BedStateChange.at, until.label("until")).where(
        BedStateChange.state == BedState.OUT_OF_SERVICE, BedStateChange.at <= end
    )
    return [
        (int(bed), local(since.replace(tzinfo=None)), _maybe(local, _naive(until)))
        for bed, since, until in s.execute(spans)  # few rows: read as aware moments
        if until is None or until > begin
    ]


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _stays(
    s: Session, local: Local, begin: datetime, end: datetime
) -> list[tuple[int, int, str, datetime, datetime | None]]:
    """The bed stays overlapping [begin, end]: resident, room, the resident's sex, start, end."""
    query = (
        select(BedStay.resident_id, Bed.room_id, Resident.sex, _raw(BedStay.start_at), _raw(BedStay.end_at))
        .join(Bed, Bed.id == BedStay.bed_id)
        .join(Resident, Resident.id == BedStay.resident_id)
        .where(BedStay.start_at <= end, or_(BedStay.end_at.is_(None), BedStay.end_at > begin))
    )
    rows = s.connection().execute(query)  # Core rows: thousands of them, no ORM loading needed
    return [(r, room, sex, local(a), _maybe(local, e)) for r, room, sex, a, e in rows]


def _admissions(
    s: Session, local: Local, begin: datetime, end: datetime
) -> list[tuple[str, datetime, datetime | None]]:
    """Admissions overlapping [begin, end): the resident's sex, arrival, when she left — discharged or gone,
    the earlier (None: not yet)."""
    gone = (
        select(func.min(PresenceChange.at))
        .where(
            PresenceChange.resident_id == Admission.resident_id,
            PresenceChange.status == Presence.GONE,
            PresenceChange.at >= Admission.arrived_at,
            or_(Admission.discharged_at.is_(None), PresenceChange.at < Admission.discharged_at),
        )
        .scalar_subquery()
    )
    query = (
        select(Resident.sex, _raw(Admission.arrived_at), _raw(Admission.discharged_at), _raw(gone))
        .join(Resident, Resident.id == Admission.resident_id)
        .where(Admission.arrived_at < end, or_(Admission.discharged_at.is_(None), Admission.discharged_at >= begin))
    )
    first = _naive(begin)
    found = []
    for sex, arrived, discharged, gone_at in s.connection().execute(query):
        left = discharged if gone_at is None or (discharged is not None and discharged < gone_at) else gone_at
        if left is None or left >= first:
            found.append((sex, local(arrived), _maybe(local, left)))
    return found


# ------------------------------------------------------------------------------------------ figures


@dataclass
class _Tally:
    bed_nights: int = 0
    available: int = 0
    residents: set[int] = field(default_factory=set)


def _row(key: str, tally: _Tally, nights: int, lengths: Iterable[int] = (), room_id: int | None = None) -> OccupancyRow:
    days = list(lengths)
    return OccupancyRow(
        key=key,
        beds=round(tally.available / nights, 2) if nights else 0.0,
        bed_nights=tally.bed_nights,
        available_bed_nights=tally.available,
        occupancy_pct=round(100 * tally.bed_nights / tally.available, 2) if tally.available else None,
        residents=len(tally.residents),
        admissions=len(days),
        average_stay_days=round(statistics.fmean(days), 2) if days else None,
        median_stay_days=float(statistics.median(days)) if days else None,
        room_id=room_id,
    )


def _available(s: Session, local: Local, nights: Nights, begin: datetime, end: datetime) -> dict[int, int]:
    """Available bed-nights per room."""
    per_room: dict[int, int] = defaultdict(int)
    room_of: dict[int, int] = {}
    for bed_id, room_id, state, made in _beds(s, local):
        room_of[bed_id] = room_id
        if made is None and state == BedState.OUT_OF_SERVICE:
            continue  # no history: its state now is all that is known
        per_room[room_id] += nights.between(made, None)
    for bed_id, since, until in _out_of_service(s, local, begin, end):
        per_room[room_of[bed_id]] -= nights.between(since, until)
    return per_room


def occupancy(s: Session, start: date, end: date, now: datetime, roll_call: time) -> Occupancy:
    """The figures of the days `start`..`end` (see the module's docstring)."""
    if end < start:
        raise ValidationError("end", _("The end of the period must not be before its start."))
    if start > local_day(now):
        raise ValidationError("start", _("The figures of a future period cannot be computed."))
    nights = counted_nights(start, end, now, roll_call)
    last = max(nights.last, start)  # the day lengths of stay run to
    first_call, last_call = local_moment(start, roll_call), local_moment(last, roll_call)
    local = wall_clock()
    rooms = {r.id: r for r in s.scalars(select(Room))}
    by_room: dict[int, _Tally] = defaultdict(_Tally)
    for room_id, available in _available(s, local, nights, first_call, last_call).items():
        by_room[room_id].available = available
    total, by_sex = _Tally(), defaultdict[str, _Tally](_Tally)
    for rid, room_id, sex, begin, until in _stays(s, local, first_call, last_call):
        counted = nights.between(begin, until)
        if not counted:
            continue
        for tally in (total, by_room[room_id], by_sex[sex]):
            tally.bed_nights += counted
            tally.residents.add(rid)
    total.available = sum(t.available for t in by_room.values())
    lengths: dict[str, list[int]] = defaultdict(list)
    ended = 0
    day_begins, day_after = local_moment(start, time(0)), local_moment(last + ONE_DAY, time(0))
    for sex, arrived, left in _admissions(s, local, day_begins, day_after):
        left_day = left.date() if left is not None and left.date() <= last else None
        ended += left_day is not None
        lengths[sex].append(((left_day or last) - arrived.date()).days + 1)
    for sex in lengths:
        by_sex[sex].available = total.available
    every = [n for days in lengths.values() for n in days]
    total_row = _row("", total, nights.count, every)

    def room_key(room_id: int) -> tuple[object, ...]:
        r = rooms[room_id]
        return (fold(r.building), natural(r.floor), r.position or 0, natural(r.name))

    shown = sorted((i for i, t in by_room.items() if i in rooms and (t.available or t.bed_nights)), key=room_key)
    return Occupancy(
        start=start,
        end=end,
        nights=nights.count,
        total=total_row,
        by_room=tuple(
            _row(f"{rooms[i].building} · {rooms[i].name}", by_room[i], nights.count, room_id=i) for i in shown
        ),
        by_sex=tuple(
            _row(sex, by_sex[sex], nights.count, lengths.get(sex, ())) for sex in sorted(set(by_sex) | set(lengths))
        ),
        stays_ended=ended,
        admissions=total_row.admissions,
        average_stay_days=total_row.average_stay_days,
        median_stay_days=total_row.median_stay_days,
    )
