"""Demo care plans (Circular 02/2020): each resident in the centre is assessed in her first days; from the second
week she has a plan written by the counsellor "tuvan" and approved by the director, reviewed monthly; those here
longest have a second version that replaced the first. So that every list shows something: one plan waits for
approval, one came back with the director's comment, one is a draft, two reviews are overdue; a few residents who
left this year have their closing evaluation. Actions use only the support the person is entitled to (Law 53/2024
Art. 37). Invented words; no real person or case. Rows are written in the caller's transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.care_plan import (
    CarePlan,
    CarePlanAction,
    CarePlanDecision,
    CarePlanEvaluation,
    CarePlanReview,
    NeedsAssessment,
)
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.care_plan.rules import add_months
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.documents.paper import entitlement_keys
from centre_desk.services.lodging.common import local_day

ACTIONS: dict[str, tuple[str, ...]] = {
    "essential": ("Cấp quần áo, đồ dùng cá nhân theo mùa", "Bố trí chỗ ở, chế độ ăn theo định mức"),
    "medical": ("Khám sức khỏe tổng quát tại Bệnh viện Đa khoa tỉnh", "Điều trị viêm da, theo dõi cân nặng hằng tuần",
                "Khám phụ khoa và tư vấn sức khỏe sinh sản"),
    "interpretation": ("Bố trí cán bộ phiên dịch tiếng Mông trong các buổi làm việc",),
    "legal_information": ("Tư vấn về quyền của nạn nhân và chế độ hỗ trợ",),
    "legal_aid": ("Đề nghị Trung tâm Trợ giúp pháp lý tỉnh hỗ trợ làm lại giấy tờ tùy thân",
                  "Hỗ trợ em cung cấp lời khai cho cơ quan điều tra"),
    "travel": ("Hỗ trợ tiền đi lại khi về địa phương",),
    "psychological": ("Tư vấn tâm lý cá nhân hằng tuần", "Sinh hoạt nhóm kỹ năng sống hằng tháng"),
    "schooling": ("Liên hệ nhà trường để em học tiếp năm học này", "Hỗ trợ sách vở, đồ dùng học tập"),
    "vocational": ("Học nghề may công nghiệp 3 tháng", "Tư vấn việc làm tại Trung tâm Dịch vụ việc làm tỉnh"),
    "initial_allowance": ("Lập hồ sơ trợ cấp khó khăn ban đầu",),
}  # fmt: skip
OBJECTIVES = (
    "Ổn định sức khỏe và tâm lý; có lại giấy tờ tùy thân; chuẩn bị về với gia đình an toàn.",
    "Em được chăm sóc sức khỏe, tiếp tục đi học và trở về gia đình khi điều kiện an toàn.",
    "Phục hồi sức khỏe, học một nghề phù hợp để tự lập sau khi rời Trung tâm.",
)
NEEDS = (
    "Chữa trị vết thương ở tay, ngủ kém; muốn về nhà nhưng sợ người môi giới ở gần nhà.",
    "Cần làm lại giấy khai sinh, căn cước; muốn học tiếp lớp 9; gia đình khó khăn.",
    "Cần tư vấn tâm lý; muốn học nghề may; bố mẹ chưa biết em đã về nước.",
)
RETURN_COMMENT = "Bổ sung hoạt động học nghề và thời hạn cụ thể cho từng việc; ghi rõ người phụ trách."
REVIEWS = (
    ("on_track", "Đã khám sức khỏe, bắt đầu tư vấn tâm lý hằng tuần.", "Em ngủ tốt hơn.", "Tiếp tục theo kế hoạch."),
    ("partly", "Đã nộp hồ sơ làm giấy tờ; chưa liên hệ được nhà trường.", "Gia đình đã liên lạc.",
     "Liên hệ lại nhà trường trong tháng."),
    ("on_track", "Em tham gia đủ các buổi sinh hoạt nhóm.", "", "Chuẩn bị cho việc về gia đình."),
)  # fmt: skip


@dataclass(frozen=True)
class CarePlanFigures:
    assessments: int = 0
    plans: int = 0
    waiting: int = 0
    reviews: int = 0
    evaluations: int = 0


class _Writer:
    def __init__(self, s: Session, rng: random.Random, writer: int, director: int | None, now: datetime) -> None:
        self.s, self.rng, self.writer, self.director, self.now = s, rng, writer, director, now
        self.today = local_day(now)
        self.common = {"version": 1, "restricted": False, "struck_reason": "", "recorded_by": writer}
        self.assessments: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.evaluations: list[dict[str, Any]] = []
        self.plans = self.waiting = 0
        self.children: set[int] = set()  # residents assessed as children
        self.overdue_left = 2  # plans whose monthly review is left overdue

    def entry(self, rid: int, at: datetime) -> dict[str, Any]:
        return self.common | {"resident_id": rid, "occurred_at": at, "recorded_at": at + timedelta(minutes=40)}

    def assess(self, rid: int, at: datetime, child: bool) -> None:
        if child:
            self.children.add(rid)
        self.assessments.append(self.entry(rid, at) | {
            "individual": "Em đang học tiểu học thì nghỉ học ở nhà trông em; hiền, ít nói." if child
            else "Học hết lớp 7 rồi nghỉ học đi làm thuê; hiền, chăm chỉ, ít nói.",
            "health": "Sức khỏe yếu khi mới về; ngủ kém.",
            "needs": NEEDS[1] if child else self.rng.choice((NEEDS[0], NEEDS[2])),
            "household_head": "Bố: Sùng A Páo, làm nương", "members": "Bố, mẹ, 4 anh chị em",
            "economy": self.rng.choice(("poor", "poor", "near_poor", "average")), "income": "Làm nương, chăn nuôi",
            "position": "Con thứ hai", "safety": "Người môi giới là người cùng bản, chưa bị bắt.",
            "risk": self.rng.choice(("low", "medium", "medium")),
            "wishes": "Muốn về nhà, đi học hoặc học nghề.",
            "guardian_view": "Bố mong em về nhà, đồng ý cho em học nghề." if child else "",
        })  # fmt: skip

    def plan(self, rid: int, number: int, written: datetime, categories: tuple[str, ...], status: str,
             returned: bool = False) -> CarePlan:  # fmt: skip
        start = local_day(written)
        child = rid in self.children
        approved = status in (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)
        p = CarePlan(
            version=1, resident_id=rid, number=number, status=status, objectives=self._objectives(child),
            period_from=start, period_to=add_months(start, 3), written_by=self.writer, written_at=written,
            approved_on=local_day(written + timedelta(days=2)) if approved else None,
        )  # fmt: skip
        self.s.add(p)
        self.s.flush()
        wanted = [c for c in ("medical", "psychological", "legal_aid", "schooling", "vocational", "essential")
                  if c in categories][: self.rng.randint(3, 5)]  # fmt: skip
        for n, category in enumerate(wanted):
            target = start + timedelta(days=self.rng.randint(14, 80))
            done = approved and target < self.today
            state = "done" if done and self.rng.random() < 0.8 else "in_progress" if approved else "planned"
            self.s.add(CarePlanAction(
                version=1, plan_id=p.id, position=n, category=category, action=self.rng.choice(ACTIONS[category]),
                responsible_id=self.writer, target_on=target, status=state, note="",
            ))  # fmt: skip
        self.decide(p, "written", written, self.writer)
        if status != PlanStatus.DRAFT:
            self.decide(p, "submitted", written + timedelta(hours=20), self.writer)
        if returned:
            self.decide(p, "returned", written + timedelta(days=1), self.director, RETURN_COMMENT)
            if status != PlanStatus.RETURNED:
                self.decide(p, "changed", written + timedelta(days=1, hours=4), self.writer)
                self.decide(p, "submitted", written + timedelta(days=1, hours=5), self.writer)
        if approved:
            self.decide(p, "approved", written + timedelta(days=2), self.director)
        self.plans += 1
        self.waiting += status == PlanStatus.SUBMITTED
        return p

    def _objectives(self, child: bool) -> str:
        return OBJECTIVES[1] if child else self.rng.choice((OBJECTIVES[0], OBJECTIVES[2]))

    def decide(self, p: CarePlan, what: str, at: datetime, by: int | None, comment: str = "") -> None:
        self.s.add(CarePlanDecision(plan_id=p.id, what=what, comment=comment, by=by, at=at))

    def review(self, rid: int, approved: date, until: date) -> None:
        """Monthly reviews from a month after approval up to `until`."""
        day = add_months(approved, 1)
        while day <= until:
            progress, done, changed, next_steps = self.rng.choice(REVIEWS)
            at = datetime.combine(day, datetime.min.time()).astimezone() + timedelta(hours=14)
            self.reviews.append(self.entry(rid, at) | {
                "progress": progress, "done": done, "changed": changed, "next_steps": next_steps,
                "new_version": False,
            })  # fmt: skip
            day = add_months(day, 1)

    def evaluate(self, rid: int, at: datetime) -> None:
        self.evaluations.append(self.entry(rid, at) | {
            "outcome": self.rng.choice(("reached", "reached", "partly")),
            "results": "Sức khỏe ổn định; đã có giấy tờ tùy thân; gia đình sẵn sàng đón em.",
            "remaining": "Cần tiếp tục theo dõi việc học tại địa phương.",
            "after": "Bàn giao cho UBND xã; cán bộ xã và Trung tâm liên lạc hằng tháng trong 6 tháng đầu.",
        })  # fmt: skip


def fill(s: Session, writer: int, director: int | None, now: datetime, seed: int = 13) -> CarePlanFigures:
    w = _Writer(s, random.Random(seed), writer, director, now)
    rows = s.execute(select(Resident, Admission).join(Admission, Admission.resident_id == Resident.id)
                     .where(Admission.arrived_at <= now).order_by(Admission.arrived_at)).all()  # fmt: skip
    here = [(r, a) for r, a in rows if a.discharged_at is None]
    special = iter(("submitted", "returned", "draft", "submitted"))  # the newest plans, for the lists to show
    for n, (person, admission) in enumerate(reversed(here)):  # newest first: the recent ones are the pending
        arrived, rid = admission.arrived_at, person.id
        if now - arrived < timedelta(days=4):
            continue
        age = (local_day(now).year - person.birth_year) if person.birth_year else None
        w.assess(rid, arrived + timedelta(days=3, hours=3), age is not None and age < 18)
        if now - arrived < timedelta(days=10):
            continue
        categories = entitlement_keys(person, admission)
        written = arrived + timedelta(days=7, hours=2)
        kind = next(special, None) if n < 12 else None
        if kind == "submitted":
            w.plan(rid, 1, written, categories, PlanStatus.SUBMITTED)
        elif kind == "returned":
            w.plan(rid, 1, written, categories, PlanStatus.RETURNED, returned=True)
        elif kind == "draft":
            w.plan(rid, 1, written, categories, PlanStatus.DRAFT)
        else:
            _approved_plans(w, rid, written, categories)
    for person, admission in [(r, a) for r, a in rows if a.discharged_at is not None][-8:]:
        assert admission.discharged_at is not None
        w.evaluate(person.id, admission.discharged_at - timedelta(days=2))
    for model, found in ((NeedsAssessment, w.assessments), (CarePlanReview, w.reviews),
                         (CarePlanEvaluation, w.evaluations)):  # fmt: skip
        table: Table = model.__table__  # type: ignore[assignment]
        for start in range(0, len(found), 500):
            s.execute(insert(table), found[start : start + 500])
    return CarePlanFigures(len(w.assessments), w.plans, w.waiting, len(w.reviews), len(w.evaluations))


def _approved_plans(w: _Writer, rid: int, written: datetime, categories: tuple[str, ...]) -> None:
    """Version 1 approved (some after a return); after four months a second version replaced it."""
    returned = w.rng.random() < 0.25
    second = written + timedelta(days=120)
    if second < w.now - timedelta(days=10):
        first = w.plan(rid, 1, written, categories, PlanStatus.SUPERSEDED, returned)
        assert first.approved_on is not None
        w.review(rid, first.approved_on, local_day(second))
        w.decide(first, "superseded", second + timedelta(days=2), w.director)
        latest = w.plan(rid, 2, second, categories, PlanStatus.APPROVED)
    else:
        latest = w.plan(rid, 1, written, categories, PlanStatus.APPROVED, returned)
    assert latest.approved_on is not None
    overdue = w.overdue_left > 0 and add_months(latest.approved_on, 1) < w.today - timedelta(days=5)
    w.overdue_left -= overdue
    w.review(rid, latest.approved_on, w.today - timedelta(days=40) if overdue else w.today)
