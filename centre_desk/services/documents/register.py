"""The outgoing-document register inside a transaction: numbers, issued lines, copies, listing, file checks.

No access control or audit here: services/documents/service.py calls these inside its unit of work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from centre_desk.formatting import format_date
from centre_desk.models.base import utcnow
from centre_desk.models.documents import DocumentCounter, OutgoingCopy, OutgoingDocument
from centre_desk.models.resident import Resident
from centre_desk.models.staff import StaffAccount
from centre_desk.reports.admission_papers import REGISTERED, director
from centre_desk.reports.marks import COPY_STAMP, DEMO_WATERMARK, PageMarks
from centre_desk.reports.official import OfficialDocument, number_symbol, render
from centre_desk.reports.paper_inputs import AdmissionPaper, CentreHeader
from centre_desk.services.counters import locked_counter
from centre_desk.services.documents import snapshot
from centre_desk.services.documents.dto import FileCheck, RegisterEntry, RegisterFilter, RegisterPage
from centre_desk.text import nfc

_Listing = Select[OutgoingDocument, str | None, str | None, str | None, str | None, str | None, int]
MAX_ROWS = 2000  # one screen's worth; a year of a busy centre is a few hundred lines


def sha256_of(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def lock_year(s: Session, kind: str, year: int) -> DocumentCounter:
    """The counter of `kind`'s type for `year`, locked: from here on this transaction alone numbers (or
    copies) that type this year, so the look-up of an issued paper and the next number cannot race."""
    return lock_counter(s, REGISTERED[kind], year)


def lock_counter(s: Session, kind_code: str, year: int) -> DocumentCounter:
    """The counter of the document type `kind_code` ("QĐ", "BB", "CV") for `year`, locked (see lock_year)."""
    return locked_counter(s, DocumentCounter, year=year, kind_code=kind_code)


def next_number(counter: DocumentCounter) -> int:
    """The next number of a locked counter (the counter is advanced)."""
    counter.last += 1
    return counter.last


def issued(s: Session, admission_id: int, kind: str) -> OutgoingDocument | None:
    return s.scalar(
        select(OutgoingDocument).where(
            OutgoingDocument.admission_id == admission_id, OutgoingDocument.paper_kind == kind
        )
    )


def issued_paper(s: Session, kind: str) -> OutgoingDocument | None:
    """The register line of a paper of the centre (no resident), by its kind ("payment-list-12")."""
    return s.scalar(
        select(OutgoingDocument).where(OutgoingDocument.admission_id.is_(None), OutgoingDocument.paper_kind == kind)
    )


def numbered(counter: DocumentCounter, paper: AdmissionPaper) -> AdmissionPaper:
    """The paper with the next number of its counter (the counter is advanced)."""
    return replace(paper, number=str(next_number(counter)))


def director_of(centre: CentreHeader) -> tuple[str, str]:
    """(name, title) of the director (or the deputy who signs for them), as a register line names the signer."""
    signer = director(centre)
    return signer.name, " ".join(centre.director_title.split()) or signer.title.capitalize()


def signer_of(kind: str, paper: AdmissionPaper) -> tuple[str, str]:
    """(name, title) of who signs for the centre: the director on a decision, the receiving officer on a record."""
    if kind == "admission-decision":
        return director_of(paper.centre)
    return paper.officer_name, paper.officer_title


@dataclass(frozen=True)
class Issue:
    """Who issues what, for a new register line."""

    kind: str
    resident_id: int | None  # None: a paper of the centre, about no one resident (a payment list)
    admission_id: int | None
    issued_by: int | None
    issued_at: datetime


def add_entry(s: Session, issue: Issue, paper: AdmissionPaper, doc: OfficialDocument, pdf: bytes | None) -> int:
    """Write the register line of a numbered admission paper; `pdf` None when no file was made (demo data)."""
    name, title = signer_of(issue.kind, paper)
    signed = Signed(REGISTERED[issue.kind], int(paper.number), name, title)
    return add_line(s, issue, signed, doc, snapshot.dump(paper), pdf)


@dataclass(frozen=True)
class Signed:
    """What a register line says of the paper beyond its document: type code, number and who signs."""

    kind_code: str
    number: int
    signer_name: str
    signer_title: str


def add_line(
    s: Session, issue: Issue, signed: Signed, doc: OfficialDocument, snapshot_json: str, pdf: bytes | None
) -> int:
    """Write the register line of any numbered paper (the admission papers, the health summary); `snapshot_json`
    is the paper's input as printed (services/documents/snapshot.py); `pdf` None when no file was made."""
    row = OutgoingDocument(
        year=doc.date.year,
        kind_code=signed.kind_code,
        number=signed.number,
        symbol=doc.symbol,
        paper_kind=issue.kind,
        document_date=doc.date,
        subject=doc.subject or doc.kind.capitalize(),
        resident_id=issue.resident_id,
        admission_id=issue.admission_id,
        signer_name=signed.signer_name,
        signer_title=signed.signer_title,
        issued_at=issue.issued_at,
        issued_by=issue.issued_by,
        sha256=sha256_of(pdf) if pdf is not None else "",
        snapshot=snapshot_json,
    )
    s.add(row)
    s.flush()
    return row.id


