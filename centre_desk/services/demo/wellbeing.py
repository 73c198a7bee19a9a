"""Demo wellbeing scales: the counsellor scores each resident in the centre about every two weeks from her first
week — PHQ-9 and GAD-7 for adults, PHQ-A and GAD-7 for 11 to 17, nothing under 11 (a note without a scale once).
Most improve over the weeks; a few stay level; the resident seen today at high risk (services/demo/counselling.py)
answered question 9 above 0 on her latest PHQ this morning, so the alert shows. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from centre_desk.models.counselling import WellbeingScore
from centre_desk.models.resident import Resident
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.wellbeing import encode
from centre_desk.services.registry import age_on

EVERY = timedelta(days=14)
CHILD_NOTE = "Em vẽ tranh về gia đình, kể ít; theo dõi giấc ngủ và cách em chơi với bạn."
ALERT_NOTE = "Câu 9: em nói có lúc nghĩ chết đi cho xong. Đã ở lại với em, báo lãnh đạo Trung tâm và nhân viên y tế."


def answers_for(instrument: scales.Instrument, total: int, rng: random.Random, self_harm: int = 0) -> list[int]:
    """Answers summing to `total` (capped by what the items allow), spread over the items at random, question 9
    left at `self_harm`."""
    alert_items = {rule.item - 1 for rule in instrument.alerts}
    answers = [0] * instrument.n_items
    for i in alert_items:
        answers[i] = self_harm
    free = [i for i in range(instrument.n_items) if i not in alert_items]
    left = max(0, min(total - sum(answers), 3 * len(free)))
    while left:
        i = rng.choice([j for j in free if answers[j] < 3])
        answers[i] += 1
        left -= 1
    return answers


def _row(base: dict[str, Any], instrument: scales.Instrument, answers: Sequence[int], note: str = "") -> dict[str, Any]:
    result = scales.score(instrument, answers)
    return base | {"instrument": instrument.code, "scale_version": instrument.version, "answers": encode(answers),
                   "total": result.total, "band": result.band or "", "alert": result.alert, "note": note}  # fmt: skip


def scores(s: Session, here: Sequence[tuple[int, datetime]], common: dict[str, Any], now: datetime,
           alert_for: int | None, rng: random.Random) -> list[dict[str, Any]]:  # fmt: skip
    """The score rows of the residents `here` (id, arrival); `alert_for` gets the self-harm alert this morning."""
    born = {rid: (d, y) for rid, d, y in s.execute(select(Resident.id, Resident.birth_date, Resident.birth_year)
                                                   .where(Resident.id.in_([r for r, _a in here])))}  # fmt: skip
    rows: list[dict[str, Any]] = []
    for rid, arrived in here:
        birth_date, birth_year = born.get(rid, (None, None))
        at = arrived + timedelta(days=3, hours=rng.randint(1, 5))
        if not scales.for_age(age_on(birth_date, birth_year, at.date())):  # a child under 11: a note, once
            if at < now:
                base = common | {"resident_id": rid, "occurred_at": at, "recorded_at": at + timedelta(minutes=20)}
                rows.append(base | {"instrument": "", "scale_version": "", "answers": "", "total": None, "band": "",
                                    "alert": False, "note": CHILD_NOTE})  # fmt: skip
            continue
        level = rng.randint(10, 20)
        improving = rng.random() < 0.8 or rid == alert_for
        while at < now - timedelta(hours=6):
            depression, anxiety = _pair(age_on(birth_date, birth_year, at.date()))
            base = common | {"resident_id": rid, "occurred_at": at, "recorded_at": at + timedelta(minutes=25)}
            rows.append(_row(base, depression, answers_for(depression, level, rng)))
            anxious = max(0, min(level - rng.randint(0, 4), 21))
            rows.append(_row(base | {"occurred_at": at + timedelta(minutes=10)}, anxiety,
                             answers_for(anxiety, anxious, rng)))  # fmt: skip
            level = max(2, level - rng.randint(1, 4)) if improving else max(4, min(24, level + rng.randint(-2, 2)))
            at += EVERY + timedelta(days=rng.randint(-2, 2))
        if rid == alert_for:  # this morning, with the high-risk note
            today = now - timedelta(hours=1, minutes=20)
            depression, _anxiety = _pair(age_on(birth_date, birth_year, today.date()))
            base = common | {"resident_id": rid, "occurred_at": today, "recorded_at": today}
            rows.append(_row(base, depression, answers_for(depression, max(level, 14), rng, self_harm=1), ALERT_NOTE))
    return rows


def _pair(age: int | None) -> tuple[scales.Instrument, scales.Instrument]:
    """The depression scale (PHQ-9 or PHQ-A) and GAD-7 for this age (11 and over)."""
    suited = scales.for_age(age if age is not None else 18)
    return next(i for i in suited if i.code != "GAD-7"), next(i for i in suited if i.code == "GAD-7")


def suits(s: Session, resident_id: int, on: date) -> bool:
    """Whether a scale suits the resident on `on` (11 and over, or the age unknown)."""
    found = s.execute(select(Resident.birth_date, Resident.birth_year).where(Resident.id == resident_id)).one()
    return bool(scales.for_age(age_on(found[0], found[1], on)))


def insert_scores(s: Session, rows: list[dict[str, Any]]) -> None:
    table: Table = WellbeingScore.__table__  # type: ignore[assignment]
    for start in range(0, len(rows), 500):
        s.execute(insert(table), rows[start : start + 500])
