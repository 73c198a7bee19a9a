"""The payment list inside a transaction: the payments of a period and a category, the list recorded for them, and
recording it (each payment's outcome kept with its earlier values as an entry revision). No access control or audit
here: service.py calls these inside its unit of work."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.payments import PaymentList, PaymentRate, SupportPayment
from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.entries import store
from centre_desk.services.entries.kinds import kind
from centre_desk.services.lodging.common import local_day
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import ListInput, ListLine, PaymentListView
from centre_desk.services.payments.totals import bounds
from centre_desk.text import nfc

KIND = "support_payment"
MAX_DAYS = 366  # one list covers at most a year


def check_period(start: date, end: date, category: str) -> None:
    if end < start:
        raise ValidationError("period_to", _("The end of the period is before its start."))
    if (end - start).days >= MAX_DAYS:
        raise ValidationError("period_to", _("A payment list covers at most a year."))
    if category and category not in dict(terms.CATEGORIES):
        raise ValidationError("category", _("Choose one of the values in the list."))


def find(s: Session, start: date, end: date, category: str) -> PaymentList | None:
    return s.scalar(select(PaymentList).where(PaymentList.category == category, PaymentList.period_from == start,
                                              PaymentList.period_to == end))  # fmt: skip


def found_or_new(s: Session, start: date, end: date, category: str, actor: Actor, now: datetime) -> PaymentList:
    """The list of the period and category, made (unsigned) when there is none yet."""
    row = find(s, start, end, category)
    if row is None:
        row = PaymentList(category=category, period_from=start, period_to=end, signed_on=None,
                          recorded_by=actor.account_id, recorded_at=now)  # fmt: skip
        s.add(row)
        s.flush()
    return row


def payments(s: Session, start: date, end: date, category: str) -> list[tuple[SupportPayment, Resident, str]]:
    """The payments dated in the period (of the category, when one is given), not struck out, by date and code,
    with the unit of the rate each was made with ("" without one)."""
    low, high = bounds(start, end)
    p = SupportPayment
    query = (
        select(p, Resident, PaymentRate.unit).join(Resident, Resident.id == p.resident_id)
        .outerjoin(PaymentRate, PaymentRate.id == p.rate_id)
        .where(p.occurred_at >= low, p.occurred_at < high, p.struck_at.is_(None))
    )  # fmt: skip
    if category:
        query = query.where(p.category == category)
    return [(pay, person, unit or "") for pay, person, unit in s.execute(query.order_by(p.occurred_at, Resident.code,
                                                                                        p.id))]  # fmt: skip


def view(s: Session, start: date, end: date, category: str, names: bool) -> PaymentListView:
    lines = tuple(
        ListLine(pay.id, pay.version, person.id, person.code, person.full_name if names else person.alias,
                 pay.category, local_day(pay.occurred_at), pay.period_from, pay.period_to, pay.quantity, pay.amount,
                 pay.status, pay.source, pay.method, pay.paid_on, pay.paid_by, pay.list_id, unit)
        for pay, person, unit in payments(s, start, end, category)
    )  # fmt: skip
    row = find(s, start, end, category)
    if row is None:
        return PaymentListView(start, end, category, lines)
    return PaymentListView(start, end, category, lines, row.id, row.version, row.signed_on)


def record(s: Session, actor: Actor, data: ListInput, now: datetime) -> tuple[PaymentList, list[int]]:
    """Record the signed list: the list row (made or re-signed) and each payment's outcome — paid on the day signed
    by `paid_by`, refused or not collected — with its earlier values kept. Every problem at once; a payment changed
    meanwhile → Conflict. Returns the list and the ids of the payments changed."""
    check_period(data.period_from, data.period_to, data.category)
    statuses = dict(terms.STATUSES)
    wanted = {p.id: p for p, _r, _u in payments(s, data.period_from, data.period_to, data.category)}
    problems = [(f"{n}.status", _("Choose one of the values in the list."))
                for n, o in enumerate(data.outcomes) if o.status not in statuses]  # fmt: skip
    problems += [(f"{n}.payment", _("This payment is not on the list of the period."))
                 for n, o in enumerate(data.outcomes) if o.payment_id not in wanted]  # fmt: skip
    if problems:
        raise ValidationErrors(problems)
    if data.signed_on > local_day(now):
        raise ValidationError("signed_on", _("The day cannot be in the future."))
    paid_by = " ".join(nfc(data.paid_by).split())[:200]
    listed = found_or_new(s, data.period_from, data.period_to, data.category, actor, now)
    listed.signed_on, listed.recorded_by, listed.recorded_at = data.signed_on, actor.account_id, now
    k = kind(KIND)
    changed = []
    for outcome in data.outcomes:
        pay = load_for_edit(s, SupportPayment, outcome.payment_id, outcome.version,
                            lambda o: store.to_row(k, o, {}, True))  # fmt: skip
        paid = outcome.status == terms.PAID
        new = (outcome.status, data.signed_on if paid else None, (paid_by or pay.paid_by) if paid else "", listed.id)
        if (pay.status, pay.paid_on, pay.paid_by, pay.list_id) == new:
            continue
        store.keep_revision(s, k, pay, actor, now)
        pay.status, pay.paid_on, pay.paid_by, pay.list_id = new
        changed.append(pay.id)
    s.flush()
    return listed, changed


def by_id(s: Session, list_id: int) -> PaymentList:
    row = s.get(PaymentList, list_id)
    if row is None:
        raise NotFound(_("The payment list no longer exists."))
    return row
