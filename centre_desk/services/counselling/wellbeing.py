"""The wellbeing score's hooks (the kind `wellbeing_score` in services/counselling/kinds.py), pure functions over
the entry's values: the answers read and checked against the instrument, the total, band and alert derived through
services/counselling/scales.py, the lines the list and the Timeline show.

The answers travel as one compact text, an answer per item in order, "-" for one left unanswered: "0,1,2,-,3,0,1,0,0"
(what `encode` writes and `decode` reads). The service checks them again before writing (the right number for the
instrument, each 0–3) whatever the form sent. The instrument must suit the resident's age on the day (`scales.
for_age`; any instrument when the age is unknown). Without an instrument — under 11 none of the shipped ones suits —
the entry is a note only: no answers, the note required.
"""

from __future__ import annotations

from collections.abc import Sequence

from centre_desk.i18n import _
from centre_desk.services.counselling import scales
from centre_desk.services.entries.fields import Value
from centre_desk.services.entries.kinds import Context, Values

UNANSWERED = "-"
INVALID = -1  # an answer `decode` could not read: answer_problems names its question
SEVERE_BANDS = frozenset({"severe"})  # the bands the Overview lists (services/counselling/alerts.py)


def encode(answers: Sequence[int | None]) -> str:
    return ",".join(UNANSWERED if a is None else str(a) for a in answers)


def decode(text: str) -> list[int | None]:
    """The answers of `encode`'s text ("" → none at all); a token that is not 0–3 or "-" becomes INVALID."""
    if not text.strip():
        return []
    answers: list[int | None] = []
    for token in text.split(","):
        token = token.strip()
        if token == UNANSWERED:
            answers.append(None)
        else:
            answers.append(int(token) if token in ("0", "1", "2", "3") else INVALID)
    return answers


def _instrument(values: Values) -> scales.Instrument | None:
    code = values.get("instrument")
    if not isinstance(code, str) or not code:
        return None
    try:
        return scales.instrument(code)
    except KeyError:
        return None


def _answers(values: Values) -> str:
    text = values.get("answers")
    return text if isinstance(text, str) else ""


def score_of(values: Values) -> scales.Score | None:
    """The score of a stored or checked entry; None without an instrument or with answers that do not pass."""
    found = _instrument(values)
    if found is None:
        return None
    answers = decode(_answers(values))
    if scales.answer_problems(found, answers):
        return None
    return scales.score(found, answers)


def age_problem(found: scales.Instrument, age_years: int | None) -> str:
    """Why `found` does not suit this age ("" when it does, or when the age is unknown)."""
    if age_years is None or found.suits(age_years):
        return ""
    suited = ", ".join(i.code for i in scales.for_age(age_years))
    if not suited:
        return _("{scale} does not suit a child of {age}: no scale in the program does. Write a note "
                 "without a scale.").format(scale=found.code, age=age_years)  # fmt: skip
    return _("{scale} does not suit a person of {age}: use {suited}.").format(scale=found.code, age=age_years,
                                                                              suited=suited)  # fmt: skip


def problems(values: Values, context: Context) -> list[tuple[str, str]]:
    """The answers against the instrument (count, 0–3), the instrument against the age; a note alone needs text."""
    found = _instrument(values)
    if found is None:
        if values.get("instrument"):
            return [("instrument", _("Choose one of the values in the list."))]
        result = []
        if _answers(values).strip():
            result.append(("answers", _("Answers need a scale: choose the scale first.")))
        if not str(values.get("note") or "").strip():
            result.append(("note", _("Without a scale, write a note: what you observed, or the measure you "
                                     "used and its result.")))  # fmt: skip
        return result
    result = [(field, message) for field, message in scales.answer_problems(found, decode(_answers(values)))]
    if not result and all(a is None for a in decode(_answers(values))):
        result.append(("answers", _("No question is answered.")))
    age = age_problem(found, context.age_years)
    if age:
        result.append(("instrument", age))
    return result


def derive(values: Values, context: Context) -> dict[str, Value]:
    """The instrument's version, the total (None unless complete), the band and the alert, as scored."""
    found = _instrument(values)
    result = score_of(values)
    if found is None or result is None:
        return {"scale_version": "", "total": None, "band": "", "alert": False}
    return {"scale_version": found.version, "total": result.total, "band": result.band or "", "alert": result.alert}


def flag(values: Values) -> bool:
    return values.get("alert") is True


def result_text(values: Values) -> str:
    """The result: "12/27 – Moderate", "7 of 9 answered: no total", or "" for a note only."""
    found = _instrument(values)
    result = score_of(values)
    if found is None or result is None:
        return ""
    if result.total is None:
        return _("{n} of {m} answered: no total").format(n=result.answered, m=found.n_items)
    return _("{total}/{most} – {band}").format(total=result.total, most=found.max_total, band=result.band_name())


def brief(values: Values) -> str:
    """The list's last column: the result, the alert and the start of the note."""
    result = score_of(values)
    parts = [result_text(values)]
    if result is not None and result.alert:
        parts.insert(0, "⚠ " + result.alert_text)
    elif result is not None and result.alert_unknown:
        parts.append(_("question {n} not asked").format(n=_alert_item(values)))
    note = " ".join(str(values.get("note") or "").split())
    parts.append(note[:120])
    return " · ".join(p for p in parts if p)


def summary(values: Values) -> str:
    """One line for the Timeline: the scale, the result, the alert."""
    found = _instrument(values)
    head = found.code if found is not None else _("Note without a scale")
    return " · ".join(p for p in (head, brief(values)) if p)


def _alert_item(values: Values) -> int:
    found = _instrument(values)
    return found.alerts[0].item if found is not None and found.alerts else 0
