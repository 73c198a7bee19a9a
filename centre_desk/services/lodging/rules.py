"""The lodging rules, free of any database: the stay limit in force by date, and the room rules.

Stay limit (DOMAIN.md §1, DOMAIN-ADDENDUM.md §1.2): lodging and essentials for at most 60 days under Decree
09/2013 for a person admitted before 01/07/2025, at most 120 days under Decree 162/2025 Art. 17 from that day;
longer only by a decision of the centre's director (a `StayExtension`). The day of admission is day 1, so
the last day within the limit is admission + limit − 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from centre_desk.services.lodging.dto import ExtensionRow, StayClock

LIMIT_SWITCH = date(2025, 7, 1)  # Decree 162/2025 in force
SOON_DAYS = 14  # the first warning
URGENT_DAYS = 3  # the second warning

BASIS_BEFORE = "Nghị định số 09/2013/NĐ-CP"
BASIS_FROM = "Nghị định số 162/2025/NĐ-CP, Điều 17"


def stay_limit_days(admitted_on: date) -> int:
    """The number of days of lodging the law allows a person admitted on `admitted_on`."""
    return 60 if admitted_on < LIMIT_SWITCH else 120


def stay_limit_basis(admitted_on: date) -> str:
    return BASIS_BEFORE if admitted_on < LIMIT_SWITCH else BASIS_FROM


def stay_clock(
    admission_id: int,
    admitted_on: date,
    today: date,
    extensions: Sequence[ExtensionRow] = (),
    ended_on: date | None = None,
) -> StayClock:
    """Days used and left against the limit; the latest extension (by decision date, then `until`) sets the
    deadline. The clock stops on `ended_on` (discharge)."""
    limit = stay_limit_days(admitted_on)
    base = admitted_on + timedelta(days=limit - 1)
    ordered = tuple(sorted(extensions, key=lambda e: (e.decision_date, e.recorded_at), reverse=True))
    deadline = ordered[0].until if ordered else base
    last_day = min(today, ended_on) if ended_on is not None else today
    days_used = max(0, (last_day - admitted_on).days + 1)
    days_left = (deadline - today).days
    if ended_on is not None and ended_on <= today:
        level = "ended"
    elif days_left < 0:
        level = "over"
    elif days_left <= URGENT_DAYS:
        level = "urgent"
    elif days_left <= SOON_DAYS:
        level = "soon"
    else:
        level = "ok"
    return StayClock(
        admission_id=admission_id,
        admitted_on=admitted_on,
        limit_days=limit,
        legal_basis=stay_limit_basis(admitted_on),
        base_deadline=base,
        deadline=deadline,
        days_used=days_used,
        days_left=days_left,
        level=level,
        extensions=ordered,
    )