P = TypeVar("P")


def marks_of(demo: bool, stamp: str = "", note: str = "") -> PageMarks:
    """The marks of a paper: the demo watermark on a demo database's papers, and `stamp` with its `note`."""
    return PageMarks(watermark=DEMO_WATERMARK if demo else "", stamp=stamp, note=note)


def copy_note(day: date) -> str:
    return f"In lại ngày {format_date(day)}"


SignerOf = Callable[[Any], tuple[str, str]]  # (name, title) of who signs a paper, from its input


def director_signer(paper: Any) -> tuple[str, str]:
    """The director signs: any paper input with a `centre` (reports/paper_inputs.CentreHeader)."""
    return director_of(paper.centre)


@dataclass(frozen=True)
class Numbered(Generic[P]):
    """A paper to issue from the register: its register line's kind ("care-plan-2") and type code ("KH"), the year
    it is numbered in, whose it is, its input without a number (a frozen dataclass with a `number` field), how it is
    laid out and who signs it (the director unless told)."""

    kind: str
    kind_code: str
    year: int
    resident_id: int | None
    admission_id: int | None  # None with resident_id None: a paper of the centre (a payment list)
    paper: P
    layout: Callable[[P], OfficialDocument]
    signer: SignerOf = director_signer


@dataclass(frozen=True)
class Outcome(Generic[P]):
    pdf: bytes
    document_id: int
    copy: bool  # a reprint of the paper issued before: "BẢN SAO", the issued text, the same number
    paper: P  # the input as printed (numbered)


def issue_or_copy(s: Session, job: Numbered[P], by: int | None, today: date, demo: bool) -> Outcome[P]:
    """Issue `job`'s paper once: the first time it takes the next number of its type and year and writes its register
    line (with the snapshot of its input); afterwards it is a copy of the issued text marked "BẢN SAO", recorded as a
    copy. The counter is locked first, so two computers can neither number the same paper twice nor race for a
    number. Access control and audit are the caller's, in the same transaction."""
    counter = lock_counter(s, job.kind_code, job.year)
    done = issued(s, job.admission_id, job.kind) if job.admission_id is not None else issued_paper(s, job.kind)
    if done is not None:
        old: Any = snapshot.load_as(type(job.paper), done.snapshot)
        pdf = render(job.layout(old), marks_of(demo, COPY_STAMP, copy_note(today)))
        add_copy(s, done.id, by, pdf)
        return Outcome(pdf, done.id, True, old)
    paper: Any = replace(job.paper, number=str(next_number(counter)))  # type: ignore[type-var]
    doc = job.layout(paper)
    pdf = render(doc, marks_of(demo))
    name, title = job.signer(paper)
    line = Issue(job.kind, job.resident_id, job.admission_id, by, utcnow())
    document_id = add_line(s, line, Signed(job.kind_code, int(paper.number), name, title), doc,
                           snapshot.dump_any(paper), pdf)  # fmt: skip
    return Outcome(pdf, document_id, False, paper)


