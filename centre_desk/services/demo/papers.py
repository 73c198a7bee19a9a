"""Register lines for the demo's papers: the decisions and records of the last year's admissions (and, from
services/demo/discharge_papers.py, the last year's discharge papers), numbered in the order they were issued as the
centre would have — admission and discharge decisions share the QĐ series —, so the demo's outgoing-document register
looks lived in. No PDF is made for them (rendering hundreds of papers would slow the demo down): their hash is empty,
and printing one again gives its copy from the stored snapshot as for any issued paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.admission_papers import build_paper
from centre_desk.security.actor import Actor
from centre_desk.services.demo.data import Stay
from centre_desk.services.documents import register
from centre_desk.services.documents.paper import paper_for

REGISTER_DAYS = 365  # the admissions of the last year get their papers registered
REGISTER_MAX = 120  # at most this many admissions (two lines each)
PAPERS = ("admission-decision", "admission-record")
ISSUED_AFTER = timedelta(hours=3)  # papers are printed a few hours after the arrival


Job = tuple[datetime, Callable[[], int]]  # when the papers were issued, and what writes their lines (returns how many)


def register_jobs(s: Session, stays: Sequence[Stay], issued_by: int | None, now: datetime) -> list[Job]:
    """The papers of the recent `stays`, to be written in order of issue with the other papers (`write_in_order`)."""
    recent = [stay for stay in stays if now - stay.arrived <= timedelta(days=REGISTER_DAYS)][-REGISTER_MAX:]
    officer = Actor(account_id=issued_by, login="", roles=frozenset())

    def job(stay: Stay, at: datetime) -> int:
        resident = s.get(Resident, stay.resident_id)
        admission = s.get(Admission, stay.admission_id)
        if resident is None or admission is None:
            return 0
        paper = paper_for(s, resident, admission, officer)
        for kind in PAPERS:
            counter = register.lock_year(s, kind, paper.admission.arrived_at.year)
            numbered = register.numbered(counter, paper)
            issue = register.Issue(kind, resident.id, admission.id, issued_by, at)
            register.add_entry(s, issue, numbered, build_paper(kind, numbered), None)
        return len(PAPERS)

    jobs: list[Job] = []
    for stay in recent:
        at = min(stay.arrived + ISSUED_AFTER, now)
        jobs.append((at, lambda stay=stay, at=at: job(stay, at)))  # type: ignore[misc]
    return jobs


def write_in_order(jobs: Iterable[Job]) -> int:
    """Write every job's lines in order of issue, so each series is numbered as the papers went out."""
    return sum(write() for _at, write in sorted(jobs, key=lambda j: j[0]))


def add_register_lines(s: Session, stays: Sequence[Stay], issued_by: int | None, now: datetime) -> int:
    """Register the papers of the recent `stays` (in order of arrival); returns the number of lines."""
    return write_in_order(register_jobs(s, stays, issued_by, now))
