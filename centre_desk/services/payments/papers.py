"""PaymentPapers: the payment list on paper (reports/payments.py), with its permissions, its number from the
outgoing-document register and its audit rows.

* PRINT on PAYMENTS (and VIEW on IDENTITY: the list names the residents) prints the list of a period and a category
  unnumbered, marked "BẢN XEM TRƯỚC": the payments planned or paid (refused and not collected ones are left out).
* `issue=True` also needs CREATE on REGISTER: the list (made if there is none yet for the period and category) takes
  the next number of the register's "DS" sequence, in the same transaction as its audit row; printing it again
  gives a "BẢN SAO" of the text issued, same number.

A demo database's lists carry the demo watermark. Audit rows name the list by id, never a resident or an amount.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.reports.marks import DEMO_WATERMARK, PREVIEW_STAMP, PageMarks
from centre_desk.reports.payments import (
    KIND_CODE,
    PaperLine,
    PaymentListPaper,
    payment_list_document,
    render_payment_list,
)
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.documents import register
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.services.documents.paper import centre_header
from centre_desk.services.documents.words import SUPPORT_WORDS
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.services.payments import lists, terms
from centre_desk.services.payments.dto import ListLine
from centre_desk.services.settings import details_on

log = logging.getLogger(__name__)

KIND = "payment-list"  # the print command's kind; a list's register line is "payment-list-<list id>"
LISTED = (terms.PLANNED, terms.PAID)
COUNTED = {terms.PER_DAY: "ngày", terms.PER_MONTH: "tháng"}


def paper_kind(list_id: int) -> str:
    return f"{KIND}-{list_id}"


def content_of(line: ListLine, one_category: bool) -> str:
    """ "01/03–31/03/2026 (31 ngày)" on a list of one support; its name first on a list of every support."""
    parts = [] if one_category else [SUPPORT_WORDS.get(line.category, line.category)]
    if line.period_from is not None and line.period_to is not None:
        start = line.period_from.strftime("%d/%m") if line.period_from.year == line.period_to.year else (
            format_date(line.period_from))  # fmt: skip
        parts.append(f"{start}–{format_date(line.period_to)}")
    if line.quantity and line.unit in COUNTED:
        parts.append(f"({line.quantity} {COUNTED[line.unit]})")
    return " ".join(parts) or SUPPORT_WORDS.get(line.category, line.category)


class PaymentPapers(Service):
    def list_pdf(self, actor: Actor, start: date, end: date, category: str = "", issue: bool = False) -> IssuedPaper:
        """The payment list of a period (and a category, "" = all): unnumbered, or with `issue` numbered."""
        lists.check_period(start, end, category)
        needs = [(Action.VIEW, FieldGroup.IDENTITY)] + ([(Action.CREATE, FieldGroup.REGISTER)] if issue else [])
        with self._access.unit(actor, Action.PRINT, FieldGroup.PAYMENTS, record_type="payment_list",
                               also=needs) as (s, cur):  # fmt: skip
            today = local_day(self._clock())
            demo = is_demo_session(s)
            paper = self._input(s, cur, start, end, category, today)
            if not paper.lines:
                raise NotFound(_("There is no payment planned or paid to list in this period."))
            if not issue:
                pdf = render_payment_list(paper, _marks(demo, PREVIEW_STAMP))
                found = lists.find(s, start, end, category)
                self._audit.record(s, cur, "payment.list_printed", record_type="payment_list",
                                   record_id=found.id if found else "", field_group=FieldGroup.PAYMENTS)  # fmt: skip
                return IssuedPaper(KIND, "", pdf, None)
            return self._issue(s, cur, paper, category, demo)

    def _issue(self, s: Session, cur: Actor, paper: PaymentListPaper, category: str, demo: bool) -> IssuedPaper:
        listed = lists.found_or_new(s, paper.period_from, paper.period_to, category, cur, self._clock())
        names = names_allowed(cur)
        job = register.Numbered(paper_kind(listed.id), KIND_CODE, paper.day.year, None, None, paper,
                                payment_list_document)  # fmt: skip
        done = register.issue_or_copy(s, job, cur.account_id, paper.day, demo)
        if done.copy:
            self._recorded(s, cur, "payment.list_copied", listed.id)
        else:
            self._recorded(s, cur, "payment.list_issued", listed.id)
        log.info("payment list %s: register line #%d", "copy" if done.copy else "issued", done.document_id)
        return IssuedPaper(KIND, "", done.pdf, register.entry(s, done.document_id, names), copy=done.copy)

    def _recorded(self, s: Session, cur: Actor, action: str, list_id: int) -> None:
        self._audit.record(s, cur, action, record_type="payment_list", record_id=list_id,
                           field_group=FieldGroup.PAYMENTS)  # fmt: skip

    @staticmethod
    def _input(s: Session, cur: Actor, start: date, end: date, category: str, today: date) -> PaymentListPaper:
        view = lists.view(s, start, end, category, names=True)
        lines = tuple(PaperLine(line.name, line.code, content_of(line, bool(category)), line.amount)
                      for line in view.lines if line.status in LISTED)  # fmt: skip
        support = SUPPORT_WORDS[category][:1].lower() + SUPPORT_WORDS[category][1:] if category else ""
        return PaymentListPaper(centre=centre_header(details_on(s, today)), period_from=start, period_to=end,
                                support=support, lines=lines, writer=cur.full_name, day=today)  # fmt: skip


def _marks(demo: bool, stamp: str = "", note: str = "") -> PageMarks:
    return PageMarks(watermark=DEMO_WATERMARK if demo else "", stamp=stamp, note=note)
