"""Wellbeing scales — PHQ-9, PHQ-A and GAD-7 — scored free of any database and Qt.

The instruments are data, not code: resources/scales/<code>.json holds each one's items in English and Vietnamese,
the answer options (0–3), the score bands, the citation, the licence note and the alert rule
(../shared/reference/WAVE2-NOTES.md, "Wellbeing scales"). ⚠ The Vietnamese item texts are a draft translation
(`vi_source` in each file) for the centre to check against the validated Vietnamese version it uses.

Every item scores 0–3 and the total is their sum: PHQ-9 and PHQ-A 0–27 (0–4 minimal, 5–9 mild, 10–14 moderate,
15–19 moderately severe, 20–27 severe), GAD-7 0–21 (0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe). The total
is given only when every item is answered. Item 9 of PHQ-9 and PHQ-A (thoughts of being better off dead or of
self-harm) above 0 raises the alert — a same-day response — whatever the total, even when other items are
unanswered. When item 9 itself is unanswered there is no alert but `alert_unknown` says so: ask it.

Which instruments suit an age (`for_age`) comes from each file's min_age / max_age: PHQ-9 and GAD-7 from 18, PHQ-A
and GAD-7 from 11 to 17 (⚠ GAD-7 in adolescents as commonly accepted, not its original validation). Under 11 nothing
here suits: `for_age` returns () and the counsellor picks a child's measure (CRIES-8 and the like are not shipped).
With the age unknown (None — many residents' ages are disputed) every instrument is offered and the counsellor
chooses. Store `Score.instrument` and `Score.version` with every score.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from centre_desk.i18n import N_, _
from centre_desk.paths import resource

FILES = ("phq9", "phqa", "gad7")  # the order instruments are offered in
LANGS = ("vi", "en")
SELF_HARM = "self_harm"

BAND_NAMES: dict[str, str] = {
    "minimal": N_("Minimal"),
    "mild": N_("Mild"),
    "moderate": N_("Moderate"),
    "moderately_severe": N_("Moderately severe"),
    "severe": N_("Severe"),
}
ALERT_TEXTS: dict[str, str] = {SELF_HARM: N_("Thoughts of self-harm: respond today")}


@dataclass(frozen=True)
class Band:
    code: str
    low: int
    high: int


@dataclass(frozen=True)
class AlertRule:
    item: int  # 1-based
    above: int  # an answer above this raises the alert
    kind: str  # a key of ALERT_TEXTS


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: instruments() caches one of each
class Instrument:
    code: str
    name: str
    version: str
    citation: str
    licence: str
    vi_source: str
    notes: str
    min_age: int | None
    max_age: int | None
    stem: dict[str, str]  # lang -> text
    items: tuple[dict[str, str], ...]  # item n (1-based) is items[n - 1]: lang -> text
    options: tuple[tuple[int, dict[str, str]], ...]  # (value, lang -> label)
    bands: tuple[Band, ...]
    alerts: tuple[AlertRule, ...]

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def max_total(self) -> int:
        return self.n_items * max(value for value, _labels in self.options)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{self.code}: total {total} outside 0–{self.max_total}")

    def suits(self, age_years: int) -> bool:
        return (self.min_age is None or age_years >= self.min_age) and (
            self.max_age is None or age_years <= self.max_age
        )


def _texts(raw: dict[str, str], where: str) -> dict[str, str]:
    missing = [lang for lang in LANGS if not raw.get(lang)]
    if missing:
        raise ValueError(f"{where}: no text in {', '.join(missing)}")
    return {lang: raw[lang] for lang in LANGS}


def load(name: str) -> Instrument:
    """Read and check resources/scales/<name>.json."""
    with resource("scales", name + ".json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    code = raw["code"]
    items = tuple(_texts(item, f"{code} item {item['n']}") for item in raw["items"])
    if [item["n"] for item in raw["items"]] != list(range(1, len(items) + 1)):
        raise ValueError(f"{code}: items must be numbered 1..n in order")
    options = tuple((int(o["value"]), _texts(o, f"{code} option {o['value']}")) for o in raw["options"])
    if [value for value, _labels in options] != [0, 1, 2, 3]:
        raise ValueError(f"{code}: options must be 0–3")
    bands = tuple(Band(b["code"], int(b["min"]), int(b["max"])) for b in raw["bands"])
    alerts = tuple(AlertRule(int(a["item"]), int(a["above"]), a["kind"]) for a in raw["alerts"])
    instrument = Instrument(
        code=code,
        name=raw["name"],
        version=raw["version"],
        citation=raw["citation"],
        licence=raw["licence"],
        vi_source=raw["vi_source"],
        notes=raw.get("notes", ""),
        min_age=raw["min_age"],
        max_age=raw["max_age"],
        stem=_texts(raw["stem"], f"{code} stem"),
        items=items,
        options=options,
        bands=bands,
        alerts=alerts,
    )
    expected = 0
    for band in bands:  # contiguous from 0 to the maximum, every band named
        if band.low != expected or band.high < band.low or band.code not in BAND_NAMES:
            raise ValueError(f"{code}: bad band {band}")
        expected = band.high + 1
    if expected != instrument.max_total + 1:
        raise ValueError(f"{code}: bands end at {expected - 1}, not {instrument.max_total}")
    for rule in alerts:
        if not 1 <= rule.item <= len(items) or rule.kind not in ALERT_TEXTS:
            raise ValueError(f"{code}: bad alert rule {rule}")
    return instrument


@cache
def instruments() -> tuple[Instrument, ...]:
    return tuple(load(name) for name in FILES)


def instrument(code: str) -> Instrument:
    """The instrument with this code ("PHQ-9", "PHQ-A", "GAD-7"); KeyError for any other."""
    for found in instruments():
        if found.code == code:
            return found
    raise KeyError(code)


def for_age(age_years: int | None) -> tuple[Instrument, ...]:
    """The instruments that suit this age; all of them when the age is unknown, none under 11."""
    if age_years is None:
        return instruments()
    return tuple(found for found in instruments() if found.suits(age_years))


def item_text(instrument: Instrument, n: int, lang: str) -> str:
    """Item n (1-based) in "vi" or "en"."""
    if not 1 <= n <= instrument.n_items:
        raise IndexError(f"{instrument.code} has no item {n}")
    return instrument.items[n - 1][lang]


def option_label(instrument: Instrument, value: int, lang: str) -> str:
    return dict(instrument.options)[value][lang]


@dataclass(frozen=True)
class Score:
    instrument: str  # code
    version: str
    answers: tuple[int | None, ...]
    total: int | None  # only when every item is answered
    band: str | None  # a key of BAND_NAMES, with the total
    alert: bool
    alert_kind: str  # "" or a key of ALERT_TEXTS
    alert_unknown: bool  # an alert item is unanswered: ask it
    missing: tuple[int, ...]  # 1-based item numbers left unanswered

    @property
    def answered(self) -> int:
        return len(self.answers) - len(self.missing)

    def band_name(self) -> str:
        return _(BAND_NAMES[self.band]) if self.band else ""

    @property
    def alert_text(self) -> str:
        return _(ALERT_TEXTS[self.alert_kind]) if self.alert else ""


def answer_problems(instrument: Instrument, answers: Sequence[int | None]) -> list[tuple[str, str]]:
    """(field, message) for each problem: the wrong number of answers, or an answer not 0–3 (None is allowed)."""
    problems: list[tuple[str, str]] = []
    if len(answers) != instrument.n_items:
        problems.append(
            (
                "answers",
                _("{scale} has {n} questions, not {got}.").format(
                    scale=instrument.code, n=instrument.n_items, got=len(answers)
                ),
            )
        )
    values = {value for value, _labels in instrument.options}
    for n, answer in enumerate(answers, 1):
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, int) or answer not in values):
            problems.append((f"item_{n}", _("Question {n}: the answer must be 0, 1, 2 or 3.").format(n=n)))
    return problems


def score(instrument: Instrument, answers: Sequence[int | None]) -> Score:
    """Score one administration; ValueError if `answer_problems` finds any."""
    problems = answer_problems(instrument, answers)
    if problems:
        raise ValueError("; ".join(message for _field, message in problems))
    missing = tuple(n for n, answer in enumerate(answers, 1) if answer is None)
    total = None if missing else sum(answer for answer in answers if answer is not None)
    fired = [rule for rule in instrument.alerts if (answers[rule.item - 1] or 0) > rule.above]
    return Score(
        instrument=instrument.code,
        version=instrument.version,
        answers=tuple(answers),
        total=total,
        band=None if total is None else instrument.band_for(total).code,
        alert=bool(fired),
        alert_kind=fired[0].kind if fired else "",
        alert_unknown=any(rule.item in missing for rule in instrument.alerts),
        missing=missing,
    )
