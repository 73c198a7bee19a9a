"""The medication administration record: each plan's doses on a day with their state, and recording a dose.

A scheduled dose with no record one hour after its time (medication_rules.GRACE) is "missed": it is shown as
an alert on the Today page and the Overview; nothing is written for it, so a late record still counts.
Records are appended, never changed: a correction is a newer record for the same scheduled dose.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.health import DoseRecord as DoseRow
from centre_desk.models.health import MedicationPlan
from centre_desk.security.access import Actor
from centre_desk.services.entries.store import values_of
from centre_desk.services.health import medication
from centre_desk.services.health.dto import DoseInput, MarDose, MarPlan, MedicationDay
from centre_desk.services.health.kinds import MEDICATION_PLAN
from centre_desk.services.health.medication_rules import (
    NURSE_OUTCOMES,
    DoseOutcome,
    DoseRecord,
    DoseSchedule,
    dose_states,
    record_problems,
    scheduled_doses,
)
from centre_desk.services.lodging.common import staff_names


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(), tzinfo=tz)


def schedule_of(plan: MedicationPlan) -> DoseSchedule:
    times, _message = medication.parse_times(plan.times)
    return DoseSchedule(times, plan.every_hours, plan.as_needed, plan.start_on, plan.end_on)


def active_plans(s: Session, resident_ids: Iterable[int], day_from: date, day_to: date) -> list[MedicationPlan]:
    """Plans not struck out that run on some day of [day_from, day_to]."""
    ids = list(resident_ids)
    if not ids:
        return []
    query = select(MedicationPlan).where(
        MedicationPlan.resident_id.in_(ids), MedicationPlan.struck_at.is_(None), MedicationPlan.start_on <= day_to,
        (MedicationPlan.end_on.is_(None)) | (MedicationPlan.end_on >= day_from),
    )  # fmt: skip
    return list(s.scalars(query.order_by(MedicationPlan.start_on, MedicationPlan.id)))


def records_of(s: Session, plan_ids: Sequence[int], start: datetime, end: datetime) -> dict[int, list[DoseRow]]:
    """The dose records of the plans for doses scheduled (or, as-needed, given) in [start, end)."""
    found: dict[int, list[DoseRow]] = {p: [] for p in plan_ids}
    if not plan_ids:
        return found
    rows = s.scalars(
        select(DoseRow).where(
            DoseRow.plan_id.in_(plan_ids),
            ((DoseRow.scheduled_for >= start) & (DoseRow.scheduled_for < end))
            | (DoseRow.scheduled_for.is_(None) & (DoseRow.at >= start) & (DoseRow.at < end)),
        ).order_by(DoseRow.recorded_at, DoseRow.id)
    )  # fmt: skip
    for row in rows:
        found[row.plan_id].append(row)
    return found


def _as_rule(row: DoseRow) -> DoseRecord:
    return DoseRecord(row.scheduled_for, DoseOutcome(row.outcome), row.at, row.reason)


def plan_doses(plan: MedicationPlan, rows: Sequence[DoseRow], start: datetime, end: datetime, now: datetime,
               tz: tzinfo, names: dict[int, str]) -> tuple[MarDose, ...]:  # fmt: skip
    """The plan's doses in [start, end) with their state (the as-needed ones given, as recorded)."""
    by_moment = {(r.scheduled_for, r.outcome, r.at): r for r in rows}
    states = dose_states(schedule_of(plan), [_as_rule(r) for r in rows if r.scheduled_for is not None], now,
                         now - start, max(end - now, timedelta(0)), tz=tz)  # fmt: skip
    doses = []
    for due in states:
        if not start <= due.scheduled_for < end:
            continue
        rec = due.record
        row = by_moment.get((rec.scheduled_for, rec.outcome.value, rec.at)) if rec is not None else None
        outcome = rec.outcome.value if rec is not None else ("missed" if due.state == "missed" else "")
        doses.append(MarDose(plan.id, due.scheduled_for, due.state, outcome, rec.at if rec else None,
                             names.get(row.by or 0, "") if row else "", rec.reason if rec else ""))  # fmt: skip
    for row in rows:
        if row.scheduled_for is None:
            doses.append(MarDose(plan.id, None, "recorded", row.outcome, row.at, names.get(row.by or 0, ""),
                                 row.reason))  # fmt: skip
    return tuple(doses)


def medication_day(s: Session, resident_id: int, day: date, now: datetime, see_restricted: bool,
                   tz: tzinfo) -> MedicationDay:  # fmt: skip
    start, end = day_bounds(day, tz)
    plans = active_plans(s, [resident_id], day, day)
    records = records_of(s, [p.id for p in plans], start, end)
    names = staff_names(s, [r.by for rows in records.values() for r in rows])
    result = []
    for plan in plans:
        hidden = plan.restricted and not see_restricted
        summary = "" if hidden else MEDICATION_PLAN.summary(dict(values_of(MEDICATION_PLAN, plan)))
        doses = () if hidden else plan_doses(plan, records[plan.id], start, end, now, tz, names)
        result.append(MarPlan(plan.id, plan.version, summary, hidden, plan.as_needed, plan.start_on, plan.end_on,
                              doses))  # fmt: skip
    return MedicationDay(resident_id, day, tuple(result))


def record_dose(s: Session, actor: Actor, data: DoseInput, now: datetime, see_restricted: bool) -> DoseRow:
    plan = s.get(MedicationPlan, data.plan_id)
    if plan is None or plan.struck_at is not None:
        raise NotFound(_("The entry no longer exists."))
    if plan.restricted and not see_restricted:
        raise ValidationError("plan", _("This entry is restricted."))
    try:
        outcome = DoseOutcome(data.outcome)
    except ValueError:
        raise ValidationError("outcome", _("Choose one of the values in the list.")) from None
    if outcome not in NURSE_OUTCOMES:
        raise ValidationError("outcome", _("Choose one of the values in the list."))
    at = data.at or now
    record = DoseRecord(data.scheduled_for, outcome, at, data.reason.strip())
    problems = record_problems(record)
    if outcome is DoseOutcome.REFUSED and not data.reason.strip():
        problems.append(("reason", _("Write why she refused (in her words if you can).")))
    if at > now + timedelta(minutes=5):
        problems.append(("at", _("The moment cannot be in the future.")))
    if data.scheduled_for is not None and data.scheduled_for not in _scheduled(plan, data.scheduled_for):
        problems.append(("scheduled_for", _("This medicine is not scheduled at that time.")))
    if data.scheduled_for is None and not plan.as_needed:
        problems.append(("scheduled_for", _("Choose the scheduled dose.")))
    if data.scheduled_for is None and not data.reason.strip():
        problems.append(("reason", _("Write why the medicine is given now.")))
    if problems:
        raise ValidationErrors(problems)
    row = DoseRow(plan_id=plan.id, resident_id=plan.resident_id, scheduled_for=data.scheduled_for,
                  outcome=outcome.value, at=at, by=actor.account_id, reason=data.reason.strip()[:500],
                  recorded_at=now)  # fmt: skip
    s.add(row)
    s.flush()
    return row


def _scheduled(plan: MedicationPlan, moment: datetime) -> list[datetime]:
    tz = local_zone()
    return scheduled_doses(schedule_of(plan), moment - timedelta(minutes=1), moment + timedelta(minutes=1), tz)
