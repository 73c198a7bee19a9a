"""Demo lodging, part 3: keep-apart links, the director's extension, leave passes and presence.

Written through the lodging service's own functions (placement.add_link, stay.extend, census.grant_leave,
record_return, set_presence), each called at the moment it happened and all in time order, so that their
checks hold as they would have at the time: tonight some residents are on leave (one of them overdue), one
is in hospital, one absent without permission; the past holds leave passes with their returns, a stay in
hospital and a night of absence.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from centre_desk.models.lodging import KeepApartReason, LeavePass, Presence
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role
from centre_desk.security.actor import Actor
from centre_desk.services.admission_input import ADULT_AGE
from centre_desk.services.demo.data import Stay
from centre_desk.services.demo.lodging_beds import Sleeper
from centre_desk.services.lodging import census, placement, stay
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.lodging.dto import ExtensionInput, KeepApartInput, LeaveInput
from centre_desk.services.registry import age_on

STAFF = ("Lò Thị Hằng", "Nguyễn Thị Thu", "Tòng Văn Hải", "Vàng Thị Dung")
HOSPITAL = "Bệnh viện Đa khoa tỉnh Lai Châu"
DIRECTOR = "Giám đốc Nguyễn Văn An"
EXTENDED_BECAUSE = "Chờ kết quả xác minh, tìm gia đình; em chưa thể trở về địa phương"
FAMILY = "Về thăm gia đình"
CLINIC = "Đi khám bệnh"
PAPERS = "Làm lại giấy tờ tùy thân"
IN_HOSPITAL = f"Nằm điều trị tại {HOSPITAL} (viêm phổi)"
BACK_FROM_HOSPITAL = "Ra viện, trở về Trung tâm"
ABSENT_NOTE = "Không có mặt khi điểm danh buổi tối; đã báo Công an phường Tân Phong và gia đình"
CLINIC_NOTE = "Khám chuyên khoa, chờ kết quả xét nghiệm"
PAST_EVENTS = 14  # presence events over the history (two episodes and twelve leave passes)
LINKED_AFTER = timedelta(minutes=5)  # a link is made as the second of the pair arrives, before her bed
BACK = "Đã trở về Trung tâm, được tư vấn và nhắc nhở"


@dataclass(frozen=True)
class Extension:
    """The director's decision lengthening one stay."""

    stay: Stay
    number: str
    decided_on: date
    until: date


Pair = tuple[Stay, Stay, KeepApartReason, str]


def add(
    s: Session,
    pairs: Sequence[Pair],
    extension: Extension | None,
    sleepers: list[Sleeper],
    rng: random.Random,
    by: int | None,
    now: datetime,
    t0: datetime,
) -> None:
    """The links, the extension, and the presence of tonight and of the past."""
    actor = Actor(account_id=by, login="demo", roles=frozenset({Role.MANAGER}))
    for a, b, reason, note in pairs:
        assert a.resident_id is not None and b.resident_id is not None
        created = max(a.arrived, b.arrived) + LINKED_AFTER
        placement.add_link(s, actor, KeepApartInput(a.resident_id, b.resident_id, reason, note), created)
    if (x := extension) is not None and (admission_id := x.stay.admission_id) is not None:
        decision = ExtensionInput(admission_id, x.number, x.decided_on, DIRECTOR, x.until, EXTENDED_BECAUSE)
        stay.extend(s, actor, decision, local_moment(x.decided_on, time(15, 0)))
    diary = _Diary(s, actor, rng, sleepers)
    diary.tonight(now)
    diary.past(t0, now)
    for at, _rid, _n, action in sorted(diary.events, key=lambda e: e[:3]):
        action(at)


