"""Demo group sessions: every month since the demo's first year, the prevention talk of the seed (trafficking,
safe migration, reproductive health, HIV in turn, led by the women's union, the provincial CDC, the police or the
border guard, with a few people from outside), a life-skills session led by the counsellor and a recreation
afternoon — each with the residents present in the centre when it started (the census of that moment: those on
leave or in hospital are left out), most of them taking part. One session of last month was struck out (recorded
twice by mistake).

Written in the caller's transaction with bulk inserts (a census per session, then two inserts), with its own random
stream (seeded); recorded by the counsellor. Invented words; no real person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from centre_desk.models.activities import ActivityAttendance, ActivityKind, ActivitySession
from centre_desk.models.lodging import Presence
from centre_desk.services.demo.data import FIRST_YEAR
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import local_day, local_moment

PREVENTION = (
    ("Phòng, chống mua bán người: nhận diện thủ đoạn của đối tượng mua bán người", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("Di cư an toàn, đi làm việc ở nước ngoài hợp pháp", "Bộ đội Biên phòng tỉnh Lai Châu"),
    ("Chăm sóc sức khỏe sinh sản, phòng tránh mang thai ngoài ý muốn", "Trung tâm Kiểm soát bệnh tật tỉnh"),
    ("Phòng, chống HIV/AIDS và các bệnh lây truyền qua đường tình dục", "Trung tâm Kiểm soát bệnh tật tỉnh"),
    ("Pháp luật về phòng, chống mua bán người; đường dây nóng 111", "Công an tỉnh Lai Châu"),
)
LIFE_SKILLS = (
    "Kỹ năng giao tiếp và nói “không”",
    "An toàn khi dùng điện thoại, mạng xã hội",
    "Quản lý chi tiêu, tiết kiệm",
    "Vệ sinh cá nhân, chăm sóc bản thân",
    "Nhận biết và kiểm soát cảm xúc",
    "Lập kế hoạch cho bản thân sau khi trở về",
)
RECREATION = (
    "Thi đấu bóng chuyền, kéo co",
    "Hát múa dân tộc, giao lưu văn nghệ",
    "Vẽ tranh, làm đồ thủ công",
    "Chiếu phim, trò chơi tập thể",
    "Gói bánh, nấu ăn cùng nhau",
)
HALL, YARD, ROOM = "Hội trường Trung tâm", "Sân Trung tâm", "Phòng sinh hoạt chung"
STRUCK_BECAUSE = "Ghi trùng buổi sinh hoạt đã nhập"


@dataclass(frozen=True)
class ActivityFigures:
    sessions: int = 0
    attendances: int = 0
    prevention: int = 0


@dataclass(frozen=True)
class _Planned:
    kind: ActivityKind
    topic: str
    starts_at: datetime
    minutes: int
    facilitator_id: int | None
    facilitator_name: str
    place: str
    outside: int


def _weekday(day: date, weekday: int) -> date:
    """The first `weekday` (0 = Monday) on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _month(rng: random.Random, first: date, n: int, counsellor: int) -> list[_Planned]:
    topic, who = PREVENTION[n % len(PREVENTION)]
    return [
        _Planned(ActivityKind.PREVENTION, topic, local_moment(_weekday(first + timedelta(days=14), 2), time(14, 0)),
                 90, None, who, HALL, rng.choice((0, 0, 1, 2, 3))),
        _Planned(ActivityKind.LIFE_SKILLS, LIFE_SKILLS[n % len(LIFE_SKILLS)],
                 local_moment(_weekday(first + timedelta(days=5), 3), time(9, 0)), 60, counsellor, "", ROOM, 0),
        _Planned(ActivityKind.RECREATION, rng.choice(RECREATION),
                 local_moment(_weekday(first + timedelta(days=21), 5), time(15, 30)), 120, counsellor, "", YARD, 0),
    ]  # fmt: skip


def _plan(rng: random.Random, counsellor: int, now: datetime) -> list[_Planned]:
    today = local_day(now)
    found: list[_Planned] = []
    month, n = date(FIRST_YEAR, 1, 1), 0
    while month <= today:
        found += [p for p in _month(rng, month, n, counsellor) if p.starts_at + timedelta(minutes=p.minutes) < now]
        month, n = (month.replace(year=month.year + 1, month=1) if month.month == 12 else
                    month.replace(month=month.month + 1)), n + 1  # fmt: skip
    return found


def fill(s: Session, counsellor: int, now: datetime, seed: int = 17) -> ActivityFigures:
    rng = random.Random(seed)
    sessions: list[dict[str, Any]] = []
    lists: list[list[int]] = []
    for p in _plan(rng, counsellor, now):
        here = sorted(rid for rid, st in census.standings(s, p.starts_at).items() if st.status is Presence.PRESENT)
        if not here:
            continue
        share = 0.95 if p.kind is ActivityKind.PREVENTION else rng.uniform(0.6, 0.9)
        taking_part = sorted(rng.sample(here, max(1, round(len(here) * share))))
        recorded = min(p.starts_at + timedelta(minutes=p.minutes + rng.randint(10, 90)), now)
        sessions.append({
            "version": 1, "kind": p.kind, "topic": p.topic, "facilitator_id": p.facilitator_id,
            "facilitator_name": p.facilitator_name, "starts_at": p.starts_at, "minutes": p.minutes, "place": p.place,
            "outside_count": p.outside, "note": "", "recorded_by": counsellor, "recorded_at": recorded,
            "struck_at": None, "struck_by": None, "struck_reason": "",
        })  # fmt: skip
        lists.append(taking_part)
    if not sessions:
        return ActivityFigures()
    _recorded_twice(sessions, lists, now)
    table: Table = ActivitySession.__table__  # type: ignore[assignment]
    ids = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), sessions).scalars().all()
    rows = [
        {"session_id": sid, "resident_id": rid, "added_by": x["recorded_by"], "added_at": x["recorded_at"],
         "removed_by": None, "removed_at": None}
        for sid, x, taking_part in zip(ids, sessions, lists, strict=True)
        for rid in taking_part
    ]  # fmt: skip
    attendance: Table = ActivityAttendance.__table__  # type: ignore[assignment]
    for start in range(0, len(rows), 2000):
        s.execute(insert(attendance), rows[start : start + 2000])
    prevention = sum(x["kind"] == ActivityKind.PREVENTION for x in sessions)
    return ActivityFigures(len(sessions), len(rows), prevention)


def _recorded_twice(sessions: list[dict[str, Any]], lists: list[list[int]], now: datetime) -> None:
    """The newest life-skills session of more than a week ago was typed in twice: the copy struck out the next day."""
    old = [n for n, x in enumerate(sessions) if x["kind"] == ActivityKind.LIFE_SKILLS
           and x["starts_at"] < now - timedelta(days=7)]  # fmt: skip
    if old:
        x = sessions[old[-1]]
        when = x["recorded_at"] + timedelta(minutes=20)
        sessions.append(x | {"recorded_at": when, "struck_at": when + timedelta(days=1), "struck_by": x["recorded_by"],
                             "struck_reason": STRUCK_BECAUSE})  # fmt: skip
        lists.append(lists[old[-1]])
