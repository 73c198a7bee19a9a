"""Demo health, part 3: the medication plans of the residents in the centre now, and every dose.

Paracetamol when needed for each fever (a dose at each reading of 38.5 °C or more), amoxicillin for a sore
throat (never for a resident allergic to penicillin), a cream for scabies, multivitamins for two thin girls or
women, iron and folic acid for the pregnant woman (a restricted plan: it tells of her pregnancy). Every
scheduled dose up to now has its record — mostly given; refused, not available or held now and then — except
the recent gap of one plan (`Care.gaps`): nobody wrote those doses down, and the program shows them as missed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from centre_desk.services.demo.health_care import FEVERS, Episode, Patient, Row, Ward, entry, zone
from centre_desk.services.demo.health_text import MEDICINES, PRESCRIBER, REASONS
from centre_desk.services.health.medication_rules import GRACE, DoseOutcome, frequency, scheduled_doses
from centre_desk.services.lodging.common import local_day, local_moment


class Pharmacy:
    """The plans and doses, after the ward's notes (a fever's doses follow its readings)."""

    def __init__(self, ward: Ward) -> None:
        self.rng, self.by, self.now, self.care = ward.rng, ward.by, ward.now, ward.care

    def medicines(self, patients: list[Patient]) -> list[tuple[Row, list[Row]]]:
        """The plans (rows without ids) with their dose records (rows without `plan_id`)."""
        rng, made = self.rng, []
        notes_by: dict[int, list[Row]] = {}
        for note in self.care.notes:
            notes_by.setdefault(note["resident_id"], []).append(note)
        for p in patients:
            for e in self.care.episodes.get(p.rid, []):
                if e.kind in FEVERS:
                    child = (p.age(e.start) or 18) < 16
                    fevers = [n for n in notes_by.get(p.rid, []) if n["temperature"] >= Decimal("38.5")
                              and e.severity(local_day(n["occurred_at"])) is not None]  # fmt: skip
                    if fevers:
                        made.append(self._as_needed(p, "paracetamol_child" if child else "paracetamol", e, fevers))
                if e.kind in ("throat", "scabies"):
                    name = "amoxicillin" if e.kind == "throat" else "scabies"
                    made.append(self._scheduled(p, name, e.start + timedelta(days=1), False))
        here = [p for p in patients if p.status is not None and not p.pregnant and p.rid not in self.care.episodes]
        thin = [p for p in here if p.quiet(p.arrived) and p.arrived < self.now - timedelta(days=10)]
        for i, p in enumerate(rng.sample(thin, min(2, len(thin)))):
            made.append(
                self._scheduled(p, "vitamins", local_day(p.arrived) + timedelta(days=rng.randint(2, 5)), i == 0)
            )
        for p in patients:
            if p.pregnant_from is not None:
                made.append(self._scheduled(p, "iron", p.pregnant_from + timedelta(days=1), False))
        return made

    def _plan(self, p: Patient, name: str, start: date, end: date | None) -> Row:
        medicine, strength, unit, route, code, reason = MEDICINES[name]
        preset = frequency(code)
        at = local_moment(start, time(6, 30))
        return entry(p, at, self.by, self.now, self.rng) | {
            "restricted": name == "iron", "medicine": medicine, "strength": strength, "dose": Decimal(1), "unit": unit,
            "route": route, "frequency": code, "times": " ".join(t.strftime("%H:%M") for t in preset.times),
            "every_hours": preset.every_hours, "as_needed": preset.as_needed, "start_on": start, "end_on": end,
            "reason": reason, "prescriber": PRESCRIBER,
        }  # fmt: skip

    def _as_needed(self, p: Patient, name: str, e: Episode, fevers: list[Row]) -> tuple[Row, list[Row]]:
        plan = self._plan(p, name, e.start, e.end + timedelta(days=2))
        if fevers:  # the doctor's standing order, when the fever was first found
            plan["occurred_at"] = plan["recorded_at"] = fevers[0]["occurred_at"] + timedelta(minutes=3)
        doses = []
        for note in fevers:
            at = min(note["occurred_at"] + timedelta(minutes=self.rng.randint(5, 15)), self.now)
            reason = f"Sốt {str(note['temperature']).replace('.', ',')} °C"
            doses.append(self._dose(p, None, DoseOutcome.GIVEN, at, reason))
        return plan, doses

    def _scheduled(self, p: Patient, name: str, start: date, gap: bool) -> tuple[Row, list[Row]]:
        days = {"amoxicillin": 7, "scabies": 7, "vitamins": None if gap else 30}.get(name)
        end = start + timedelta(days=days - 1) if days else None
        plan = self._plan(p, name, start, end)
        schedule = frequency(plan["frequency"]).schedule(start, end)
        doses = []
        for t in scheduled_doses(schedule, plan["occurred_at"], self.now, zone()):
            t = t.astimezone(self.now.tzinfo)
            if gap and self.now - timedelta(hours=30) <= t <= self.now - GRACE:
                self.care.gaps += 1
                continue  # nobody wrote it down: the program shows it as missed
            at = t + timedelta(minutes=self.rng.randint(-10, 20))
            if at > self.now - timedelta(minutes=5):
                continue  # due now
            if p.is_away(t):
                doses.append(self._dose(p, t, DoseOutcome.HELD, at, "Vắng mặt tại Trung tâm"))
                continue
            outcome = self.rng.choices(list(REASONS), weights=(93, 4, 1, 2))[0]
            doses.append(self._dose(p, t, outcome, at, self.rng.choice(REASONS[outcome])))
        return plan, doses

    def _dose(self, p: Patient, t: datetime | None, outcome: DoseOutcome, at: datetime, reason: str) -> Row:
        recorded = min(at + timedelta(minutes=self.rng.randint(0, 20)), self.now)
        return {"resident_id": p.rid, "scheduled_for": t, "outcome": str(outcome), "at": at, "by": self.by,
                "reason": reason, "recorded_at": recorded}  # fmt: skip
