"""Demo lodging: a living centre of 40 beds — rooms, who sleeps where, moves, leave, the stay-limit clocks.

Two steps around the generation of the residents (`create.populate`):

* `settle`, on the plan of stays before anyone is generated: the residents in the centre now are chosen and
  given arrival dates, sex and birth dates that fill the rooms and set the Overview's alerts (some stays
  ending soon, one urgently, one over its limit, one extended by the director); every other stay still open
  is discharged, so that the centre holds what its beds can;
* `furnish`, once they are stored: about 14 months of lodging history (lodging_beds: the rooms, beds, bed
  stays and bed states; lodging_presence: keep-apart links, the extension, leave passes and presence).

Its randomness comes from its own streams derived from the demo's seed, so the residents themselves are
drawn as before. Everything written is what the lodging service writes; the census of any past day and the
board of any past moment can be rebuilt from it (the tests check it).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from centre_desk.models.lodging import BedStay, KeepApartReason, Presence
from centre_desk.models.resident import Admission, Resident, Sex
from centre_desk.services.demo.data import VIETNAM, Stay
from centre_desk.services.demo.lodging_beds import ROOMS, Sleeper, simulate, write
from centre_desk.services.demo.lodging_presence import LINKED_AFTER, Extension, Pair, add
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.lodging.rules import LIMIT_SWITCH, stay_limit_days

HISTORY_DAYS = 425  # the bed board was set up about 14 months ago
PER_PRESENT = 10  # one resident in the centre now for every 10 in the demo, up to the roster


@dataclass(frozen=True)
class Part:
    """A part in the centre as it is now: who she is (kind) and where her stay-limit clock stands."""

    kind: str  # girl, woman, boy, man, mother, child (the mother's son)
    clock: str  # over, urgent, soon, extended, new (no bed yet), override, age_move, leaver, normal


# The most telling parts first: a small demo gets those.
ROSTER = (
    Part("woman", "new"), Part("woman", "over"), Part("woman", "urgent"), Part("girl", "soon"),
    Part("girl", "extended"), Part("girl", "new"), Part("man", "soon"), Part("woman", "soon"),
    Part("girl", "override"), Part("girl", "age_move"), Part("mother", "normal"), Part("child", "normal"),
    Part("boy", "normal"), Part("woman", "leaver"), Part("girl", "leaver"),
    *[Part("woman", "normal")] * 8, *[Part("girl", "normal")] * 5, Part("boy", "normal"), Part("man", "normal"),
)  # fmt: skip
# pairs kept apart (indices in ROSTER): two women rescued together, two girls lured by one recruiter, ...
PAIRS = (
    (15, 16, KeepApartReason.SAME_CASE, "Cùng vụ việc: được giải cứu cùng đợt tại Hà Khẩu, Vân Nam"),
    (3, 23, KeepApartReason.SAME_RECRUITER, "Cùng bị một đối tượng môi giới qua mạng xã hội dụ dỗ"),
    (7, 17, KeepApartReason.SAME_RECRUITER, "Cùng một người quen giới thiệu đi làm thuê rồi bán qua biên giới"),
)
AGES = {"girl": (10, 16), "woman": (19, 40), "boy": (14, 16), "man": (19, 35), "mother": (27, 36), "child": (8, 9)}


@dataclass(frozen=True)
class Roster:
    """What `settle` decided, for `furnish`."""

    seed: int
    t0: datetime
    parts: dict[Stay, Part]
    pairs: tuple[Pair, ...]
    extension: Extension | None


@dataclass(frozen=True)
class LodgingFigures:
    rooms: int = 0
    beds: int = 0
    occupied: int = 0
    in_centre: int = 0  # the census: present, on leave, in hospital or absent
    present: int = 0
    unplaced: int = 0
    on_leave: int = 0
    hospital: int = 0
    absent: int = 0
    overdue: int = 0


# ------------------------------------------------------------------------------------- before generation


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _admitted_for(today: date, days_left: int) -> date:
    """The admission day whose legal deadline is `days_left` days from today."""
    day = today + timedelta(days=days_left - stay_limit_days(today) + 1)
    if day < LIMIT_SWITCH:
        day = min(today + timedelta(days=days_left - 60 + 1), LIMIT_SWITCH - timedelta(days=1))
    return day


def _at(day: date, hour: int, minute: int) -> datetime:
    return local_moment(day, time(hour, minute)).astimezone(VIETNAM)


def _discharge(rng: random.Random, arrived: datetime, now: datetime) -> datetime:
    """A plausible discharge for a stay the plan had left open, before now."""
    out = _at(arrived.astimezone().date() + timedelta(days=rng.randint(15, 100)), rng.randint(8, 16), 0)
    latest = now - timedelta(hours=2)
    if out > latest:
        out = arrived + (latest - arrived) * rng.uniform(0.4, 0.9) if latest > arrived else arrived
        out = out.replace(second=0, microsecond=0)
    return max(out, arrived + timedelta(minutes=30))


def _days_left(clock: str, rng: random.Random, soon: Iterator[int]) -> int:
    """Where her stay-limit clock stands today (over, urgent, soon, extended beyond the law, or well within)."""
    if clock == "over":
        return -rng.randint(2, 5)
    if clock == "urgent":
        return rng.randint(1, 3)
    if clock == "soon":
        return next(soon, 10)
    if clock == "extended":  # the legal limit passed a while ago: the director extended it
        return -rng.randint(10, 30)
    return rng.randint(20, 110)


def settle(stays: list[Stay], seed: int, now: datetime, count: int) -> Roster:
    """Choose the residents in the centre now and shape their stays; discharge every other open stay. `stays`
    is changed in place (and sorted again by arrival)."""
    rng = random.Random(f"lodging-plan-{seed}")
    today = local_day(now)
    alone = [s for s in stays if s.first is None and not s.readmitted]
    alone.sort(key=lambda s: (s.discharged is None, s.arrived), reverse=True)
    parts = dict(zip(alone, ROSTER[: min(len(ROSTER), count // PER_PRESENT)], strict=False))
    soon = iter(rng.sample(range(5, 14), 3))
    extension = None
    by_index: dict[int, Stay] = {}
    for i, (stay, part) in enumerate(parts.items()):
        by_index[i] = stay
        low, high = AGES["woman" if part.kind == "woman" or part.clock in ("override", "age_move") else part.kind]
        age = rng.randint(low, high)
        stay.sex = Sex.MALE if part.kind in ("boy", "man", "child") else Sex.FEMALE
        stay.born = _years_before(today, age) - timedelta(days=rng.randint(10, 350))
        stay.discharged = None
        admitted = _admitted_for(today, _days_left(part.clock, rng, soon))
        if part.clock == "override":  # 17 on arrival, 18 a fortnight later
            admitted = today - timedelta(days=rng.randint(40, 80))
            stay.born = _years_before(admitted + timedelta(days=rng.randint(10, 20)), 18)
        elif part.clock == "age_move":  # moved to the adults on her 18th birthday
            admitted = today - timedelta(days=rng.randint(60, 100))
            stay.born = _years_before(admitted + timedelta(days=rng.randint(15, (today - admitted).days - 10)), 18)
        elif part.clock == "leaver":  # left yesterday: her bed still needs cleaning
            admitted = today - timedelta(days=rng.randint(25, 70))
            stay.discharged = _at(today - timedelta(days=1), rng.randint(14, 15), rng.randrange(0, 60, 5))
        stay.arrived = _at(admitted, rng.randint(8, 16), rng.randrange(0, 60, 5))
        if part.clock == "new":  # arrived last night, not given a bed yet
            stay.arrived = _at(today - timedelta(days=1), 19 + (part.kind == "girl"), 30)
        if part.clock == "extended":
            base = admitted + timedelta(days=stay_limit_days(admitted) - 1)
            decided = base - timedelta(days=rng.randint(2, 6))
            extension = Extension(
                stay, f"{rng.randint(95, 180)}/QĐ-CSBTXH", decided, today + timedelta(days=rng.randint(25, 45))
            )
    if (mother := by_index.get(10)) is not None and (child := by_index.get(11)) is not None:
        child.arrived = mother.arrived + timedelta(minutes=5)  # the boy came with his mother
    pairs: list[Pair] = []
    for a, b, reason, note in PAIRS:
        if a in by_index and b in by_index:
            if reason == KeepApartReason.SAME_CASE:
                by_index[b].arrived = by_index[a].arrived + timedelta(minutes=10)
            pairs.append((by_index[a], by_index[b], reason, note))
    for stay in stays:
        if stay.discharged is None and stay not in parts:
            stay.discharged = _discharge(rng, stay.arrived, now)
    stays.sort(key=lambda s: s.arrived)
    for before, after in pairwise(stays):  # two arrivals at one moment would make the order of codes arbitrary
        if after.arrived <= before.arrived:
            after.arrived = before.arrived + timedelta(minutes=5)
    t0 = local_moment(today - timedelta(days=HISTORY_DAYS), time(8, 0))
    return Roster(seed, t0, parts, tuple(pairs), extension)


# -------------------------------------------------------------------------------------- after generation


def furnish(s: Session, roster: Roster, by: int | None, now: datetime) -> LodgingFigures:
    """The rooms and the lodging history of the stored residents (in the caller's transaction)."""
    rng = random.Random(f"lodging-history-{roster.seed}")
    parts = {stay.resident_id: part for stay, part in roster.parts.items()}
    rows = s.execute(
        select(Resident.id, Resident.sex, Resident.birth_date, Resident.birth_year, Admission.arrived_at,
               Admission.discharged_at)
        .join(Admission, Admission.resident_id == Resident.id)
        .where(Admission.arrived_at < now, or_(Admission.discharged_at.is_(None), Admission.discharged_at > roster.t0))
        .order_by(Admission.arrived_at, Resident.id)
    )  # fmt: skip
    sleepers = []
    for rid, sex, born, year, arrived, left in rows:
        part = parts.get(rid)
        kind, clock = (part.kind, part.clock) if part is not None else ("", "")
        sleepers.append(Sleeper(rid, sex, born, year, arrived, left, kind, clock))
    links = {
        frozenset((a.resident_id, b.resident_id)): max(a.arrived, b.arrived) + LINKED_AFTER
        for a, b, _reason, _note in roster.pairs
        if a.resident_id is not None and b.resident_id is not None
    }
    beds = simulate(sleepers, rng, roster.t0, now, by, links)
    write(s, beds, roster.t0)
    add(s, roster.pairs, roster.extension, sleepers, rng, by, now, roster.t0)
    return figures(s, now)


def figures(s: Session, now: datetime) -> LodgingFigures:
    """Rooms, beds and tonight's census in numbers (the demo's summary)."""
    standing = census.standings(s, now)
    placed = set(s.scalars(select(BedStay.resident_id).where(BedStay.end_at.is_(None))))
    status = [st.status for st in standing.values()]
    return LodgingFigures(
        rooms=len(ROOMS), beds=sum(len(r.beds) for r in ROOMS), occupied=len(placed), in_centre=len(standing),
        present=status.count(Presence.PRESENT), unplaced=len(set(standing) - placed),
        on_leave=status.count(Presence.ON_LEAVE), hospital=status.count(Presence.HOSPITAL),
        absent=status.count(Presence.ABSENT),
        overdue=len(census.overdue_passes(s, now)),
    )  # fmt: skip
