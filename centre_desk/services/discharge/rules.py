"""The discharge's rules, free of the database: every problem of a request at once (the form calls `check` as
one types), the 7-working-day decision deadline, the checklist that applies, when the receiving party is known."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.services.admission_input import ADULT_AGE, Problems, clean_block, clean_text
from centre_desk.services.discharge.dto import DischargeInput
from centre_desk.services.discharge.terms import DECISION_DAYS, NO_APPLICATION, REASONS, TO_FAMILY, Item, Reason
from centre_desk.services.workdays import WorkCalendar

CCCD = re.compile(r"\d{12}")
PHONE = re.compile(r"\+?[\d .]{6,24}")
REASON_MIN = 10  # characters: a waiver's, a cancellation's or a reopening's reason one can act on
BLOCKS = frozenset({"reason_note", "condition_on_leaving", "support_given", "follow_up_arrangements"})
LIMITS = {"family_id_number": 20, "family_phone": 30, "family_relation": 60, "applicant_relation": 60,
          "commune_province": 100, "family_address": 300, "receiving_centre": 300, "receiving_address": 300,
          "package_papers": 300}  # fmt: skip


def labels() -> dict[str, str]:
    return {
        "reason": _("reason"), "planned_on": _("planned date"), "application_on": _("application received on"),
        "applicant_name": _("applicant"), "applicant_relation": _("applicant's relationship"),
        "reason_note": _("reason in detail"), "family_name": _("family member"),
        "family_relation": _("relationship"), "family_id_number": _("CCCD number"),
        "family_address": _("address"), "family_phone": _("phone"), "commune_officer": _("commune representative"),
        "commune_officer_position": _("position"), "commune_name": _("commune"), "commune_province": _("province"),
        "receiving_centre": _("receiving facility"), "receiving_address": _("receiving facility's address"),
        "package_papers": _("papers sent"), "condition_on_leaving": _("condition on leaving"),
        "support_given": _("support given"), "follow_up_arrangements": _("follow-up arrangements"),
    }  # fmt: skip


def check(data: DischargeInput, today: date) -> DischargeInput:
    """The request cleaned, or ValidationErrors naming every field with a problem."""
    problems = Problems()
    names = labels()
    cleaned: dict[str, object] = {}
    for f in fields(DischargeInput):
        value = getattr(data, f.name)
        if isinstance(value, str) and f.name != "reason":
            if f.name in BLOCKS:
                cleaned[f.name] = problems.take("", clean_block, value, f.name, names[f.name], 2000)
            else:
                limit = LIMITS.get(f.name, 200)
                cleaned[f.name] = problems.take("", clean_text, value, f.name, names[f.name], limit)
    if data.reason not in REASONS:
        problems.add("reason", _("Choose why she leaves."))
    if data.planned_on is None:
        problems.add("planned_on", _("Please fill in: {label}.").format(label=names["planned_on"]))
    if data.reason not in NO_APPLICATION:
        if data.application_on is None:
            problems.add("application_on", _("Record the day the application (Mẫu 09) was received."))
        elif data.application_on > today:
            problems.add("application_on", _("The application cannot be received in the future."))
        if data.application_on is not None and not cleaned.get("applicant_name"):
            problems.add("applicant_name", _("Write who applied: herself or her guardian."))
    elif data.application_on is not None:
        problems.add("application_on", _("No application is made when she left without permission or died."))
    if data.planned_on is not None and data.application_on is not None and data.planned_on < data.application_on:
        problems.add("planned_on", _("She cannot leave before the application."))
    number = str(cleaned.get("family_id_number", "")).replace(" ", "")
    if number and not CCCD.fullmatch(number):
        problems.add("family_id_number", _("A citizen identity card (CCCD) number has exactly 12 digits."))
    phone = str(cleaned.get("family_phone", ""))
    if phone and not PHONE.fullmatch(phone):
        problems.add("family_phone", _("A phone number has 6 to 20 digits (spaces, dots and + are allowed)."))
    problems.raise_any()
    if data.reason in NO_APPLICATION:
        cleaned.update(applicant_name="", applicant_relation="")
    cleaned["family_id_number"] = number
    return replace(data, **cleaned)  # type: ignore[arg-type]


def deadline(calendar: WorkCalendar, application_on: date | None) -> date | None:
    """The decision to end assistance is due 7 working days after the Mẫu 09 application (none without one)."""
    return None if application_on is None else calendar.add(application_on, DECISION_DAYS)


def working_days_left(calendar: WorkCalendar, today: date, due_on: date | None) -> int | None:
    """Working days from today to the deadline: 0 on the day itself, negative when late."""
    if due_on is None:
        return None
    return calendar.between(today, due_on) if due_on >= today else -calendar.between(due_on, today)


def items_for(minor: bool) -> tuple[Item, ...]:
    """The checklist: every item, and the guardian's only for a minor (terms.py)."""
    return tuple(i for i in Item if minor or i is not Item.CHILD_GUARDIAN)


def is_minor(age: int | None) -> bool:
    return age is not None and age < ADULT_AGE


def receiving_missing(data: DischargeInput) -> tuple[str, ...]:
    """The receiving party's fields still empty: the family member and the commune's representative (to a family
    or a relative), the commune's representative (independent living), the centre (a transfer)."""
    wanted: tuple[str, ...] = ()
    if data.reason in TO_FAMILY:
        wanted = ("family_name", "family_relation", "commune_officer", "commune_name", "commune_province")
    elif data.reason == Reason.INDEPENDENT:
        wanted = ("commune_officer", "commune_name", "commune_province")
    elif data.reason == Reason.TRANSFER:
        wanted = ("receiving_centre", "receiving_address")
    return tuple(f for f in wanted if not str(getattr(data, f)).strip())


def reason_text(value: str, field: str = "reason") -> str:
    """A waiver's, cancellation's or reopening's reason: one line or more, at least 10 characters."""
    text = clean_block(value, field, _("reason"), 1000)
    if len(text) < REASON_MIN:
        raise ValidationError(field, _("Write the reason (at least {n} characters).").format(n=REASON_MIN))
    return text
