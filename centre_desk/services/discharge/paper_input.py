"""The discharge papers' input from the database (reports/discharge_inputs.py), every word in Vietnamese: the latest
discharge of the resident's latest admission, the belongings taken in and handed back, and for the case summary the
support given, the health in brief and — only the parts ticked — the sensitive ones.

No access control here: services/discharge/papers.py checks the rights and the sharing basis, then calls these
inside its unit of work.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.formatting import format_date, format_number
from centre_desk.i18n import _
from centre_desk.models.counselling import CounsellorNote
from centre_desk.models.discharge import BelongingReturn, Discharge
from centre_desk.models.payments import SupportPayment
from centre_desk.models.resident import Admission, Belonging, Consent, Resident
from centre_desk.models.schooling import SchoolEnrolment
from centre_desk.reports.discharge_inputs import (
    COUNSELLING_NOTES,
    NARRATIVE,
    SENSITIVE_HEALTH,
    SENSITIVE_PARTS,
    CaseFacts,
    DischargePaper,
    Receiving,
    Returned,
)
from centre_desk.reports.health import check_lines, medicine_text
from centre_desk.services import intake_terms as terms
from centre_desk.services.care_plan import store
from centre_desk.services.care_plan.papers import STATUS_WORDS
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.documents.paper import centre_header, facts_of, person_of
from centre_desk.services.documents.words import SUPPORT_WORDS
from centre_desk.services.health.summary import health_summary
from centre_desk.services.lodging.common import local_day, staff_names
from centre_desk.services.settings import details_on

REASON_WORDS = {  # services/discharge/terms.py keys (models/discharge.py)
    "family": "Trở về với gia đình",
    "transfer": "Chuyển đến cơ sở trợ giúp xã hội khác",
    "relative": "Về với người thân, gia đình nhận chăm sóc thay thế",
    "independent": "Sống độc lập",
    "absconded": "Tự ý rời khỏi cơ sở",
    "death": "Qua đời",
}
APPROVED, CANCELLED = "approved", "cancelled"
# The papers handed over with her (Discharge.package_papers holds their kinds): the decision always goes.
PAPER_WORDS = {
    "discharge-decision": "Quyết định dừng trợ giúp xã hội",
    "case-summary": "Tóm tắt hồ sơ",
    "health-summary": "Tóm tắt tình trạng sức khỏe",
    "care-plan": "Kế hoạch chăm sóc, trợ giúp",
    "belongings-return": "Biên bản giao trả tài sản giữ hộ",
    "admission-decision": "Quyết định tiếp nhận",
    "admission-record": "Biên bản tiếp nhận",
}


def latest_discharge(s: Session, admission: Admission) -> Discharge:
    """The newest discharge of the admission that was not cancelled."""
    found = s.scalar(
        select(Discharge)
        .where(Discharge.admission_id == admission.id, Discharge.state != CANCELLED)
        .order_by(Discharge.requested_at.desc(), Discharge.id.desc())
        .limit(1)
    )
    if found is None:
        raise NotFound(_("No discharge has been requested for this resident's stay."))
    return found


def sharing_basis(s: Session, resident_id: int) -> str:
    """What allows the case summary to leave the centre: the standing consent to share, or the legal basis recorded
    instead ("" when there is neither)."""
    rows = s.scalars(
        select(Consent)
        .where(
            Consent.resident_id == resident_id,
            Consent.kind == terms.ConsentKind.SHARING,
            Consent.withdrawn_on.is_(None),
        )
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    for consent in rows:
        if consent.given:
            who = consent.given_by.strip() or "đối tượng"
            return f"sự đồng ý chia sẻ thông tin của {who} ngày {format_date(consent.given_on)}"
        if consent.legal_basis.strip():
            return " ".join(consent.legal_basis.split())
    return ""


def _returned(s: Session, admission: Admission, discharge: Discharge) -> tuple[Returned, ...]:
    back = {
        r.belonging_id: r
        for r in s.scalars(select(BelongingReturn).where(BelongingReturn.discharge_id == discharge.id))
    }
    taken = s.scalars(select(Belonging).where(Belonging.admission_id == admission.id)
                      .order_by(Belonging.position, Belonging.id))  # fmt: skip
    out = []
    for item in taken:
        row = back.get(item.id)
        out.append(Returned(item.item, item.quantity, row.quantity if row else None, row.missing_note if row else ""))
    return tuple(out)


def handed_papers(discharge: Discharge) -> tuple[str, ...]:
    """The papers that go with her: the decision, and for a transfer the package chosen (the case summary first)."""
    kinds = ["discharge-decision", *discharge.package_papers.split()]
    if discharge.reason == "transfer" and "case-summary" not in kinds:
        kinds.insert(1, "case-summary")
    return tuple(dict.fromkeys(PAPER_WORDS.get(k, k) for k in kinds))


def _ends_on(discharge: Discharge) -> date:
    return local_day(discharge.leaves_at) if discharge.leaves_at is not None else discharge.planned_on


def paper_day(kind: str, discharge: Discharge, today: date) -> date:
    """The paper's date: the decision's is the approval's; the hand-over and the return are dated the day she leaves;
    the application the day it was received; the summary is dated when printed. Before approval: today."""
    if discharge.state != APPROVED and kind != "discharge-application":
        return today
    if kind == "discharge-decision" and discharge.decided_at is not None:
        return local_day(discharge.decided_at)
    if kind in ("handover", "belongings-return"):
        return _ends_on(discharge)
    if kind == "discharge-application":
        return discharge.application_on or today
    return today


def discharge_paper(
    s: Session, resident: Resident, admission: Admission, discharge: Discharge, day: date, officer: str
) -> DischargePaper:
    """Everything but the case summary's facts (`case_facts`)."""
    arrived = admission.arrived_at.astimezone()
    settings = details_on(s, day)
    facts = facts_of(resident, admission, arrived)
    returned = _returned(s, admission, discharge)
    recorded = discharge.state == APPROVED or discharge.money_returned_vnd > 0 or not admission.money_vnd
    names = staff_names(s, [discharge.requested_by])
    return DischargePaper(
        centre=centre_header(settings), person=person_of(resident, arrived.date()), admitted_on=arrived.date(),
        status=facts.status, reason=discharge.reason, reason_text=REASON_WORDS.get(discharge.reason, discharge.reason),
        ends_on=_ends_on(discharge), day=day, reason_note=discharge.reason_note,
        application_on=discharge.application_on, applicant_name=discharge.applicant_name,
        applicant_relation=discharge.applicant_relation,
        receiving=Receiving(
            discharge.family_name, discharge.family_relation, discharge.family_id_number, discharge.family_address,
            discharge.family_phone, discharge.commune_officer, discharge.commune_officer_position,
            discharge.commune_name, discharge.commune_province, discharge.receiving_centre,
            discharge.receiving_address,
        ),
        condition=discharge.condition_on_leaving, support_given=discharge.support_given,
        follow_up=discharge.follow_up_arrangements, documents=handed_papers(discharge), returned=returned,
        money_in_vnd=admission.money_vnd, money_in_other=admission.money_other,
        money_returned_vnd=discharge.money_returned_vnd if recorded else None,
        money_returned_other=discharge.money_other_returned,
        officer_name=names.get(discharge.requested_by or 0, officer),
        officer_title=settings.officer_title if settings is not None else "",
    )  # fmt: skip


