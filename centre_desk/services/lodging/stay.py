"""The stay-limit clock of an admission and the director's extensions (rules.stay_clock does the arithmetic).

The alerts concern everyone in the centre now: the latest admission not discharged and not GONE. Only the
admissions that could be near their deadline are read in full: those admitted long enough ago for the
legal limit to end within the warning window, and those with an extension.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, bindparam, exists, or_, select
from sqlalchemy.orm import Session, aliased

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.base import UtcDateTime
from centre_desk.models.lodging import Presence, PresenceChange, StayExtension
from centre_desk.models.resident import Admission, Resident
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import Problems, clean_block, clean_text
from centre_desk.services.lodging import rules
from centre_desk.services.lodging.common import label, local_day, local_moment, staff_names
from centre_desk.services.lodging.dto import ExtensionInput, ExtensionRow, StayAlert, StayClock

ALERT_LEVELS = ("over", "urgent", "soon")  # the most pressing first


def _extensions(
    s: Session, which: ColumnElement[bool], params: dict[str, datetime] | None = None
) -> dict[int, list[ExtensionRow]]:
    """The extensions of the admissions `which` selects (a condition on StayExtension.admission_id)."""
    found: dict[int, list[ExtensionRow]] = defaultdict(list)
    rows = list(s.scalars(select(StayExtension).where(which), params))
    names = staff_names(s, (e.recorded_by for e in rows))
    for e in rows:
        found[e.admission_id].append(
            ExtensionRow(
                e.id, e.decision_number, e.decision_date, e.decided_by, e.until, e.reason, e.recorded_at,
                names.get(e.recorded_by, "") if e.recorded_by is not None else "",
            )
        )  # fmt: skip
    return found


def _clock(a: Admission, extensions: list[ExtensionRow], today: date) -> StayClock:
    ended = local_day(a.discharged_at) if a.discharged_at is not None else None
    return rules.stay_clock(a.id, local_day(a.arrived_at), today, extensions, ended)


def latest_admission(s: Session, resident_id: int) -> Admission | None:
    return s.scalars(
        select(Admission)
        .where(Admission.resident_id == resident_id)
        .order_by(Admission.arrived_at.desc(), Admission.id.desc())
        .limit(1)
    ).first()


def clock_of(s: Session, resident_id: int, today: date) -> StayClock | None:
    a = latest_admission(s, resident_id)
    return None if a is None else _clock(a, _extensions(s, StayExtension.admission_id == a.id)[a.id], today)


def extend(s: Session, actor: Actor, data: ExtensionInput, now: datetime) -> Admission:
    """Check everything at once (ValidationErrors on ExtensionInput's field names), then record it."""
    a = s.get(Admission, data.admission_id)
    if a is None:
        raise NotFound(_("The resident's record no longer exists."))
    today = local_day(now)
    problems = Problems()
    number = problems.take("", clean_text, data.decision_number, "decision_number", _("Decision number"), 60, True)
    signer = problems.take("", clean_text, data.decided_by, "decided_by", _("Signed by"), 200, True)
    reason = problems.take("", clean_block, data.reason, "reason", _("Reason"), 500)
    admitted = local_day(a.arrived_at)
    if data.decision_date > today:
        problems.add("decision_date", _("The date of the decision cannot be in the future."))
    elif data.decision_date < admitted:
        problems.add("decision_date", _("The decision cannot be dated before the admission."))
    if a.discharged_at is not None:
        problems.add("admission_id", _("This stay has ended: it cannot be extended."))
    current = _clock(a, _extensions(s, StayExtension.admission_id == a.id)[a.id], today)
    if data.until <= current.deadline:
        problems.add(
            "until",
            _("The extension must end after the current deadline ({day}).").format(
                day=current.deadline.strftime("%d/%m/%Y")
            ),
        )
    problems.raise_any()
    s.add(
        StayExtension(
            version=1, admission_id=a.id, decision_number=number, decision_date=data.decision_date,
            decided_by=signer, until=data.until, reason=reason, recorded_at=now,
            recorded_by=actor.account_id,
        )
    )  # fmt: skip
    s.flush()
    return a


def _candidates() -> tuple[ColumnElement[bool], ...]:
    """Open latest admissions whose clock may say soon, urgent or over today; nobody GONE. Bound per call:
    `now`, and the arrival cut-offs `old_law` and `new_law` (_cutoffs)."""
    now = bindparam("now", type_=UtcDateTime())
    later = aliased(Admission)
    gone = exists().where(
        PresenceChange.resident_id == Admission.resident_id,
        PresenceChange.status == Presence.GONE,
        PresenceChange.at >= Admission.arrived_at,
        PresenceChange.at <= now,
    )
    newer = exists().where(later.resident_id == Admission.resident_id, later.arrived_at > Admission.arrived_at)
    extended = exists().where(StayExtension.admission_id == Admission.id)
    return (
        Admission.discharged_at.is_(None),
        Admission.arrived_at <= now,
        or_(
            Admission.arrived_at < bindparam("old_law", type_=UtcDateTime()),
            Admission.arrived_at < bindparam("new_law", type_=UtcDateTime()),
            extended,
        ),
        ~newer,
        ~gone,
    )


def _cutoffs(today: date, now: datetime) -> dict[str, datetime]:
    # without extension a clock warns once admitted_on + limit − 1 − today ≤ SOON_DAYS, that is
    # admitted_on < today + SOON_DAYS + 2 − limit
    def cutoff(admitted_on: date) -> datetime:
        limit = rules.stay_limit_days(admitted_on)
        return local_moment(today + timedelta(days=rules.SOON_DAYS + 2 - limit), time.min)

    switch = local_moment(rules.LIMIT_SWITCH, time.min)
    old_law = min(cutoff(rules.LIMIT_SWITCH - timedelta(days=1)), switch)
    return {"now": now, "old_law": old_law, "new_law": cutoff(rules.LIMIT_SWITCH)}


# built once (building the statement costs more than running it)
_WHERE = _candidates()
_FOUND = select(Admission, Resident).join(Resident).where(*_WHERE)
_FOUND_IDS = select(Admission.id, Admission.arrived_at).where(*_WHERE)
_FOUND_EXTENSIONS = StayExtension.admission_id.in_(select(Admission.id).where(*_WHERE))


def _of(ids: list[int]) -> ColumnElement[bool]:
    """The extensions of the candidates: by their ids when they are few (the usual case), else by the query."""
    return StayExtension.admission_id.in_(ids) if len(ids) <= 500 else _FOUND_EXTENSIONS


def alerts(s: Session, names: bool, today: date, now: datetime) -> tuple[StayAlert, ...]:
    """Everyone in the centre whose clock is soon, urgent or over: the most pressing first."""
    params = _cutoffs(today, now)
    found = list(s.execute(_FOUND, params))
    extensions = _extensions(s, _of([a.id for a, _r in found]), params)
    result = []
    for a, r in found:
        clock = _clock(a, extensions[a.id], today)
        if clock.level in ALERT_LEVELS:
            result.append(StayAlert(r.id, r.code, label(r, names), clock))
    return tuple(sorted(result, key=lambda x: (x.clock.days_left, x.code)))


def alert_counts(s: Session, today: date, now: datetime) -> dict[str, int]:
    """How many clocks say soon, urgent and over (the Overview's figures): two queries."""
    counts = dict.fromkeys(ALERT_LEVELS, 0)
    params = _cutoffs(today, now)
    found = s.execute(_FOUND_IDS, params).all()
    if not found:
        return counts
    extensions = _extensions(s, _of([i for i, _at in found]), params)
    for admission_id, arrived in found:
        clock = rules.stay_clock(admission_id, local_day(arrived), today, extensions.get(admission_id, ()))
        if clock.level in counts:
            counts[clock.level] += 1
    return counts