def add_copy(s: Session, document_id: int, printed_by: int | None, pdf: bytes) -> None:
    s.add(OutgoingCopy(document_id=document_id, printed_at=utcnow(), printed_by=printed_by, sha256=sha256_of(pdf)))
    s.flush()


# ------------------------------------------------------------------------------------------- reading


def _listing() -> _Listing:
    copies = (
        select(func.count(OutgoingCopy.id))
        .where(OutgoingCopy.document_id == OutgoingDocument.id)
        .correlate(OutgoingDocument)
        .scalar_subquery()
    )
    return (
        select(
            OutgoingDocument,
            Resident.code,
            Resident.alias,
            Resident.full_name,
            StaffAccount.full_name,
            StaffAccount.login,
            copies,
        )
        .outerjoin(Resident, Resident.id == OutgoingDocument.resident_id)
        .outerjoin(StaffAccount, StaffAccount.id == OutgoingDocument.issued_by)
    )


def _entries(s: Session, query: _Listing, names: bool) -> list[RegisterEntry]:
    out = []
    for doc, code, alias, full_name, by_name, by_login, copies in s.execute(query):
        by = f"{by_name} ({by_login})" if by_login else ""
        out.append(
            RegisterEntry(
                id=doc.id,
                number=doc.number,
                number_text=number_symbol(doc.number, doc.symbol),
                year=doc.year,
                kind_code=doc.kind_code,
                paper_kind=doc.paper_kind,
                document_date=doc.document_date,
                subject=doc.subject,
                resident_id=doc.resident_id,
                resident_code=code or "",
                resident_label=(full_name if names else alias) or "",
                signer_name=doc.signer_name,
                signer_title=doc.signer_title,
                issued_at=doc.issued_at,
                issued_by=by,
                copies=int(copies),
                sha256=doc.sha256,
            )
        )
    return out


def entry(s: Session, document_id: int, names: bool) -> RegisterEntry:
    (found,) = _entries(s, _listing().where(OutgoingDocument.id == document_id), names)
    return found


def listing(s: Session, wanted: RegisterFilter, names: bool) -> RegisterPage:
    query = _listing()
    if wanted.year is not None:
        query = query.where(OutgoingDocument.year == wanted.year)
    if wanted.kind_code:
        query = query.where(OutgoingDocument.kind_code == nfc(wanted.kind_code))
    code = " ".join(nfc(wanted.resident_code).split()).upper()
    if code:
        query = query.where(Resident.code.startswith(code, autoescape=True))
    if wanted.date_from is not None:
        query = query.where(OutgoingDocument.document_date >= wanted.date_from)
    if wanted.date_to is not None:
        query = query.where(OutgoingDocument.document_date <= wanted.date_to)
    query = query.order_by(
        OutgoingDocument.year.desc(), OutgoingDocument.kind_code, OutgoingDocument.number.desc()
    ).limit(MAX_ROWS + 1)
    found = _entries(s, query, names)
    return RegisterPage(tuple(found[:MAX_ROWS]), truncated=len(found) > MAX_ROWS)


def check(s: Session, digest: str, names: bool) -> FileCheck | None:
    """The register line a PDF with this SHA-256 belongs to (as the original or a copy), if any."""
    original = s.execute(
        select(OutgoingDocument.id, OutgoingDocument.issued_at).where(OutgoingDocument.sha256 == digest).limit(1)
    ).first()
    if original is not None:
        return FileCheck(entry(s, original[0], names), copy=False, printed_at=original[1])
    copy = s.execute(
        select(OutgoingCopy.document_id, OutgoingCopy.printed_at)
        .where(OutgoingCopy.sha256 == digest)
        .order_by(OutgoingCopy.id)
        .limit(1)
    ).first()
    if copy is not None:
        return FileCheck(entry(s, copy[0], names), copy=True, printed_at=copy[1])
    return None
