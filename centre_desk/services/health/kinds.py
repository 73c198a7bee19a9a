"""The health kinds of dated entry, declared once: intake health check, nursing note with vitals, test
(restricted), reproductive health (restricted), referral. The record's Health tab, the Timeline, the
audit, the permissions and the printed list come from these declarations (services/entries)."""

from __future__ import annotations

from decimal import Decimal

from centre_desk.i18n import N_
from centre_desk.models.health import HealthCheck, HealthTest, MedicationPlan, NursingNote, Referral, ReproductiveEntry
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, RecordTab, Restriction, register, register_tab
from centre_desk.services.entries.store import set_context_sources
from centre_desk.services.health import facts, medication, summaries, vitals
from centre_desk.services.health.terms import (
    CONSCIOUSNESS,
    EVOLUTION,
    INSURANCE,
    RESULTS,
    TESTS,
    TOPICS,
    YES_NO_UNKNOWN,
)

F, T = Field, FieldType
HEALTH_TAB = register_tab(
    RecordTab("health", N_("Medical care"), 10, papers=(("health-summary", N_("Health summary")),))
)
set_context_sources(facts.pregnant_on, facts.allergies_on)


VITALS, NOTE = N_("Vital signs"), N_("Observations")
HEALTH_CHECK = register(EntryKind(
    code="health_check", model=HealthCheck, title=N_("Intake health check"), plural=N_("Intake health checks"),
    group=FieldGroup.HEALTH, tab="health", order=20, restriction=Restriction.OPTIONAL,
    when_label=N_("Checked on"), summary=summaries.health_check, flag=summaries.health_check_flag,
    fields=(
        F("history", N_("Medical history"), T.LONG_TEXT, max_length=2000),
        F("injuries", N_("Injuries"), T.LONG_TEXT, max_length=2000, in_list=True),
        F("allergies", N_("Allergies"), max_length=500, hint=N_("Medicines or foods; leave empty if none known"),
          in_list=True),
        F("chronic_conditions", N_("Chronic conditions"), T.LONG_TEXT, max_length=1000),
        F("disability", N_("Disability"), max_length=500),
        F("current_medicines", N_("Medicines taken now"), T.LONG_TEXT, max_length=1000),
        F("mental_state", N_("Mental state observed"), T.LONG_TEXT, max_length=2000),
        F("urgent_referral", N_("Needs an urgent referral to hospital"), T.FLAG),
        F("insurance", N_("Health insurance"), T.CHOICE, required=True, choices=INSURANCE, default="unknown",
          section=N_("Health insurance")),
        F("insurance_number", N_("Card number"), max_length=30, section=N_("Health insurance")),
        F("insurance_place", N_("Registered at (first-contact facility)"), max_length=200,
          section=N_("Health insurance")),
        F("insurance_expiry", N_("Valid until"), T.DATE, section=N_("Health insurance")),
        F("note", N_("Note"), T.LONG_TEXT, max_length=2000, section=N_("Health insurance")),
    ),
    check=summaries.health_check_problems,
))  # fmt: skip

NURSING_NOTE = register(EntryKind(
    code="nursing_note", model=NursingNote, title=N_("Nursing note"), plural=N_("Nursing notes and vitals"),
    group=FieldGroup.HEALTH, tab="health", order=10, restriction=Restriction.OPTIONAL,
    summary=vitals.summary, list_summary=vitals.brief, flag=vitals.flag, check=vitals.problems, derive=vitals.derive,
    derived=("news2", "news2_alert"), preview=vitals.preview, extras=("vitals_chart",),
    fields=(
        F("temperature", N_("Temperature"), T.DECIMAL, minimum=Decimal(30), maximum=Decimal(45), decimals=1,
          unit="°C", section=VITALS, in_list=True),
        F("pulse", N_("Pulse"), T.INTEGER, minimum=Decimal(20), maximum=Decimal(250), unit=N_("/min"),
          section=VITALS, in_list=True),
        F("systolic", N_("Blood pressure, systolic"), T.INTEGER, minimum=Decimal(50), maximum=Decimal(260),
          unit="mmHg", section=VITALS, in_list=True),
        F("diastolic", N_("Blood pressure, diastolic"), T.INTEGER, minimum=Decimal(20), maximum=Decimal(160),
          unit="mmHg", section=VITALS, in_list=True),
        F("resp_rate", N_("Respiratory rate"), T.INTEGER, minimum=Decimal(4), maximum=Decimal(80), unit=N_("/min"),
          section=VITALS, in_list=True),
        F("spo2", N_("SpO2"), T.INTEGER, minimum=Decimal(50), maximum=Decimal(100), unit="%", section=VITALS,
          in_list=True),
        F("on_oxygen", N_("On oxygen"), T.FLAG, section=VITALS),
        F("consciousness", N_("Consciousness (ACVPU)"), T.CHOICE, choices=CONSCIOUSNESS, section=VITALS),
        F("weight_kg", N_("Weight"), T.DECIMAL, minimum=Decimal("0.5"), maximum=Decimal(250), decimals=1, unit="kg",
          section=VITALS),
        F("height_cm", N_("Height"), T.DECIMAL, minimum=Decimal(30), maximum=Decimal(230), decimals=1, unit="cm",
          section=VITALS),
        F("pain", N_("Pain (0–10)"), T.INTEGER, minimum=Decimal(0), maximum=Decimal(10), section=VITALS),
        F("evolution", N_("Evolution"), T.CHOICE, choices=EVOLUTION, section=NOTE),
        F("notify_manager", N_("Report to the management"), T.FLAG, section=NOTE),
        F("note", N_("Note"), T.LONG_TEXT, max_length=4000, section=NOTE),
    ),
))  # fmt: skip

