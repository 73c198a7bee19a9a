"""The fixed lists of follow-up after reintegration: codes stored in the database, N_() labels shown."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import Choices

HOME_VISIT, PHONE, COMMUNE, PARTNER = "home_visit", "phone", "commune", "partner"
MODES: Choices = (
    (HOME_VISIT, N_("Home visit")),
    (PHONE, N_("Phone call")),
    (COMMUNE, N_("Through the commune officer")),
    (PARTNER, N_("Through a partner organisation")),
)
REACHED, UNREACHED = "reached", "unreached"
OUTCOMES: Choices = ((REACHED, N_("Reached")), (UNREACHED, N_("Could not be reached")))
LOW, MEDIUM, HIGH = "low", "medium", "high"
RISKS: Choices = ((LOW, N_("Low")), (MEDIUM, N_("Medium")), (HIGH, N_("High")))

# the warning signs of re-migration or re-trafficking: (column, N_ label); "sign_other" is a text of its own
SIGNS: Choices = (
    ("sign_abroad", N_("Plans to go abroad or far away for work")),
    ("sign_recruiter", N_("Contact with the recruiter or broker")),
    ("sign_debts", N_("Debts")),
    ("sign_conflict", N_("Conflict or violence at home")),
    ("sign_school", N_("Dropped out of school")),
    ("sign_income", N_("No income")),
    ("sign_isolated", N_("Isolated, stigmatised in the community")),
)
RECRUITER = "sign_recruiter"

DEFAULT_MONTHS = (1, 3, 6, 12)  # after discharge (issue 14), until the manager sets another default
SETTING_KEY = "follow_up.months"  # models/centre.AppSetting: the centre's default, "1 3 6 12"
MAX_MONTHS = 24  # a schedule ends within two years of her discharge
MAX_POINTS = 12
UNREACHED_ALERT = 3  # "could not be reached" this many times in a row raises an alert
