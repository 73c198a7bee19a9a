"""Demo health, part 2: the nursing notes with their vitals.

Only for the residents in the centre now (`Patient.status` set). Each has a profile (her usual temperature,
pulse, blood pressure …) and a few have an episode: a fever (NEWS2 alerts for the adults), a sore throat
treated with amoxicillin, a headache, a stomach ache, scabies; one or two adults have a fever now (NEWS2 ≥ 5
in the last 24 hours: the Overview shows it), a child has one too (no NEWS2 under 16), and the one in hospital
tonight went there with pneumonia. NEWS2 is what `vitals.derive` gives for the resident's context on the day,
as the entry service would store it (a pregnant woman's comes from `facts.pregnant_on`: none).
The medication plans and doses are in health_medicines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from centre_desk.models.lodging import Presence
from centre_desk.services.demo.health_text import (
    ALLERGIC,
    EPISODE_NOTES,
    FIRST_WEEK,
    INJURED,
    ROUTINE,
)
from centre_desk.services.entries.kinds import Context
from centre_desk.services.health import facts, growth, ranges, vitals
from centre_desk.services.health.news2 import PULSE, RESP_RATE, SYSTOLIC
from centre_desk.services.lodging.common import local_day, local_moment
from centre_desk.services.registry import age_on

Row = dict[str, Any]
ONE = Decimal("0.1")
FEVERS = ("fever", "throat", "now", "pneumonia")
# severity of an episode by its day (0 = well, 1 = at its worst)
COURSE = {"fever": (0.7, 1.0, 0.6, 0.2), "throat": (0.6, 0.9, 0.5, 0.3, 0.1), "headache": (0.2,),
          "stomach": (0.3, 0.2), "scabies": (0.0,) * 5, "now": (1.0, 1.0), "pneumonia": (0.6, 0.9, 1.0)}  # fmt: skip


def zone() -> tzinfo:
    """The centre's time zone: the computer's, as the lodging service reads local days."""
    found = local_moment(date(2026, 1, 1), time()).astimezone().tzinfo
    assert found is not None
    return found


@dataclass
class Patient:
    """A resident admitted in the last 14 months, as the health demo sees her."""

    rid: int
    sex: str
    born: date | None
    year: int | None
    arrived: datetime
    left: datetime | None
    commune: str
    kind: str = ""  # her part in the lodging roster
    status: Presence | None = None  # None: not in the centre now
    since: datetime | None = None  # of that status
    away: list[tuple[datetime, datetime]] = field(default_factory=list)
    allergies: str = ""
    injuries: str = ""
    pregnant_from: date | None = None  # her pregnancy was found that day: ask `facts.pregnant_on`

    @property
    def pregnant(self) -> bool:
        return self.pregnant_from is not None

    def age(self, day: date) -> int | None:
        return age_on(self.born, self.year, day)

    def is_away(self, t: datetime) -> bool:
        return any(a <= t < b for a, b in self.away) or (self.status is Presence.HOSPITAL and t >= (self.since or t))

    def quiet(self, since: datetime) -> bool:
        """Never away since then (a plan or an episode can be given to her without leave in the middle)."""
        return not any(b > since for _a, b in self.away) and self.status is Presence.PRESENT


@dataclass
class Episode:
    kind: str
    start: date
    peak: float = 39.0  # the highest temperature

    def severity(self, day: date) -> float | None:
        """How ill she is that day; None outside the episode."""
        course = COURSE[self.kind]
        n = (day - self.start).days
        return course[n] if 0 <= n < len(course) else None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(COURSE[self.kind]) - 1)


@dataclass
class Care:
    """What was written, for the figures and the tests."""

    notes: list[Row] = field(default_factory=list)
    plans: list[Row] = field(default_factory=list)
    doses: list[Row] = field(default_factory=list)
    episodes: dict[int, list[Episode]] = field(default_factory=dict)
    gaps: int = 0


def _dec(value: float) -> Decimal:
    return Decimal(f"{value:.1f}").quantize(ONE)


def entry(p: Patient, at: datetime, by: int | None, now: datetime, rng: random.Random) -> Row:
    recorded = min(at + timedelta(minutes=rng.randint(2, 40)), now)
    return {"resident_id": p.rid, "occurred_at": at, "recorded_at": recorded, "recorded_by": by, "restricted": False,
            "struck_at": None, "struck_by": None, "struck_reason": "", "version": 1}  # fmt: skip


class Ward:
    """The nursing of the residents in the centre now."""

    def __init__(self, s: Session, rng: random.Random, by: int | None, now: datetime) -> None:
        self.s, self.rng, self.by, self.now = s, rng, by, now
        self.today = local_day(now)
        self.care = Care()

    # -------------------------------------------------------------------------------------------- episodes

    def plan_episodes(self, patients: list[Patient]) -> None:
        rng, today = self.rng, self.today
        here = [p for p in patients if p.status is not None and p.arrived < self.now - timedelta(days=5)]
        settled = [p for p in here if p.quiet(self.now - timedelta(days=4))]
        adults = [p for p in settled if (p.age(today) or 18) >= 18 and not p.pregnant]
        children = [p for p in settled if (p.age(today) or 18) < 16]
        chosen: set[int] = set()
        for p in rng.sample(adults, min(2, len(adults))):  # a fever now: the Overview's NEWS2 alert
            self._add(p, Episode("now", today - timedelta(days=1), rng.uniform(39.1, 39.5)), chosen)
        for p in rng.sample(children, min(1, len(children))):
            self._add(p, Episode("fever", today - timedelta(days=1), rng.uniform(38.6, 39.2)), chosen)
        for p in here:
            if p.status is Presence.HOSPITAL and p.since is not None:
                start = local_day(p.since) - timedelta(days=2)
                self._add(p, Episode("pneumonia", start, rng.uniform(39.0, 39.6)), chosen)
        kinds = ("fever", "throat", "headache", "headache", "stomach", "scabies")
        for p in here:
            first, last = local_day(p.arrived) + timedelta(days=3), today - timedelta(days=8)
            if p.rid in chosen or last <= first or rng.random() > 0.35:
                continue
            kind = rng.choice(kinds)
            if kind == "throat" and p.allergies in ALLERGIC:
                kind = "fever"  # penicillin-allergic: never an amoxicillin course
            start = first + timedelta(days=rng.randint(0, (last - first).days))
            self._add(p, Episode(kind, start, rng.uniform(38.5, 39.4)), chosen)

    def _add(self, p: Patient, episode: Episode, chosen: set[int]) -> None:
        self.care.episodes.setdefault(p.rid, []).append(episode)
        chosen.add(p.rid)

    # -------------------------------------------------------------------------------------------- notes

    def _moments(self, p: Patient) -> Iterator[datetime]:
        rng = self.rng
        first = p.arrived + timedelta(minutes=rng.randint(40, 150))
        if first <= self.now - timedelta(minutes=10):
            yield first
        episodes = self.care.episodes.get(p.rid, [])
        day, arrival, routine = local_day(p.arrived), local_day(p.arrived), local_day(p.arrived) + timedelta(days=7)
        while day <= self.today:
            if any(e.severity(day) is not None for e in episodes):
                slots = [(7, 30), (14, 0), (20, 30)]
            elif (day - arrival).days < 7:
                slots = [(7, 30), (16, 30)] if rng.random() < 0.6 else [(7, 30)]
            elif day >= routine:
                slots, routine = [(8, 0)], day + timedelta(days=rng.choice((2, 3)))
            else:
                slots = []
            for hour, minute in slots:
                t = local_moment(day, time(hour, minute)) + timedelta(minutes=rng.randint(-20, 25))
                if first + timedelta(hours=1) < t <= self.now - timedelta(minutes=10) and not p.is_away(t):
                    yield t
            day += timedelta(days=1)

    def notes(self, patients: list[Patient]) -> None:
        for p in patients:
            if p.status is not None:
                self._notes_of(p)

    def _notes_of(self, p: Patient) -> None:
        rng = self.rng
        age = p.age(self.today)
        child = age is not None and age < 16
        band = {n: ranges.normal_range(n, age if age is not None else 30) or (0.0, 0.0)
                for n in (PULSE, RESP_RATE, SYSTOLIC)}  # fmt: skip
        base_temp = rng.uniform(36.4, 36.8)
        base_pulse = rng.uniform(band[PULSE][0] + 12, band[PULSE][1] - 12) if child else rng.uniform(68, 86)
        base_sys = rng.uniform(*band[SYSTOLIC]) if child else rng.uniform(112, 126) + 6 * (p.sex == "male")
        base_rr = rng.uniform(band[RESP_RATE][0] + 1, band[RESP_RATE][1] - 1) if child else rng.uniform(14, 18)
        base_spo2 = rng.randint(97, 99)
        weight, height = _size(p, rng, local_day(p.arrived))
        weighed: datetime | None = None
        episodes = self.care.episodes.get(p.rid, [])
        pregnant: dict[date, bool] = {}
        for t in self._moments(p):
            day = local_day(t)
            episode = next((e for e in episodes if e.severity(day) is not None), None)
            sev = episode.severity(day) if episode is not None else 0.0
            sev = sev or 0.0
            fever = episode is not None and episode.kind in FEVERS
            temp = base_temp + (sev * (episode.peak - base_temp) if fever and episode else 0) + rng.gauss(0, 0.15)
            values: Row = {
                "temperature": _dec(temp), "pulse": round(base_pulse + sev * 26 * fever + rng.gauss(0, 4)),
                "systolic": round(base_sys - sev * 5 + rng.gauss(0, 5)),
                "resp_rate": round(base_rr + sev * (9 if episode and episode.kind == "pneumonia" else 4) * fever
                                   + rng.randint(-1, 1)),
                "spo2": min(100, base_spo2 - round(sev * (5 if episode and episode.kind == "pneumonia" else 1))
                            + rng.randint(-1, 1) * (base_spo2 < 99)),
                "on_oxygen": False, "consciousness": "A",
            }  # fmt: skip
            if episode is not None and episode.kind == "now" and t > self.now - timedelta(hours=24):
                values |= {"temperature": _dec(rng.uniform(39.1, 39.5)), "pulse": rng.randint(112, 122),
                           "resp_rate": rng.randint(21, 23), "systolic": max(values["systolic"], 114)}  # fmt: skip
            values["diastolic"] = round(values["systolic"] * rng.uniform(0.6, 0.68))
            values["weight_kg"] = values["height_cm"] = None
            if weighed is None or t - weighed >= timedelta(days=14):
                gain = ((t - p.arrived).days / 7) * (0.12 if child else 0.08)
                values["weight_kg"] = _dec(weight + gain + rng.gauss(0, 0.2))
                values["height_cm"] = _dec(height) if weighed is None else None
                weighed = t
            text, evolution, pain, notify = self._words(p, t, episode)
            values |= {"pain": pain, "evolution": evolution, "notify_manager": notify, "note": text}
            if p.pregnant and day not in pregnant:
                pregnant[day] = facts.pregnant_on(self.s, p.rid, day)
            context = Context(p.age(day), p.sex, pregnant.get(day, False), day)
            values |= vitals.derive(values, context)
            if values["news2_alert"] and episode is not None and episode.kind in ("now", "pneumonia"):
                values["notify_manager"] = True
            self.care.notes.append(entry(p, t, self.by, self.now, rng) | values)

    def _words(self, p: Patient, t: datetime, episode: Episode | None) -> tuple[str, str, int, bool]:
        """The note, the evolution, the pain score and whether the management is told."""
        rng = self.rng
        if episode is None:
            early = t - p.arrived < timedelta(days=7)
            pool = FIRST_WEEK + (INJURED if p.injuries and early else ()) if early else ROUTINE
            pain = rng.choice((0, 0, 0, 1, 2)) + (2 if p.injuries and early else 0)
            return rng.choice(pool), "" if rng.random() < 0.7 else "same", min(pain, 4), False
        n = (local_day(t) - episode.start).days
        phase = "start" if n == 0 else "end" if local_day(t) == episode.end and n > 0 else "middle"
        if episode.kind == "now" and phase == "end":
            phase = "middle"  # not over yet
        notes = EPISODE_NOTES[episode.kind]
        text = rng.choice(notes.get(phase) or notes["middle"])
        evolution = {"start": "worse", "middle": "same", "end": "better"}[phase]
        sev = episode.severity(local_day(t)) or 0.0
        pain = {"headache": 4, "stomach": 3, "scabies": 1}.get(episode.kind, round(sev * 3)) + rng.randint(0, 1)
        notify = phase == "start" and episode.kind in ("scabies", "pneumonia")
        return text, evolution, pain, notify


# rough medians for the residents' ages (WHO 2007 reference, less for girls and boys from poor upland homes)
_TEENS = {"female": {10: (31.9, 138.6), 11: (35.5, 144.0), 12: (40.0, 151.2), 13: (44.0, 156.4), 14: (47.5, 159.8),
                     15: (50.0, 161.7), 16: (51.5, 162.5), 17: (52.5, 162.9)},
          "male": {10: (31.2, 137.8), 11: (35.0, 143.1), 12: (39.5, 149.1), 13: (45.0, 156.0), 14: (50.5, 163.2),
                   15: (55.5, 169.0), 16: (59.5, 172.9), 17: (62.5, 175.2)}}  # fmt: skip


def _size(p: Patient, rng: random.Random, day: date) -> tuple[float, float]:
    """Weight (kg) and height (cm) on arrival, plausible for her age."""
    age = p.age(day)
    sex = "male" if p.sex == "male" else "female"
    if age is not None and age < 10 and p.born is not None:
        months = (day - p.born).days / growth.DAYS_PER_MONTH
        lms = growth.lms_at(sex, months)
        if lms is not None:
            return growth.value_at(lms, rng.uniform(-1.6, -0.3)), 75 + 6.2 * months / 12 + rng.uniform(-4, 2)
    if age is not None and age < 18:
        weight, height = _TEENS[sex][max(age, 10)]
        return weight * rng.uniform(0.82, 0.95), height - rng.uniform(3, 9)
    height = rng.uniform(156, 168) if sex == "male" else rng.uniform(145, 158)
    return rng.uniform(18.5, 23.5) * (height / 100) ** 2, height
