"""Demo discharges: every stay that ended has its approved discharge — most home to the family with the commune's
officer, some to a relative, a few transfers to another province's centre, a few who lived on their own or left
without permission —, its checklist done (a few items waived by the director with a reason), the safekeeping list
handed back (once an item missing) and the money returned. Among those in the centre now: three requests under
way (one decision late with items still open, one with a belonging missing, one just received) and one discharge
the director reopened because the family did not come.

Dates follow the stay: the Mẫu 09 a few days before she left, the decision due 7 working days after it on the
database's calendar, the approval the moment she left. Written in the caller's transaction (the demo generator
writes history: `guard.history_writes`), with its own random stream. Invented names; no real person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.discharge import BelongingReturn, Discharge, DischargeCheck, DischargeReopening
from centre_desk.models.resident import Admission, Belonging, Contact, Resident
from centre_desk.services.discharge import rules
from centre_desk.services.discharge.terms import Item, Reason, State
from centre_desk.services.lodging.common import age, local_day
from centre_desk.services.workdays import calendar_of

OFFICERS = ("Lò Văn Minh", "Tẩn Thị Mây", "Vàng A Sử", "Lường Văn Hải", "Giàng Thị Chư", "Điêu Chính Tuấn")
POSITIONS = ("Công chức văn hóa – xã hội", "Phó Chủ tịch Ủy ban nhân dân xã", "Chủ tịch Hội Liên hiệp Phụ nữ xã",
             "Cán bộ phụ trách công tác trẻ em")  # fmt: skip
CENTRES = (("Cơ sở Bảo trợ xã hội tỉnh Điện Biên", "Phường Điện Biên Phủ, tỉnh Điện Biên"),
           ("Trung tâm Công tác xã hội tỉnh Lào Cai", "Phường Cam Đường, tỉnh Lào Cai"),
           ("Trung tâm Bảo trợ xã hội tỉnh Sơn La", "Phường Chiềng Cơi, tỉnh Sơn La"))  # fmt: skip
RELATIVES = (
    ("Sùng A Páo", "chú ruột"),
    ("Lý Thị Mẩy", "dì ruột"),
    ("Hờ A Dê", "anh trai"),
    ("Vàng Thị Sua", "chị gái"),
)
WAIVERS = {
    Item.HEALTH_SUMMARY: "Em khỏe, không có bệnh cần theo dõi; trạm y tế xã đã có hồ sơ khám",
    Item.PAYMENTS: "Khoản hỗ trợ ban đầu chi tại xã theo đề nghị của xã",
    Item.FOLLOW_UP: "Xã nhận theo dõi theo kế hoạch của xã, Trung tâm gọi điện hằng tháng",
}
CONDITION = ("Sức khỏe ổn định, ăn ngủ tốt; tâm lý vững vàng hơn, mong được về nhà.",
             "Sức khỏe bình thường; em còn lo lắng khi nhắc lại chuyện cũ, đã được tư vấn.",
             "Sức khỏe ổn định; em vui vẻ, đã liên lạc thường xuyên với gia đình.")  # fmt: skip
SUPPORT = "Tiền ăn đường, tiền tàu xe về địa phương; quần áo, đồ dùng cá nhân; trợ cấp khó khăn ban đầu."
FOLLOW_UP = "Cán bộ xã thăm em sau 1, 3, 6 và 12 tháng; Trung tâm gọi điện hằng tháng trong năm đầu."
MISSING = "Không tìm thấy khi kiểm lại kho; đã lập biên bản"
LATE_REASON = "Gia đình đề nghị cho em về ăn Tết cùng gia đình"


@dataclass(frozen=True)
class DischargeFigures:
    approved: int = 0
    transfers: int = 0
    waived: int = 0
    open_requests: int = 0
    reopened: int = 0


@dataclass
class _Stay:
    person: Resident
    admission: Admission
    family: tuple[str, str, str, str]  # name, relation, phone, address
    belongings: list[Belonging]


def _reason(rng: random.Random, person: Resident, on: datetime) -> Reason:
    minor = rules.is_minor(age(person, local_day(on)))
    roll = rng.random()
    if roll < 0.07:
        return Reason.TRANSFER
    if roll < 0.10:
        return Reason.ABSCONDED
    if roll < 0.22:
        return Reason.RELATIVE
    if roll < 0.30 and not minor:
        return Reason.INDEPENDENT
    return Reason.FAMILY


class _Writer:
    def __init__(self, s: Session, rng: random.Random, by: int | None, now: datetime) -> None:
        self.s, self.rng, self.by, self.now = s, rng, by, now
        self.calendar = calendar_of(s)
        self.checks: list[dict[str, Any]] = []
        self.returns: list[dict[str, Any]] = []
        self.waived = 0

    def request(self, stay: _Stay, reason: Reason, applied: datetime, planned_days: int) -> Discharge:
        p, a = stay.person, stay.admission
        application = None if reason in (Reason.ABSCONDED, Reason.DEATH) else local_day(applied)
        name, relation, phone, address = stay.family
        officer = self.rng.choice(OFFICERS)
        d = Discharge(
            version=1, admission_id=a.id, resident_id=p.id, reason=reason, planned_on=local_day(applied)
            + timedelta(days=planned_days), application_on=application,
            applicant_name=(p.guardian_name or p.full_name) if application else "",
            applicant_relation=(p.guardian_relation if p.guardian_name else "") if application else "",
            decision_due_on=rules.deadline(self.calendar, application), state=State.REQUESTED,
            requested_at=applied, requested_by=self.by, reason_note="",
            commune_officer=officer if reason != Reason.TRANSFER else "",
            commune_officer_position=self.rng.choice(POSITIONS) if reason != Reason.TRANSFER else "",
            commune_name=f"xã {p.home_commune}" if p.home_commune and reason != Reason.TRANSFER else "",
            commune_province=f"tỉnh {p.home_province}" if p.home_province and reason != Reason.TRANSFER else "",
            condition_on_leaving=self.rng.choice(CONDITION), support_given=SUPPORT, follow_up_arrangements=FOLLOW_UP,
        )  # fmt: skip
        if reason == Reason.FAMILY:
            d.family_name, d.family_relation, d.family_phone, d.family_address = name, relation, phone, address
            d.family_id_number = "".join(str(self.rng.randint(0, 9)) for _n in range(12))
        elif reason == Reason.RELATIVE:
            d.family_name, d.family_relation = self.rng.choice(RELATIVES)
            d.family_address = address
        elif reason == Reason.TRANSFER:
            d.receiving_centre, d.receiving_address = self.rng.choice(CENTRES)
            d.package_papers = "case-summary"
        return d

    def checklist(self, d: Discharge, person: Resident, done_at: datetime, open_items: tuple[str, ...] = (),
                  waive: bool = False) -> None:  # fmt: skip
        minor = rules.is_minor(age(person, d.planned_on))
        for n, item in enumerate(rules.items_for(minor)):
            at = done_at - timedelta(hours=len(Item) - n)
            state, note = "done", "Đã làm"
            if item in open_items:
                state, note, at = "open", "", None  # type: ignore[assignment]
            elif waive and item in WAIVERS and self.rng.random() < 0.5:
                state, note = "waived", WAIVERS[Item(item)]
                self.waived += 1
            elif item == Item.CHILD_GUARDIAN:
                note = "Cha mẹ có mặt khi bàn giao" if d.reason == Reason.FAMILY else "Cán bộ bảo vệ trẻ em xã có mặt"
            self.checks.append({"version": 1, "discharge_id": d.id, "item": item, "state": state, "note": note,
                                "changed_at": at, "changed_by": self.by if at else None})  # fmt: skip

    def hand_back(self, d: Discharge, items: list[Belonging], at: datetime, missing: bool = False) -> None:
        for n, b in enumerate(items):
            short = missing and n == len(items) - 1
            self.returns.append({"version": 1, "discharge_id": d.id, "belonging_id": b.id, "at": at, "by": self.by,
                                 "quantity": b.quantity - 1 if short else b.quantity,
                                 "missing_note": MISSING if short else ""})  # fmt: skip


def _stays(s: Session) -> list[_Stay]:
    families: dict[int, tuple[str, str, str, str]] = {}
    for c in s.scalars(select(Contact).order_by(Contact.id)):
        families.setdefault(c.resident_id, (c.name, c.relation or "người nhà", c.phone, c.address))
    items: dict[int, list[Belonging]] = {}
    for b in s.scalars(select(Belonging).order_by(Belonging.position, Belonging.id)):
        items.setdefault(b.admission_id, []).append(b)
    found = s.execute(select(Resident, Admission).join(Admission, Admission.resident_id == Resident.id)
                      .order_by(Admission.arrived_at, Admission.id)).all()  # fmt: skip
    return [
        _Stay(p, a, families.get(p.id) or (p.guardian_name or "Giàng A Tủa", p.guardian_relation or "bố", "",
                                           f"xã {p.home_commune}, tỉnh {p.home_province}"), items.get(a.id, []))
        for p, a in found
    ]  # fmt: skip


def fill(s: Session, by: int | None, now: datetime, seed: int = 29) -> DischargeFigures:
    rng = random.Random(seed)
    w = _Writer(s, rng, by, now)
    stays = _stays(s)
    left = [st for st in stays if st.admission.discharged_at is not None]
    here = [st for st in stays if st.admission.discharged_at is None and st.admission.arrived_at < now - timedelta(
        days=20)]  # fmt: skip
    made: list[tuple[_Stay, Discharge, str]] = []
    for st in left:
        gone = st.admission.discharged_at
        assert gone is not None
        reason = _reason(rng, st.person, gone)
        applied = max(st.admission.arrived_at + timedelta(hours=2), gone - timedelta(days=rng.randint(2, 6), hours=3))
        d = w.request(st, reason, applied, (local_day(gone) - local_day(applied)).days)
        d.state, d.decided_at, d.decided_by, d.leaves_at = State.APPROVED, gone, by, gone
        d.money_returned_vnd, d.money_other_returned = st.admission.money_vnd, st.admission.money_other
        made.append((st, d, "approved"))
    stages = ("late", "missing", "fresh", "reopened")
    chosen = [st for st in here if st.belongings] or here  # some belongings to hand back
    for stage, st in zip(stages, reversed(chosen), strict=False):  # the longest stays among those here now
        days = {"late": 15, "missing": 5, "fresh": 2, "reopened": 12}[stage]
        d = w.request(st, Reason.FAMILY, now - timedelta(days=days, hours=4), days + 3)
        if stage == "late":
            d.reason_note = LATE_REASON
        if stage == "reopened":
            d.state, d.decided_at, d.decided_by = State.REOPENED, now - timedelta(days=8), by
            d.leaves_at = d.decided_at
        made.append((st, d, stage))
    s.add_all([d for _st, d, _stage in made])
    s.flush()
    for st, d, stage in made:
        if stage == "approved":
            assert d.decided_at is not None
            w.checklist(d, st.person, d.decided_at, waive=True)
            w.hand_back(d, st.belongings, d.decided_at - timedelta(hours=1), missing=rng.random() < 0.03)
        elif stage == "late":
            w.checklist(d, st.person, now - timedelta(days=3), open_items=(Item.BELONGINGS, Item.RECEIVING_PARTY,
                                                                          Item.FOLLOW_UP))  # fmt: skip
        elif stage == "missing":
            w.checklist(d, st.person, now - timedelta(days=1), open_items=(Item.BELONGINGS, Item.CARE_PLAN))
            w.hand_back(d, st.belongings, now - timedelta(days=1), missing=True)
        elif stage == "fresh":
            w.checklist(d, st.person, now, open_items=tuple(Item))
        else:
            assert d.decided_at is not None
            w.checklist(d, st.person, d.decided_at)
            w.hand_back(d, st.belongings, d.decided_at - timedelta(hours=1))
            s.add(DischargeReopening(discharge_id=d.id, admission_id=st.admission.id, was_discharged_at=d.decided_at,
                                     reason="Gia đình không đến đón như đã hẹn; em ở lại Trung tâm chờ xã bố trí",
                                     at=d.decided_at + timedelta(hours=20), by=by))  # fmt: skip
    tables: tuple[tuple[Table, list[dict[str, Any]]], ...] = (
        (DischargeCheck.__table__, w.checks),
        (BelongingReturn.__table__, w.returns),
    )  # type: ignore[assignment]
    for table, rows in tables:
        for start in range(0, len(rows), 500):
            s.execute(insert(table), rows[start : start + 500])
    s.flush()
    approved = [d for _st, d, stage in made if stage == "approved"]
    return DischargeFigures(
        approved=len(approved), transfers=sum(d.reason == Reason.TRANSFER for d in approved), waived=w.waived,
        open_requests=sum(stage in ("late", "missing", "fresh") for _st, _d, stage in made),
        reopened=sum(stage == "reopened" for _st, _d, stage in made),
    )  # fmt: skip
