"""The closed lists of support payments: statuses, how paid, sources of funds, the rates' units, and the categories
of Law 53/2024 Art. 37 as a choice ("a) Essential needs"). Keys are stored; labels go through the catalogue."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import Choices
from centre_desk.services.intake_terms import SUPPORT_CATEGORIES

PLANNED, PAID, REFUSED, NOT_COLLECTED = "planned", "paid", "refused", "not_collected"
STATUSES: Choices = (
    (PLANNED, N_("To be paid")),
    (PAID, N_("Paid")),
    (REFUSED, N_("Refused the money")),
    (NOT_COLLECTED, N_("Not collected")),
)
METHODS: Choices = (("cash", N_("Cash")), ("transfer", N_("Bank transfer")))
SOURCES: Choices = (
    ("state_budget", N_("State budget")),
    ("province", N_("Provincial budget")),
    ("ngo", N_("Non-governmental organisation")),
    ("other", N_("Other source")),
)
PER_DAY, PER_MONTH, ONCE, PER_SCHOOL_YEAR = "per_day", "per_month", "once", "per_school_year"
UNITS: Choices = (
    (PER_DAY, N_("per day")),
    (PER_MONTH, N_("per month")),
    (ONCE, N_("once")),
    (PER_SCHOOL_YEAR, N_("per school year")),
)
# Law 53/2024 Art. 37 cl. 1: the category's letter, then its name
CATEGORIES: Choices = tuple((key, label) for key, (_letter, label) in SUPPORT_CATEGORIES.items())


def letter(category: str) -> str:
    """ "a" for "essential" ("" when unknown)."""
    found = SUPPORT_CATEGORIES.get(category)
    return found[0] if found else ""
