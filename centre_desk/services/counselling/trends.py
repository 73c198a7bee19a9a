"""The trend of a resident's wellbeing scores: each instrument's complete scores over time, with its bands, for
the chart beside the list (ui/counselling/scale_chart.py). Struck-out entries and incomplete ones (no total) are
left out."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.counselling import WellbeingScore
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.dto import ScaleTrend, TrendBand, TrendPoint


def trends(s: Session, resident_id: int) -> tuple[ScaleTrend, ...]:
    """One trend per instrument with at least one complete score, in the order the instruments are offered."""
    w = WellbeingScore
    query = (
        select(w.instrument, w.occurred_at, w.total, w.band, w.alert)
        .where(w.resident_id == resident_id, w.struck_at.is_(None), w.total.is_not(None))
        .order_by(w.occurred_at, w.id)
    )
    points: dict[str, list[TrendPoint]] = {}
    for instrument, at, total, band, alert in s.execute(query):
        points.setdefault(instrument, []).append(TrendPoint(at, total or 0, band, bool(alert)))  # never None here
    result = []
    for found in scales.instruments():
        if found.code in points:
            bands = tuple(TrendBand(b.code, _(scales.BAND_NAMES[b.code]), b.low, b.high) for b in found.bands)
            result.append(ScaleTrend(found.code, found.name, found.max_total, bands, tuple(points[found.code])))
    return tuple(result)
