"""PaymentService: the support payments across residents — the rates, the payment list of a period and a category,
recording it as signed, and the totals. The payments themselves are dated entries written through services/entries
(EntryService) like every entry; their rules are in rules.py.

Permissions (field group PAYMENTS): VIEW lists and totals (intake officer, manager); EDIT records a signed list;
ADMINISTER enters a rate (the manager). A list names residents: their full names only with VIEW on IDENTITY (else
the aliases). Every call is audited ("payment.*"; a payment changed by a list also "entry.changed").
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from centre_desk.errors import ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.payments import PaymentRate
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.concurrency import stale_guard
from centre_desk.services.lodging.common import local_day, names_allowed, staff_names
from centre_desk.services.payments import lists, terms, totals
from centre_desk.services.payments.dto import ListInput, PaymentListView, RateInput, RateRow, TotalRow
from centre_desk.services.payments.facts import rates_on
from centre_desk.text import nfc

G = FieldGroup.PAYMENTS
MAX_RATE = 1_000_000_000


def rate_problems(data: RateInput) -> list[tuple[str, str]]:
    """Every problem of a new rate at once (the rate dialog calls it as one types)."""
    found = []
    if data.category not in dict(terms.CATEGORIES):
        found.append(("category", _("Choose one of the values in the list.")))
    if not 0 < data.amount <= MAX_RATE:
        found.append(("amount", _("Type an amount in đồng, above 0.")))
    if data.unit not in dict(terms.UNITS):
        found.append(("unit", _("Choose one of the values in the list.")))
    if len(" ".join(data.source.split())) < 5:
        found.append(("source", _("Name the legal text the rate comes from (e.g. the People's Council's resolution).")))
    return found


class PaymentService(Service):
    # ------------------------------------------------------------------------------------------ rates

    def rates(self, actor: Actor) -> tuple[RateRow, ...]:
        """Every rate entered, newest effective date first, with the ones in force today marked."""
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            today = local_day(self._clock())
            found = list(s.scalars(select(PaymentRate).order_by(PaymentRate.effective_from.desc(),
                                                                PaymentRate.id.desc())))  # fmt: skip
            in_force = {r.id for r in rates_on(s, today).values()}
            newest: dict[str, int] = {}
            for r in found:  # newest effective date first, then the one entered last
                newest.setdefault(r.category, r.id)
            names = staff_names(s, [r.entered_by for r in found])
            self._audit.record(s, cur, "payment.rates_viewed", field_group=G)
            return tuple(RateRow(r.id, r.category, r.amount, r.unit, r.effective_from, r.source, r.note,
                                 names.get(r.entered_by or 0, ""), r.entered_at, r.id in in_force,
                                 newest[r.category] != r.id)
                         for r in found)  # fmt: skip

    def add_rate(self, actor: Actor, data: RateInput) -> RateRow:
        """Enter a rate (ADMINISTER on PAYMENTS): in force from its date for the payments dated from then on; the
        payments before keep the rate they were made with. Audited "payment.rate_added"."""
        problems = rate_problems(data)
        if problems:
            raise ValidationErrors(problems)
        with self._access.unit(actor, Action.ADMINISTER, G) as (s, cur):
            rate = PaymentRate(category=data.category, amount=data.amount, unit=data.unit,
                               effective_from=data.effective_from, source=" ".join(nfc(data.source).split())[:300],
                               note=" ".join(nfc(data.note).split())[:500], entered_by=cur.account_id,
                               entered_at=self._clock())  # fmt: skip
            s.add(rate)
            s.flush()
            self._audit.record(s, cur, "payment.rate_added", record_type="payment_rate", record_id=rate.id,
                               field_group=G)  # fmt: skip
            name = staff_names(s, [cur.account_id]).get(cur.account_id or 0, "")
            in_force = rates_on(s, local_day(self._clock())).get(rate.category)
            return RateRow(rate.id, rate.category, rate.amount, rate.unit, rate.effective_from, rate.source, rate.note,
                           name, rate.entered_at, in_force is not None and in_force.id == rate.id, False)  # fmt: skip

    # ------------------------------------------------------------------------------------------ lists

    def payment_list(self, actor: Actor, start: date, end: date, category: str = "") -> PaymentListView:
        """The payments dated in the period (of one category, or all with ""), and the list recorded for them."""
        lists.check_period(start, end, category)
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            found = lists.view(s, start, end, category, names_allowed(cur))
            self._audit.record(s, cur, "payment.list_viewed", record_type="payment_list",
                               record_id=found.list_id or "", field_group=G)  # fmt: skip
            return found

    def record_list(self, actor: Actor, data: ListInput) -> PaymentListView:
        """Record the list as signed: who was paid (on the day signed), who refused, who did not collect. One
        transaction; each payment changed keeps its earlier values (entry revisions) and gets its audit row."""
        with self._access.unit(actor, Action.EDIT, G) as (s, cur), stale_guard():
            listed, changed = lists.record(s, cur, data, self._clock())
            for payment_id in changed:
                self._audit.record(s, cur, "entry.changed", record_type=lists.KIND, record_id=payment_id,
                                   field_group=G)  # fmt: skip
            self._audit.record(s, cur, "payment.list_recorded", record_type="payment_list", record_id=listed.id,
                               field_group=G)  # fmt: skip
            return lists.view(s, data.period_from, data.period_to, data.category, names_allowed(cur))

    # ------------------------------------------------------------------------------------------ totals

    def totals(self, actor: Actor, start: date, end: date) -> tuple[TotalRow, ...]:
        """The payments of the period summed by month, category, source of funds and status (no names)."""
        lists.check_period(start, end, "")
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            found = totals.rows(s, start, end)
            self._audit.record(s, cur, "payment.totals_viewed", field_group=G)
            return found
