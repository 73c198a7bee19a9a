"""The nurse's Today page: the residents in the centre with their last vitals and when the next are due,
the doses due in the next hours, and the alerts (NEWS2, "report to the management", missed doses, urgent
referrals still open, an intake check asking for an urgent referral).

Vitals are due (a shelter, not a ward, so the rhythm is gentler than a hospital's, ⚠️ to agree with the
centre's doctor): every day in her first week in the centre, then every week; every 6 hours after a NEWS2 of
1–4 or a temperature of 38 °C or more; every hour after an alert (NEWS2 5 or more, or 3 in one measure).
Restricted entries take part only for an actor who may see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.health import HealthCheck, NursingNote, Referral
from centre_desk.models.lodging import Presence
from centre_desk.models.resident import Admission
from centre_desk.services.entries.store import values_of
from centre_desk.services.health import mar
from centre_desk.services.health.dto import DueDoseRow, HealthAlert, TodayRow, TodayView
from centre_desk.services.health.kinds import MEDICATION_PLAN
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import local_day
from centre_desk.services.lodging.dto import CensusRow

WEEKLY, DAILY, WATCH, CLOSE = timedelta(days=7), timedelta(hours=24), timedelta(hours=6), timedelta(hours=1)
FIRST_WEEK = timedelta(days=7)
FEVER = 38
LOOK_BACK = timedelta(days=30)  # notes older than this do not set the rhythm
ALERT_HOURS = timedelta(hours=24)
NIGHT_SHIFT = timedelta(hours=8)  # missed doses: today's, and after midnight those of the shift so far
DOSE_WINDOW = timedelta(hours=4)  # doses due in the next hours
VITALS = ("temperature", "pulse", "systolic", "resp_rate", "spo2")
HERE = (Presence.PRESENT, Presence.ABSENT)  # who the nurse must see today (on leave and in hospital: not here)


def _place(row: CensusRow) -> str:
    return " – ".join(p for p in (row.building, row.room_name, row.bed_label) if p)


def _notes(s: Session, ids: Sequence[int], since: datetime, see: bool) -> dict[int, list[NursingNote]]:
    found: dict[int, list[NursingNote]] = {i: [] for i in ids}
    query = select(NursingNote).where(NursingNote.resident_id.in_(ids), NursingNote.occurred_at >= since,
                                      NursingNote.struck_at.is_(None))  # fmt: skip
    if not see:
        query = query.where(NursingNote.restricted.is_(False))
    for note in s.scalars(query.order_by(NursingNote.occurred_at.desc())):
        found[note.resident_id].append(note)
    return found


def _due(last: NursingNote | None, arrived: datetime | None, now: datetime) -> datetime:
    if last is None:
        return now
    if last.news2_alert:
        step = CLOSE
    elif (last.news2 or 0) > 0 or (last.temperature or 0) >= FEVER:
        step = WATCH
    else:
        step = DAILY if arrived is not None and last.occurred_at < arrived + FIRST_WEEK else WEEKLY
    return last.occurred_at + step


def _arrivals(s: Session, ids: Sequence[int]) -> dict[int, datetime]:
    found = s.execute(select(Admission.resident_id, func.max(Admission.arrived_at))
                      .where(Admission.resident_id.in_(ids)).group_by(Admission.resident_id))  # fmt: skip
    return {int(rid): at for rid, at in found}


def today(s: Session, now: datetime, names: bool, see: bool, tz: tzinfo) -> TodayView:
    day = local_day(now)
    rows = [r for r in census.census(s, day, now, names).rows if r.presence != Presence.GONE]
    ids = [r.resident_id for r in rows]
    by_id = {r.resident_id: r for r in rows}
    notes = _notes(s, ids, now - LOOK_BACK, see)
    arrived = _arrivals(s, ids)
    alerts: list[HealthAlert] = []
    doses: list[DueDoseRow] = []
    missed: dict[int, int] = dict.fromkeys(ids, 0)
    due_now: dict[int, int] = dict.fromkeys(ids, 0)
    start, end = mar.day_bounds(day, tz)
    start = min(start, now - NIGHT_SHIFT)  # just after midnight the night nurse still sees last evening's misses
    plans = mar.active_plans(s, ids, local_day(start), local_day(now + DOSE_WINDOW))
    records = mar.records_of(s, [p.id for p in plans], start, now + DOSE_WINDOW)
    for plan in plans:
        hidden = plan.restricted and not see
        medicine = "" if hidden else MEDICATION_PLAN.summary(dict(values_of(MEDICATION_PLAN, plan)))
        for dose in mar.plan_doses(plan, records[plan.id], start, max(end, now + DOSE_WINDOW), now, tz, {}):
            if dose.scheduled_for is None or dose.state == "recorded":
                continue
            row = by_id[plan.resident_id]
            if dose.state == "missed":
                missed[plan.resident_id] += 1
                alerts.append(HealthAlert(row.resident_id, row.code, row.label, "missed", dose.scheduled_for,
                                          _("Dose missed: {medicine} at {when}").format(
                                              medicine=medicine or _("Restricted entry"),
                                              when=format_datetime(dose.scheduled_for))))  # fmt: skip
            elif dose.scheduled_for < now + DOSE_WINDOW:
                due_now[plan.resident_id] += dose.state in ("due_now", "overdue")
                doses.append(DueDoseRow(row.resident_id, row.label, _place(row), plan.id, medicine,
                                        dose.scheduled_for, dose.state))  # fmt: skip
    referrals = _open_referrals(s, ids, see)
    result = []
    for row in rows:
        mine = notes[row.resident_id]
        last = next((n for n in mine if any(getattr(n, v) is not None for v in VITALS)), None)
        weight = next((n.weight_kg for n in mine if n.weight_kg is not None), None)
        due_at = _due(last, arrived.get(row.resident_id), now) if row.presence in HERE else None
        result.append(TodayRow(
            row.resident_id, row.code, row.label, row.age, _place(row), str(row.presence),
            last.occurred_at if last else None, last.news2 if last else None, bool(last and last.news2_alert),
            due_at is not None and due_at <= now, due_at, due_now[row.resident_id], missed[row.resident_id],
            len(referrals.get(row.resident_id, [])), weight,
        ))  # fmt: skip
        alerts += _note_alerts(row, mine, now)
        for referral in referrals.get(row.resident_id, []):
            if referral.urgent:
                alerts.append(HealthAlert(row.resident_id, row.code, row.label, "referral", referral.occurred_at,
                                          _("Urgent referral not back yet: {facility}").format(
                                              facility=referral.facility)))  # fmt: skip
    alerts += _urgent_checks(s, by_id, referrals, see)
    order = {"news2": 0, "urgent_check": 1, "referral": 2, "notify": 3, "missed": 4}
    alerts.sort(key=lambda a: (order.get(a.kind, 9), -a.at.timestamp()))
    doses.sort(key=lambda d: d.scheduled_for)
    return TodayView(now, tuple(result), tuple(doses), tuple(alerts))


def _note_alerts(row: CensusRow, notes: Sequence[NursingNote], now: datetime) -> list[HealthAlert]:
    found = []
    recent = [n for n in notes if n.occurred_at >= now - ALERT_HOURS]
    latest_alert = next((n for n in recent if n.news2_alert), None)
    if latest_alert is not None:
        found.append(HealthAlert(row.resident_id, row.code, row.label, "news2", latest_alert.occurred_at,
                                 _("NEWS2 {score}: tell the doctor now").format(score=latest_alert.news2)
                                 if latest_alert.news2 is not None else _("A measure scored 3 in NEWS2")))  # fmt: skip
    latest_notify = next((n for n in recent if n.notify_manager), None)
    if latest_notify is not None:
        text = _("Report to the management") + ": " + " ".join(latest_notify.note.split())[:80]
        found.append(HealthAlert(row.resident_id, row.code, row.label, "notify", latest_notify.occurred_at, text))
    return found


def _open_referrals(s: Session, ids: Sequence[int], see: bool) -> dict[int, list[Referral]]:
    query = select(Referral).where(Referral.resident_id.in_(ids), Referral.struck_at.is_(None),
                                   Referral.closed.is_(False), Referral.returned_on.is_(None))  # fmt: skip
    if not see:
        query = query.where(Referral.restricted.is_(False))
    found: dict[int, list[Referral]] = {}
    for referral in s.scalars(query.order_by(Referral.occurred_at)):
        found.setdefault(referral.resident_id, []).append(referral)
    return found


def _urgent_checks(s: Session, rows: dict[int, CensusRow], referrals: dict[int, list[Referral]],
                   see: bool) -> list[HealthAlert]:  # fmt: skip
    """An intake check asking for an urgent referral, with no referral written since."""
    query = select(HealthCheck).where(HealthCheck.resident_id.in_(list(rows)), HealthCheck.struck_at.is_(None),
                                      HealthCheck.urgent_referral.is_(True))  # fmt: skip
    if not see:
        query = query.where(HealthCheck.restricted.is_(False))
    found = []
    for check in s.scalars(query):
        later = s.scalar(select(Referral.id).where(Referral.resident_id == check.resident_id,
                                                   Referral.occurred_at >= check.occurred_at).limit(1))  # fmt: skip
        if later is None and check.resident_id not in referrals:
            row = rows[check.resident_id]
            found.append(HealthAlert(row.resident_id, row.code, row.label, "urgent_check", check.occurred_at,
                                     _("The intake check asks for an urgent referral: none written yet")))  # fmt: skip
    return found
