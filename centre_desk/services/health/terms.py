"""The fixed choices of the health kinds (code, N_ label), and their labels in the current language."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import label

INSURANCE = (
    ("card", N_("Has a health-insurance card")),
    ("none_first_year", N_("No card: the first year's contribution is to be paid")),
    ("unknown", N_("Not known yet")),
)
CONSCIOUSNESS = (
    ("A", N_("A – alert")),
    ("C", N_("C – new confusion")),
    ("V", N_("V – responds to voice")),
    ("P", N_("P – responds to pain")),
    ("U", N_("U – unresponsive")),
)
EVOLUTION = (("better", N_("Better")), ("same", N_("The same")), ("worse", N_("Worse")))
TESTS = (
    ("hiv", N_("HIV")),
    ("syphilis", N_("Syphilis")),
    ("hepatitis_b", N_("Hepatitis B")),
    ("hepatitis_c", N_("Hepatitis C")),
    ("other_sti", N_("Other sexually transmitted infection")),
    ("pregnancy", N_("Pregnancy")),
    ("other", N_("Other test")),
)
RESULTS = (
    ("pending", N_("Waiting for the result")),
    ("negative", N_("Negative")),
    ("positive", N_("Positive")),
    ("indeterminate", N_("Indeterminate")),
)
TOPICS = (
    ("pregnancy", N_("Pregnancy follow-up")),
    ("antenatal", N_("Antenatal visit")),
    ("contraception", N_("Contraception counselling")),
    ("other", N_("Other")),
)
YES_NO_UNKNOWN = (("unknown", N_("Not known")), ("yes", N_("Yes")), ("no", N_("No")))

DOSE_OUTCOMES = (
    ("given", N_("Taken")),
    ("refused", N_("Refused")),
    ("held", N_("Held back")),
    ("not_available", N_("Not available")),
    ("missed", N_("Missed")),
)
DOSE_STATES = (
    ("due_soon", N_("Due later")),
    ("due_now", N_("Due now")),
    ("overdue", N_("Late")),
    ("missed", N_("Missed")),
)


def dose_text(state: str, outcome: str) -> str:
    """A dose in words: its outcome once recorded (or missed), else how near it is."""
    return label(DOSE_OUTCOMES, outcome) if outcome else label(DOSE_STATES, state)
