"""The schooling and vocational-training kinds of dated entry, declared once, on the record's "Schooling and
training" tab (field group SCHOOLING: the intake officer writes, the counsellor reads and prints, the manager does
everything; nurses do not see it): school enrolments, term results, the Mẫu 07 application, vocational courses,
job counselling and placement. The tab, the lists, the forms, the Timeline, the audit and the permissions come from
these declarations (services/entries); the facts the hooks read and the course list are registered here too.
"""

from __future__ import annotations

from decimal import Decimal

from centre_desk.i18n import N_
from centre_desk.models.schooling import (
    JobSupport,
    SchoolEnrolment,
    SchoolTermResult,
    SupportApplication,
    VocationalEnrolment,
)
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, RecordTab, Values, register, register_tab
from centre_desk.services.entries.store import register_list
from centre_desk.services.schooling import facts, rules
from centre_desk.services.schooling.terms import (
    APPLICANTS,
    ART_25,
    COMPLETION,
    CONDUCT,
    JOB_SUPPORTS,
    LEVELS,
    ONGOING,
    OUTCOMES,
    RESULTS,
    SCHOOL_YEARS,
    SUPPORTS,
    TERMS,
    WAITING,
)

F, T = Field, FieldType
COURSES_LIST = "vocational_courses"
SCHOOLING_TAB = register_tab(RecordTab("schooling", N_("Schooling and training"), 40))
register_list(COURSES_LIST, facts.course_choices)
RECORDS, SUPPORT, CONTACT = N_("School records"), N_("Support (Decree 162/2025 Art. 24)"), N_("The school's contact")
DECISION, CERTIFICATE, WAGE = N_("Decision of the Sở Y tế"), N_("Certificate"), N_("Job")
MONEY = Decimal(1_000_000_000)


def _note(values: Values) -> str:
    value = values.get("note")
    return " ".join(value.split())[:200] if isinstance(value, str) else ""


ENROLMENT = register(EntryKind(
    code="school_enrolment", model=SchoolEnrolment, title=N_("School enrolment"), plural=N_("School enrolments"),
    group=FieldGroup.SCHOOLING, tab="schooling", order=10, when_label=N_("Noted on"),
    summary=rules.enrolment_summary, check=rules.enrolment_problems, list_summary=_note,
    fields=(
        F("level", N_("Level"), T.CHOICE, required=True, choices=LEVELS, in_list=True),
        F("school", N_("School"), required=True, max_length=200, in_list=True,
          hint=N_("e.g. Trường PTDTBT THCS Tả Lèng")),
        F("class_name", N_("Class"), max_length=30, in_list=True, hint=N_("e.g. 7A")),
        F("enrolled_on", N_("Enrolled on"), T.DATE, required=True, in_list=True),
        F("left_on", N_("Left on"), T.DATE, in_list=True),
        F("records_transferred", N_("School records transferred"), T.FLAG, section=RECORDS),
        F("records_transferred_on", N_("Transferred on"), T.DATE, section=RECORDS),
        F("tuition_exempt", N_("Tuition exempted"), T.FLAG, section=SUPPORT),
        F("books_support", N_("Textbooks and school supplies supported"), T.FLAG, section=SUPPORT),
        F("support_from", N_("First school year covered"), T.CHOICE, choices=SCHOOL_YEARS, section=SUPPORT,
          hint=N_("The support covers this school year and the next")),
        F("school_contact", N_("Contact person and phone"), max_length=200, section=CONTACT,
          hint=N_("e.g. the class teacher, cô Lò Thị Hoa, 0912 345 678")),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=CONTACT),
    ),
))  # fmt: skip

RESULT = register(EntryKind(
    code="school_term_result", model=SchoolTermResult, title=N_("Term result"), plural=N_("Term results"),
    group=FieldGroup.SCHOOLING, tab="schooling", order=20, when_label=N_("Noted on"),
    summary=rules.result_summary, check=rules.result_problems, flag=rules.result_flag, list_summary=_note,
    facts=facts.school_years_fact,
    fields=(
        F("school_year", N_("School year"), T.CHOICE, required=True, choices=SCHOOL_YEARS, in_list=True),
        F("term", N_("Term"), T.CHOICE, required=True, choices=TERMS, in_list=True),
        F("result", N_("Academic result"), T.CHOICE, choices=RESULTS, in_list=True),
        F("conduct", N_("Conduct"), T.CHOICE, choices=CONDUCT, in_list=True),
        F("days_absent", N_("Days absent"), T.INTEGER, minimum=Decimal(0), maximum=Decimal(200), unit=N_("days"),
          in_list=True),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000),
    ),
))  # fmt: skip

