"""Demo support payments: illustrative rates and the money paid since 2011, as a centre keeps it.

* rates — ILLUSTRATIVE, marked as demo data in their legal source: essentials per day (changed in 2016 and on
  01/07/2025), the schooling support per school year, the initial hardship allowance once (changed in 2020);
  no rate here is law (DOMAIN.md: Lai Châu's resolution was not found);
* essentials — one payment per calendar month of each stay (the days of the month she was in the centre, at most
  120 days from 01/07/2025 and 90 before), paid on the list of the month signed on the 2nd of the next; a few
  refused or not collected; the current month's still to be paid;
* schooling support — once for each pupil entitled on her arrival's day (a victim; from 01/07/2025 also a child
  accompanying one);
* the initial hardship allowance — once, on the day she left, for each confirmed victim entitled that day.

Every payment passes its kind's checks (the entitlement on its day, the rate in force: tests/services/demo). Written
in the caller's transaction with its own random stream (seeded); invented names of who paid.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from centre_desk.models.payments import PaymentList, PaymentRate, SupportPayment
from centre_desk.models.resident import Admission, Resident, VictimStatus
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.payments import terms
from centre_desk.services.payments.entitlement import NEW_LAW_FROM, Standing, entitled_on
from centre_desk.services.reference import FOREIGN_NATIONAL_CODE
from centre_desk.text import fold

DEMO_SOURCE = "MỨC MINH HỌA CỦA DỮ LIỆU MẪU — không phải mức do văn bản quy định"
RATES = (  # (category, amount, unit, from, the resolution a real centre would cite, shown as an example)
    ("essential", 30_000, terms.PER_DAY, date(2011, 1, 1), "tiền ăn theo mức trợ giúp khẩn cấp"),
    ("essential", 40_000, terms.PER_DAY, date(2016, 1, 1), "tiền ăn theo mức trợ giúp khẩn cấp"),
    ("essential", 50_000, terms.PER_DAY, NEW_LAW_FROM, "tiền ăn, vật dụng sinh hoạt (Nghị định 162/2025 Điều 17)"),
    ("schooling", 800_000, terms.PER_SCHOOL_YEAR, date(2011, 1, 1), "sách giáo khoa, đồ dùng học tập"),
    ("schooling", 1_200_000, terms.PER_SCHOOL_YEAR, date(2020, 9, 1), "sách giáo khoa, đồ dùng học tập"),
    ("initial_allowance", 1_500_000, terms.ONCE, date(2011, 1, 1), "trợ cấp khó khăn ban đầu"),
    ("initial_allowance", 3_000_000, terms.ONCE, date(2020, 7, 20), "trợ cấp khó khăn ban đầu"),
)
ACCOUNTANT = "Lò Thị Hoa"
TREASURER = "Vàng Văn Chính"


@dataclass(frozen=True)
class PaymentFigures:
    rates: int = 0
    payments: int = 0
    lists: int = 0
    paid: int = 0  # đồng


@dataclass(frozen=True)
class _Stay:
    resident_id: int
    arrived: date
    left: date | None
    standing: Standing
    pupil: bool


def _month_ends(start: date, end: date) -> Iterator[tuple[date, date]]:
    """(first, last) day of each calendar month from `start`'s to `end`'s, clipped to [start, end]."""
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        yield first, min(following - timedelta(days=1), end)
        first = following


class _Writer:
    def __init__(self, s: Session, rng: random.Random, by: int | None, now: datetime) -> None:
        self.s, self.rng, self.by, self.now, self.today = s, rng, by, now, local_day(now)
        self.rates = list(s.scalars(select(PaymentRate).order_by(PaymentRate.effective_from, PaymentRate.id)))
        self.lists: dict[tuple[str, date], PaymentList] = {}
        self.rows: list[dict[str, Any]] = []

    def rate(self, category: str, day: date) -> PaymentRate:
        return [r for r in self.rates if r.category == category and r.effective_from <= day][-1]

    def listed(self, category: str, day: date) -> PaymentList | None:
        """The list of the month of `day` for the category, signed on the 2nd of the next month (None before)."""
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        signed = end + timedelta(days=2)
        if signed > self.today:
            return None
        key = (category, start)
        if key not in self.lists:
            row = PaymentList(version=1, category=category, period_from=start, period_to=end, signed_on=signed,
                              recorded_by=self.by, recorded_at=local_moment(signed, time(16)))  # fmt: skip
            self.s.add(row)
            self.lists[key] = row
        return self.lists[key]

    def pay(self, stay: _Stay, category: str, day: date, period: tuple[date, date] | None, quantity: int,
            source: str = "state_budget") -> None:  # fmt: skip
        if category not in entitled_on(day, stay.standing):
            return
        rate = self.rate(category, day)
        listed = self.listed(category, day)
        status = terms.PLANNED
        if listed is not None:
            roll = self.rng.random()
            status = terms.REFUSED if roll < 0.03 else terms.NOT_COLLECTED if roll < 0.08 else terms.PAID
        paid_on = listed.signed_on if listed is not None and status == terms.PAID else None
        when = min(local_moment(day, time(10, self.rng.randint(0, 59))), self.now - timedelta(minutes=5))
        self.rows.append({
            "version": 1, "restricted": False, "struck_reason": "", "recorded_by": self.by,
            "resident_id": stay.resident_id, "occurred_at": when, "recorded_at": when, "category": category,
            "status": status, "method": "cash" if self.rng.random() < 0.9 else "transfer", "source": source,
            "period_from": period[0] if period else None, "period_to": period[1] if period else None,
            "quantity": quantity, "amount": rate.amount * quantity, "amount_reason": "", "paid_on": paid_on,
            "paid_by": TREASURER if paid_on else "", "note": "", "rate_id": rate.id, "rate_amount": rate.amount,
            "_list": listed,
        })  # fmt: skip


def _rates(s: Session, by: int | None, now: datetime) -> None:
    for category, amount, unit, since, what in RATES:
        s.add(PaymentRate(category=category, amount=amount, unit=unit, effective_from=since,
                          source=f"{DEMO_SOURCE}: {what}", note="Dữ liệu mẫu", entered_by=by,
                          entered_at=min(now, datetime.combine(since, time(9), UTC))))  # fmt: skip
    s.flush()


def _stays(s: Session, now: datetime) -> list[_Stay]:
    found = s.execute(
        select(Admission.resident_id, Admission.arrived_at, Admission.discharged_at, Admission.victim_status,
               Admission.status_date, Admission.accompanying_child, Resident.ethnic_code, Resident.nationality,
               Resident.is_pupil)
        .join(Resident, Resident.id == Admission.resident_id)
        .where(Admission.arrived_at <= now)
        .order_by(Admission.arrived_at, Admission.id)
    ).all()  # fmt: skip
    stays = []
    for rid, arrived, left, status, status_date, child, ethnic, nationality, pupil in found:
        foreign = ethnic == FOREIGN_NATIONAL_CODE or fold(nationality) not in ("", "viet nam")
        confirmed = status == VictimStatus.CONFIRMED and (status_date or local_day(arrived)) <= local_day(arrived)
        standing = Standing(admitted=True, confirmed=confirmed, foreign=foreign, accompanying_child=bool(child))
        stays.append(_Stay(int(rid), local_day(arrived), local_day(left) if left else None, standing, bool(pupil)))
    return stays


def fill(s: Session, by: int | None, now: datetime, seed: int = 15) -> PaymentFigures:
    """The demo's rates and payments (by the demo's manager)."""
    _rates(s, by, now)
    w = _Writer(s, random.Random(seed), by, now)
    for stay in _stays(s, now):
        end = min(stay.left or w.today, w.today)
        limit = 120 if stay.arrived >= NEW_LAW_FROM else 90
        end = min(end, stay.arrived + timedelta(days=limit - 1))
        for first, last in _month_ends(stay.arrived, end):
            w.pay(stay, "essential", last, (first, last), (last - first).days + 1)
        if stay.pupil:
            w.pay(stay, "schooling", min(stay.arrived + timedelta(days=7), w.today), None, 1)
        if stay.left is not None and stay.standing.confirmed:
            w.pay(stay, "initial_allowance", stay.left, None, 1, "province" if w.rng.random() < 0.3 else "state_budget")
    s.flush()  # the lists' ids
    for row in w.rows:
        listed = row.pop("_list")
        row["list_id"] = listed.id if listed is not None else None
    for start in range(0, len(w.rows), 500):
        s.execute(insert(SupportPayment), w.rows[start : start + 500])
    paid = sum(r["amount"] for r in w.rows if r["status"] == terms.PAID)
    return PaymentFigures(len(RATES), len(w.rows), len(w.lists), paid)
