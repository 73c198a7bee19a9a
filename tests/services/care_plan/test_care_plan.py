"""The care plan's life on both databases: written, submitted, approved only by a manager, returned with a comment
that stays, an approved plan changed only through a new version, the actions' categories held to the person's
entitlements (Law 53/2024 Art. 37) for each status, monthly reviews falling due, and the paper."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from centre_desk.errors import PermissionDenied, UserError, ValidationError, ValidationErrors
from centre_desk.models.care_plan import CarePlanDecision
from centre_desk.models.resident import VictimStatus
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.care_plan import rules
from centre_desk.services.care_plan.dto import ActionInput, PlanInput
from centre_desk.services.care_plan.service import CarePlanService
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed
from tests.reports.test_admission_papers import pdf_text
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import Clock, resident

pytestmark = pytest.mark.usefixtures("english")

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = local_day(NOW)
CONFIRMED = {"victim_status": VictimStatus.CONFIRMED, "status_issuer_kind": "police",
             "status_issuer": "Công an tỉnh Lai Châu", "status_number": "12/XN-CA", "status_date": TODAY}  # fmt: skip


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def plan(*categories: str, objectives: str = "Ổn định sức khỏe, học lại lớp 8") -> PlanInput:
    wanted = categories or ("medical",)
    actions = tuple(ActionInput(c, f"Hoạt động {n}", None, TODAY + timedelta(days=30)) for n, c in enumerate(wanted))
    return PlanInput(objectives, TODAY, TODAY + timedelta(days=90), actions)


def test_only_a_manager_approves_and_a_returned_plan_keeps_the_comment(
    installed: Installed, people: dict[Role, Actor]
) -> None:
    plans = installed.centre.care_plans
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", NOW - timedelta(days=3))
    worker = people[Role.INTAKE]
    draft = plans.write(worker, rid, plan("medical", "psychological"))
    assert (draft.number, draft.status) == (1, PlanStatus.DRAFT)
    sent = plans.submit(worker, draft.id, draft.version)
    assert sent.status == PlanStatus.SUBMITTED
    for role in (Role.INTAKE, Role.NURSE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            plans.approve(people[role], sent.id, sent.version)
        with pytest.raises(PermissionDenied):
            plans.return_plan(people[role], sent.id, sent.version, "Thiếu hoạt động học nghề")
    with pytest.raises(UserError):
        plans.change(worker, sent.id, sent.version, plan("medical"))  # waiting: not changed under the manager
    with pytest.raises(ValidationError):
        plans.return_plan(installed.manager, sent.id, sent.version, "no")  # a comment one can act on
    back = plans.return_plan(installed.manager, sent.id, sent.version, "Bổ sung hoạt động học văn hóa")
    assert back.status == PlanStatus.RETURNED and back.return_comment == "Bổ sung hoạt động học văn hóa"
    changed = plans.change(worker, back.id, back.version, plan("medical", "psychological", "legal_aid"))
    again = plans.submit(worker, changed.id, changed.version)
    assert again.return_comment == "Bổ sung hoạt động học văn hóa"  # the comment stays with the plan's history
    approved = plans.approve(installed.manager, again.id, again.version)
    assert approved.status == PlanStatus.APPROVED and approved.approved_on == TODAY
    assert [d.what for d in approved.decisions] == [
        "written", "submitted", "returned", "changed", "submitted", "approved"
    ]  # fmt: skip
    assert len(approved.actions) == 3 and approved.actions[2].category.letter == "đ"


def test_an_approved_plan_changes_only_through_a_new_version(installed: Installed, people: dict[Role, Actor]) -> None:
    plans = installed.centre.care_plans
    rid = resident(installed.centre, installed.manager, "Lò Thị Xuân", NOW - timedelta(days=3))
    worker = people[Role.COUNSELLOR]
    first = plans.write(worker, rid, plan("medical"))
    first = plans.approve(installed.manager, *_submitted(plans, worker, first.id, first.version))
    with pytest.raises(UserError, match="new version"):
        plans.change(worker, first.id, first.version, plan("psychological"))
    second = plans.write(worker, rid, plan("medical", "psychological"))
    assert second.number == 2
    with pytest.raises(UserError):
        plans.write(worker, rid, plan("medical"))  # one version decided at a time
    state = plans.state(worker, rid)
    assert state.in_force is not None and state.in_force.id == first.id  # v1 stays in force until v2 is approved
    assert state.current is not None and state.current.id == second.id
    second = plans.approve(installed.manager, *_submitted(plans, worker, second.id, second.version))
    state = plans.state(worker, rid)
    assert state.in_force is not None and state.in_force.id == second.id
    assert [v.status for v in state.versions] == [PlanStatus.APPROVED, PlanStatus.SUPERSEDED]
    old = plans.version(worker, first.id)
    assert [a.category.key for a in old.actions] == ["medical"]  # the old version is kept as it was
    with installed.centre.sessions.begin() as s, pytest.raises(Exception):  # noqa: B017 (the trigger's own error)
        s.query(CarePlanDecision).delete()


def _submitted(plans: CarePlanService, actor: Actor, plan_id: int, version: int) -> tuple[int, int]:
    sent = plans.submit(actor, plan_id, version)
    return sent.id, sent.version


@pytest.mark.parametrize(
    ("changes", "letters"),
    [
        (CONFIRMED, "a b c d đ e g h i k"),  # a victim (confirmed): a–k
        ({}, "a b c d đ e g"),  # under identification: a–g
        ({"birth_year": NOW.year - 12, "accompanying_child": True}, "a b c d đ e g h"),  # accompanying child: a–h
        ({"ethnic_code": "55", "nationality": "Trung Quốc"}, "a b c d đ g"),  # a foreigner
    ],
)
def test_the_categories_offered_follow_the_art_37_matrix(
    installed: Installed, people: dict[Role, Actor], changes: dict[str, object], letters: str
) -> None:
    plans = installed.centre.care_plans
    rid = resident(installed.centre, installed.manager, "Vàng Thị Dua", NOW - timedelta(days=2), **changes)
    state = plans.state(people[Role.INTAKE], rid)
    assert " ".join(c.letter for c in state.categories) == letters
    offered = {c.key for c in state.categories}
    for key in ("schooling", "initial_allowance", "travel"):
        if key not in offered:
            with pytest.raises(ValidationErrors) as caught:
                plans.write(people[Role.INTAKE], rid, plan("medical", key))
            assert caught.value.problems[0][0] == "actions.1.category"


def test_the_rules_find_every_problem_at_once() -> None:
    bad = PlanInput(" ", TODAY, TODAY - timedelta(days=1), (ActionInput("schooling", ""), ActionInput("x", "y")))
    fields = [f for f, _m in rules.check_plan(bad, ("medical",))]
    assert fields == ["objectives", "period_to", "actions.0.category", "actions.0.action", "actions.1.category"]
    assert rules.check_plan(plan("medical"), ("medical",)) == []
    assert rules.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert rules.next_review(date(2027, 1, 10), None) == date(2027, 2, 10)
    assert rules.next_review(date(2027, 1, 10), date(2027, 2, 3)) == date(2027, 3, 3)


def test_reviews_fall_due_monthly_and_plans_wait_on_the_overview(
    installed: Installed, people: dict[Role, Actor]
) -> None:
    centre = installed.centre
    rid = resident(centre, installed.manager, "Sùng Thị Dợ", NOW - timedelta(days=70))
    clock = Clock(NOW - timedelta(days=60))
    early = CarePlanService(centre.sessions, centre.read_sessions, centre.audit, centre.access, clock=clock)
    worker = people[Role.INTAKE]
    first = early.write(worker, rid, plan("medical"))
    early.approve(installed.manager, *_submitted(early, worker, first.id, first.version))
    due = centre.care_plans.due(installed.manager)
    assert [(w.resident_id, w.number) for w in due.overdue] == [(rid, 1)] and due.waiting == ()
    review = EntryInput(NOW - timedelta(days=1), (("progress", "on_track"), ("done", "Khám sức khỏe")))
    centre.entries.save(worker, "care_plan_review", rid, None, None, review)
    assert centre.care_plans.due(installed.manager).overdue == ()
    state = centre.care_plans.state(worker, rid)
    assert state.in_force is not None
    assert state.in_force.next_review_on == rules.add_months(local_day(review.occurred_at), 1)
    other = resident(centre, installed.manager, "Lý Thị Mẩy", NOW - timedelta(days=5))
    waiting = centre.care_plans.write(worker, other, plan("medical"))
    centre.care_plans.submit(worker, waiting.id, waiting.version)
    assert [w.resident_id for w in centre.care_plans.due(installed.manager).waiting] == [other]
    with pytest.raises(PermissionDenied):
        centre.care_plans.due(staff(installed, Role.ADMINISTRATOR))


def test_a_child_assessment_needs_the_guardians_view(installed: Installed, people: dict[Role, Actor]) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Say", NOW - timedelta(days=2),
                   birth_year=NOW.year - 14)  # fmt: skip
    values = (("needs", "Học lại, chữa bệnh"), ("risk", "medium"))
    with pytest.raises(ValidationErrors) as caught:
        installed.centre.entries.save(people[Role.INTAKE], "needs_assessment", rid, None, None,
                                      EntryInput(NOW, values))  # fmt: skip
    assert [f for f, _m in caught.value.problems] == ["guardian_view"]
    row = installed.centre.entries.save(people[Role.INTAKE], "needs_assessment", rid, None, None,
                                        EntryInput(NOW, (*values, ("guardian_view", "Bố muốn em về nhà"))))  # fmt: skip
    assert row.value("risk") == "medium"
    with pytest.raises(PermissionDenied):
        installed.centre.entries.save(people[Role.NURSE], "needs_assessment", rid, None, None,
                                      EntryInput(NOW, (*values, ("guardian_view", "x"))))  # fmt: skip


def test_the_plan_prints_as_a_draft_then_numbered_once_approved(
    installed: Installed, people: dict[Role, Actor]
) -> None:
    centre = installed.centre
    rid = resident(centre, installed.manager, "Thào Thị Chơ", NOW - timedelta(days=3), **CONFIRMED)
    worker = people[Role.INTAKE]
    centre.entries.save(worker, "needs_assessment", rid, None, None,
                        EntryInput(NOW, (("needs", "Chữa trị vết thương, học nghề may"), ("risk", "low"))))  # fmt: skip
    first = centre.care_plans.write(worker, rid, plan("medical", "vocational", objectives="Học nghề may"))
    draft = centre.care_plan_papers.plan_pdf(worker, rid, issue=True)  # not approved: nothing issued
    text = pdf_text(draft.pdf)
    assert draft.entry is None and "DỰ THẢO" in text and "KẾ HOẠCH" in text and "Học nghề may" in text
    assert "Chữa trị vết thương" in text and "i) Hỗ trợ" in text
    centre.care_plans.approve(installed.manager, *_submitted(centre.care_plans, worker, first.id, first.version))
    issued = centre.care_plan_papers.plan_pdf(worker, rid, issue=True)
    assert issued.entry is not None and not issued.copy and "/KH-" in pdf_text(issued.pdf)
    again = centre.care_plan_papers.plan_pdf(worker, rid, issue=True)
    assert again.copy and again.entry is not None and again.entry.number == issued.entry.number
    assert "BẢN SAO" in pdf_text(again.pdf)
    with pytest.raises(PermissionDenied):
        centre.care_plan_papers.plan_pdf(people[Role.NURSE], rid)


def test_the_plans_steps_are_on_the_timeline_for_who_may_read_them(
    installed: Installed, people: dict[Role, Actor]
) -> None:

    centre = installed.centre
    rid = resident(centre, installed.manager, "Hầu Thị Chua", NOW - timedelta(days=3))
    worker = people[Role.INTAKE]
    draft = centre.care_plans.write(worker, rid, plan("medical"))
    sent = centre.care_plans.submit(worker, draft.id, draft.version)
    centre.care_plans.return_plan(installed.manager, sent.id, sent.version, "Ghi rõ thời hạn từng việc")
    lines = [i for i in centre.entries.timeline(worker, rid).items if i.source == "care_plan"]
    assert [line.text for line in lines] == [
        "Version 1: Returned for changes – Ghi rõ thời hạn từng việc", "Version 1: Submitted for approval",
        "Version 1: Written",
    ]  # fmt: skip
    assert lines[0].flag and lines[0].by == installed.manager.full_name
    admin = staff(installed, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        centre.entries.timeline(admin, rid)
