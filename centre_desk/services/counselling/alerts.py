"""The Overview's wellbeing-scale alerts: the residents in the centre whose latest score of an instrument has the
item-9 alert (thoughts of self-harm, a same-day response) or falls in a severe band — in one query.

"Latest" is the newest entry of each instrument not struck out, complete or not: a later score without the alert
clears it (the counsellor asked again), an earlier alert never hides behind an older severe score. Notes without
a scale take no part.
"""

from __future__ import annotations

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.counselling import WellbeingScore
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.dto import ScaleAlert
from centre_desk.services.counselling.wellbeing import SEVERE_BANDS


def _text(instrument: str, total: int | None, band: str, self_harm: bool) -> str:
    if self_harm:
        return "⚠ " + _("{scale}: {alert}").format(scale=instrument, alert=_(scales.ALERT_TEXTS[scales.SELF_HARM]))
    return _("{scale} {total}: {band}").format(scale=instrument, total=total if total is not None else "…",
                                               band=_(scales.BAND_NAMES.get(band, band)))  # fmt: skip


def scale_alerts(s: Session, names: bool) -> tuple[ScaleAlert, ...]:
    """The alerts, the self-harm ones first, then the newest first."""
    w = WellbeingScore
    newest = func.row_number().over(partition_by=(w.resident_id, w.instrument),
                                    order_by=(w.occurred_at.desc(), w.id.desc()))  # fmt: skip
    ranked = (
        select(w.resident_id, w.instrument, w.occurred_at, w.total, w.band, w.alert, newest.label("n"))
        .where(w.struck_at.is_(None), w.instrument != "")
        .subquery()
    )
    here = exists().where(Admission.resident_id == Resident.id, Admission.discharged_at.is_(None))
    query = (
        select(ranked.c.resident_id, Resident.code, Resident.full_name, Resident.alias, ranked.c.instrument,
               ranked.c.occurred_at, ranked.c.total, ranked.c.band, ranked.c.alert)
        .join(Resident, Resident.id == ranked.c.resident_id)
        .where(ranked.c.n == 1, here, or_(ranked.c.alert.is_(True), ranked.c.band.in_(sorted(SEVERE_BANDS))))
        .order_by(ranked.c.alert.desc(), ranked.c.occurred_at.desc(), ranked.c.resident_id)
    )  # fmt: skip
    found = []
    for rid, code, full_name, alias, instrument, at, total, band, alert in s.execute(query):
        text = _text(instrument, total, band, bool(alert))
        label = full_name if names else alias
        found.append(ScaleAlert(int(rid), code, label, instrument, at, total, band, bool(alert), text))
    return tuple(found)
