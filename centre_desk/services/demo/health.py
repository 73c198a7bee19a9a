"""Demo health: a year of the nurse's work, so that the Health tab, the Timeline and the Overview look lived in.

Called by `create.populate` after the lodging (`fill`), in the same transaction, with bulk inserts; its
randomness is its own stream derived from the demo's seed. Everything is written by the demo's nurse, the
account "yta" (Lò Thị Hoa, role NURSE) that `nurse_account` adds when the installation has no nurse yet.

* an intake health check within a day of arrival for (almost) everyone admitted in the last 14 months —
  injuries, a few allergies and chronic conditions, the mental state, the health insurance;
* restricted: HIV, syphilis and hepatitis B tests for most adults (one or two hepatitis B positive, the newest
  pending), pregnancy tests, and the reproductive-health entries of one pregnant woman (and one counselling);
* for the residents in the centre now: nursing notes with vitals and NEWS2 (health_care), the medication plans
  and every dose given, refused or not available (health_medicines);
* referrals: hospital and clinic visits (the resident in hospital tonight, the clinic leave passes of the
  lodging history, an urgent one after an intake check, follow-ups), two or three not back yet;
* one nursing note and one referral struck out as entered in error (with their earlier version kept).
"""

from __future__ import annotations

import json
import random
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select
from sqlalchemy.orm import Session

from centre_desk.models.entries import EntryRevision
from centre_desk.models.health import (
    DoseRecord,
    HealthCheck,
    HealthTest,
    MedicationPlan,
    NursingNote,
    Referral,
    ReproductiveEntry,
)
from centre_desk.models.lodging import LeavePass, Presence, PresenceChange
from centre_desk.models.resident import Admission, Resident
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.security.access import SYSTEM
from centre_desk.services.accounts import AccountService
from centre_desk.services.demo import health_text as words
from centre_desk.services.demo.health_care import Patient, Row, Ward
from centre_desk.services.demo.health_medicines import Pharmacy
from centre_desk.services.demo.lodging import HISTORY_DAYS, Roster
from centre_desk.services.demo.lodging_presence import CLINIC, STAFF
from centre_desk.services.dto import NewAccount
from centre_desk.services.entries.kinds import Context
from centre_desk.services.health import vitals
from centre_desk.services.health.kinds import NURSING_NOTE, REFERRAL
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import local_day, local_moment

CHUNK = 2000
REFERRALS = 10
REFORM = date(2025, 7, 1)  # the districts were abolished: "Trung tâm Y tế huyện" became "… khu vực"


@dataclass(frozen=True)
class HealthFigures:
    checks: int = 0
    notes: int = 0
    alerts: int = 0  # nursing notes with a NEWS2 alert in the last 24 hours
    plans: int = 0
    doses: int = 0
    gaps: int = 0  # recent scheduled doses nobody recorded (shown as missed)
    referrals: int = 0
    open_referrals: int = 0  # not back yet
    tests: int = 0
    reproductive: int = 0
    struck: int = 0
    seconds: float = 0.0


def nurse_account(s: Session, accounts: AccountService, password: str) -> int:
    """The demo's nurse: the first active account with the NURSE role, or "yta" added (with `password`)."""
    found = s.scalar(
        select(StaffAccount.id)
        .where(StaffAccount.active, StaffAccount.roles.contains(str(Role.NURSE)))
        .order_by(StaffAccount.id)
    )
    if found is None:
        found = s.scalar(select(StaffAccount.id).where(StaffAccount.login == words.NURSE_LOGIN))
    if found is None:
        found = accounts.add(s, SYSTEM, NewAccount(words.NURSE_LOGIN, words.NURSE_NAME, password,
                                                   frozenset({Role.NURSE}))).id  # fmt: skip
    return int(found)


def _insert(s: Session, model: type[Any], rows: list[Row], ids: bool = False) -> list[int]:
    table = cast(Table, model.__table__)
    found: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if ids:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            found += s.execute(stmt, chunk).scalars().all()
        else:
            s.execute(insert(table), chunk)
    return found


def _entry(rid: int, at: datetime, by: int | None, now: datetime, rng: random.Random, restricted: bool) -> Row:
    recorded = min(at + timedelta(minutes=rng.randint(5, 90)), now)
    return {"resident_id": rid, "occurred_at": at, "recorded_at": recorded, "recorded_by": by, "restricted": restricted,
            "struck_at": None, "struck_by": None, "struck_reason": "", "version": 1}  # fmt: skip


