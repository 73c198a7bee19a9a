"""DocumentService: the admission papers on screen, printed for real, and the outgoing-document register.

* `preview` — the paper as it will print, for the screen. A paper that takes a register number shows
  "BẢN XEM TRƯỚC" and a blank number (the number is only known when it is issued: another computer may
  take the next one first); a paper issued already shows the copy a reprint gives. Nothing is numbered.
* `issue` (Print… or Save as…, and `centre-desk print`) — a decision or record gets the next number of
  its type and year, inside the same transaction as its audit row; a second print of the same paper (same
  kind, same admission) is a copy: the same number, the issued text, "BẢN SAO" on every page.
* `register` / `check_file` — the register's lines, filtered; what a PDF file is, by its SHA-256.

Printing is a permission of its own (PRINT on identity and placement; the record also shows the initial
condition, so it needs VIEW on health; issuing a number needs CREATE on the register) and every preview,
print and register reading is audited, without any personal data. A demo database's papers carry the
diagonal "DỮ LIỆU MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" on every page; a real paper never does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.documents import OutgoingDocument
from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.admission_papers import KINDS, REGISTERED, build_paper
from centre_desk.reports.marks import COPY_STAMP, DEMO_WATERMARK, PREVIEW_STAMP, PageMarks
from centre_desk.reports.official import render
from centre_desk.reports.paper_inputs import AdmissionPaper
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.documents import register, snapshot
from centre_desk.services.documents.dto import (
    FileCheck,
    IssuedPaper,
    PaperPreview,
    RegisterEntry,
    RegisterFilter,
    RegisterPage,
)
from centre_desk.services.documents.paper import latest_admission, paper_for, resident_by
from centre_desk.services.settings import FOUNDING_MISSING, PAPER_GAPS
from centre_desk.text import nfc

log = logging.getLogger(__name__)

__all__ = ["KINDS", "REGISTERED", "DocumentService"]

# What each paper shows beyond identity: home and belongings (placement), the initial condition (health).
_NEEDS: dict[str, tuple[tuple[Action, FieldGroup], ...]] = {
    "admission-record": ((Action.PRINT, FieldGroup.PLACEMENT), (Action.VIEW, FieldGroup.HEALTH)),
    "admission-decision": ((Action.PRINT, FieldGroup.PLACEMENT),),
    "belongings-receipt": ((Action.PRINT, FieldGroup.PLACEMENT),),
}
_NUMBERING = ((Action.CREATE, FieldGroup.REGISTER),)
PREVIEW_NOTE = "Số văn bản được cấp khi in hoặc lưu"
# Audit actions: "document.<what>.<kind>", e.g. "document.issued.admission-decision".
PREVIEWED, ISSUED, COPIED, PRINTED = "document.previewed", "document.issued", "document.copied", "document.printed"
REGISTER_VIEWED, FILE_CHECKED = "register.viewed", "register.file_checked"


@dataclass
class _Unit:
    """One paper's unit of work: the session, the current actor, the person, the admission and the input."""

    s: Session
    actor: Actor
    resident: Resident
    admission: Admission
    paper: AdmissionPaper
    demo: bool

    @property
    def names(self) -> bool:
        return allowed(self.actor.roles, Action.VIEW, FieldGroup.IDENTITY)

    def marks(self, stamp: str = "", note: str = "") -> PageMarks:
        return PageMarks(watermark=DEMO_WATERMARK if self.demo else "", stamp=stamp, note=note)

    def audit(self, audit: AuditLog, action: str, kind: str) -> None:
        audit.record(
            self.s, self.actor, f"{action}.{kind}", record_type="resident", record_id=self.resident.id,
            field_group=FieldGroup.IDENTITY,
        )  # fmt: skip


def _copy_note(day: date) -> str:
    return f"In lại ngày {format_date(day)}"