class _Diary:
    """Presence events to write, each an action at its moment."""

    def __init__(self, s: Session, actor: Actor, rng: random.Random, sleepers: list[Sleeper]) -> None:
        self.s, self.actor, self.rng = s, actor, rng
        self.sleepers = sleepers
        self.events: list[tuple[datetime, int, int, Callable[[datetime], None]]] = []

    def at(self, moment: datetime, rid: int, action: Callable[[datetime], None]) -> None:
        self.events.append((moment, rid, len(self.events), action))

    def leave(self, p: Sleeper, kind: str, leaves: datetime, back: datetime, returned: datetime | None) -> None:
        """A leave pass granted as she leaves, closed at `returned` (None: not back yet)."""
        r = self.s.get(Resident, p.rid)
        assert r is not None
        if kind == FAMILY:
            minor = (age_on(r.birth_date, r.birth_year, local_day(leaves)) or ADULT_AGE) < ADULT_AGE
            companion = f"{r.guardian_relation} {r.guardian_name}".strip() if minor and r.guardian_name else ""
            where, note = _home(r), ""
        else:
            companion = f"Cán bộ {self.rng.choice(STAFF)}"
            where = HOSPITAL if kind == CLINIC else f"Công an xã {r.home_commune}"
            note = CLINIC_NOTE if kind == CLINIC else ""
        data = LeaveInput(r.id, kind, leaves, back, companion, where, note)
        granted: list[LeavePass] = []
        self.at(leaves, r.id, lambda t: granted.append(census.grant_leave(self.s, self.actor, data, t)))
        if returned is not None:
            self.at(returned, r.id, lambda t: _returned(self.s, self.actor, granted[0], t))

    def presence(self, p: Sleeper, status: Presence, moment: datetime, note: str) -> None:
        self.at(moment, p.rid, lambda t: census.set_presence(self.s, self.actor, p.rid, status, note, t))

    def tonight(self, now: datetime) -> None:
        """Two on leave, one overdue, one in hospital, one absent without permission."""
        today = local_day(now)
        settled = local_moment(today - timedelta(days=10), time.min)
        kinds = ("woman", "girl", "man", "boy")
        here = [p for p in self.sleepers if p.left is None and p.bed and p.arrived < settled and p.kind in kinds]
        chosen = iter(self.rng.sample(here, min(5, len(here))))

        def day(n: int, hour: int, minute: int = 0) -> datetime:
            return local_moment(today + timedelta(days=n), time(hour, minute))

        if (p := next(chosen, None)) is not None:
            self.leave(p, FAMILY, day(-2, 8), day(2, 16), None)
        if (p := next(chosen, None)) is not None:
            self.leave(p, CLINIC, day(-1, 7, 30), day(1, 16, 30), None)
        if (p := next(chosen, None)) is not None:
            self.leave(p, FAMILY, day(-6, 8), day(-1, 16), None)  # overdue since yesterday afternoon
        if (p := next(chosen, None)) is not None:
            self.presence(p, Presence.HOSPITAL, day(-2, 10, 30), IN_HOSPITAL)
        if (p := next(chosen, None)) is not None:
            self.presence(p, Presence.ABSENT, day(-1, 21), ABSENT_NOTE)

    def past(self, t0: datetime, now: datetime) -> None:
        """Leave passes with their returns (one late), a stay in hospital and a night away, over the history."""
        last = now - timedelta(days=12)
        spans = []
        for p in self.sleepers:
            start = local_day(max(p.arrived, t0)) + timedelta(days=4)
            end = local_day(min(p.left or now, last)) - timedelta(days=6)
            if end > start:
                spans.append((p, start, end))
        chosen = self.rng.sample(spans, min(PAST_EVENTS, len(spans)))
        for i, (p, start, end) in enumerate(chosen):
            d = start + timedelta(days=self.rng.randint(0, (end - start).days))
            moment = _clock(d)
            if i == 0:
                self.presence(p, Presence.HOSPITAL, moment(0, 10, 15), IN_HOSPITAL)
                self.presence(p, Presence.PRESENT, moment(4, 15), BACK_FROM_HOSPITAL)
            elif i == 1:
                self.presence(p, Presence.ABSENT, moment(0, 21), ABSENT_NOTE)
                self.presence(p, Presence.PRESENT, moment(1, 9, 30), BACK)
            else:
                kind = self.rng.choices((FAMILY, CLINIC, PAPERS), weights=(6, 3, 1))[0]
                if kind == FAMILY:
                    days = self.rng.randint(2, 4)
                    back, returned = moment(days, 16), moment(days, 14, self.rng.randrange(0, 60, 5))
                    if i == 2:
                        returned = moment(days + 1, 10)  # a day late: the road was cut by a landslide
                    self.leave(p, kind, moment(0, 8), back, returned)
                elif kind == CLINIC:
                    returned = moment(0, 15, self.rng.randrange(0, 60, 5))
                    self.leave(p, kind, moment(0, 7, 30), moment(0, 16, 30), returned)
                else:
                    self.leave(p, kind, moment(0, 7, 30), moment(1, 17), moment(1, 16))


def _clock(d: date) -> Callable[..., datetime]:
    def moment(n: int, hour: int, minute: int = 0) -> datetime:
        return local_moment(d + timedelta(days=n), time(hour, minute))

    return moment


def _returned(s: Session, actor: Actor, p: LeavePass, at: datetime) -> None:
    census.record_return(s, actor, p.id, p.version, at, at)


def _home(r: Resident) -> str:
    unit = "phường" if r.home_commune in ("Tân Phong", "Đoàn Kết") else "xã"
    return ", ".join(x for x in (r.home_village, f"{unit} {r.home_commune}" if r.home_commune else "",
                                 f"tỉnh {r.home_province}" if r.home_province else "") if x)  # fmt: skip
