"""The demo's care plans: everyone in the centre a while is assessed and has a plan (only support she is entitled
to), the Overview's lists have something to show (a plan waiting, one returned with its comment, reviews overdue),
and the plan prints."""

from __future__ import annotations

from sqlalchemy import func, select

from centre_desk.models.care_plan import CarePlan, CarePlanAction, CarePlanEvaluation, NeedsAssessment
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.demo.create import populate
from centre_desk.services.documents.paper import entitlement_keys
from tests.conftest import Installed
from tests.reports.test_admission_papers import pdf_text


def test_the_demo_has_living_care_plans(installed: Installed) -> None:
    summary = populate(installed.centre, 120, seed=3)
    figures = summary.care_plans
    assert figures.assessments >= 8 and figures.plans >= 8 and figures.reviews >= 8 and figures.evaluations > 0
    with installed.centre.sessions() as s:
        statuses = dict(s.execute(select(CarePlan.status, func.count()).group_by(CarePlan.status)).all())
        assert {"approved", "submitted", "returned", "draft"} <= set(statuses)
        for plan in s.scalars(select(CarePlan)):
            person = s.get(Resident, plan.resident_id)
            assert person is not None
            admission = s.scalars(select(Admission).where(Admission.resident_id == person.id)
                                  .order_by(Admission.arrived_at.desc())).first()  # fmt: skip
            assert admission is not None
            allowed = set(entitlement_keys(person, admission))
            used = set(s.scalars(select(CarePlanAction.category).where(CarePlanAction.plan_id == plan.id)))
            assert used and used <= allowed
        assert s.scalar(select(func.count()).select_from(NeedsAssessment)) == figures.assessments
        assert s.scalar(select(func.count()).select_from(CarePlanEvaluation)) == figures.evaluations
        approved = s.scalars(select(CarePlan.resident_id).where(CarePlan.status == PlanStatus.APPROVED)).first()
    due = installed.centre.care_plans.due(installed.manager)
    assert len(due.waiting) == figures.waiting >= 1 and len(due.overdue) >= 1
    assert approved is not None
    paper = installed.centre.care_plan_papers.plan_pdf(installed.manager, approved)
    text = pdf_text(paper.pdf)
    print(text)
    assert "KẾ HOẠCH" in text and "DỮ LIỆU MẪU" in text
