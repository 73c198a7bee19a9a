"""The support payment, declared once as a kind of dated entry on the record's "payments" tab (field group PAYMENTS:
the intake officer writes, the manager does everything; nurses and counsellors see nothing). The tab, the list, the
form, the Timeline, the audit, the revisions and the permissions come from the declaration (services/entries);
the rates in force and her entitlements on the payment's day reach the rules through `facts`."""

from __future__ import annotations

from decimal import Decimal

from centre_desk.i18n import N_
from centre_desk.models.payments import SupportPayment
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, RecordTab, register, register_tab
from centre_desk.services.payments import rules, terms
from centre_desk.services.payments.facts import payment_facts

F, T = Field, FieldType
PAYMENTS_TAB = register_tab(RecordTab("payments", N_("Support payments"), 50))
PERIOD, PAYMENT = N_("Period covered"), N_("Payment")
MAX_AMOUNT = Decimal(1_000_000_000)  # one payment: a billion đồng is a typing slip

PAYMENT_KIND = register(EntryKind(
    code="support_payment", model=SupportPayment,
    title=N_("Support payment"), plural=N_("Support payments"), group=FieldGroup.PAYMENTS, tab="payments", order=10,
    when_label=N_("Payment date"), summary=rules.summary, check=rules.problems, derive=rules.derive,
    derived=("rate_id", "rate_amount"), flag=rules.flag, preview=rules.preview, list_summary=rules.list_summary,
    facts=payment_facts,
    fields=(
        F("category", N_("Support"), T.CHOICE, required=True, choices=terms.CATEGORIES, in_list=True),
        F("status", N_("Status"), T.CHOICE, required=True, choices=terms.STATUSES, default=terms.PLANNED,
          in_list=True),
        F("amount", N_("Amount"), T.INTEGER, minimum=Decimal(0), maximum=MAX_AMOUNT, unit=N_("đ"), in_list=True,
          hint=N_("Empty: the rate in force × the quantity")),
        F("amount_reason", N_("Why the amount differs from the rate"), max_length=300),
        F("period_from", N_("Period from"), T.DATE, section=PERIOD),
        F("period_to", N_("Period to"), T.DATE, section=PERIOD),
        F("quantity", N_("Quantity"), T.INTEGER, minimum=Decimal(1), maximum=Decimal(3660), section=PERIOD,
          hint=N_("Days or months, as the rate counts; empty: from the period")),
        F("method", N_("Paid in"), T.CHOICE, required=True, choices=terms.METHODS, default="cash", section=PAYMENT),
        F("source", N_("Source of funds"), T.CHOICE, required=True, choices=terms.SOURCES, default="state_budget",
          section=PAYMENT),
        F("paid_on", N_("Paid on"), T.DATE, section=PAYMENT),
        F("paid_by", N_("Paid by"), max_length=200, section=PAYMENT, hint=N_("Who handed over the money")),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=PAYMENT),
    ),
))  # fmt: skip