APPLICATION = register(EntryKind(
    code="support_application", model=SupportApplication, title=N_("Application for support (Mẫu 07)"),
    plural=N_("Applications for support (Mẫu 07)"), group=FieldGroup.SCHOOLING, tab="schooling", order=30,
    when_label=N_("Noted on"), summary=rules.application_summary, check=rules.application_problems,
    derive=rules.application_derive, derived=("decision_due_on",), flag=rules.application_flag, list_summary=_note,
    facts=facts.calendar_fact, fields=(
        F("support", N_("Support asked for"), T.CHOICE, required=True, choices=SUPPORTS, in_list=True),
        F("applicant", N_("Applicant"), T.CHOICE, required=True, choices=APPLICANTS, default="herself"),
        F("applied_on", N_("Application dated"), T.DATE, required=True, in_list=True),
        F("sent_on", N_("Sent to the Sở Y tế on"), T.DATE, in_list=True),
        F("complete_on", N_("Found complete on"), T.DATE,
          hint=N_("Empty: complete when sent. The Sở Y tế decides within 9 working days.")),
        F("outcome", N_("Outcome"), T.CHOICE, required=True, choices=OUTCOMES, default=WAITING, in_list=True,
          section=DECISION),
        F("decision_number", N_("Decision number"), max_length=60, section=DECISION, hint=N_("e.g. 215/QĐ-SYT")),
        F("decision_on", N_("Decision dated"), T.DATE, section=DECISION),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=DECISION),
    ),
))  # fmt: skip

COURSE = register(EntryKind(
    code="vocational_enrolment", model=VocationalEnrolment, title=N_("Vocational course"),
    plural=N_("Vocational training"), group=FieldGroup.SCHOOLING, tab="schooling", order=40,
    when_label=N_("Noted on"), summary=rules.course_summary, check=rules.course_problems, derive=rules.course_derive,
    flag=rules.course_flag, list_summary=_note, facts=facts.courses_fact, lists=(COURSES_LIST,),
    extras=("course_catalogue",),
    fields=(
        F("course_id", N_("Course"), T.INTEGER, required=True, minimum=Decimal(1)),
        F("course", N_("Trade"), max_length=260, in_list=True),
        F("provider", N_("Training institution"), max_length=200, in_list=True),
        F("started_on", N_("Started on"), T.DATE, required=True, in_list=True),
        F("hours_attended", N_("Hours attended"), T.INTEGER, minimum=Decimal(0), maximum=Decimal(5000),
          unit=N_("hours")),
        F("status", N_("Completion"), T.CHOICE, required=True, choices=COMPLETION, default=ONGOING, in_list=True),
        F("ended_on", N_("Ended on"), T.DATE),
        F("certificate_number", N_("Certificate number"), max_length=60, section=CERTIFICATE),
        F("certificate_on", N_("Certificate dated"), T.DATE, section=CERTIFICATE),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=CERTIFICATE),
    ),
))  # fmt: skip

JOB = register(EntryKind(
    code="job_support", model=JobSupport, title=N_("Job counselling or placement"),
    plural=N_("Job counselling and placement"), group=FieldGroup.SCHOOLING, tab="schooling", order=50,
    when_label=N_("Noted on"), summary=rules.job_summary, check=rules.job_problems, list_summary=_note,
    fields=(
        F("support", N_("What was done"), T.CHOICE, required=True, choices=JOB_SUPPORTS, in_list=True, hint=ART_25),
        F("employer", N_("Employer"), max_length=200, in_list=True, section=WAGE),
        F("job", N_("Job"), max_length=200, in_list=True, section=WAGE),
        F("start_on", N_("Starts on"), T.DATE, section=WAGE),
        F("wage", N_("Monthly wage"), T.INTEGER, minimum=Decimal(0), maximum=MONEY, unit=N_("đồng"), in_list=True,
          section=WAGE, hint=N_("Digits only, e.g. 4500000")),
        F("loan", N_("Referred for a Social Policy Bank loan"), T.FLAG, section=WAGE),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=WAGE),
    ),
))  # fmt: skip
