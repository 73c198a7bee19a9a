"""Demo follow-up after reintegration: most of those who left the centre were followed at 1, 3, 6 and 12 months —
home visits with the commune's officer, phone calls, news through the women's union — in the communes of Lai Châu,
Lào Cai and the former Hà Giang, with plausible notes on her family, health, schooling and work.

* a few cases have a schedule of their own (closer visits while the family's debts are high);
* some follow-ups are late (the latest visit not made yet), one person could not be reached three times in a row,
  one was seen at high risk with contact with the recruiter;
* one readmission after a failed reintegration: a person followed after her first stay, the signs growing (debts,
  plans to go to China for work), then admitted again — her new record links back to the earlier stay, whose
  follow-ups it shows.

Written by the caller's account in the caller's transaction, with its own seeded random stream, after the stays
exist. Invented words; no real person or case. Every contact passes its kind's checks (the tests verify it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.follow_up import FollowUpContact, FollowUpSchedule
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.follow_up.due import HORIZON
from centre_desk.services.follow_up.schedule import add_months, months_text
from centre_desk.services.follow_up.terms import DEFAULT_MONTHS
from centre_desk.services.lodging.common import local_day

COMMUNES = ("Bum Nưa", "Sìn Hồ", "Tả Lèng", "Mường Khương", "Bát Xát", "Si Ma Cai", "Mèo Vạc", "Đồng Văn",
            "Phong Thổ", "Nậm Nhùn", "Bắc Hà", "Yên Minh")  # fmt: skip
MET = ("Em và mẹ đẻ", "Em và bố mẹ", "Em và bà nội", "Em và chồng", "Em và anh trai, chị dâu", "Em")
FAMILY = (
    "Gia đình đón nhận em, bố mẹ vui vẻ; em phụ giúp việc nương rẫy.",
    "Em sống cùng bà nội; bố đi làm ăn xa, mẹ mất sớm. Hàng xóm giúp đỡ.",
    "Em đã kết hôn với người cùng bản, hai vợ chồng ở riêng gần nhà bố mẹ.",
    "Gia đình còn khó khăn, hộ cận nghèo; anh trai hay uống rượu.",
    "Bố mẹ lo lắng em bị dị nghị nên ít cho em ra ngoài.",
)
HEALTH = ("Sức khỏe bình thường, ăn ngủ được.", "Em hay mất ngủ, đã hẹn khám ở Trạm y tế xã.",
          "Đang điều trị viêm dạ dày, có bảo hiểm y tế.", "Em mang thai tháng thứ 4, khám thai đúng hẹn.")  # fmt: skip
SCHOOL = ("Em đi học lại lớp 9 ở Trường PTDTBT THCS xã.", "Em học nghề may ở Trung tâm Giáo dục nghề nghiệp tỉnh.",
          "Không đi học; em nói muốn học nghề nấu ăn.", "")  # fmt: skip
WORK = ("Làm nương, trồng ngô và nuôi gà cùng gia đình.", "Làm công nhân may ở khu công nghiệp trong tỉnh, "
        "lương 5 triệu đồng/tháng.", "Bán hàng tạp hóa nhỏ tại nhà, vốn vay Ngân hàng Chính sách xã hội.",
        "Chưa có việc làm ổn định, thỉnh thoảng đi làm thuê.")  # fmt: skip
NOTES = ("Em vui vẻ, nói chuyện cởi mở hơn lần trước.", "Đã nhắc em số điện thoại đường dây nóng 111.",
         "Cán bộ xã cho biết em tham gia sinh hoạt Chi hội phụ nữ thôn.", "")  # fmt: skip
PARTNERS = ("Cán bộ văn hóa - xã hội xã {c}", "Hội Liên hiệp Phụ nữ xã {c}", "Công an xã {c}")


@dataclass(frozen=True)
class FollowUpFigures:
    followed: int = 0  # discharged records with at least one contact
    contacts: int = 0
    own_schedules: int = 0
    late: int = 0  # records whose latest contact due was left undone on purpose
    readmissions: int = 0  # earlier stays followed, then admitted again


@dataclass(frozen=True)
class _Left:
    resident_id: int
    admission_id: int
    left: datetime
    commune: str
    readmitted_at: datetime | None  # her next stay began then


class _Writer:
    def __init__(self, rng: random.Random, by: int | None, now: datetime) -> None:
        self.rng, self.by, self.now = rng, by, now
        self.rows: list[dict[str, Any]] = []

    def moment(self, day: date, ceiling: datetime) -> datetime:
        at = datetime.combine(day, time(self.rng.randint(8, 15), self.rng.choice((0, 15, 30, 45)))).astimezone(UTC)
        return min(at, ceiling - timedelta(minutes=30))

    def add(self, person: _Left, at: datetime, **values: Any) -> None:
        commune = person.commune
        mode = values.pop("mode", self.rng.choice(("home_visit", "home_visit", "phone", "commune", "partner")))
        row = {"version": 1, "restricted": False, "struck_reason": "", "recorded_by": self.by,
               "resident_id": person.resident_id, "occurred_at": at,
               "recorded_at": min(at + timedelta(hours=2), self.now), "mode": mode,
               "partner": self.rng.choice(PARTNERS).format(c=commune) if mode in ("commune", "partner") else "",
               "outcome": "reached", "met_whom": self.rng.choice(MET), "family": self.rng.choice(FAMILY),
               "health": self.rng.choice(HEALTH), "schooling": self.rng.choice(SCHOOL),
               "livelihood": self.rng.choice(WORK), "sign_abroad": False, "sign_recruiter": False,
               "sign_debts": False, "sign_conflict": False, "sign_school": False, "sign_income": False,
               "sign_isolated": False, "sign_other": "", "risk": "low", "next_on": None,
               "note": self.rng.choice(NOTES)} | values  # fmt: skip
        if row["outcome"] == "unreached":
            row |= {"met_whom": "", "family": "", "health": "", "schooling": "", "livelihood": "", "risk": ""}
        self.rows.append(row)


def fill(s: Session, by: int | None, now: datetime, seed: int = 14) -> FollowUpFigures:
    rng = random.Random(seed)
    again = select(Resident.previous_resident_id, Admission.arrived_at).join(
        Admission, Admission.resident_id == Resident.id
    )
    later = {int(p): a for p, a in s.execute(again) if p is not None}  # fmt: skip
    found = s.execute(select(Admission.resident_id, Admission.id, Admission.discharged_at, Resident.home_commune)
                      .join(Resident, Resident.id == Admission.resident_id)
                      .where(Admission.discharged_at.is_not(None), Admission.discharged_at <= now)
                      .order_by(Admission.discharged_at, Admission.id)).all()  # fmt: skip
    people = [_Left(int(r), int(a), left, c or rng.choice(COMMUNES), later.get(int(r)))
              for r, a, left, c in found if left is not None]  # fmt: skip
    w = _Writer(rng, by, now)
    today = local_day(now)
    readmitted = [p for p in people if p.readmitted_at is not None and p.readmitted_at - p.left > timedelta(days=200)]
    failed = readmitted[-1] if readmitted else None
    recent = [p for p in people if p.readmitted_at is None and today - local_day(p.left) < timedelta(days=400)]
    risky = next((p for p in reversed(recent) if (today - local_day(p.left)).days >= 35), None)
    unreached = next((p for p in reversed(recent) if (today - local_day(p.left)).days >= 200 and p is not risky), None)
    schedules, late = [], 0
    for n, person in enumerate(people):
        if person is failed:
            _failed_reintegration(w, person)
            continue
        if person is unreached:
            _unreached(w, person, today)
            continue
        months: tuple[int, ...] = DEFAULT_MONTHS
        if person in recent and n % 9 == 4:
            months = (1, 2, 3, 6, 12)
            schedules.append(_schedule(person, months, by, now))
        if rng.random() < 0.08 and today - local_day(person.left) > timedelta(days=HORIZON):
            continue  # long ago (no longer listed): never followed, moved away, no contact left
        due = [add_months(local_day(person.left), m) for m in months]
        ceiling = min(now, person.readmitted_at or now)
        passed = [d for d in due if d + timedelta(days=3) <= local_day(ceiling)]
        if person in recent and person is not risky and passed and rng.random() < 0.2:
            passed, late = passed[:-1], late + 1  # the latest visit not made yet
        for i, day in enumerate(passed):
            at = w.moment(day + timedelta(days=rng.randint(-5, 3)), ceiling)
            nxt = due[i + 1] if i + 1 < len(due) else None
            extra: dict[str, Any] = {}
            if person is risky and i == len(passed) - 1:
                extra = {
                    "sign_recruiter": True,
                    "sign_abroad": True,
                    "risk": "high",
                    "note": (
                        "Em kể có người quen cũ (người đã đưa em sang Trung Quốc) gọi điện rủ đi làm nhà hàng "
                        "ở Hà Khẩu, hứa trả 10 triệu đồng/tháng. Đã báo Công an xã và Hội Phụ nữ xã; hẹn thăm "
                        "lại sau 2 tuần."
                    ),
                }
                nxt = local_day(at) + timedelta(days=14)
            elif rng.random() < 0.12:
                extra = {"sign_debts": True, "risk": "medium", "note": "Gia đình còn nợ tiền vay chữa bệnh cho bố."}
            if nxt is not None and nxt <= local_day(at):
                nxt = None
            w.add(person, at, next_on=nxt, **extra)
    _insert(s, w.rows, schedules)
    followed = len({r["resident_id"] for r in w.rows})
    return FollowUpFigures(followed, len(w.rows), len(schedules), late, 1 if failed is not None else 0)


def _schedule(person: _Left, months: tuple[int, ...], by: int | None, now: datetime) -> dict[str, Any]:
    return {"admission_id": person.admission_id, "resident_id": person.resident_id, "discharged_at": person.left,
            "months": months_text(months), "dates": "", "reason": "Gia đình nợ nhiều, cần thăm nắm tình hình sát hơn.",
            "changed_at": min(person.left + timedelta(days=1), now), "changed_by": by, "version": 1}  # fmt: skip


def _unreached(w: _Writer, person: _Left, today: date) -> None:
    """Reached at one and three months, then three phone calls that could not reach her."""
    left = local_day(person.left)
    for m in (1, 3):
        w.add(person, w.moment(add_months(left, m), w.now), mode="home_visit")
    for days in (75, 45, 12):
        w.add(
            person,
            w.moment(today - timedelta(days=days), w.now),
            mode="phone",
            outcome="unreached",
            note="Gọi hai lần trong ngày, thuê bao không liên lạc được. Gia đình nói em đi làm xa, không rõ ở đâu.",
        )


def _failed_reintegration(w: _Writer, person: _Left) -> None:
    """Followed after the first stay; the signs grow; then admitted again (the later record links here)."""
    assert person.readmitted_at is not None
    left, back = local_day(person.left), person.readmitted_at
    visits = (
        (1, {"note": "Em về với bố mẹ, phụ giúp làm nương. Tinh thần ổn định."}),
        (3, {"sign_debts": True, "sign_income": True, "risk": "medium",
             "note": "Gia đình vay 30 triệu đồng để chữa bệnh cho mẹ; em chưa có việc làm."}),
        (6, {"sign_debts": True, "sign_income": True, "sign_abroad": True, "risk": "high", "mode": "phone",
             "note": "Em nói có người trong bản rủ sang Trung Quốc làm thuê, trả nợ nhanh. Đã khuyên em và báo xã."}),
    )  # fmt: skip
    for months, values in visits:
        day = add_months(left, months)
        if day + timedelta(days=2) < local_day(back):
            w.add(person, w.moment(day, back), **values)


def _insert(s: Session, contacts: list[dict[str, Any]], schedules: list[dict[str, Any]]) -> None:
    table: Table = FollowUpContact.__table__  # type: ignore[assignment]
    for start in range(0, len(contacts), 500):
        s.execute(insert(table), contacts[start : start + 500])
    if schedules:
        s.execute(insert(FollowUpSchedule.__table__), schedules)  # type: ignore[arg-type]
