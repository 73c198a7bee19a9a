"""The fixed lists of the schooling and vocational-training kinds: codes stored in the database, N_() labels shown.

The results follow Circular 22/2021/TT-BGDĐT (lower and upper secondary: Tốt, Khá, Đạt, Chưa đạt) and Circular
27/2020/TT-BGDĐT (primary: Hoàn thành tốt, Hoàn thành, Chưa hoàn thành). ⚠ Results of the years before them
(Giỏi, Khá, Trung bình, Yếu) are kept with the nearest word and the old one in the note.
"""

from __future__ import annotations

from datetime import date

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import Choices

FIRST_SCHOOL_YEAR, LAST_SCHOOL_YEAR = 2008, 2035
SCHOOL_YEAR_STARTS = 8  # August: enrolment for the year that opens on 05/09


def school_year(day: date) -> str:
    """The school year a day belongs to: "2025-2026" from August 2025 to July 2026."""
    start = day.year if day.month >= SCHOOL_YEAR_STARTS else day.year - 1
    return f"{start}-{start + 1}"


def next_year(year: str) -> str:
    start = int(year[:4]) + 1
    return f"{start}-{start + 1}"


# the code is "2025-2026", the label "2025–2026" (a number: the same in every language)
SCHOOL_YEARS: Choices = tuple((f"{y}-{y + 1}", f"{y}–{y + 1}") for y in range(FIRST_SCHOOL_YEAR, LAST_SCHOOL_YEAR + 1))

# --- school
LEVELS: Choices = (
    ("primary", N_("Primary school")),
    ("lower_secondary", N_("Lower secondary school")),
    ("upper_secondary", N_("Upper secondary school")),
    ("continuing", N_("Continuing education")),
    ("college", N_("College")),
    ("university", N_("University")),
)
TERMS: Choices = (
    ("mid1", N_("Mid first term")),
    ("term1", N_("First term")),
    ("mid2", N_("Mid second term")),
    ("term2", N_("Second term")),
    ("year", N_("Whole school year")),
)
NOT_PASSED = ("not_passed", "not_completed")  # results that need attention
CONDUCT: Choices = (
    ("good", N_("Good")),
    ("fair", N_("Fair")),
    ("passed", N_("Passed")),
    ("not_passed", N_("Not passed")),
)
RESULTS: Choices = (
    *CONDUCT,
    ("completed_well", N_("Completed well (primary)")),
    ("completed", N_("Completed (primary)")),
    ("not_completed", N_("Not completed (primary)")),
)

# --- the Mẫu 07 application (Decree 162/2025) and the Sở Y tế's decision
DECISION_DAYS = 9  # working days from the complete application
SUPPORTS: Choices = (
    ("schooling", N_("Schooling support")),
    ("vocational", N_("Vocational training support")),
    ("hardship", N_("Initial hardship allowance")),
    ("vocational_hardship", N_("Vocational training support and initial hardship allowance")),
)
APPLICANTS: Choices = (("herself", N_("She herself")), ("family", N_("Her family (under 18)")))
WAITING, GRANTED, REFUSED = "waiting", "granted", "refused"
OUTCOMES: Choices = ((WAITING, N_("Waiting for the decision")), (GRANTED, N_("Granted")), (REFUSED, N_("Not granted")))

# --- vocational training (Law on Vocational Education 2014: sơ cấp, trung cấp, cao đẳng; courses under 3 months)
COURSE_LEVELS: Choices = (
    ("short", N_("Training under 3 months")),
    ("elementary", N_("Elementary level")),
    ("intermediate", N_("Intermediate level")),
    ("college", N_("College level")),
)
ONGOING, COMPLETED, DROPPED = "ongoing", "completed", "dropped"
COMPLETION: Choices = ((ONGOING, N_("Ongoing")), (COMPLETED, N_("Completed")), (DROPPED, N_("Dropped out")))

# --- job counselling and placement (Decree 162/2025 Art. 25)
PLACEMENT = "placement"
JOB_SUPPORTS: Choices = (
    ("counselling", N_("Job counselling")),
    ("referral", N_("Referred to the employment service centre")),
    (PLACEMENT, N_("Job placement")),
    ("loan", N_("Loan from the Social Policy Bank")),
)
ART_25 = N_(
    "Decree 162/2025 Art. 25: job counselling, job introduction and labour-market information are free; a loan "
    "for production or business can be asked from the Social Policy Bank's preferential credit programmes."
)
