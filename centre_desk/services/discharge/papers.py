"""DischargePapers: the five discharge papers (reports/discharge.py) with their permissions, their numbers from the
outgoing-document register and their audit rows.

* PRINT on DISCHARGE (and VIEW on IDENTITY: the papers name the person; the case summary also VIEW on HEALTH).
* The decision and the hand-over record are numbered from the register ("QĐ", "BB") once the discharge is approved:
  `issue` takes the next number the first time (services/documents/register.issue_or_copy) and gives a "BẢN SAO"
  of the issued text afterwards; that needs CREATE on REGISTER. Each discharge is its own document
  ("discharge-decision-12"), so a discharge reopened and approved again gets new papers.
* Before approval every paper but the application prints with the "DỰ THẢO" stamp and no number; `preview` of an
  approved paper shows "BẢN XEM TRƯỚC" (or the copy a reprint gives, once issued). The application (Mẫu 09) is the
  person's own form, never numbered nor stamped.
* The case summary leaves out the sensitive parts unless ticked (`include`): the narrative (PRINT on NARRATIVE),
  sensitive health (PRINT on SENSITIVE_HEALTH), the counsellor's notes (VIEW on COUNSELLING: ⚠ nobody may PRINT
  them, and the manager, who prints the papers, may read them). It needs the standing consent to share, or the legal
  basis recorded instead; without either it is refused. One audit row names each part included (by its field
  group), never its content.

A demo database's papers carry the demo watermark.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.discharge import Discharge
from centre_desk.models.documents import OutgoingDocument
from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.discharge import document_of
from centre_desk.reports.discharge_inputs import (
    COUNSELLING_NOTES,
    KINDS,
    NARRATIVE,
    REGISTERED,
    SENSITIVE_HEALTH,
    SENSITIVE_PARTS,
    DischargePaper,
)
from centre_desk.reports.marks import COPY_STAMP, PREVIEW_STAMP
from centre_desk.reports.official import render
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services.base import Service
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.discharge.paper_input import (
    APPROVED,
    case_facts,
    discharge_paper,
    latest_discharge,
    paper_day,
    sharing_basis,
)
from centre_desk.services.documents import register, snapshot
from centre_desk.services.documents.dto import IssuedPaper, PaperPreview
from centre_desk.services.documents.paper import latest_admission, resident_by
from centre_desk.services.lodging.common import local_day
from centre_desk.text import nfc

log = logging.getLogger(__name__)

__all__ = ["CODES", "DRAFT_STAMP", "KINDS", "PART_RIGHTS", "DischargePapers", "paper_kind", "signer_of"]

DRAFT_STAMP = "DỰ THẢO"
DRAFT_NOTE = "Chưa được phê duyệt, không có giá trị thi hành"
PREVIEW_NOTE = "Số văn bản được cấp khi in hoặc lưu"
APPLICATION = "discharge-application"
CASE_SUMMARY = "case-summary"
# The right each sensitive part of the case summary needs, and the field group its audit row names.
PART_RIGHTS: dict[str, tuple[Action, FieldGroup]] = {
    NARRATIVE: (Action.PRINT, FieldGroup.NARRATIVE),
    SENSITIVE_HEALTH: (Action.PRINT, FieldGroup.SENSITIVE_HEALTH),
    COUNSELLING_NOTES: (Action.VIEW, FieldGroup.COUNSELLING),
}
# Audit codes: (what, kind) -> code. tests/services/test_audit_terms.py reads this table.
CODES: dict[tuple[str, str], str] = {
    **{("previewed", k): f"document.previewed.{k}" for k in KINDS},
    **{("printed", k): f"document.printed.{k}" for k in KINDS},
    **{(what, k): f"document.{what}.{k}" for what in ("issued", "copied") for k in REGISTERED},
}
INCLUDED = "discharge.summary_part_included"  # one row per sensitive part printed, its field group naming it


def signer_of(kind: str) -> register.SignerOf:
    """Who signs for the centre, as the register line names them: the director the decision, the officer the record."""
    if kind == "discharge-decision":
        return register.director_signer
    return _officer


def _officer(paper: DischargePaper) -> tuple[str, str]:
    return paper.officer_name, paper.officer_title


def paper_kind(kind: str, discharge_id: int) -> str:
    """The register line's kind: one decision and one record per discharge ("discharge-decision-12")."""
    return f"{kind}-{discharge_id}"


@dataclass
class _Unit:
    s: Session
    actor: Actor
    resident: Resident
    admission: Admission
    discharge: Discharge
    kind: str
    paper: DischargePaper
    demo: bool
    today: date

    @property
    def approved(self) -> bool:
        return self.discharge.state == APPROVED

    @property
    def names(self) -> bool:
        return allowed(self.actor.roles, Action.VIEW, FieldGroup.IDENTITY)

    def pdf(self, stamp: str = "", note: str = "") -> bytes:
        return render(document_of(self.kind)(self.paper), register.marks_of(self.demo, stamp, note))


