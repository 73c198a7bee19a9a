"""CarePlanPapers: the care and support plan on paper (reports/care_plan.py), with its permissions, its number from
the outgoing-document register and its audit rows.

* PRINT on CARE_PLAN (and VIEW on IDENTITY: the paper names the person) prints the newest version unnumbered — a
  plan not yet approved carries "DỰ THẢO" (draft), an approved one "BẢN XEM TRƯỚC" (preview).
* `issue=True` also needs CREATE on REGISTER: the plan in force takes the next number of the register's "KH"
  sequence, in the same transaction as its audit row; each approved version is one document ("care-plan-2"), and
  printing it again gives a "BẢN SAO" of the issued text, same number. With no approved plan nothing is issued:
  the draft is printed as above.

A demo database's papers carry the demo watermark. Audit rows name the resident by id, never the plan's text.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.care_plan import CarePlan, NeedsAssessment
from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.care_plan import KIND_CODE, CarePlanPaper, PaperAction, care_plan_document, render_care_plan
from centre_desk.reports.marks import DEMO_WATERMARK, PREVIEW_STAMP, PageMarks
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.base import Service
from centre_desk.services.care_plan import store
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.documents import register
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.services.documents.paper import centre_header, latest_admission, person_of, resident_by
from centre_desk.services.documents.words import SUPPORT_WORDS
from centre_desk.services.lodging.common import local_day, staff_names
from centre_desk.services.settings import details_on
from centre_desk.text import nfc

log = logging.getLogger(__name__)

KIND = "care-plan"  # the print command's kind; a version's register line is "care-plan-<n>"
DRAFT_STAMP = "DỰ THẢO"
STATUS_WORDS = {
    "planned": "Chưa bắt đầu",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "dropped": "Không thực hiện",
}


def paper_kind(number: int) -> str:
    return f"{KIND}-{number}"


class CarePlanPapers(Service):
    def plan_pdf(self, actor: Actor, resident_id: int, issue: bool = False) -> IssuedPaper:
        """The resident's plan: the newest version unnumbered, or with `issue` the approved one, numbered."""
        return self._print(actor, issue, resident_id=resident_id)

    def plan_pdf_by_code(self, actor: Actor, code: str, issue: bool = False) -> IssuedPaper:
        """The same, found by the resident code (LC-2026-0007), for the command line."""
        return self._print(actor, issue, code=" ".join(nfc(code).split()).upper())

    # ------------------------------------------------------------------------------------------ inside

    def _print(self, actor: Actor, issue: bool, *, resident_id: int | None = None, code: str = "") -> IssuedPaper:
        needs = [(Action.VIEW, FieldGroup.IDENTITY)] + ([(Action.CREATE, FieldGroup.REGISTER)] if issue else [])
        with self._access.unit(
            actor, Action.PRINT, FieldGroup.CARE_PLAN, record_type="resident",
            record_id=resident_id if resident_id is not None else code, also=needs,
        ) as (s, cur):  # fmt: skip
            person = resident_by(s, resident_id, code)
            versions = store.versions(s, person.id)
            if not versions:
                raise NotFound(_("This resident has no care plan yet."))
            admission = latest_admission(s, person)
            today = local_day(self._clock())
            demo = is_demo_session(s)
            approved = next((p for p in versions if p.status == PlanStatus.APPROVED), None)
            if not issue or approved is None:
                plan = versions[0]
                stamp = PREVIEW_STAMP if plan.status == PlanStatus.APPROVED else DRAFT_STAMP
                pdf = render_care_plan(self._input(s, person, admission, plan, today), _marks(demo, stamp))
                self._audit.record(s, cur, "care_plan.printed", record_type="resident", record_id=person.id,
                                   field_group=FieldGroup.CARE_PLAN)  # fmt: skip
                return IssuedPaper(KIND, person.code, pdf, None)
            return self._issue(s, cur, person, admission, approved, today, demo)

    def _issue(self, s: Session, cur: Actor, person: Resident, admission: Admission, plan: CarePlan, today: date,
               demo: bool) -> IssuedPaper:  # fmt: skip
        job = register.Numbered(paper_kind(plan.number), KIND_CODE, today.year, person.id, admission.id,
                                self._input(s, person, admission, plan, today), care_plan_document)  # fmt: skip
        done = register.issue_or_copy(s, job, cur.account_id, today, demo)
        if done.copy:
            self._recorded(s, cur, "care_plan.copied", person.id)
        else:
            self._recorded(s, cur, "care_plan.issued", person.id)
        log.info("care plan %s: register line #%d", "copy" if done.copy else "issued", done.document_id)
        return IssuedPaper(KIND, person.code, done.pdf, register.entry(s, done.document_id, True), copy=done.copy)

    def _recorded(self, s: Session, cur: Actor, action: str, person_id: int) -> None:
        self._audit.record(
            s, cur, action, record_type="resident", record_id=person_id, field_group=FieldGroup.CARE_PLAN
        )

    @staticmethod
    def _input(s: Session, person: Resident, admission: Admission, plan: CarePlan, today: date,
               number: str = "") -> CarePlanPaper:  # fmt: skip
        rows = store.actions(s, plan.id)
        names = staff_names(s, [plan.written_by, *(a.responsible_id for a in rows)])
        assessment = s.scalar(
            select(NeedsAssessment)
            .where(NeedsAssessment.resident_id == person.id, NeedsAssessment.struck_at.is_(None))
            .order_by(NeedsAssessment.occurred_at.desc())
            .limit(1)
        )
        arrived = local_day(admission.arrived_at)
        return CarePlanPaper(
            centre=centre_header(details_on(s, today)), person=person_of(person, arrived), admitted_on=arrived,
            version=plan.number, objectives=plan.objectives, period_from=plan.period_from, period_to=plan.period_to,
            actions=tuple(
                PaperAction(
                    f"{terms.SUPPORT_CATEGORIES[a.category][0]}) {SUPPORT_WORDS.get(a.category, a.category)}",
                    a.action, names.get(a.responsible_id or 0, ""),
                    format_date(a.target_on) if a.target_on else "", STATUS_WORDS.get(a.status, a.status),
                )
                for a in rows
            ),
            assessed_on=local_day(assessment.occurred_at) if assessment is not None else None,
            needs=assessment.needs if assessment is not None else "",
            writer=names.get(plan.written_by or 0, ""), approved_on=plan.approved_on, day=today, number=number,
        )  # fmt: skip


def _marks(demo: bool, stamp: str = "", note: str = "") -> PageMarks:
    return PageMarks(watermark=DEMO_WATERMARK if demo else "", stamp=stamp, note=note)
