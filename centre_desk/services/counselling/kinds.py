"""The counselling kinds of dated entry: the session (its shareable summary for the staff caring for her), and
the counsellor's own note and the wellbeing scales (PHQ-9, PHQ-A, GAD-7; services/counselling/wellbeing.py), kept
apart (field group COUNSELLING: the counsellor and the manager only, never in a list, the Timeline, a search, a
paper or an export for anyone else). The scale has a form of its own (ui/counselling/scale_dialog.py) and a
trend chart beside its list (the extra panel "wellbeing_chart")."""

from __future__ import annotations

from decimal import Decimal

from centre_desk.i18n import N_, _
from centre_desk.models.counselling import CounsellingSession, CounsellorNote, WellbeingScore
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.counselling import scales, wellbeing
from centre_desk.services.entries.fields import Choices, Field, FieldType, label
from centre_desk.services.entries.kinds import EntryKind, RecordTab, Values, register, register_tab

F, T = Field, FieldType
COUNSELLING_TAB = register_tab(RecordTab("counselling", N_("Counselling"), 20))

FORMS: Choices = (("individual", N_("Individual")), ("group", N_("Group")), ("family", N_("With the family")))
RISKS: Choices = (
    ("none", N_("No risk seen")),
    ("low", N_("Low")),
    ("medium", N_("Medium: watch closely")),
    ("high", N_("High: act today")),
)


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def session_summary(values: Values) -> str:
    parts = [label(FORMS, values.get("form"))]
    minutes = values.get("minutes")
    if isinstance(minutes, int) and not isinstance(minutes, bool):
        parts.append(_("{n} minutes").format(n=minutes))
    if _text(values, "topics"):
        parts.append(_text(values, "topics"))
    if _text(values, "summary"):
        parts.append(_text(values, "summary")[:120])
    return " · ".join(p for p in parts if p)


def note_summary(values: Values) -> str:
    risk = values.get("risk")
    head = _("Risk: {level}").format(level=label(RISKS, risk)) if risk else ""
    return " · ".join(p for p in (head, _text(values, "note")[:120]) if p)


SESSION = register(EntryKind(
    code="counselling_session", model=CounsellingSession, title=N_("Counselling session"),
    plural=N_("Counselling sessions"), group=FieldGroup.COUNSELLING_SESSIONS, tab="counselling", order=10,
    summary=session_summary, list_summary=lambda values: _text(values, "summary"),
    fields=(
        F("form", N_("Form"), T.CHOICE, required=True, choices=FORMS, default="individual", in_list=True),
        F("topics", N_("Topics"), max_length=300, in_list=True, hint=N_("e.g. sleep, family, fear of going home")),
        F("minutes", N_("Length"), T.INTEGER, minimum=Decimal(5), maximum=Decimal(480), unit=N_("minutes"),
          in_list=True),
        F("interpreter", N_("Interpreter"), max_length=200, hint=N_("Who interpreted (empty without one)")),
        F("summary", N_("Summary for the staff"), T.LONG_TEXT, max_length=2000,
          hint=N_("What the other staff caring for her may read: no private detail")),
        F("next_on", N_("Next session"), T.DATE),
    ),
))  # fmt: skip

NOTE = register(EntryKind(
    code="counsellor_note", model=CounsellorNote, title=N_("Counsellor's note"), plural=N_("Counsellor's notes"),
    group=FieldGroup.COUNSELLING, tab="counselling", order=20, summary=note_summary,
    list_summary=lambda values: _text(values, "note")[:200],
    flag=lambda values: values.get("risk") == "high",
    fields=(
        F("note", N_("Note"), T.LONG_TEXT, required=True, max_length=6000),
        F("risk", N_("Risk of harm"), T.CHOICE, choices=RISKS, in_list=True),
        F("plan", N_("Plan"), T.LONG_TEXT, max_length=2000),
    ),
))  # fmt: skip

INSTRUMENTS: Choices = tuple((i.code, i.code) for i in scales.instruments())  # the codes are their own names
WELLBEING = register(EntryKind(
    code="wellbeing_score", model=WellbeingScore, title=N_("Wellbeing scale"), plural=N_("Wellbeing scales"),
    group=FieldGroup.COUNSELLING, tab="counselling", order=30, summary=wellbeing.summary,
    list_summary=wellbeing.brief, check=wellbeing.problems, derive=wellbeing.derive,
    derived=("scale_version", "total", "band", "alert"), flag=wellbeing.flag, extras=("wellbeing_chart",),
    when_label=N_("Answered on"),
    fields=(
        F("instrument", N_("Scale"), T.CHOICE, choices=INSTRUMENTS, in_list=True),
        F("answers", N_("Answers"), max_length=60, hint=N_("One per question, in order: 0–3, or - unanswered")),
        F("note", N_("Note"), T.LONG_TEXT, max_length=2000),
    ),
))  # fmt: skip
