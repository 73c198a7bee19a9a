"""Register lines for the demo's discharge papers: the decision to end assistance and the hand-over record of every
approved discharge of the last year (written by the discharge part of the demo), numbered with the admission papers
in the order they were issued (services/demo/papers.write_in_order). As for the admission papers
(services/demo/papers.py) no PDF is made: printing one again gives its copy from the stored snapshot."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.discharge import Discharge
from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.discharge import document_of
from centre_desk.reports.discharge_inputs import REGISTERED
from centre_desk.services.demo.papers import REGISTER_DAYS, Job, write_in_order
from centre_desk.services.discharge.paper_input import APPROVED, discharge_paper, paper_day
from centre_desk.services.discharge.papers import paper_kind, signer_of
from centre_desk.services.documents import register, snapshot
from centre_desk.services.lodging.common import local_day, staff_names

ISSUED_AFTER = timedelta(hours=2)  # the papers are printed a little after the approval


def discharge_jobs(s: Session, issued_by: int | None, now: datetime) -> list[Job]:
    """The decision and the hand-over record of each approved discharge of the last year, to be written in order of
    issue with the admission papers (`papers.write_in_order`)."""
    since = now - timedelta(days=REGISTER_DAYS)
    approved = s.scalars(select(Discharge).where(Discharge.state == APPROVED, Discharge.decided_at.is_not(None),
                                                 Discharge.decided_at >= since)
                         .order_by(Discharge.decided_at, Discharge.id))  # fmt: skip
    officer = staff_names(s, [issued_by]).get(issued_by or 0, "")

    def job(discharge: Discharge, at: datetime) -> int:
        resident, admission = s.get(Resident, discharge.resident_id), s.get(Admission, discharge.admission_id)
        if resident is None or admission is None:
            return 0
        for kind, code in REGISTERED.items():
            paper = discharge_paper(s, resident, admission, discharge, paper_day(kind, discharge, local_day(at)),
                                    officer)  # fmt: skip
            counter = register.lock_counter(s, code, paper.day.year)
            paper = replace(paper, number=str(register.next_number(counter)))
            doc = document_of(kind)(paper)
            name, title = signer_of(kind)(paper)
            issue = register.Issue(paper_kind(kind, discharge.id), resident.id, admission.id, issued_by, at)
            register.add_line(s, issue, register.Signed(code, int(paper.number), name, title), doc,
                              snapshot.dump_any(paper), None)  # fmt: skip
        return len(REGISTERED)

    jobs: list[Job] = []
    for discharge in approved:
        assert discharge.decided_at is not None
        at = min(discharge.decided_at + ISSUED_AFTER, now)
        jobs.append((at, lambda d=discharge, at=at: job(d, at)))  # type: ignore[misc]
    return jobs


def add_discharge_lines(s: Session, issued_by: int | None, now: datetime) -> int:
    """Register the papers of the last year's approved discharges; returns the number of lines."""
    return write_in_order(discharge_jobs(s, issued_by, now))
