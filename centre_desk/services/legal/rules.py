"""One-line summaries, attention flags and cross-field checks of the legal-aid kinds (pure functions).

The checks run in the form as the user types and again in the service before writing (services/entries): a
case goes "in progress" with a provider outside the centre only with her consent to share her record, a paper's
dates follow one another, a closed case has its date and outcome.
"""

from __future__ import annotations

from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.services.entries.fields import day_of, label, text_of
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.legal.terms import (
    APPLIED,
    AUTHORITIES,
    CASE_STATUS,
    CENTRE,
    CLOSED,
    GIVEN,
    GIVEN_BY,
    IN_PROGRESS,
    MATTERS,
    NOT_ASKED,
    NOT_ISSUED,
    OBTAINED,
    PAPER_STATUS,
    PAPERS,
    PROVIDERS,
    REFUSED,
    REQUESTED,
    STEPS,
    TO_APPLY,
    TOPICS,
)

Problems = list[tuple[str, str]]
NEEDS_CONSENT = N_(
    "A case goes on with a provider outside the centre only with her consent to share her record: record her "
    "consent (given, with its date) first."
)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


# ------------------------------------------------------------------------------------ information sessions


def session_summary(values: Values) -> str:
    topic = text_of(values, "details") if values.get("topic") == "other" else label(TOPICS, values.get("topic"))
    by = text_of(values, "given_by_name") or label(GIVEN_BY, values.get("given_by"))
    minutes = values.get("minutes")
    length = _("{n} minutes").format(n=minutes) if isinstance(minutes, int) and not isinstance(minutes, bool) else ""
    return _join(topic, by, length)


def session_problems(values: Values, context: Context) -> Problems:
    if values.get("topic") == "other" and not text_of(values, "details"):
        return [("details", _("Say what the session was about."))]
    return []


# ------------------------------------------------------------------------------------ legal-aid cases


def outside(values: Values) -> bool:
    """Whether the provider is outside the centre (her record would leave it)."""
    return values.get("provider_type") not in (CENTRE, "", None)


def case_summary(values: Values) -> str:
    provider = text_of(values, "provider_name") or label(PROVIDERS, values.get("provider_type"))
    matter = label(MATTERS, values.get("matter"))
    status = label(CASE_STATUS, values.get("status"))
    closed = day_of(values, "closed_on")
    if values.get("status") == CLOSED and closed is not None:
        status = _("closed on {date}").format(date=format_date(closed))
    return f"{matter} – {provider}: {status}"


def case_flag(values: Values) -> bool:
    """Requested from a provider outside the centre and her consent not asked yet: ask her first."""
    return values.get("status") == REQUESTED and outside(values) and values.get("consent") == NOT_ASKED


def case_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    status, consent = values.get("status"), values.get("consent")
    if status == IN_PROGRESS and outside(values) and consent != GIVEN:
        problems.append(("status", _(NEEDS_CONSENT)))
    consent_on = day_of(values, "consent_on")
    if consent in (GIVEN, REFUSED) and consent_on is None:
        problems.append(("consent_on", _("Give the date of her answer.")))
    if consent == NOT_ASKED and consent_on is not None:
        problems.append(("consent_on", _("No answer is recorded: choose her answer or leave the date empty.")))
    closed = day_of(values, "closed_on")
    if status == CLOSED:
        if closed is None:
            problems.append(("closed_on", _("Give the date the case was closed.")))
        elif closed < context.on:
            problems.append(("closed_on", _("A case cannot close before it was requested.")))
        if not text_of(values, "outcome"):
            problems.append(("outcome", _("Write the outcome.")))
    elif closed is not None:
        problems.append(("closed_on", _("Only for a closed case: choose “Closed” or leave this empty.")))
    if values.get("interpreter") and not text_of(values, "interpreter_details"):
        problems.append(("interpreter_details", _("Say who interprets and in which language.")))
    return problems


# ------------------------------------------------------------------------------------ papers to obtain


def paper_name(values: Values) -> str:
    if values.get("paper") == "other":
        return text_of(values, "other_name") or label(PAPERS, "other")
    return label(PAPERS, values.get("paper"))


def paper_summary(values: Values) -> str:
    status = values.get("status")
    text = label(PAPER_STATUS, status)
    day = {APPLIED: day_of(values, "requested_on"), OBTAINED: day_of(values, "obtained_on")}.get(str(status))
    if day is not None:
        text += " " + format_date(day)
    expected = day_of(values, "expected_on")
    if status == APPLIED and expected is not None:
        text += ", " + _("expected {date}").format(date=format_date(expected))
    return _join(f"{paper_name(values)}: {text}", text_of(values, "office"))


def paper_flag(values: Values) -> bool:
    """The office did not issue it: find another way."""
    return values.get("status") == NOT_ISSUED


def paper_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    status = values.get("status")
    requested, expected, obtained = (day_of(values, n) for n in ("requested_on", "expected_on", "obtained_on"))
    if values.get("paper") == "other" and not text_of(values, "other_name"):
        problems.append(("other_name", _("Name the paper.")))
    if status == APPLIED and requested is None:
        problems.append(("requested_on", _("Give the date it was applied for.")))
    if status == TO_APPLY and requested is not None:
        problems.append(("requested_on", _("Not applied for yet: choose “Applied for” or leave this empty.")))
    if status == OBTAINED and obtained is None:
        problems.append(("obtained_on", _("Give the date it was obtained.")))
    if status != OBTAINED and obtained is not None:
        problems.append(("obtained_on", _("Only for a paper obtained: choose “Obtained” or leave this empty.")))
    if status == NOT_ISSUED and not text_of(values, "note"):
        problems.append(("note", _("Write why the office did not issue it.")))
    if requested is not None and expected is not None and expected < requested:
        problems.append(("expected_on", _("The expected date cannot be before it was applied for.")))
    if requested is not None and obtained is not None and obtained < requested:
        problems.append(("obtained_on", _("It cannot be obtained before it was applied for.")))
    return problems


# ------------------------------------------------------------------------------------ legal steps


def step_name(values: Values) -> str:
    if values.get("step") == "other":
        return text_of(values, "step_detail") or label(STEPS, "other")
    return label(STEPS, values.get("step"))


def authority_name(values: Values) -> str:
    return text_of(values, "authority_name") or label(AUTHORITIES, values.get("authority"))


def step_summary(values: Values) -> str:
    done, due = day_of(values, "done_on"), day_of(values, "due_on")
    if done is not None:
        when = _("done {date}").format(date=format_date(done))
    elif due is not None:
        when = _("due by {date}").format(date=format_date(due))
    else:
        when = ""
    return _join(f"{authority_name(values)}: {step_name(values)}", when, _shorten(text_of(values, "document"), 60))


def step_flag(values: Values) -> bool:
    """A step with a due date not done yet (the Overview says which are due this week or past: due.py)."""
    return day_of(values, "due_on") is not None and day_of(values, "done_on") is None


def step_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if values.get("step") == "other" and not text_of(values, "step_detail"):
        problems.append(("step_detail", _("Say what the step is.")))
    if day_of(values, "due_on") is None and day_of(values, "done_on") is None:
        problems.append(("due_on", _("Give the date it is due or the date it was done.")))
    return problems
