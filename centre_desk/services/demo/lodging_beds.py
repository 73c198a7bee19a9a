"""Demo lodging, part 2: the demo centre's rooms and beds, and about 14 months of who slept where.

The history is simulated in memory, event after event in time order (arrivals, discharges, a daily round at
09:00, the repair of a room, a swap), with the room rules of `services.lodging.rules` deciding every bed; it is
then written in bulk with the rows the lodging service writes (`placement.place`, `vacate`, `swap`,
`rooms.change_state`): a `BedStay` per night in a bed, a `BedStateChange` per state a bed was put in, no two
changes of one bed at the same moment (the board of a past moment relies on it).
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, Room, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.services.admission_input import ADULT_AGE
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.lodging.rules import Person, Target, room_problems
from centre_desk.services.registry import age_on

MINUTE = timedelta(minutes=1)
WAIT_DAYS = 3  # someone who finds no bed waits this long for one (then the history leaves her without)


@dataclass(frozen=True)
class RoomSpec:
    key: str
    building: str
    floor: str
    name: str
    sex: RoomSex
    age: RoomAge
    beds: tuple[str, ...]
    notes: str = ""


def _labels(prefix: str, first: int, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}-{n:02d}" for n in range(first, first + count))


F, M, ANY = RoomSex.FEMALE, RoomSex.MALE, RoomSex.ANY
ROOMS = (
    RoomSpec("A101", "Nhà A", "Tầng 1", "Phòng 101", F, RoomAge.CHILDREN, _labels("A1", 1, 6), "Trẻ em gái"),
    RoomSpec("A102", "Nhà A", "Tầng 1", "Phòng 102", F, RoomAge.CHILDREN, _labels("A1", 7, 4), "Trẻ em gái"),
    RoomSpec("A103", "Nhà A", "Tầng 1", "Phòng 103", ANY, RoomAge.MOTHERS_CHILDREN, _labels("A1", 11, 4),
             "Mẹ và con nhỏ đi cùng"),
    RoomSpec("A201", "Nhà A", "Tầng 2", "Phòng 201", F, RoomAge.ADULTS, _labels("A2", 1, 6)),
    RoomSpec("A202", "Nhà A", "Tầng 2", "Phòng 202", F, RoomAge.ADULTS, _labels("A2", 7, 4)),
    RoomSpec("A203", "Nhà A", "Tầng 2", "Phòng 203", F, RoomAge.ANY, _labels("A2", 11, 4)),
    RoomSpec("B101", "Nhà B", "Tầng 1", "Phòng 101", M, RoomAge.CHILDREN, _labels("B1", 1, 3), "Trẻ em trai"),
    RoomSpec("B102", "Nhà B", "Tầng 1", "Phòng 102", M, RoomAge.ADULTS, _labels("B1", 4, 3)),
    RoomSpec("B103", "Nhà B", "Tầng 1", "Phòng 103", ANY, RoomAge.ANY, _labels("B1", 7, 2),
             "Phòng cách ly y tế, dùng khi cần theo dõi riêng"),
    RoomSpec("B201", "Nhà B", "Tầng 2", "Phòng 201", F, RoomAge.ANY, _labels("B2", 1, 4)),
)  # fmt: skip
REPAIRED = "A203"  # out of service for repair at the end of the history

# what the centre's staff write (stored text, in Vietnamese like the rest of the demo data)
ADMITTED = "Tiếp nhận"  # what the admission wizard writes (_("Admission"))
FIRST_BOARD = "Bố trí giường khi lập sơ đồ giường"
WAITED = "Bố trí giường khi có giường trống"
BY_AGE = "Chuyển phòng theo độ tuổi"
ASKED = "Xin đổi phòng"
REPAIR = "Sửa chữa phòng"
SWAPPED = "Xin đổi phòng: hai người đổi giường cho nhau"
LEFT = "Đã rời Trung tâm"
CLEANED = "Đã vệ sinh, thay chăn ga"
REPAIR_WORK = "Sửa chữa phòng: chống thấm mái, thay đường điện"
RESERVED_FOR_NEW = "Giữ chỗ cho người mới tiếp nhận, đang khám sức khỏe ban đầu"
OVERRIDE = "Sắp đủ 18 tuổi, xin ở cùng chị họ; Phòng Công tác xã hội đã đánh giá an toàn"


@dataclass(eq=False)
class Sleeper:
    """A resident as the simulation sees her."""

    rid: int
    sex: str
    born: date | None
    year: int | None
    arrived: datetime
    left: datetime | None  # discharged
    kind: str = ""  # her part in the present roster (lodging.ROSTER), "" for the others
    clock: str = ""
    bed: SimBed | None = None
    stay: dict[str, Any] | None = None  # her open BedStay row

    def age(self, day: date) -> int | None:
        return age_on(self.born, self.year, day)


@dataclass(eq=False)
class SimRoom:
    spec: RoomSpec
    position: int
    beds: list[SimBed] = field(default_factory=list)
    closed: bool = False

    def sleepers(self) -> list[Sleeper]:
        return [b.sleeper for b in self.beds if b.sleeper is not None]


@dataclass(eq=False)
class SimBed:
    room: SimRoom
    label: str
    last: datetime  # its latest state change or stay start: the next one comes later
    state: BedState = BedState.FREE
    reserved_for: int | None = None
    sleeper: Sleeper | None = None
    id: int = 0  # once written


def _preferences(p: Sleeper, age: int | None) -> tuple[str, ...]:
    """The rooms she may be given, the usual first (an ANY room of mixed sexes is never chosen)."""
    if p.sex == Sex.MALE:
        if age is None:
            return ("B103",)
        if age < ADULT_AGE:
            return ("A103", "B101", "B103") if p.kind == "child" else ("B101", "B103")
        return ("B102", "B103")
    if p.kind == "mother":
        return ("A103", "A201", "A202", "A203", "B201")
    if age is None:
        return ("B201", "A203", "A103")
    if age < ADULT_AGE:
        return ("A101", "A102", "B201", "A203", "A103")
    return ("A201", "A202", "A203", "B201", "A103")


class Beds:
    """The centre's beds through time; `stays` and `changes` are the rows to write."""

    def __init__(self, t0: datetime, now: datetime, by: int | None, links: dict[frozenset[int], datetime]) -> None:
        self.now, self.by, self.links = now, by, links
        self.rooms = {spec.key: SimRoom(spec, i) for i, spec in enumerate(ROOMS)}
        self.stays: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.waiting: list[Sleeper] = []
        self._queue: list[tuple[datetime, int, int, Callable[[datetime], None]]] = []
        self._seq = itertools.count()
        for room in self.rooms.values():
            room.beds = [SimBed(room, label, t0) for label in room.spec.beds]
            for bed in room.beds:
                self.changes.append({"bed": bed, "state": BedState.FREE, "at": t0, "by": by, "reason": ""})

    # ------------------------------------------------------------------------------------------ the rules

    def problems(self, p: Sleeper, bed: SimBed, t: datetime, leaving: frozenset[int] = frozenset()) -> set[str]:
        """The codes of the room rules broken by her sleeping in `bed` at `t` (`leaving` move out at once)."""
        room = bed.room
        others = [o for o in room.sleepers() if o is not p and o.rid not in leaving]
        isolation = room.spec.sex == RoomSex.ANY and room.spec.age != RoomAge.MOTHERS_CHILDREN
        if isolation and any(o.sex != p.sex for o in others):
            return {"mixed"}  # the staff never mix men and women in the isolation room
        taken = bed.sleeper is not None and bed.sleeper is not p and bed.sleeper.rid not in leaving
        state = BedState.OCCUPIED if taken else BedState.FREE if bed.sleeper is not None else bed.state
        apart = any(self.links.get(frozenset((p.rid, o.rid)), t) < t for o in others)
        target = Target(room.spec.sex, room.spec.age, len(room.beds), state, bed.reserved_for, len(others), apart)
        return {x.code for x in room_problems(Person(p.rid, p.sex, p.age(local_day(t))), target)}

    def choose(self, p: Sleeper, t: datetime, avoid: SimRoom | None = None) -> SimBed | None:
        for key in _preferences(p, p.age(local_day(t))):
            room = self.rooms[key]
            if room is avoid or room.closed:
                continue
            for bed in room.beds:
                if bed.sleeper is None and not self.problems(p, bed, t):
                    return bed
        return None

    # --------------------------------------------------------------------------------------- the changes

    def _state(self, bed: SimBed, state: BedState, t: datetime, reason: str, reserved_for: int | None = None) -> None:
        assert t > bed.last, (bed.label, t, bed.last)
        bed.state, bed.reserved_for, bed.last = state, reserved_for if state == BedState.RESERVED else None, t
        self.changes.append({"bed": bed, "state": state, "at": t, "by": self.by, "reason": reason})

    def _moment(self, t: datetime, *beds: SimBed) -> datetime:
        return max([t, *(b.last + MINUTE for b in beds)])

    def _end(self, p: Sleeper, t: datetime, reason: str) -> SimBed:
        assert p.bed is not None and p.stay is not None
        bed = p.bed
        p.stay.update(end_at=t, end_reason=reason, ended_by=self.by)
        bed.sleeper, p.bed, p.stay = None, None, None
        return bed

    def _start(self, p: Sleeper, bed: SimBed, t: datetime, reason: str, override: str = "") -> None:
        p.stay = {
            "bed": bed, "resident_id": p.rid, "start_at": t, "end_at": None, "reason": reason, "end_reason": "",
            "override_reason": override, "started_by": self.by, "ended_by": None,
        }  # fmt: skip
        self.stays.append(p.stay)
        p.bed, bed.sleeper = bed, p

    def place(self, p: Sleeper, bed: SimBed, t: datetime, reason: str, override: str = "") -> bool:
        """Her first bed or a move (the old bed FREE), as placement.place; False when too late for it."""
        old = p.bed
        t = self._moment(t, bed, *([old] if old is not None else []))
        if t >= self.now or (p.left is not None and t >= p.left):
            return False
        if old is not None:
            self._end(p, t, reason)
            self._state(old, BedState.FREE, t, reason)
        self._start(p, bed, t, reason, override)
        self._state(bed, BedState.OCCUPIED, t, reason)
        if p in self.waiting:
            self.waiting.remove(p)
        return True

    def swap(self, a: Sleeper, b: Sleeper, t: datetime, reason: str) -> bool:
        """Both exchange beds, which stay occupied (as placement.swap)."""
        assert a.bed is not None and b.bed is not None
        first, second = a.bed, b.bed
        t = self._moment(t, first, second)
        if t >= self.now or any(p.left is not None and t >= p.left for p in (a, b)):
            return False
        self._end(a, t, reason)
        self._end(b, t, reason)
        self._start(a, second, t, reason)
        self._start(b, first, t, reason)
        first.last = second.last = t  # a later change of either bed comes after these stays began
        return True

    def move_out(self, p: Sleeper, t: datetime, reason: str) -> None:
        """Out of her room: into another bed, or (the centre full) without a bed until one is free."""
        assert p.bed is not None
        bed = self.choose(p, t, avoid=p.bed.room)
        if bed is not None and self.place(p, bed, t, reason):
            return
        old = p.bed
        t = self._moment(t, old)
        if t >= self.now or (p.left is not None and t >= p.left):
            return
        self._end(p, t, reason)
        self._state(old, BedState.FREE, t, reason)
        self.waiting.append(p)

    def leave(self, p: Sleeper, t: datetime, clean_after: timedelta | None) -> None:
        """She leaves the centre at `t` (her discharge): the bed needs cleaning, and is cleaned later."""
        if p in self.waiting:
            self.waiting.remove(p)
        if p.bed is None:
            return
        bed = self._end(p, t, LEFT)
        self._state(bed, BedState.CLEANING, t, LEFT)
        if clean_after is not None:
            self.later(min(t + clean_after, t + (self.now - t) / 2), lambda at: self.clean(bed, at))

    def clean(self, bed: SimBed, t: datetime) -> None:
        if bed.state == BedState.CLEANING and bed.sleeper is None and not bed.room.closed:
            self._state(bed, BedState.FREE, self._moment(t, bed), CLEANED)
            self.serve(t)

    def reserve(self, p: Sleeper, t: datetime) -> None:
        bed = self.choose(p, t)
        if bed is not None:
            self._state(bed, BedState.RESERVED, self._moment(t, bed), RESERVED_FOR_NEW, p.rid)

    def serve(self, t: datetime) -> None:
        """Give the waiting a bed, if one has been freed for them."""
        self.waiting.sort(key=lambda p: (not p.kind, p.arrived))  # those here now first
        for p in list(self.waiting[:30]):
            if (p.left is not None and t >= p.left) or (not p.kind and t - p.arrived > timedelta(days=WAIT_DAYS)):
                self.waiting.remove(p)
            elif (bed := self.choose(p, t)) is not None:
                self.place(p, bed, t, WAITED)

    # ------------------------------------------------------------------------------------------ the clock

    def later(self, t: datetime, action: Callable[[datetime], None], order: int = 1) -> None:
        if t < self.now:
            heapq.heappush(self._queue, (t, order, next(self._seq), action))

    def run(self) -> None:
        while self._queue:
            t, _order, _n, action = heapq.heappop(self._queue)
            action(t)


