"""One-line summaries, attention flags, derived columns and cross-field checks of the schooling and training
kinds (pure functions over the values and the Context; the facts they read come from facts.py).

The checks run again in the service before writing (services/entries): an enrolment's dates in order and its
support with the school year it covers, results only for the school years of her enrolments, the Mẫu 07
application's dates in order and its decision, a course chosen from the catalogue with its completion and
certificate, a placement with its employer, job and start.
"""

from __future__ import annotations

from datetime import date

from centre_desk.formatting import format_date, format_number
from centre_desk.i18n import _
from centre_desk.services.entries.fields import Value, day_of, label, text_of
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.schooling.terms import (
    COMPLETED,
    COMPLETION,
    CONDUCT,
    DECISION_DAYS,
    DROPPED,
    JOB_SUPPORTS,
    LEVELS,
    NOT_PASSED,
    ONGOING,
    OUTCOMES,
    PLACEMENT,
    RESULTS,
    SCHOOL_YEARS,
    SUPPORTS,
    TERMS,
    WAITING,
    next_year,
    school_year,
)
from centre_desk.services.workdays import CALENDAR_FACT, from_fact

Problems = list[tuple[str, str]]
SCHOOL_YEARS_FACT, COURSES_FACT = "school_years", "courses"
FACT_SEPARATOR = "\x1f"  # between the parts of a course in the fact "courses": id, name, provider