HEALTH_TEST = register(EntryKind(
    code="health_test", model=HealthTest, title=N_("Test (HIV, STI, pregnancy)"), plural=N_("Tests"),
    group=FieldGroup.HEALTH, tab="health", order=50, restriction=Restriction.ALWAYS,
    when_label=N_("Taken on"), summary=summaries.health_test, flag=summaries.health_test_flag,
    fields=(
        F("test", N_("Test"), T.CHOICE, required=True, choices=TESTS, in_list=True),
        F("other_name", N_("Name of the other test"), max_length=200),
        F("result", N_("Result"), T.CHOICE, required=True, choices=RESULTS, default="pending", in_list=True),
        F("result_on", N_("Result on"), T.DATE),
        F("counselled", N_("Counselled before and after the test"), T.FLAG),
        F("note", N_("Note"), T.LONG_TEXT, max_length=2000),
    ),
    check=summaries.health_test_problems,
))  # fmt: skip

REPRODUCTIVE = register(EntryKind(
    code="reproductive_health", model=ReproductiveEntry, title=N_("Reproductive health"),
    plural=N_("Reproductive health"), group=FieldGroup.HEALTH, tab="health", order=60,
    restriction=Restriction.ALWAYS, summary=summaries.reproductive,
    fields=(
        F("topic", N_("Topic"), T.CHOICE, required=True, choices=TOPICS, in_list=True),
        F("pregnant", N_("Pregnant"), T.CHOICE, required=True, choices=YES_NO_UNKNOWN, default="unknown",
          in_list=True),
        F("weeks", N_("Weeks of pregnancy"), T.INTEGER, minimum=Decimal(1), maximum=Decimal(45)),
        F("due_date", N_("Expected date of delivery"), T.DATE),
        F("note", N_("Note"), T.LONG_TEXT, max_length=2000),
    ),
    check=summaries.reproductive_problems,
))  # fmt: skip

REFERRAL = register(EntryKind(
    code="referral", model=Referral, title=N_("Referral to hospital"), plural=N_("Referrals and hospital visits"),
    group=FieldGroup.HEALTH, tab="health", order=40, restriction=Restriction.OPTIONAL,
    when_label=N_("Referred on"), summary=summaries.referral, flag=summaries.referral_flag,
    fields=(
        F("facility", N_("Hospital or clinic"), required=True, max_length=200, in_list=True),
        F("reason", N_("Reason"), T.LONG_TEXT, required=True, max_length=1000),
        F("urgent", N_("Urgent"), T.FLAG, in_list=True),
        F("accompanied_by", N_("Accompanied by (staff)"), max_length=200),
        F("returned_on", N_("Came back on"), T.DATE, section=N_("Result")),
        F("result", N_("Result of the visit"), T.LONG_TEXT, max_length=2000, section=N_("Result")),
        F("follow_up_on", N_("Follow-up on"), T.DATE, section=N_("Result"), in_list=True),
        F("documents", N_("Papers received"), max_length=500, section=N_("Result")),
        F("closed", N_("Closed (nothing more to do)"), T.FLAG, section=N_("Result")),
    ),
    check=summaries.referral_problems,
))  # fmt: skip

MEDICATION_PLAN = register(EntryKind(
    code="medication_plan", model=MedicationPlan, title=N_("Medication plan"), plural=N_("Medication"),
    group=FieldGroup.HEALTH, tab="health", order=30, restriction=Restriction.OPTIONAL,
    when_label=N_("Prescribed on"), summary=medication.summary, check=medication.problems,
    derive=medication.derive, derived=("every_hours", "as_needed"), preview=medication.warnings,
    extras=("medication_record",),
    fields=(
        F("medicine", N_("Medicine"), required=True, max_length=200, in_list=True),
        F("strength", N_("Strength"), max_length=60, hint=N_("e.g. 500 mg")),
        F("dose", N_("Dose"), T.DECIMAL, minimum=Decimal("0.01"), maximum=Decimal(1000), decimals=2),
        F("unit", N_("Unit"), T.CHOICE, choices=medication.UNITS),
        F("route", N_("Route"), T.CHOICE, required=True, choices=medication.ROUTES, default="oral"),
        F("frequency", N_("How often"), T.CHOICE, required=True, choices=medication.FREQUENCY_CHOICES,
          in_list=True),
        F("times", N_("Times of day"), max_length=100, hint=N_("Only for “at the times typed below”: 07:00 12:00")),
        F("start_on", N_("First day"), T.DATE, required=True, in_list=True),
        F("end_on", N_("Last day"), T.DATE, in_list=True, hint=N_("Leave empty for a long-term medicine")),
        F("reason", N_("Reason"), max_length=500),
        F("prescriber", N_("Prescribed by"), max_length=200),
    ),
))  # fmt: skip