def simulate(
    sleepers: list[Sleeper],
    rng: random.Random,
    t0: datetime,
    now: datetime,
    by: int | None,
    links: dict[frozenset[int], datetime],
) -> Beds:
    """The centre from `t0` (the board set up) until `now`."""
    beds = Beds(t0, now, by, links)
    first = t0 + timedelta(minutes=30)
    for i, p in enumerate(sorted(sleepers, key=lambda x: (x.arrived, x.rid))):
        if p.left is not None:
            clean = None if p.clock == "leaver" else timedelta(hours=rng.randint(2, 20))
            beds.later(p.left, partial(beds.leave, p, clean_after=clean), order=0)
        if p.clock == "new":  # not given a bed yet; a bed is kept for the girl
            if p.kind == "girl":
                beds.later(p.arrived + timedelta(minutes=20), partial(beds.reserve, p))
            continue
        if p.arrived < t0:
            beds.later(first + i * 2 * MINUTE, partial(_arrive, beds, p, reason=FIRST_BOARD))
        else:
            delay = timedelta(minutes=rng.randint(15, 60))
            beds.later(p.arrived + delay, partial(_arrive, beds, p, reason=ADMITTED))
    day = local_day(t0) + timedelta(days=1)
    while (moment := local_moment(day, time(9, 0))) < now:
        beds.later(moment, lambda t: _round(beds, rng, t, t0))
        day += timedelta(days=1)
    repair = local_moment(local_day(now) - timedelta(days=rng.randint(15, 25)), time(8, 0))
    beds.later(repair, lambda t: _repair(beds, t))
    swap = local_moment(local_day(now) - timedelta(days=rng.randint(30, 60)), time(10, 0))
    beds.later(swap, lambda t: _swap(beds, rng, t))
    beds.run()
    return beds