# ------------------------------------------------------------------------------------------ case summary


def _support(s: Session, resident_id: int) -> tuple[str, ...]:
    plans = store.versions(s, resident_id)
    plan = next((p for p in plans if p.status == PlanStatus.APPROVED), plans[0] if plans else None)
    if plan is None:
        return ()
    return tuple(
        f"{terms.SUPPORT_CATEGORIES[a.category][0]}) {SUPPORT_WORDS.get(a.category, a.category)}: {a.action} "
        f"({STATUS_WORDS.get(a.status, a.status).lower()})"
        for a in store.actions(s, plan.id)
    )


def _schooling(s: Session, resident_id: int) -> tuple[str, ...]:
    e = SchoolEnrolment
    rows = s.scalars(select(e).where(e.resident_id == resident_id, e.struck_at.is_(None), e.restricted.is_(False))
                     .order_by(e.enrolled_on))  # fmt: skip
    return tuple(
        f"{r.school}{f', lớp {r.class_name}' if r.class_name.strip() else ''}: từ {format_date(r.enrolled_on)}"
        f"{f' đến {format_date(r.left_on)}' if r.left_on else ''}"
        for r in rows
    )


def _payments(s: Session, resident_id: int, admission: Admission) -> tuple[tuple[str, ...], int]:
    p = SupportPayment
    rows = s.execute(
        select(p.category, func.sum(p.amount))
        .where(
            p.resident_id == resident_id,
            p.struck_at.is_(None),
            p.status == "paid",
            p.occurred_at >= admission.arrived_at,
        )
        .group_by(p.category)
    ).all()
    sums = {str(category): int(total or 0) for category, total in rows}
    order = [k for k in terms.SUPPORT_CATEGORIES if k in sums] + sorted(set(sums) - set(terms.SUPPORT_CATEGORIES))
    lines = tuple(f"{SUPPORT_WORDS.get(k, k)}: {format_number(sums[k])} đồng" for k in order)
    return lines, sum(sums.values())


