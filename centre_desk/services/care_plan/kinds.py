"""The dated entries around the care plan (Circular 02/2020): the needs assessment (step 1), the reviews of the
plan in force (step 4) and the closing evaluation (step 5). The plan itself, with its approval, is not a dated
entry (services/care_plan/service.py); its page sits in the same record tab, after the assessments."""

from __future__ import annotations

from centre_desk.i18n import N_, _
from centre_desk.models.care_plan import CarePlanEvaluation, CarePlanReview, NeedsAssessment
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.care_plan import events  # noqa: F401  (the plan's steps on the Timeline)
from centre_desk.services.entries.fields import Choices, Field, FieldType, label
from centre_desk.services.entries.kinds import Context, EntryKind, RecordTab, Values, register, register_tab

F, T = Field, FieldType
CARE_PLAN_TAB = register_tab(
    RecordTab("care_plan", N_("Care plan"), 15, papers=(("care-plan", N_("Care and support plan")),))
)
PERSON, FAMILY, SAFETY = N_("The person"), N_("Family and home"), N_("Safety and wishes")

ECONOMY: Choices = (
    ("poor", N_("Poor household")),
    ("near_poor", N_("Near-poor household")),
    ("average", N_("Average")),
    ("better_off", N_("Better off")),
    ("unknown", N_("Not known")),
)
RISKS: Choices = (("low", N_("Low")), ("medium", N_("Medium")), ("high", N_("High: not safe to return now")))
PROGRESS: Choices = (
    ("on_track", N_("On track")),
    ("partly", N_("Partly on track")),
    ("off_track", N_("Off track")),
)
OUTCOMES: Choices = (
    ("reached", N_("Objectives reached")),
    ("partly", N_("Partly reached")),
    ("not_reached", N_("Not reached")),
)


def _text(values: Values, name: str, length: int = 120) -> str:
    value = values.get(name)
    return " ".join(value.split())[:length] if isinstance(value, str) else ""


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def assessment_summary(values: Values) -> str:
    risk = values.get("risk")
    return _join(_("Risk at home: {level}").format(level=label(RISKS, risk)) if risk else "", _text(values, "needs"))


def assessment_check(values: Values, context: Context) -> list[tuple[str, str]]:
    """A child's assessment records the guardian's view (or why it could not be asked)."""
    child = context.age_years is not None and context.age_years < 18
    if child and not _text(values, "guardian_view"):
        return [("guardian_view", _("For a child, write the parent's or guardian's view (or why it was not asked)."))]
    return []


ASSESSMENT = register(EntryKind(
    code="needs_assessment", model=NeedsAssessment, title=N_("Needs assessment"), plural=N_("Needs assessments"),
    group=FieldGroup.CARE_PLAN, tab="care_plan", order=10, summary=assessment_summary, check=assessment_check,
    extras=("care_plan",), when_label=N_("Assessed on"), list_summary=lambda values: _text(values, "needs", 200),
    flag=lambda values: values.get("risk") == "high",
    fields=(
        F("individual", N_("The person"), T.LONG_TEXT, max_length=3000, section=PERSON,
          hint=N_("Schooling, work, skills, strengths, how she is now")),
        F("health", N_("Health"), T.LONG_TEXT, max_length=2000, section=PERSON,
          hint=N_("Physical and mental health as far as it bears on the plan")),
        F("needs", N_("Needs found"), T.LONG_TEXT, max_length=2000, required=True, section=PERSON,
          hint=N_("What the plan must answer")),
        F("household_head", N_("Head of household"), max_length=200, section=FAMILY),
        F("members", N_("Members"), T.LONG_TEXT, max_length=1000, section=FAMILY,
          hint=N_("Who lives in the household: relationship, age, work")),
        F("economy", N_("Household economy"), T.CHOICE, choices=ECONOMY, section=FAMILY, in_list=True),
        F("income", N_("Sources of income"), max_length=500, section=FAMILY),
        F("position", N_("Her place in the family"), max_length=500, section=FAMILY),
        F("safety", N_("Risks at home and in the community"), T.LONG_TEXT, max_length=2000, section=SAFETY,
          hint=N_("e.g. the trafficker lives nearby, violence, debt, pressure to marry")),
        F("risk", N_("Risk at home"), T.CHOICE, choices=RISKS, required=True, section=SAFETY, in_list=True),
        F("wishes", N_("Her wishes"), T.LONG_TEXT, max_length=2000, section=SAFETY),
        F("guardian_view", N_("Parent's or guardian's view"), T.LONG_TEXT, max_length=2000, section=SAFETY,
          hint=N_("Required for a child")),
    ),
))  # fmt: skip

REVIEW = register(EntryKind(
    code="care_plan_review", model=CarePlanReview, title=N_("Plan review"), plural=N_("Plan reviews"),
    group=FieldGroup.CARE_PLAN, tab="care_plan", order=20, when_label=N_("Reviewed on"),
    summary=lambda values: _join(label(PROGRESS, values.get("progress")), _text(values, "next_steps")),
    flag=lambda values: values.get("progress") == "off_track" or values.get("new_version") is True,
    fields=(
        F("progress", N_("Progress"), T.CHOICE, choices=PROGRESS, required=True, in_list=True),
        F("done", N_("What was done"), T.LONG_TEXT, max_length=2000),
        F("changed", N_("What changed"), T.LONG_TEXT, max_length=2000,
          hint=N_("In her situation, her family, her wishes")),
        F("next_steps", N_("Next steps"), T.LONG_TEXT, max_length=2000),
        F("new_version", N_("The plan needs a new version"), T.FLAG, in_list=True),
    ),
))  # fmt: skip

EVALUATION = register(EntryKind(
    code="care_plan_evaluation", model=CarePlanEvaluation, title=N_("Closing evaluation"),
    plural=N_("Closing evaluations"), group=FieldGroup.CARE_PLAN, tab="care_plan", order=30,
    when_label=N_("Evaluated on"),
    summary=lambda values: _join(label(OUTCOMES, values.get("outcome")), _text(values, "results")),
    fields=(
        F("outcome", N_("Outcome"), T.CHOICE, choices=OUTCOMES, required=True, in_list=True),
        F("results", N_("Results of the support"), T.LONG_TEXT, max_length=3000),
        F("remaining", N_("Needs remaining"), T.LONG_TEXT, max_length=2000),
        F("after", N_("After leaving the centre"), T.LONG_TEXT, max_length=2000,
          hint=N_("Reintegration, who follows her up, what to watch for")),
    ),
))  # fmt: skip