def _arrive(beds: Beds, p: Sleeper, t: datetime, reason: str) -> None:
    if p.clock == "override":  # a girl of 17 put with the adults by the manager (the only rule ever broken)
        for key in ("A202", "A201"):
            for kept in beds.rooms[key].beds:
                if kept.sleeper is None and beds.problems(p, kept, t) == {"age"}:
                    beds.place(p, kept, t, reason, OVERRIDE)
                    return
    bed = beds.choose(p, t)
    if bed is None or not beds.place(p, bed, t, reason):
        beds.waiting.append(p)


def _round(beds: Beds, rng: random.Random, t: datetime, t0: datetime) -> None:
    """The morning round: whoever has grown out of her room moves; now and then someone asks to move."""
    placed = [b.sleeper for room in beds.rooms.values() for b in room.beds if b.sleeper is not None]
    for p in placed:
        assert p.bed is not None and p.stay is not None
        if not p.stay["override_reason"] and beds.problems(p, p.bed, t) & {"age", "sex"}:
            beds.move_out(p, t, BY_AGE)
    if rng.random() < 1 / 45 and t0 + timedelta(days=20) < t < beds.now - timedelta(days=3) and placed:
        p = rng.choice(placed)
        if p.bed is not None:
            bed = beds.choose(p, t, avoid=p.bed.room)
            if bed is not None:
                beds.place(p, bed, t, ASKED)
    beds.serve(t)