def _district(day: date) -> str:
    return "Trung tâm Y tế " + ("khu vực" if day >= REFORM else "huyện") + " Tam Đường"


class _Demo:
    def __init__(self, s: Session, roster: Roster, by: int | None, now: datetime) -> None:
        self.s, self.by, self.now = s, by, now
        self.rng = random.Random(f"health-{roster.seed}")
        self.today = local_day(now)
        self.patients = self._patients(roster)
        self.referrals: list[Row] = []

    def _patients(self, roster: Roster) -> list[Patient]:
        kinds = {stay.resident_id: part.kind for stay, part in roster.parts.items()}
        since = self.now - timedelta(days=HISTORY_DAYS)
        rows = self.s.execute(
            select(Resident.id, Resident.sex, Resident.birth_date, Resident.birth_year, Resident.home_commune,
                   Admission.arrived_at, Admission.discharged_at)
            .join(Admission, Admission.resident_id == Resident.id)
            .where(Admission.arrived_at < self.now,
                   or_(Admission.arrived_at >= since, Admission.discharged_at.is_(None)))
            .order_by(Admission.arrived_at, Resident.id)
        )  # fmt: skip
        patients = [Patient(r, sex, born, year, arrived, left, commune or "", kinds.get(r, ""))
                    for r, sex, born, year, commune, arrived, left in rows]  # fmt: skip
        here = {p.rid: p for p in patients if p.left is None}
        for rid, standing in census.standings(self.s, self.now, list(here)).items():
            here[rid].status, here[rid].since = standing.status, standing.since
        changes = self.s.execute(
            select(PresenceChange.resident_id, PresenceChange.status, PresenceChange.at)
            .where(PresenceChange.resident_id.in_(list(here))).order_by(PresenceChange.at, PresenceChange.id)
        )  # fmt: skip
        away: dict[int, datetime] = {}
        for rid, status, at in changes:
            if status != Presence.PRESENT:
                away.setdefault(rid, at)
            elif rid in away:
                here[rid].away.append((away.pop(rid), at))
        for rid, start in away.items():
            here[rid].away.append((start, self.now + timedelta(days=1)))
        return patients

    # ------------------------------------------------------------------------------------ intake checks

    def checks(self) -> list[Row]:
        rng, rows = self.rng, []
        allergic = {p.rid for p in rng.sample(self.patients, min(len(self.patients), max(2, len(self.patients) // 12)))}
        gone = [
            p
            for p in self.patients
            if p.status is None and p.left is not None and p.left - p.arrived > timedelta(days=3)
        ]
        urgent_ones = {p.rid for p in rng.sample(gone, min(1 + len(gone) // 100, 2, len(gone)))}
        for p in self.patients:
            if p.status is None and rng.random() < 0.03 and p.rid not in urgent_ones:
                continue  # a few discharged long ago were never checked: the record shows the gap
            at = min(p.arrived + timedelta(minutes=rng.randint(60, 20 * 60)), self.now - timedelta(minutes=5))
            if at <= p.arrived:
                at = p.arrived + (self.now - p.arrived) / 2
            day = local_day(at)
            age = p.age(day) or 20
            p.injuries = "; ".join(rng.sample(words.INJURIES, rng.choice((1, 1, 2)))) if rng.random() < 0.55 else ""
            p.allergies = rng.choice(words.ALLERGIES) if p.rid in allergic else ""
            urgent = p.rid in urgent_ones
            card = rng.random() < (0.35 if age < 18 else 0.15)
            insurance = "card" if card else "unknown" if at > self.now - timedelta(days=2) else "none_first_year"
            prefix = "TE1" if age < 6 else "HS4" if age < 18 else rng.choice(("DT2", "HN2"))
            unit = "phường" if p.commune in ("Tân Phong", "Đoàn Kết") else "xã"
            row = _entry(p.rid, at, self.by, self.now, rng, False) | {
                "history": rng.choice(words.HISTORY),
                "injuries": "; ".join(x for x in (p.injuries, urgent * words.URGENT) if x),
                "allergies": p.allergies,
                "chronic_conditions": rng.choice(words.CHRONIC) if rng.random() < 0.08 else "",
                "disability": rng.choice(words.DISABILITY) if rng.random() < 0.04 else "",
                "current_medicines": rng.choice(words.CURRENT_MEDICINES), "mental_state": rng.choice(words.MENTAL),
                "urgent_referral": urgent, "insurance": insurance,
                "insurance_number": f"{prefix}12{rng.randrange(10**9, 10**10)}" if card else "",
                "insurance_place": (f"Trạm Y tế {unit} {p.commune}" if p.commune else _district(day)) if card else "",
                "insurance_expiry": date(day.year + (day.month == 12), 12, 31) if card else None,
                "note": "" if card else rng.choice(words.NO_CARD),
            }  # fmt: skip
            rows.append(row)
            if urgent:
                self._referral(p.rid, at + timedelta(minutes=30), words.HOSPITAL, words.URGENT,
                               (words.URGENT_RESULT, "Giấy ra viện; đơn thuốc"), urgent=True, back=1)  # fmt: skip
        return rows

    # ------------------------------------------------------------------------------------ restricted entries

    def restricted(self, checked: dict[int, datetime]) -> tuple[list[Row], list[Row]]:
        rng, tests, notes = self.rng, [], []
        mothers = [p for p in self.patients if p.kind == "woman" and p.status is Presence.PRESENT
                   and 19 <= (p.age(self.today) or 0) <= 35 and p.arrived < self.now - timedelta(days=35)
                   and p.quiet(p.arrived)]  # fmt: skip
        mother = rng.choice(mothers) if mothers else None
        for p in self.patients:
            if (
                p.rid not in checked
                or (p.age(local_day(p.arrived)) or 18) < 18
                or (p is not mother and rng.random() > 0.85)
            ):
                continue
            at = min(local_moment(local_day(checked[p.rid]) + timedelta(days=rng.randint(1, 3)), time(8, 30))
                     + timedelta(minutes=rng.randint(0, 90)), self.now - timedelta(minutes=15))  # fmt: skip
            at = max(at, checked[p.rid])
            due = local_day(at) + timedelta(days=rng.randint(2, 5))
            counselled = rng.random() < 0.9
            for test in ("hiv", "syphilis", "hepatitis_b"):
                tests.append(
                    self._test(p.rid, at, test, "negative" if due <= self.today else "pending", due, counselled)
                )
            if p.sex == "female" and (p is mother or rng.random() < 0.6):
                day = local_day(at)
                tests.append(self._test(p.rid, at, "pregnancy", "positive" if p is mother else "negative", day, True))
                if p is mother:
                    p.pregnant_from = day
        known = [t for t in tests if t["test"] == "hepatitis_b" and t["result"] == "negative"]
        present = {p.rid for p in self.patients if p.status is not None}
        known.sort(key=lambda t: t["resident_id"] not in present)
        for t in rng.sample(known[:12], min(2 if len(known) > 40 else 1, len(known))):
            t |= {"result": "positive", "note": "HBsAg dương tính; đã tư vấn, hẹn khám chuyên khoa"}
            day = t["result_on"] + timedelta(days=rng.randint(3, 10))
            if day < self.today:
                self._referral(t["resident_id"], local_moment(day, time(7, 30)), words.HOSPITAL, words.LIVER[0],
                               words.LIVER[1:], restricted=True, follow=182)  # fmt: skip
        if mother is not None and mother.pregnant_from is not None:
            notes += self._pregnancy(mother, mother.pregnant_from)
        women = [p for p in self.patients if p.sex == "female" and p is not mother and p.rid in checked
                 and (p.age(self.today) or 0) >= 18]  # fmt: skip
        if women:
            p = rng.choice(women)
            at = checked[p.rid] + timedelta(days=rng.randint(5, 12))
            if at < self.now:
                notes.append(_entry(p.rid, at, self.by, self.now, rng, True) | {
                    "topic": "contraception", "pregnant": "no", "weeks": None, "due_date": None,
                    "note": "Tư vấn sức khỏe sinh sản và các biện pháp tránh thai; em được phát tài liệu"})  # fmt: skip
        return tests, notes

    def _test(self, rid: int, at: datetime, test: str, result: str, on: date, counselled: bool) -> Row:
        note = "" if test == "pregnancy" else "Xét nghiệm sàng lọc tại " + words.CDC
        return _entry(rid, at, self.by, self.now, self.rng, True) | {
            "test": test, "other_name": "", "result": result, "result_on": None if result == "pending" else on,
            "counselled": counselled, "note": note}  # fmt: skip

    def _pregnancy(self, p: Patient, found: date) -> list[Row]:
        weeks = self.rng.randint(9, 15)
        due = found + timedelta(weeks=40 - weeks)
        first = local_moment(found + timedelta(days=1), time(14, 0))
        self._referral(p.rid, first - timedelta(hours=5), words.MATERNITY, words.SCAN[0], words.SCAN[1:],
                       restricted=True, follow=28)  # fmt: skip
        rows = [_entry(p.rid, first, self.by, self.now, self.rng, True) | {
            "topic": "pregnancy", "pregnant": "yes", "weeks": weeks, "due_date": due,
            "note": f"Thai khoảng {weeks} tuần theo siêu âm tại {words.MATERNITY}; "
                    "đã tư vấn dinh dưỡng, nghỉ ngơi"}]  # fmt: skip
        later = first + timedelta(days=28)
        if later < self.now - timedelta(days=1):
            rows.append(_entry(p.rid, later, self.by, self.now, self.rng, True) | {
                "topic": "antenatal", "pregnant": "yes", "weeks": weeks + 4, "due_date": due,
                "note": "Khám thai định kỳ: tim thai bình thường; tiếp tục uống sắt, acid folic"})  # fmt: skip
        return rows

    # ------------------------------------------------------------------------------------ referrals

    def _referral(self, rid: int, at: datetime, facility: str, reason: str, outcome: tuple[str, str] | None,
                  *, urgent: bool = False, restricted: bool = False, back: int = 0, follow: int = 0,
                  companion: str = "") -> None:  # fmt: skip
        day = local_day(at)
        returned = day + timedelta(days=back) if outcome is not None else None
        follow_up = day + timedelta(days=follow) if follow else None
        self.referrals.append(_entry(rid, at, self.by, self.now, self.rng, restricted) | {
            "facility": facility, "reason": reason, "urgent": urgent,
            "accompanied_by": companion or f"Cán bộ {self.rng.choice(STAFF)}", "returned_on": returned,
            "result": outcome[0] if outcome else "", "follow_up_on": follow_up,
            "documents": outcome[1] if outcome else "",
            "closed": outcome is not None and (follow_up is None or follow_up <= self.today)})  # fmt: skip

    def visits(self) -> None:
        """The hospital tonight, the clinic leave passes, then ordinary visits up to about ten referrals."""
        rng = self.rng
        for p in self.patients:
            if p.status is Presence.HOSPITAL and p.since is not None:
                self._referral(p.rid, p.since - timedelta(minutes=30), words.HOSPITAL, words.PNEUMONIA, None,
                               urgent=True)  # fmt: skip
        passes = self.s.execute(
            select(LeavePass.resident_id, LeavePass.leaves_at, LeavePass.returned_at, LeavePass.destination,
                   LeavePass.companion).where(LeavePass.reason == CLINIC).order_by(LeavePass.leaves_at, LeavePass.id)
        ).all()  # fmt: skip
        for i, (rid, leaves, returned, where, companion) in enumerate(passes):
            visit = words.VISITS[i % len(words.VISITS)]
            at = leaves - timedelta(minutes=20)
            if returned is None:
                self._referral(rid, at, where, words.OPEN_VISIT, None, companion=companion)
            else:
                self._referral(rid, at, where, visit[0], visit[1:], companion=companion,
                               follow=rng.choice((0, 0, 14, 30)))  # fmt: skip
        others = [p for p in self.patients if p.arrived < self.now - timedelta(days=10)]
        for p in rng.sample(others, max(0, min(REFERRALS - len(self.referrals), len(others)))):
            end = min(p.left or self.now, self.now) - timedelta(days=3)
            first = p.arrived + timedelta(days=3)
            if end <= first or p.is_away(end):
                continue
            day = local_day(first + (end - first) * rng.random())
            visit = rng.choice(words.VISITS)
            self._referral(p.rid, local_moment(day, time(7, 30)), rng.choice((words.HOSPITAL, _district(day))),
                           visit[0], visit[1:], follow=rng.choice((0, 0, 30)))  # fmt: skip

    # ------------------------------------------------------------------------------------ struck out

    def strike(self, notes: list[Row]) -> tuple[list[Row], list[Row]]:
        """A note typed with a wrong temperature and a referral typed twice, each struck out with a reason."""
        rng, struck = self.rng, []
        well = {p.rid: p for p in self.patients if not p.pregnant}
        old = [n for n in notes if n["occurred_at"] < self.now - timedelta(days=7) and n["temperature"] < 37
               and n["resident_id"] in well]  # fmt: skip
        if old:
            n = rng.choice(old)
            p, day = well[n["resident_id"]], local_day(n["occurred_at"])
            wrong = n | {"temperature": Decimal("39.5"), "note": "Sốt", "evolution": "worse"}
            wrong |= vitals.derive(wrong, Context(p.age(day), p.sex, False, day))
            struck.append((NURSING_NOTE.code, wrong, "Nhập sai nhiệt độ (36,5 °C ghi nhầm thành 39,5 °C); đã ghi lại"))
        closed = [r for r in self.referrals if r["closed"] and not r["restricted"]]
        if closed:
            r = rng.choice(closed)
            struck.append((REFERRAL.code, dict(r), "Nhập trùng với phiếu chuyển tuyến đã ghi cùng ngày"))
        rows, revisions = [], []
        for code, row, reason in struck:
            at = min(row["recorded_at"] + timedelta(minutes=rng.randint(10, 60)), self.now)
            kept = {k: str(v) if isinstance(v, Decimal) else v.isoformat() if isinstance(v, date) else v
                    for k, v in row.items() if k not in _COMMON}  # fmt: skip
            kept |= {"_occurred_at": row["occurred_at"].isoformat(), "_restricted": False, "_struck_reason": ""}
            rows.append((code, row | {"struck_at": at, "struck_by": self.by, "struck_reason": reason, "version": 2}))
            revisions.append({"kind": code, "version": 1, "values_json": json.dumps(kept, ensure_ascii=False),
                              "changed_at": at, "changed_by": self.by})  # fmt: skip
        ids = [_insert(self.s, NursingNote if code == NURSING_NOTE.code else Referral, [row], ids=True)[0]
               for code, row in rows]  # fmt: skip
        for revision, entry_id in zip(revisions, ids, strict=True):
            revision["entry_id"] = entry_id
        return [row for _code, row in rows], revisions


_COMMON = {"resident_id", "occurred_at", "recorded_at", "recorded_by", "restricted", "struck_at", "struck_by",
           "struck_reason", "version"}  # fmt: skip


def fill(s: Session, roster: Roster, by: int | None, now: datetime) -> HealthFigures:
    """The health records of the stored residents (in the caller's transaction)."""
    started = clock.perf_counter()
    demo = _Demo(s, roster, by, now)
    checks = demo.checks()
    tests, reproductive = demo.restricted({c["resident_id"]: c["occurred_at"] for c in checks})
    for model, rows in ((HealthCheck, checks), (HealthTest, tests), (ReproductiveEntry, reproductive)):
        _insert(s, model, rows)  # before the notes: a pregnant woman's NEWS2 depends on them
    ward = Ward(s, demo.rng, by, now)
    ward.plan_episodes(demo.patients)
    ward.notes(demo.patients)
    _insert(s, NursingNote, ward.care.notes)
    plans = Pharmacy(ward).medicines(demo.patients)
    doses = []
    for plan_id, (_plan, records) in zip(_insert(s, MedicationPlan, [p for p, _d in plans], ids=True), plans,
                                         strict=True):  # fmt: skip
        doses += [d | {"plan_id": plan_id} for d in records]
    _insert(s, DoseRecord, doses)
    demo.visits()
    _insert(s, Referral, demo.referrals)
    struck, revisions = demo.strike(ward.care.notes)
    _insert(s, EntryRevision, revisions)
    day_ago = now - timedelta(hours=24)
    return HealthFigures(
        checks=len(checks), notes=len(ward.care.notes) + sum("temperature" in r for r in struck),
        alerts=sum(n["news2_alert"] and n["occurred_at"] > day_ago for n in ward.care.notes), plans=len(plans),
        doses=len(doses), gaps=ward.care.gaps, referrals=len(demo.referrals) + sum("facility" in r for r in struck),
        open_referrals=sum(r["returned_on"] is None for r in demo.referrals), tests=len(tests),
        reproductive=len(reproductive), struck=len(struck), seconds=clock.perf_counter() - started,
    )  # fmt: skip
