"""The payment's rules, pure functions over its values and the facts of its day (facts.py): the entitlement check,
the quantity a period covers, the amount the rate in force gives, and the kind's hooks (summary, check, derive,
flag, preview).

The amount: the rate in force on the payment's date × the quantity (days or months of the period covered, 1 for a
payment made once or per school year). Typed by hand it may differ — with a reason; with no rate in force it must be
typed, with where it comes from (an invoice, a fare). Stored with the rate's id and amount, it is never recomputed
when a later rate comes into force: only payments dated on or after a rate's effective date use it.
"""

from __future__ import annotations

from datetime import date

from centre_desk.formatting import format_date, format_money
from centre_desk.i18n import N_, _
from centre_desk.services.entries.fields import Value, label
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.payments import terms
from centre_desk.services.payments.facts import ENTITLED, REGIME

DAYS_A_MONTH = 30.44
LAWS = {"2024": N_("Law 53/2024, Art. 37"), "2011": N_("Law 66/2011 and Decree 09/2013")}


def _int(values: Values, name: str) -> int | None:
    value = values.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _day(values: Values, name: str) -> date | None:
    value = values.get(name)
    return value if isinstance(value, date) else None


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def quantity_of(unit: str, start: date | None, end: date | None) -> int | None:
    """What a period counts in the rate's unit: days (both ends included), months (30.44 days, at least 1), 1 for
    once or a school year; None when a period is needed and not given."""
    if unit in (terms.ONCE, terms.PER_SCHOOL_YEAR):
        return 1
    if start is None or end is None or end < start:
        return None
    days = (end - start).days + 1
    return days if unit == terms.PER_DAY else max(1, round(days / DAYS_A_MONTH))


def rate_of(values: Values, context: Context) -> tuple[int, int, str] | None:
    """(amount, id, unit) of the rate in force on the payment's day for its category, None without one."""
    category = _text(values, "category")
    amount, rate_id = context.facts.get(f"rate.{category}"), context.facts.get(f"rate_id.{category}")
    unit = context.facts.get(f"unit.{category}")
    if isinstance(amount, int) and isinstance(rate_id, int) and isinstance(unit, str):
        return amount, rate_id, unit
    return None


def quantity(values: Values, context: Context) -> int | None:
    """The quantity typed, else the one the period gives in the rate's unit."""
    typed = _int(values, "quantity")
    if typed is not None:
        return typed
    rate = rate_of(values, context)
    return None if rate is None else quantity_of(rate[2], _day(values, "period_from"), _day(values, "period_to"))


def expected_amount(values: Values, context: Context) -> int | None:
    """The rate in force × the quantity; None without a rate or a quantity."""
    rate, count = rate_of(values, context), quantity(values, context)
    return None if rate is None or count is None else rate[0] * count


def entitled(values: Values, context: Context) -> bool:
    return _text(values, "category") in str(context.facts.get(ENTITLED, "")).split()


def problems(values: Values, context: Context) -> list[tuple[str, str]]:
    """Every problem across the fields: entitlement, period, the day paid, the amount against the rate."""
    found: list[tuple[str, str]] = []
    day = format_date(context.on)
    if not str(context.facts.get(ENTITLED, "")).strip():
        found.append(("category", _("She had not been admitted by {day}: no support is due.").format(day=day)))
    elif not entitled(values, context):
        law = _(LAWS.get(str(context.facts.get(REGIME, "")), ""))
        found.append(("category", _("Not among her entitlements on {day} ({law}).").format(day=day, law=law)))
    start, end = _day(values, "period_from"), _day(values, "period_to")
    if start is not None and end is not None and end < start:
        found.append(("period_to", _("The end of the period is before its start.")))
    if values.get("status") == terms.PAID and _day(values, "paid_on") is None:
        found.append(("paid_on", _("Give the day it was paid.")))
    found += _amount_problems(values, context)
    return found


def _amount_problems(values: Values, context: Context) -> list[tuple[str, str]]:
    amount, reason = _int(values, "amount"), _text(values, "amount_reason")
    rate = rate_of(values, context)
    if rate is None:
        if amount is None:
            return [("amount", _("No rate is in force for this support on {day}: type the amount and say why, or ask "
                                 "the manager to enter the rate.").format(day=format_date(context.on)))]  # fmt: skip
        return [] if reason else [("amount_reason", _("With no rate in force, say where the amount comes from."))]
    expected = expected_amount(values, context)
    if expected is None:
        unit = label(terms.UNITS, rate[2])
        return [("quantity", _("Give the period covered or the quantity ({unit}).").format(unit=unit))]
    if amount is not None and amount != expected and not reason:
        return [("amount_reason", _("The amount differs from the rate in force ({amount}): say why.")
                 .format(amount=format_money(expected)))]  # fmt: skip
    return []


def derive(values: Values, context: Context) -> dict[str, Value]:
    """The rate it was made with, the quantity and the amount (the typed amount when given)."""
    rate = rate_of(values, context)
    count = quantity(values, context)
    amount = _int(values, "amount")
    if amount is None:
        amount = expected_amount(values, context) or 0
    return {"rate_id": rate[1] if rate else None, "rate_amount": rate[0] if rate else None, "quantity": count,
            "amount": amount}  # fmt: skip


def summary(values: Values) -> str:
    """ "a) Essential needs: 1.200.000 đ — Paid 05/03/2026"."""
    category = _text(values, "category")
    head = f"{terms.letter(category)}) {label(terms.CATEGORIES, category)}"
    amount = _int(values, "amount")
    status = label(terms.STATUSES, values.get("status"))
    paid_on = _day(values, "paid_on")
    if values.get("status") == terms.PAID and paid_on is not None:
        status = f"{status} {format_date(paid_on)}"
    return f"{head}: {format_money(amount or 0)} — {status}"


def list_summary(values: Values) -> str:
    start, end = _day(values, "period_from"), _day(values, "period_to")
    period = f"{format_date(start)}–{format_date(end)}" if start and end else ""
    return " · ".join(p for p in (period, _text(values, "amount_reason"), _text(values, "note")) if p)[:200]


def flag(values: Values) -> bool:
    """Money not collected needs someone to follow it up."""
    return values.get("status") == terms.NOT_COLLECTED


def preview(values: Values, context: Context) -> str:
    """ "Rate in force: 40.000 đ per day × 30 = 1.200.000 đ"."""
    rate = rate_of(values, context)
    if rate is None:
        return _("No rate in force on {day}.").format(day=format_date(context.on))
    count = quantity(values, context)
    unit = label(terms.UNITS, rate[2])
    if count is None:
        return _("Rate in force: {rate} {unit}.").format(rate=format_money(rate[0]), unit=unit)
    return _("Rate in force: {rate} {unit} × {count} = {amount}.").format(
        rate=format_money(rate[0]), unit=unit, count=count, amount=format_money(rate[0] * count)
    )