def _number(values: Values, name: str) -> int | None:
    value = values.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _order(problems: Problems, earlier: date | None, later: date | None, field: str, message: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        problems.append((field, message))


def money(amount: int) -> str:
    """1.250.000 đ"""
    return f"{format_number(amount)} đ"


# ------------------------------------------------------------------------------------ school enrolment


def supported_years(values: Values) -> str:
    """ "2025–2026 and 2026–2027": Decree 162 Art. 24 covers the first school year and the next."""
    first = text_of(values, "support_from")
    if not first:
        return ""
    return _("{first} and {next}").format(first=label(SCHOOL_YEARS, first), next=label(SCHOOL_YEARS, next_year(first)))


def enrolment_summary(values: Values) -> str:
    school = _join(text_of(values, "school"), text_of(values, "class_name"))
    enrolled, left = day_of(values, "enrolled_on"), day_of(values, "left_on")
    when = _("from {date}").format(date=format_date(enrolled)) if enrolled else ""
    if left is not None:
        when = _("{start} to {end}").format(start=format_date(enrolled), end=format_date(left))
    support = [n for n, f in ((_("tuition exempted"), "tuition_exempt"), (_("books and supplies"), "books_support"))
               if values.get(f)]  # fmt: skip
    given = ", ".join(support) + (f" {supported_years(values)}" if support else "")
    return _join(f"{label(LEVELS, values.get('level'))}: {school}", when, given)


def enrolment_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    enrolled = day_of(values, "enrolled_on")
    _order(problems, enrolled, day_of(values, "left_on"), "left_on", _("She cannot leave before she enrolled."))
    moved, moved_on = values.get("records_transferred"), day_of(values, "records_transferred_on")
    if moved and moved_on is None:
        problems.append(("records_transferred_on", _("Give the date the school records were transferred.")))
    if not moved and moved_on is not None:
        problems.append(("records_transferred_on", _("Tick “School records transferred” or leave the date empty.")))
    supported = bool(values.get("tuition_exempt") or values.get("books_support"))
    first = text_of(values, "support_from")
    if supported and not first:
        problems.append(("support_from", _("Give the first school year the support covers.")))
    elif first and not supported:
        problems.append(("support_from", _("Tick the tuition exemption or the books, or leave this empty.")))
    elif first and enrolled is not None and first < school_year(enrolled):
        problems.append(("support_from", _("The support cannot cover a school year before she enrolled.")))
    return problems


# ------------------------------------------------------------------------------------ term results


def result_summary(values: Values) -> str:
    year = label(SCHOOL_YEARS, values.get("school_year"))
    head = f"{label(TERMS, values.get('term'))} {year}"
    conduct = _("conduct: {value}").format(value=label(CONDUCT, values.get("conduct"))) if values.get("conduct") else ""
    result = _("result: {value}").format(value=label(RESULTS, values.get("result"))) if values.get("result") else ""
    absent = _number(values, "days_absent")
    days = _("{n} days absent").format(n=absent) if absent else ""
    return _join(head, result, conduct, days)


def result_flag(values: Values) -> bool:
    """A result or a conduct not passed: the school and the centre talk about it."""
    return values.get("result") in NOT_PASSED or values.get("conduct") in NOT_PASSED


def result_problems(values: Values, context: Context) -> Problems:
    year = text_of(values, "school_year")
    if not year:
        return []
    if year > school_year(context.on):
        return [("school_year", _("A result cannot be for a school year after the day it is noted."))]
    if year not in context.fact(SCHOOL_YEARS_FACT):
        return [("school_year", _("No school enrolment of hers covers this school year: record the enrolment first."))]
    return []


# ------------------------------------------------------------------------------------ the Mẫu 07 application


def clock_start(values: Values) -> date | None:
    """The day the Sở Y tế had the complete application: the day found complete, else the day it was sent."""
    return day_of(values, "complete_on") or day_of(values, "sent_on")


def application_derive(values: Values, context: Context) -> dict[str, Value]:
    """The decision's due day on the calendar in force (the manager's corrections come as the fact "calendar")."""
    start = clock_start(values)
    return {"decision_due_on": from_fact(context.fact(CALENDAR_FACT)).add(start, DECISION_DAYS) if start else None}


def application_late(values: Values, today: date) -> bool:
    due = day_of(values, "decision_due_on")
    return values.get("outcome") == WAITING and due is not None and due < today


def application_flag(values: Values) -> bool:
    """Waiting for the decision past the 9 working days."""
    return application_late(values, date.today())


def application_summary(values: Values) -> str:
    support = label(SUPPORTS, values.get("support"))
    outcome, decided = values.get("outcome"), day_of(values, "decision_on")
    due, sent = day_of(values, "decision_due_on"), day_of(values, "sent_on")
    if outcome != WAITING and decided is not None:
        number = text_of(values, "decision_number")
        state = _("{outcome} by decision {number} of {date}").format(
            outcome=label(OUTCOMES, outcome), number=number, date=format_date(decided)
        )
    elif sent is not None and due is not None:
        state = _("sent to the Sở Y tế {sent}, decision due by {day}").format(
            sent=format_date(sent), day=format_date(due)
        )
    else:
        state = _("not sent yet")
    return f"{support}: {state}"  # fmt: skip


def application_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    applied, sent, complete = day_of(values, "applied_on"), day_of(values, "sent_on"), day_of(values, "complete_on")
    _order(problems, applied, sent, "sent_on", _("It cannot be sent before it was written."))
    if complete is not None and sent is None:
        problems.append(("sent_on", _("Give the date it was sent to the Sở Y tế.")))
    _order(problems, sent, complete, "complete_on", _("It cannot be complete before it was sent."))
    decided, number = day_of(values, "decision_on"), text_of(values, "decision_number")
    if values.get("outcome") == WAITING:
        if decided is not None or number:
            problems.append(("outcome", _("A decision is recorded: choose its outcome.")))
        return problems
    if sent is None:
        problems.append(("sent_on", _("Give the date it was sent to the Sở Y tế.")))
    if decided is None:
        problems.append(("decision_on", _("Give the date of the decision.")))
    if not number:
        problems.append(("decision_number", _("Give the number of the decision.")))
    _order(problems, clock_start(values), decided, "decision_on", _("The decision cannot come before the application."))
    return problems


# ------------------------------------------------------------------------------------ vocational training


def course_facts(context: Context) -> dict[int, tuple[str, str]]:
    """The catalogue's courses as the fact "courses" gives them: id → (trade, provider)."""
    found = {}
    for line in context.fact(COURSES_FACT):
        number, name, provider = line.split(FACT_SEPARATOR)
        found[int(number)] = (name, provider)
    return found


def course_derive(values: Values, context: Context) -> dict[str, Value]:
    """The course's trade and provider copied from the catalogue as they are on the day of writing."""
    number = _number(values, "course_id")
    name, provider = course_facts(context).get(number or 0, (text_of(values, "course"), text_of(values, "provider")))
    return {"course": name, "provider": provider}


def course_summary(values: Values) -> str:
    status = label(COMPLETION, values.get("status"))
    ended, number = day_of(values, "ended_on"), text_of(values, "certificate_number")
    if ended is not None and values.get("status") != ONGOING:
        status += " " + format_date(ended)
    hours = _number(values, "hours_attended")
    attended = _("{n} hours attended").format(n=hours) if hours else ""
    certificate = _("certificate {number}").format(number=number) if number else ""
    return _join(text_of(values, "course"), text_of(values, "provider"), status, attended, certificate)


def course_flag(values: Values) -> bool:
    """Completed and no certificate recorded yet: ask the provider for it."""
    return values.get("status") == COMPLETED and not text_of(values, "certificate_number")


def course_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if _number(values, "course_id") not in course_facts(context):
        problems.append(("course_id", _("Choose a course from the catalogue.")))
    status, started, ended = values.get("status"), day_of(values, "started_on"), day_of(values, "ended_on")
    if status in (COMPLETED, DROPPED) and ended is None:
        problems.append(("ended_on", _("Give the day the course ended for her.")))
    if status == ONGOING and ended is not None:
        problems.append(("ended_on", _("The course is ongoing: choose its outcome or leave the date empty.")))
    _order(problems, started, ended, "ended_on", _("A course cannot end before it started."))
    number, given = text_of(values, "certificate_number"), day_of(values, "certificate_on")
    if (number or given) and status != COMPLETED:
        problems.append(("certificate_number", _("A certificate is for a course completed.")))
    elif number and given is None:
        problems.append(("certificate_on", _("Give the date of the certificate.")))
    elif given is not None and not number:
        problems.append(("certificate_number", _("Give the number of the certificate.")))
    _order(problems, started, given, "certificate_on", _("A certificate cannot be dated before the course started."))
    return problems


# ------------------------------------------------------------------------------------ job counselling and placement


def job_summary(values: Values) -> str:
    what = label(JOB_SUPPORTS, values.get("support"))
    employer = _join(text_of(values, "job"), text_of(values, "employer"))
    start, wage = day_of(values, "start_on"), _number(values, "wage")
    since = _("from {date}").format(date=format_date(start)) if start else ""
    pay = _("{amount} a month").format(amount=money(wage)) if wage else ""
    loan = _("loan asked") if values.get("loan") else ""
    return _join(what, employer, since, pay, loan)


def job_problems(values: Values, context: Context) -> Problems:
    problems: Problems = []
    if values.get("support") == PLACEMENT:
        for name, message in (("employer", _("Name the employer.")), ("job", _("Say what the job is."))):
            if not text_of(values, name):
                problems.append((name, message))
        if day_of(values, "start_on") is None:
            problems.append(("start_on", _("Give the day she starts.")))
    elif _number(values, "wage") is not None:
        problems.append(("wage", _("A wage is for a job placement.")))
    return problems