class DischargePapers(Service):
    def preview(self, actor: Actor, kind: str, resident_id: int, include: frozenset[str] = frozenset()) -> PaperPreview:
        """The paper `kind` as it shows before printing: a draft before approval, unnumbered; once issued, the copy."""
        with self._unit(actor, kind, include, resident_id=resident_id) as unit:
            entry, warnings = None, self._warnings(unit)
            done = self._issued(unit)
            if done is not None:
                old = snapshot.load_as(DischargePaper, done.snapshot)
                pdf = render(document_of(kind)(old), register.marks_of(unit.demo, COPY_STAMP,
                                                                       register.copy_note(unit.today)))  # fmt: skip
                entry = register.entry(unit.s, done.id, unit.names)
            elif not unit.approved and kind != APPLICATION:
                pdf = unit.pdf(DRAFT_STAMP, DRAFT_NOTE)
            else:
                pdf = unit.pdf(PREVIEW_STAMP, PREVIEW_NOTE) if kind in REGISTERED else unit.pdf()
            self._record(unit, "previewed", include)
        return PaperPreview(kind, unit.resident.code, pdf, kind in REGISTERED and unit.approved, entry, warnings)

    def issue(self, actor: Actor, kind: str, resident_id: int, include: frozenset[str] = frozenset()) -> IssuedPaper:
        """The paper printed for real: the decision and the record numbered once approved (a copy after); the others,
        and any paper before approval (a draft), unnumbered."""
        with self._unit(actor, kind, include, resident_id=resident_id, numbering=True) as unit:
            return self._issue(unit, include)

    def issue_by_code(self, actor: Actor, kind: str, code: str, include: frozenset[str] = frozenset()) -> IssuedPaper:
        """The same, found by the resident code (LC-2026-0007), for the command line."""
        wanted = " ".join(nfc(code).split()).upper()
        with self._unit(actor, kind, include, code=wanted, numbering=True) as unit:
            return self._issue(unit, include)

    # ------------------------------------------------------------------------------------------ inside

    def _issue(self, unit: _Unit, include: frozenset[str]) -> IssuedPaper:
        code = unit.resident.code
        if unit.kind not in REGISTERED or not unit.approved:
            draft = not unit.approved and unit.kind != APPLICATION
            pdf = unit.pdf(DRAFT_STAMP, DRAFT_NOTE) if draft else unit.pdf()
            self._record(unit, "printed", include)
            return IssuedPaper(unit.kind, code, pdf, None)
        job = register.Numbered(
            paper_kind(unit.kind, unit.discharge.id), REGISTERED[unit.kind], unit.paper.day.year, unit.resident.id,
            unit.admission.id, unit.paper, document_of(unit.kind), signer_of(unit.kind),
        )  # fmt: skip
        done = register.issue_or_copy(unit.s, job, unit.actor.account_id, unit.today, unit.demo)
        self._record(unit, "copied" if done.copy else "issued", include)
        log.info("%s %s: register line #%d", unit.kind, "copy" if done.copy else "issued", done.document_id)
        return IssuedPaper(unit.kind, code, done.pdf, register.entry(unit.s, done.document_id, unit.names), done.copy)

    @staticmethod
    def _issued(unit: _Unit) -> OutgoingDocument | None:
        if unit.kind not in REGISTERED:
            return None
        return register.issued(unit.s, unit.admission.id, paper_kind(unit.kind, unit.discharge.id))

    @staticmethod
    def _warnings(unit: _Unit) -> tuple[str, ...]:
        out = []
        if not unit.approved and unit.kind != APPLICATION:
            out.append(_("The discharge is not approved yet: the paper prints stamped DỰ THẢO, without a number."))
        if unit.kind == "discharge-decision" and not unit.paper.centre.founding_decision.strip():
            out.append(_("The centre's founding decision is not set: the decision will not cite it."))
        return tuple(out)

    def _record(self, unit: _Unit, what: str, include: frozenset[str]) -> None:
        self._audit.record(unit.s, unit.actor, CODES[(what, unit.kind)], record_type="resident",
                           record_id=unit.resident.id, field_group=FieldGroup.DISCHARGE)  # fmt: skip
        for part in SENSITIVE_PARTS:
            if part in include:
                self._audit.record(unit.s, unit.actor, INCLUDED, record_type="resident",
                                   record_id=unit.resident.id, field_group=PART_RIGHTS[part][1])  # fmt: skip

    @contextmanager
    def _unit(
        self, actor: Actor, kind: str, include: frozenset[str], *, resident_id: int | None = None, code: str = "",
        numbering: bool = False,
    ) -> Iterator[_Unit]:  # fmt: skip
        if kind not in KINDS:
            raise ValidationError("kind", _("Unknown document: {kind}.").format(kind=kind))
        unknown = set(include) - set(SENSITIVE_PARTS)
        if unknown or (include and kind != CASE_SUMMARY):
            raise ValidationError("include", _("Only the case summary has parts to include: {parts}.").format(
                parts=", ".join(SENSITIVE_PARTS)))  # fmt: skip
        needs = [(Action.VIEW, FieldGroup.IDENTITY), *(PART_RIGHTS[p] for p in SENSITIVE_PARTS if p in include)]
        if kind == CASE_SUMMARY:
            needs.append((Action.VIEW, FieldGroup.HEALTH))
        if numbering and kind in REGISTERED:
            needs.append((Action.CREATE, FieldGroup.REGISTER))
        with self._access.unit(
            actor, Action.PRINT, FieldGroup.DISCHARGE, record_type="resident",
            record_id=resident_id if resident_id is not None else code, also=needs,
        ) as (s, current):  # fmt: skip
            resident = resident_by(s, resident_id, code)
            admission = latest_admission(s, resident)
            discharge = latest_discharge(s, admission)
            today = local_day(self._clock())
            paper = discharge_paper(s, resident, admission, discharge, paper_day(kind, discharge, today),
                                    current.full_name)  # fmt: skip
            if kind == CASE_SUMMARY:
                if not sharing_basis(s, resident.id):
                    raise ValidationError("consent", _(
                        "The case summary can only be shared with the person's consent to share with other agencies, "
                        "or a legal basis recorded instead: record it on the Consents tab first."))  # fmt: skip
                paper = replace(paper, summary=case_facts(s, resident, admission, paper.day, include))
            yield _Unit(s, current, resident, admission, discharge, kind, paper, is_demo_session(s), today)