def _repair(beds: Beds, t: datetime) -> None:
    room = beds.rooms[REPAIRED]
    room.closed = True
    for p in room.sleepers():
        beds.move_out(p, t, REPAIR)
    for bed in room.beds:
        if bed.sleeper is None:
            beds._state(bed, BedState.OUT_OF_SERVICE, beds._moment(t + 10 * MINUTE, bed), REPAIR_WORK)


def _swap(beds: Beds, rng: random.Random, t: datetime) -> None:
    """Two residents of different rooms who may sleep in each other's bed exchange them."""
    placed = [b.sleeper for room in beds.rooms.values() for b in room.beds if b.sleeper is not None]
    rng.shuffle(placed)
    for a in placed:
        for b in placed:
            if a.bed is None or b.bed is None or a.bed.room is b.bed.room or a.stay is None or b.stay is None:
                continue
            if a.stay["override_reason"] or b.stay["override_reason"]:
                continue
            both = frozenset((a.rid, b.rid))
            if not beds.problems(a, b.bed, t, both) and not beds.problems(b, a.bed, t, both):
                beds.swap(a, b, t, SWAPPED)
                return


# ------------------------------------------------------------------------------------------------ writing


def write(s: Session, beds: Beds, t0: datetime) -> dict[str, Room]:
    """The rooms, beds (in their final state) and the whole history; returns the rooms by key."""
    rooms: dict[str, Room] = {}
    for key, sim in beds.rooms.items():
        spec = sim.spec
        room = Room(
            building=spec.building, floor=spec.floor, name=spec.name, sex_rule=spec.sex, age_rule=spec.age,
            capacity=len(spec.beds), notes=spec.notes, position=sim.position, active=True,
        )  # fmt: skip
        s.add(room)
        rooms[key] = room
    s.flush()
    made: list[tuple[SimBed, Bed]] = []
    for key, sim in beds.rooms.items():
        for b in sim.beds:
            row = Bed(room_id=rooms[key].id, label=b.label, state=b.state, reserved_for=b.reserved_for, active=True)
            s.add(row)
            made.append((b, row))
    s.flush()
    for b, row in made:
        b.id = row.id
    changes = [{**{k: v for k, v in c.items() if k != "bed"}, "bed_id": c["bed"].id} for c in beds.changes]
    stays = [{**{k: v for k, v in x.items() if k != "bed"}, "bed_id": x["bed"].id, "version": 1} for x in beds.stays]
    if changes:
        s.execute(insert(BedStateChange), changes)
    if stays:
        s.execute(insert(BedStay), stays)
    return rooms
