"""Totals of the payments of a period: one query grouped by month, category, source of funds and status; the page
regroups them by category, by month or by source (a pure function, tested against a hand-computed fixture)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.payments import SupportPayment
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.payments import terms
from centre_desk.services.payments.dto import TotalLine, TotalRow

BY = ("category", "month", "source")


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The moments (aware UTC) from `start` 00:00 to the day after `end`, local time."""
    return local_moment(start, time()), local_moment(end + timedelta(days=1), time())


def rows(s: Session, start: date, end: date) -> tuple[TotalRow, ...]:
    """The payments dated in [start, end], not struck out, counted and summed per day's month, category, source and
    status. Grouped by day in the database (local days differ from UTC ones), by month here."""
    low, high = bounds(start, end)
    p = SupportPayment
    found = s.execute(
        select(p.occurred_at, p.category, p.source, p.status, p.amount)
        .where(p.occurred_at >= low, p.occurred_at < high, p.struck_at.is_(None))
    )  # fmt: skip
    sums: dict[tuple[str, str, str, str], list[int]] = {}
    for at, category, source, status, amount in found:
        key = (local_day(at).strftime("%Y-%m"), category, source, status)
        cell = sums.setdefault(key, [0, 0])
        cell[0] += 1
        cell[1] += int(amount)
    return tuple(TotalRow(m, c, so, st, n, a) for (m, c, so, st), (n, a) in sorted(sums.items()))


def group(found: Iterable[TotalRow], by: str) -> tuple[TotalLine, ...]:
    """The rows summed by "category" (in the law's order), "month" or "source", with a column per status."""
    if by not in BY:
        raise ValueError(by)
    lines: dict[str, dict[str, int]] = {}
    for row in found:
        key = getattr(row, by)
        cell = lines.setdefault(key, {"count": 0} | {status: 0 for status, _label in terms.STATUSES})
        cell["count"] += row.count
        cell[row.status] = cell.get(row.status, 0) + row.amount
    order = [c for c, _label in terms.CATEGORIES] if by == "category" else sorted(lines)
    if by == "source":
        order = [c for c, _label in terms.SOURCES] + sorted(set(lines) - {c for c, _l in terms.SOURCES})
    return tuple(TotalLine(key, v["count"], v[terms.PLANNED], v[terms.PAID], v[terms.REFUSED], v[terms.NOT_COLLECTED])
                 for key in order if (v := lines.get(key)) is not None)  # fmt: skip
