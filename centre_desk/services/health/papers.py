"""HealthPapers: the health summary on paper ("Tóm tắt tình trạng sức khỏe", reports/health.py), with its
permissions, its number from the outgoing-document register and its audit rows.

* PRINT on HEALTH (and VIEW on IDENTITY: the paper names the person) prints it without a number: a preview,
  marked "BẢN XEM TRƯỚC", the place of the number left blank. A nurse can do this.
* `issue=True` also needs CREATE on REGISTER (intake and manager): the paper takes the next number of the
  register's "CV" sequence (services/documents/register.py) in the same transaction as its audit row. One summary
  is issued per stay and per variant; printing it again gives a "BẢN SAO" of the issued text, same number.
* `include_sensitive=True` additionally needs PRINT on SENSITIVE_HEALTH; the choice is audited with codes of its
  own ("health.summary_…_sensitive"), and the sensitive summary is a document of its own in the register
  ("health-summary-sensitive"), so the ordinary one can be handed over without it.

A demo database's papers carry the demo watermark. Audit rows name the resident by id, never any health data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from centre_desk.models.resident import Admission, Resident
from centre_desk.reports.health import KIND_CODE, HealthPaper, health_document, render_health
from centre_desk.reports.marks import DEMO_WATERMARK, PREVIEW_STAMP, PageMarks
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.documents import register
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.services.documents.paper import centre_header, latest_admission, resident_by
from centre_desk.services.health.summary import health_summary
from centre_desk.services.settings import details_on
from centre_desk.text import nfc

log = logging.getLogger(__name__)

__all__ = ["KIND", "SENSITIVE_KIND", "HealthPapers"]

KIND, SENSITIVE_KIND = "health-summary", "health-summary-sensitive"
PREVIEW_NOTE = "Số văn bản được cấp khi in để bàn giao"
# Audit codes: (what, sensitive) -> code. tests/services/test_audit_terms.py reads this table.
CODES = {
    ("printed", False): "health.summary_printed",
    ("printed", True): "health.summary_printed_sensitive",
    ("issued", False): "health.summary_issued",
    ("issued", True): "health.summary_issued_sensitive",
    ("copied", False): "health.summary_copied",
    ("copied", True): "health.summary_copied_sensitive",
}


@dataclass
class _Unit:
    s: Session
    actor: Actor
    resident: Resident
    admission: Admission
    sensitive: bool
    demo: bool
    today: date

    @property
    def kind(self) -> str:
        return SENSITIVE_KIND if self.sensitive else KIND

    def marks(self, stamp: str = "", note: str = "") -> PageMarks:
        return PageMarks(watermark=DEMO_WATERMARK if self.demo else "", stamp=stamp, note=note)


class HealthPapers(Service):
    def summary_pdf(
        self, actor: Actor, resident_id: int, include_sensitive: bool = False, issue: bool = False
    ) -> IssuedPaper:
        """The resident's health summary: unnumbered (a preview) or, with `issue`, numbered from the register
        (or a copy of the one issued before for this stay); the sensitive part only with `include_sensitive`."""
        with self._unit(actor, include_sensitive, issue, resident_id=resident_id) as unit:
            return self._paper(unit, issue)

    def summary_pdf_by_code(
        self, actor: Actor, code: str, include_sensitive: bool = False, issue: bool = False
    ) -> IssuedPaper:
        """The same, found by the resident code (LC-2026-0007), for the command line."""
        wanted = " ".join(nfc(code).split()).upper()
        with self._unit(actor, include_sensitive, issue, code=wanted) as unit:
            return self._paper(unit, issue)

    # ------------------------------------------------------------------------------------------ inside

    @contextmanager
    def _unit(
        self, actor: Actor, sensitive: bool, issue: bool, *, resident_id: int | None = None, code: str = ""
    ) -> Iterator[_Unit]:
        group = FieldGroup.SENSITIVE_HEALTH if sensitive else FieldGroup.HEALTH
        needs = [(Action.PRINT, FieldGroup.HEALTH), (Action.VIEW, FieldGroup.IDENTITY)]
        if issue:
            needs.append((Action.CREATE, FieldGroup.REGISTER))
        with self._access.unit(
            actor, Action.PRINT, group, record_type="resident",
            record_id=resident_id if resident_id is not None else code, also=needs,
        ) as (s, current):  # fmt: skip
            resident = resident_by(s, resident_id, code)
            admission = latest_admission(s, resident)
            today = self._clock().astimezone().date()
            yield _Unit(s, current, resident, admission, sensitive, is_demo_session(s), today)

    def _record(self, unit: _Unit, what: str) -> None:
        code = CODES[(what, unit.sensitive)]
        group = FieldGroup.SENSITIVE_HEALTH if unit.sensitive else FieldGroup.HEALTH
        self._audit.record(
            unit.s, unit.actor, code, record_type="resident", record_id=unit.resident.id, field_group=group
        )

    def _input(self, unit: _Unit, number: str = "") -> HealthPaper:
        summary = health_summary(unit.s, unit.resident.id, unit.today, unit.sensitive)
        return HealthPaper(centre_header(details_on(unit.s, unit.today)), summary, unit.today, number)

    def _paper(self, unit: _Unit, issue: bool) -> IssuedPaper:
        code = unit.resident.code
        if not issue:
            pdf = render_health(self._input(unit), unit.marks(PREVIEW_STAMP, PREVIEW_NOTE))
            self._record(unit, "printed")
            return IssuedPaper(unit.kind, code, pdf, None)
        job = register.Numbered(unit.kind, KIND_CODE, unit.today.year, unit.resident.id, unit.admission.id,
                                self._input(unit), health_document)  # fmt: skip
        done = register.issue_or_copy(unit.s, job, unit.actor.account_id, unit.today, unit.demo)
        self._record(unit, "copied" if done.copy else "issued")
        log.info("health summary %s: register line #%d", "copy" if done.copy else "issued", done.document_id)
        return IssuedPaper(unit.kind, code, done.pdf, register.entry(unit.s, done.document_id, True), copy=done.copy)
