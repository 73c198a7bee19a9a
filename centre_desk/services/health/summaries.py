"""One-line summaries, attention flags and cross-field checks of the health kinds (pure functions)."""

from __future__ import annotations

from datetime import date

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.services.entries.fields import label
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.health.terms import INSURANCE, RESULTS, TESTS, TOPICS

Problems = list[tuple[str, str]]


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return value if isinstance(value, str) else ""


def _day(values: Values, name: str) -> date | None:
    value = values.get(name)
    return value if isinstance(value, date) else None


def shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def health_check(values: Values) -> str:
    parts = []
    if values.get("urgent_referral"):
        parts.append(_("needs an urgent referral"))
    for name, title in (("injuries", _("injuries")), ("allergies", _("allergies"))):
        if _text(values, name):
            parts.append(f"{title}: {shorten(_text(values, name), 40)}")
    parts.append(label(INSURANCE, values.get("insurance")))
    return "; ".join(p for p in parts if p)


def health_check_flag(values: Values) -> bool:
    return bool(values.get("urgent_referral"))


def health_check_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if values.get("insurance") == "card":
        if not _text(values, "insurance_number"):
            problems.append(("insurance_number", _("Type the number on the card.")))
        expiry = _day(values, "insurance_expiry")
        if expiry is not None and expiry < context.on:
            problems.append(("insurance_expiry", _("The card has expired on that day: choose “no card” instead.")))
    return problems


def health_test(values: Values) -> str:
    name = _text(values, "other_name") if values.get("test") == "other" else label(TESTS, values.get("test"))
    result = label(RESULTS, values.get("result"))
    day = _day(values, "result_on")
    return f"{name}: {result}" + (f" ({format_date(day)})" if day else "")


def health_test_flag(values: Values) -> bool:
    return values.get("result") == "positive"


def health_test_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if values.get("test") == "other" and not _text(values, "other_name"):
        problems.append(("other_name", _("Name the test.")))
    if values.get("result") != "pending" and _day(values, "result_on") is None:
        problems.append(("result_on", _("Give the date of the result.")))
    if values.get("result") == "pending" and _day(values, "result_on") is not None:
        problems.append(("result", _("A result date is given: choose the result.")))
    return problems


def reproductive(values: Values) -> str:
    text = label(TOPICS, values.get("topic"))
    if values.get("pregnant") == "yes":
        weeks = values.get("weeks")
        text += "; " + (_("pregnant, {n} weeks").format(n=weeks) if weeks else _("pregnant"))
    due = _day(values, "due_date")
    if due is not None:
        text += "; " + _("due {date}").format(date=format_date(due))
    return text


def reproductive_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if values.get("pregnant") != "yes":
        for name in ("weeks", "due_date"):
            if values.get(name) is not None:
                problems.append((name, _("Only for a pregnancy: choose “Pregnant: yes” or leave this empty.")))
    return problems


def referral(values: Values) -> str:
    text = _text(values, "facility") + ": " + shorten(_text(values, "reason"), 60)
    if values.get("urgent"):
        text = _("URGENT") + " – " + text
    if values.get("closed"):
        text += " – " + _("closed")
    elif _day(values, "returned_on") is None:
        text += " – " + _("not back yet")
    return text


def referral_flag(values: Values) -> bool:
    return bool(values.get("urgent")) and not values.get("closed")


def referral_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    back, follow = _day(values, "returned_on"), _day(values, "follow_up_on")
    if back is not None and back < context.on:
        problems.append(("returned_on", _("She cannot come back before she was referred.")))
    if follow is not None and follow < context.on:
        problems.append(("follow_up_on", _("The follow-up cannot be before the referral.")))
    return problems
