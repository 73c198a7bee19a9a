"""What the payment's rules need from the database, read for one resident and one day (the payment's date): her
standing then (services/payments/entitlement.py) and the rates in force that day — two queries. The rules
(rules.py) get them as `Context.facts` and stay pure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.models.payments import PaymentRate
from centre_desk.models.resident import Admission, Resident, VictimStatus
from centre_desk.services.entries.fields import Value
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.payments.entitlement import Standing, entitled_on, regime
from centre_desk.services.reference import FOREIGN_NATIONAL_CODE
from centre_desk.text import fold

ENTITLED, REGIME = "entitled", "regime"  # space-separated category keys; "2024" or "2011"


def standing(s: Session, resident_id: int, day: date) -> Standing:
    """Her standing on `day`: the latest admission begun by the end of that day."""
    end = local_moment(day + timedelta(days=1), time())
    found = s.execute(
        select(Admission.victim_status, Admission.status_date, Admission.accompanying_child, Admission.arrived_at,
               Resident.ethnic_code, Resident.nationality)
        .join(Resident, Resident.id == Admission.resident_id)
        .where(Admission.resident_id == resident_id, Admission.arrived_at < end)
        .order_by(Admission.arrived_at.desc(), Admission.id.desc()).limit(1)
    ).first()  # fmt: skip
    if found is None:
        return Standing(admitted=False, confirmed=False, foreign=False, accompanying_child=False)
    status, status_date, child, arrived, ethnic, nationality = found
    confirmed = status == VictimStatus.CONFIRMED and (status_date or local_day(arrived)) <= day
    foreign = ethnic == FOREIGN_NATIONAL_CODE or fold(nationality) not in ("", "viet nam")
    return Standing(admitted=True, confirmed=confirmed, foreign=foreign, accompanying_child=bool(child))


def rates_on(s: Session, day: date) -> dict[str, PaymentRate]:
    """The rate in force on `day` for each category that has one: the latest effective on or before it (of two
    with the same date, the one entered last)."""
    newest = (
        select(PaymentRate.category, func.max(PaymentRate.effective_from).label("since"))
        .where(PaymentRate.effective_from <= day)
        .group_by(PaymentRate.category)
        .subquery()
    )
    rows = s.scalars(
        select(PaymentRate)
        .join(newest, (newest.c.category == PaymentRate.category) & (newest.c.since == PaymentRate.effective_from))
        .order_by(PaymentRate.id)
    )
    return {rate.category: rate for rate in rows}  # the last entered wins


def payment_facts(s: Session, resident_id: int, day: date) -> Mapping[str, Value]:
    """The facts of the payment kind (EntryKind.facts): her entitlements and the rates in force on the day."""
    facts: dict[str, Value] = {ENTITLED: " ".join(entitled_on(day, standing(s, resident_id, day))),
                               REGIME: regime(day)}  # fmt: skip
    for category, rate in rates_on(s, day).items():
        facts |= {f"rate.{category}": rate.amount, f"rate_id.{category}": rate.id, f"unit.{category}": rate.unit}
    return facts
