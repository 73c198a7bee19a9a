"""One-line summaries, the attention flag and the cross-field checks of a follow-up contact (pure functions), and
the fact they read: the day of her discharge.

A reached contact names whom they met; a contact through the commune officer or a partner names them; a contact
comes on or after her discharge (the foundation already refuses a moment in the future); the next date comes after
the contact. The flag: a high risk, or any sign of contact with the recruiter or broker.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.resident import Admission
from centre_desk.services.entries.fields import Value, day_of, label, text_of
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.follow_up.terms import (
    COMMUNE,
    HIGH,
    MODES,
    OUTCOMES,
    PARTNER,
    REACHED,
    RECRUITER,
    RISKS,
    SIGNS,
)
from centre_desk.services.lodging.common import local_day

Problems = list[tuple[str, str]]
DISCHARGED = "discharged_on"  # the fact: the local day of her discharge, None while she is in the centre


def signs_of(values: Values) -> list[str]:
    """The warning signs ticked, in the current language (the sign written in words last)."""
    found = [_(text) for name, text in SIGNS if values.get(name) is True]
    other = text_of(values, "sign_other")
    return [*found, other] if other else found


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def summary(values: Values) -> str:
    """ "Home visit · Reached (her mother) · risk High · 2 signs: Debts, No income · next 10/03/2027"."""
    outcome = label(OUTCOMES, values.get("outcome"))
    met = text_of(values, "met_whom")
    if met and values.get("outcome") == REACHED:
        outcome += f" ({met})"
    signs = signs_of(values)
    risk = _("risk {level}").format(level=label(RISKS, values.get("risk"))) if values.get("risk") else ""
    nxt = day_of(values, "next_on")
    return _join(label(MODES, values.get("mode")), outcome, risk,
                 _("signs: {list}").format(list=", ".join(signs)) if signs else "",
                 _("next {date}").format(date=format_date(nxt)) if nxt is not None else "")  # fmt: skip


def list_summary(values: Values) -> str:
    signs = signs_of(values)
    return _join(", ".join(signs), text_of(values, "note")[:160])


def flag(values: Values) -> bool:
    return values.get("risk") == HIGH or values.get(RECRUITER) is True


def preview(values: Values, context: Context) -> str:
    if values.get(RECRUITER) is True:
        return _("⚠ Contact with the recruiter: plan her protection with the commune and the police today.")
    if values.get("risk") == HIGH:
        return _("⚠ High risk: agree the next contact soon and tell the manager.")
    return ""


def problems(values: Values, context: Context) -> Problems:
    found: Problems = []
    if values.get("outcome") == REACHED and not text_of(values, "met_whom"):
        found.append(("met_whom", _("Say whom you met or spoke to.")))
    if values.get("mode") in (COMMUNE, PARTNER) and not text_of(values, "partner"):
        found.append(("partner", _("Name the commune officer or the partner organisation.")))
    discharged = context.facts.get(DISCHARGED)
    if not isinstance(discharged, date):
        found.append(("occurred_at", _("She has not left the centre: follow-up contacts start after her discharge.")))
    elif context.on < discharged:
        found.append(("occurred_at", _("A follow-up contact comes on or after her discharge ({date}).").format(
            date=format_date(discharged))))  # fmt: skip
    nxt = day_of(values, "next_on")
    if nxt is not None and nxt <= context.on:
        found.append(("next_on", _("The next contact comes after this one.")))
    return found


def discharge_fact(s: Session, resident_id: int, day: date) -> Mapping[str, Value]:
    """The day of her discharge (the latest admission of this record), None while she is in the centre."""
    at = s.scalar(select(Admission.discharged_at).where(Admission.resident_id == resident_id)
                  .order_by(Admission.arrived_at.desc()).limit(1))  # fmt: skip
    return {DISCHARGED: local_day(at) if at is not None else None}
