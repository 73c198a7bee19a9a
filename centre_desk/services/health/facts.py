"""Facts the health hooks need about a resident on a day, and nothing more leaves this module.

* Pregnant or not, from her restricted entries — for NEWS2, which never gives a number for a pregnant
  woman. The latest word before the day counts: a reproductive-health entry saying pregnant yes/no, or a
  pregnancy test with a result. A "yes" lasts until the expected delivery date plus six weeks
  (postpartum), or 42 weeks from the entry when no date was given.
* Her allergies, as the latest intake health check lists them — for the medication plan's warning.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.health import HealthCheck, HealthTest, ReproductiveEntry

POSTPARTUM = timedelta(weeks=6)
LONGEST = timedelta(weeks=42)


def pregnant_on(s: Session, resident_id: int, day: date) -> bool:
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    said = s.execute(
        select(ReproductiveEntry.occurred_at, ReproductiveEntry.pregnant, ReproductiveEntry.due_date)
        .where(ReproductiveEntry.resident_id == resident_id, ReproductiveEntry.struck_at.is_(None),
               ReproductiveEntry.pregnant != "unknown", ReproductiveEntry.occurred_at < end)
        .order_by(ReproductiveEntry.occurred_at.desc()).limit(1)
    ).first()  # fmt: skip
    tested = s.execute(
        select(HealthTest.occurred_at, HealthTest.result)
        .where(HealthTest.resident_id == resident_id, HealthTest.struck_at.is_(None), HealthTest.test == "pregnancy",
               HealthTest.result.in_(("positive", "negative")), HealthTest.occurred_at < end)
        .order_by(HealthTest.occurred_at.desc()).limit(1)
    ).first()  # fmt: skip
    if said is None and tested is None:
        return False
    if said is not None and (tested is None or said.occurred_at >= tested.occurred_at):
        if said.pregnant != "yes":
            return False
        until = said.due_date + POSTPARTUM if said.due_date else (said.occurred_at + LONGEST).date()
        return bool(day <= until)
    assert tested is not None
    return bool(tested.result == "positive" and day <= (tested.occurred_at + LONGEST).date())


def allergies_on(s: Session, resident_id: int, day: date) -> tuple[str, ...]:
    """The allergies the latest intake health check (not struck out) lists, one per comma or semicolon."""
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    text = s.scalar(
        select(HealthCheck.allergies)
        .where(HealthCheck.resident_id == resident_id, HealthCheck.struck_at.is_(None), HealthCheck.occurred_at < end)
        .order_by(HealthCheck.occurred_at.desc()).limit(1)
    )  # fmt: skip
    return tuple(p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip())