class DocumentService:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog, access: AccessControl) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access

    # --------------------------------------------------------------------------------------- papers

    def preview(self, actor: Actor, kind: str, resident_id: int) -> PaperPreview:
        """The paper `kind` (one of KINDS) for the resident's latest admission, as it shows before printing."""
        with self._paper(actor, kind, resident_id=resident_id) as unit:
            done = register.issued(unit.s, unit.admission.id, kind) if kind in REGISTERED else None
            if done is not None:
                pdf = self._copy(unit, kind, done)
                entry: RegisterEntry | None = register.entry(unit.s, done.id, unit.names)
                warnings = self._changed_since(unit.paper, done)
            else:
                stamp = (PREVIEW_STAMP, PREVIEW_NOTE) if kind in REGISTERED else ("", "")
                pdf = render(build_paper(kind, unit.paper), unit.marks(*stamp))
                entry, warnings = None, self._gaps(kind, unit.paper)
            unit.audit(self._audit, PREVIEWED, kind)
        return PaperPreview(kind, unit.resident.code, pdf, kind in REGISTERED, entry, warnings)

    def render(self, actor: Actor, kind: str, resident_id: int) -> bytes:
        """The preview's PDF alone."""
        return self.preview(actor, kind, resident_id).pdf

    def issue(self, actor: Actor, kind: str, resident_id: int) -> IssuedPaper:
        """The paper printed for real: numbered from the register (or a copy of the one issued before)."""
        return self._issue(actor, kind, resident_id=resident_id)

    def issue_by_code(self, actor: Actor, kind: str, code: str) -> IssuedPaper:
        """The same, found by the resident code (LC-2026-0007), for the command line."""
        return self._issue(actor, kind, code=" ".join(nfc(code).split()).upper())

    def _issue(self, actor: Actor, kind: str, *, resident_id: int | None = None, code: str = "") -> IssuedPaper:
        with self._paper(actor, kind, resident_id=resident_id, code=code, numbering=True) as unit:
            result = self._issue_in(unit, kind)
        if result.entry is not None:
            what = "a copy of" if result.copy else "register line"
            log.info("issued %s %s #%d (%d bytes)", kind, what, result.entry.id, len(result.pdf))
        return result

    def _issue_in(self, unit: _Unit, kind: str) -> IssuedPaper:
        code = unit.resident.code
        if kind not in REGISTERED:
            pdf = render(build_paper(kind, unit.paper), unit.marks())
            unit.audit(self._audit, PRINTED, kind)
            return IssuedPaper(kind, code, pdf, None)
        counter = register.lock_year(unit.s, kind, unit.paper.admission.arrived_at.year)
        done = register.issued(unit.s, unit.admission.id, kind)
        if done is not None:
            pdf = self._copy(unit, kind, done)
            register.add_copy(unit.s, done.id, unit.actor.account_id, pdf)
            unit.audit(self._audit, COPIED, kind)
            return IssuedPaper(kind, code, pdf, register.entry(unit.s, done.id, unit.names), copy=True)
        if kind == "admission-decision" and not unit.paper.centre.founding_decision.strip():
            raise ValidationError("founding_decision", _(FOUNDING_MISSING))
        paper = register.numbered(counter, unit.paper)
        doc = build_paper(kind, paper)
        pdf = render(doc, unit.marks())
        issue = register.Issue(kind, unit.resident.id, unit.admission.id, unit.actor.account_id, utcnow())
        document_id = register.add_entry(unit.s, issue, paper, doc, pdf)
        unit.audit(self._audit, ISSUED, kind)
        return IssuedPaper(kind, code, pdf, register.entry(unit.s, document_id, unit.names))

    def _copy(self, unit: _Unit, kind: str, done: OutgoingDocument) -> bytes:
        """The issued paper again, as it was issued, marked "BẢN SAO" on every page."""
        return render(build_paper(kind, snapshot.load(done.snapshot)), unit.marks(COPY_STAMP, _copy_note(date.today())))

    @staticmethod
    def _gaps(kind: str, paper: AdmissionPaper) -> tuple[str, ...]:
        """What the centre's empty settings will do to this paper (translated)."""
        empty: list[str] = []
        if kind == "admission-decision":
            empty += [f for f in ("founding_decision", "proposing_unit") if not getattr(paper.centre, f).strip()]
        if kind == "admission-record" and not paper.officer_title.strip():
            empty.append("officer_title")
        messages = [FOUNDING_MISSING if f == "founding_decision" else PAPER_GAPS[f] for f in empty]
        return tuple(_(message) for message in messages)

    @staticmethod
    def _changed_since(paper: AdmissionPaper, done: OutgoingDocument) -> tuple[str, ...]:
        if replace(snapshot.load(done.snapshot), number="") == paper:
            return ()
        return (
            _(
                "The record has changed since this paper was issued on {date}: a reprint repeats the paper as it "
                "was issued. A correction needs a new document."
            ).format(date=format_date(done.document_date)),
        )

    @contextmanager
    def _paper(
        self, actor: Actor, kind: str, *, resident_id: int | None = None, code: str = "", numbering: bool = False
    ) -> Iterator[_Unit]:
        if kind not in _NEEDS:
            raise ValidationError("kind", _("Unknown document: {kind}.").format(kind=kind))
        needs = _NEEDS[kind] + (_NUMBERING if numbering and kind in REGISTERED else ())
        with self._access.unit(
            actor, Action.PRINT, FieldGroup.IDENTITY, record_type="resident",
            record_id=resident_id if resident_id is not None else code, also=needs,
        ) as (s, current):  # fmt: skip
            resident = resident_by(s, resident_id, code)
            admission = latest_admission(s, resident)
            paper = paper_for(s, resident, admission, current)
            yield _Unit(s, current, resident, admission, paper, is_demo_session(s))

    # -------------------------------------------------------------------------------------- register

    def register(self, actor: Actor, wanted: RegisterFilter) -> RegisterPage:
        """The register's lines matching `wanted`, newest year first, by type, highest number first."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.REGISTER, record_type="outgoing_document") as (
            s,
            current,
        ):
            page = register.listing(s, wanted, allowed(current.roles, Action.VIEW, FieldGroup.IDENTITY))
            self._audit.record(
                s, current, REGISTER_VIEWED, record_type="outgoing_document", field_group=FieldGroup.REGISTER
            )
        return page

    def check_file(self, actor: Actor, pdf: bytes) -> FileCheck | None:
        """The register line a PDF file belongs to (by its SHA-256), None when the program did not issue it."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.REGISTER, record_type="outgoing_document") as (
            s,
            current,
        ):
            found = register.check(s, register.sha256_of(pdf), allowed(current.roles, Action.VIEW, FieldGroup.IDENTITY))
            self._audit.record(
                s, current, FILE_CHECKED, record_type="outgoing_document", record_id=found.entry.id if found else "",
                field_group=FieldGroup.REGISTER,
            )  # fmt: skip
        return found
