"""Demo counselling: the counsellor "tuvan" sees each resident in the centre about once a week from her
arrival — mostly alone, sometimes in a group or with her family — with a summary the other staff may read and,
after most sessions, a note of her own (risk low for most, one resident watched closely, one seen today at high
risk so the flag shows) — and the wellbeing scales every two weeks (services/demo/wellbeing.py), the resident
seen at high risk with the self-harm alert on her PHQ this morning. Invented words; no real person or case. Rows
are inserted in the caller's transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.counselling import CounsellingSession, CounsellorNote
from centre_desk.models.resident import Admission
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.security.access import SYSTEM
from centre_desk.services.accounts import AccountService
from centre_desk.services.demo import wellbeing
from centre_desk.services.dto import NewAccount

COUNSELLOR_LOGIN = "tuvan"
COUNSELLOR_NAME = "Giàng Thị Dua"
TOPICS = ("giấc ngủ", "nỗi sợ khi về nhà", "gia đình", "lòng tin vào người khác", "việc học", "cảm giác tội lỗi",
          "kỹ năng giữ an toàn khi đi làm xa", "kế hoạch sau khi rời Trung tâm")  # fmt: skip
SUMMARIES = (
    "Em hợp tác, kể được nhiều hơn buổi trước; ngủ còn kém.",
    "Em lo về việc về bản, sợ bị người trong làng bàn tán.",
    "Em vui hơn, đã làm quen với bạn cùng phòng.",
    "Em muốn tiếp tục đi học; đã bàn cách liên hệ với nhà trường.",
    "Em còn hay giật mình khi nghe tiếng đàn ông lạ; tập thở thư giãn.",
)
NOTES = (
    "Em kể lại đoạn đường bị đưa qua biên giới; khóc nhiều, sau đó bình tĩnh lại.",
    "Em nhắc đến người chị họ đã giới thiệu việc làm; chưa muốn nói thêm.",
    "Quan sát: ăn ít, hay ngồi một mình; cần theo dõi tâm trạng.",
    "Em nói không muốn về nhà vì sợ bố; cần trao đổi với cán bộ xã trước khi bàn giao.",
)
HIGH = "Em nói có lúc muốn chết cho xong. Đã ở lại với em, báo lãnh đạo Trung tâm và nhân viên y tế."


@dataclass(frozen=True)
class CounsellingFigures:
    sessions: int = 0
    notes: int = 0
    scores: int = 0  # wellbeing scales (services/demo/wellbeing.py)


def counsellor_account(s: Session, accounts: AccountService, password: str) -> int:
    """The demo's counsellor: the first active COUNSELLOR, or "tuvan" added with `password`."""
    counsellors = StaffAccount.roles.contains(str(Role.COUNSELLOR))
    found = s.scalar(select(StaffAccount.id).where(StaffAccount.active, counsellors).order_by(StaffAccount.id))
    if found is None:
        data = NewAccount(COUNSELLOR_LOGIN, COUNSELLOR_NAME, password, frozenset({Role.COUNSELLOR}))
        found = accounts.add(s, SYSTEM, data).id
    return int(found)


def fill(s: Session, by: int, now: datetime, seed: int = 11) -> CounsellingFigures:
    rng = random.Random(seed)
    here = s.execute(select(Admission.resident_id, Admission.arrived_at)
                     .where(Admission.discharged_at.is_(None), Admission.arrived_at <= now)
                     .order_by(Admission.arrived_at)).all()  # fmt: skip
    common = {"version": 1, "restricted": False, "struck_reason": "", "recorded_by": by}
    sessions: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for number, (rid, arrived) in enumerate(here):
        at = arrived + timedelta(days=2, hours=rng.randint(1, 6))
        while at < now - timedelta(hours=2):
            form = rng.choices(("individual", "group", "family"), (8, 2, 1))[0]
            base = common | {"resident_id": rid, "occurred_at": at, "recorded_at": at + timedelta(minutes=30)}
            sessions.append(base | {
                "form": form, "topics": ", ".join(rng.sample(TOPICS, 2)), "minutes": rng.choice((30, 45, 45, 60)),
                "interpreter": "Cán bộ tiếng Mông: Vàng Thị Pà" if rng.random() < 0.15 else "",
                "summary": rng.choice(SUMMARIES), "next_on": (at + timedelta(days=7)).date(),
            })  # fmt: skip
            if form == "individual" and rng.random() < 0.7:
                risk = "medium" if number == 1 else "low" if rng.random() < 0.6 else "none"
                notes.append(base | {"note": rng.choice(NOTES), "risk": risk, "plan": "Gặp lại tuần sau."})
            at += timedelta(days=rng.randint(5, 9), hours=rng.randint(-2, 2))
        if number == 0 and sessions:  # one resident seen this morning at high risk
            today = now - timedelta(hours=1)
            base = common | {"resident_id": rid, "occurred_at": today, "recorded_at": today}
            notes.append(base | {"note": HIGH, "risk": "high", "plan": "Gặp lại chiều nay; có người ở cùng em."})
    for model, rows in ((CounsellingSession, sessions), (CounsellorNote, notes)):
        table: Table = model.__table__  # type: ignore[assignment]
        for start in range(0, len(rows), 500):
            s.execute(insert(table), rows[start : start + 500])
    # the self-harm alert for the resident seen today at high risk (the first one a scale suits, should she be a child)
    alert_for = next((rid for rid, _a in here if wellbeing.suits(s, rid, now.date())), None)
    scored = wellbeing.scores(s, here, common, now, alert_for, random.Random(seed + 1))
    wellbeing.insert_scores(s, scored)
    return CounsellingFigures(len(sessions), len(notes), len(scored))