def _counselling_notes(s: Session, resident_id: int, admission: Admission) -> tuple[str, ...]:
    n = CounsellorNote
    rows = s.scalars(select(n).where(n.resident_id == resident_id, n.struck_at.is_(None),
                                     n.occurred_at >= admission.arrived_at).order_by(n.occurred_at))  # fmt: skip
    return tuple(
        f"{format_date(local_day(r.occurred_at))}: {' '.join(r.note.split())}"
        + (f" Hướng can thiệp: {' '.join(r.plan.split())}" if r.plan.strip() else "")
        for r in rows
    )


def case_facts(s: Session, resident: Resident, admission: Admission, today: date, include: frozenset[str]) -> CaseFacts:
    """The case summary's facts; the sensitive parts are read only when ticked in `include`."""
    health = health_summary(s, resident.id, today, SENSITIVE_HEALTH in include)
    brief = [*(check_lines(health.intake) if health.intake else [])]
    if health.medications:
        brief.append("Thuốc đang dùng: " + "; ".join(medicine_text(m) for m in health.medications))
    sensitive: list[str] = []
    if health.sensitive is not None:
        sensitive += [f"{format_date(t.taken_on)}: xét nghiệm {t.test}, kết quả {t.result.lower() or 'chưa có'}"
                      for t in health.sensitive.tests]  # fmt: skip
        sensitive += [
            f"{format_date(r.on)}: {r.topic}" + (f"; mang thai: {r.pregnant}" if r.pregnant.strip() else "")
            + (f" ({r.weeks} tuần)" if r.weeks else "") + (f"; {' '.join(r.note.split())}" if r.note.strip() else "")
            for r in health.sensitive.reproductive
        ]  # fmt: skip
        if admission.pregnancy_suspected:
            sensitive.append("Khi tiếp nhận: nghi có thai")
    payments, total = _payments(s, resident.id, admission)
    return CaseFacts(
        support=_support(s, resident.id), schooling=_schooling(s, resident.id), payments=payments,
        payments_total=total, health=tuple(brief), sharing_basis=sharing_basis(s, resident.id),
        included=tuple(p for p in SENSITIVE_PARTS if p in include),
        narrative=admission.narrative if NARRATIVE in include else "",
        sensitive_health=tuple(sensitive),
        counselling_notes=_counselling_notes(s, resident.id, admission) if COUNSELLING_NOTES in include else (),
    )  # fmt: skip
