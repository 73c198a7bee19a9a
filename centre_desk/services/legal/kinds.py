"""The legal-aid kinds of dated entry, declared once, on the record's Legal aid tab (field group LEGAL: the
intake officer writes, the counsellor reads, the manager does everything; nurses do not see it): legal
information sessions, legal-aid cases, papers to obtain and the steps of the proceedings. The tab, the lists,
the forms, the Timeline, the audit and the permissions come from these declarations (services/entries)."""

from __future__ import annotations

from decimal import Decimal

from centre_desk.i18n import N_
from centre_desk.models.legal import LegalAidCase, LegalInfoSession, LegalPaper, LegalStep
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, RecordTab, Values, register, register_tab
from centre_desk.services.legal import rules
from centre_desk.services.legal.terms import (
    AUTHORITIES,
    CASE_STATUS,
    CONSENT,
    FREE,
    GIVEN_BY,
    MATTERS,
    NOT_ASKED,
    PAPER_STATUS,
    PAPERS,
    PROVIDERS,
    REQUESTED,
    SESSION_FORMS,
    STEPS,
    TO_APPLY,
    TOPICS,
)

F, T = Field, FieldType
LEGAL_TAB = register_tab(RecordTab("legal", N_("Legal aid"), 30))
PROVIDER, CONSENT_SECTION, INTERPRETER, OUTCOME = N_("Provider"), N_("Her consent"), N_("Interpreter"), N_("Outcome")
DATES = N_("Dates")


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


INFO_SESSION = register(EntryKind(
    code="legal_info_session", model=LegalInfoSession, title=N_("Legal information session"),
    plural=N_("Legal information and counselling"), group=FieldGroup.LEGAL, tab="legal", order=10,
    summary=rules.session_summary, check=rules.session_problems, list_summary=lambda v: _text(v, "notes")[:200],
    fields=(
        F("topic", N_("Topic"), T.CHOICE, required=True, choices=TOPICS, in_list=True),
        F("details", N_("Details"), max_length=300, hint=N_("e.g. how to apply for a birth certificate")),
        F("form", N_("Form"), T.CHOICE, required=True, choices=SESSION_FORMS, default="individual"),
        F("given_by", N_("Held by"), T.CHOICE, required=True, choices=GIVEN_BY, default="centre", in_list=True),
        F("given_by_name", N_("Name and office"), max_length=200),
        F("minutes", N_("Length"), T.INTEGER, minimum=Decimal(5), maximum=Decimal(480), unit=N_("minutes"),
          in_list=True),
        F("interpreter", N_("Interpreter"), max_length=200, hint=N_("Who interpreted (empty without one)")),
        F("notes", N_("Notes"), T.LONG_TEXT, max_length=2000),
    ),
))  # fmt: skip

AID_CASE = register(EntryKind(
    code="legal_aid_case", model=LegalAidCase, title=N_("Legal aid case"), plural=N_("Legal aid cases"),
    group=FieldGroup.LEGAL, tab="legal", order=20, when_label=N_("Requested on"),
    summary=rules.case_summary, check=rules.case_problems, flag=rules.case_flag,
    list_summary=lambda v: _text(v, "request")[:200],
    fields=(
        F("matter", N_("Matter of the case"), T.CHOICE, required=True, choices=MATTERS, in_list=True),
        F("request", N_("What is asked"), T.LONG_TEXT, required=True, max_length=2000),
        F("status", N_("Status"), T.CHOICE, required=True, choices=CASE_STATUS, default=REQUESTED, in_list=True),
        F("provider_type", N_("Provider"), T.CHOICE, required=True, choices=PROVIDERS, default="state_centre",
          in_list=True, hint=FREE, section=PROVIDER),
        F("provider_name", N_("Name of the provider"), max_length=200, section=PROVIDER,
          hint=N_("e.g. Trung tâm Trợ giúp pháp lý nhà nước tỉnh Lai Châu")),
        F("contact_person", N_("Contact person and phone"), max_length=200, section=PROVIDER),
        F("consent", N_("Consent to share her record with the provider"), T.CHOICE, required=True, choices=CONSENT,
          default=NOT_ASKED, section=CONSENT_SECTION,
          hint=N_("Needed before a provider outside the centre works on the case")),
        F("consent_on", N_("Date of her answer"), T.DATE, section=CONSENT_SECTION),
        F("interpreter", N_("Interpreter arranged"), T.FLAG, section=INTERPRETER),
        F("interpreter_details", N_("Interpreter and language"), max_length=200, section=INTERPRETER),
        F("closed_on", N_("Closed on"), T.DATE, section=OUTCOME),
        F("outcome", N_("Outcome"), T.LONG_TEXT, max_length=2000, section=OUTCOME),
    ),
))  # fmt: skip

PAPER = register(EntryKind(
    code="legal_paper", model=LegalPaper, title=N_("Paper to obtain"), plural=N_("Papers to obtain"),
    group=FieldGroup.LEGAL, tab="legal", order=30, when_label=N_("Noted on"),
    summary=rules.paper_summary, check=rules.paper_problems, flag=rules.paper_flag,
    list_summary=lambda v: _text(v, "note")[:200],
    fields=(
        F("paper", N_("Paper"), T.CHOICE, required=True, choices=PAPERS, in_list=True),
        F("other_name", N_("Name of the other paper"), max_length=200),
        F("office", N_("Issuing office"), max_length=200, in_list=True,
          hint=N_("e.g. Công an xã Tả Lèng, Ủy ban nhân dân xã Tả Lèng")),
        F("status", N_("Status"), T.CHOICE, required=True, choices=PAPER_STATUS, default=TO_APPLY, in_list=True),
        F("requested_on", N_("Applied for on"), T.DATE, section=DATES),
        F("expected_on", N_("Expected on"), T.DATE, section=DATES),
        F("obtained_on", N_("Obtained on"), T.DATE, section=DATES),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000, section=DATES),
    ),
))  # fmt: skip

STEP = register(EntryKind(
    code="legal_step", model=LegalStep, title=N_("Legal step"), plural=N_("Legal steps (police, procuracy, court)"),
    group=FieldGroup.LEGAL, tab="legal", order=40, when_label=N_("Noted on"),
    summary=rules.step_summary, check=rules.step_problems, flag=rules.step_flag,
    list_summary=lambda v: _text(v, "note")[:200],
    fields=(
        F("authority", N_("Authority"), T.CHOICE, required=True, choices=AUTHORITIES, in_list=True),
        F("authority_name", N_("Name of the office"), max_length=200, hint=N_("e.g. Công an tỉnh Lai Châu")),
        F("step", N_("Step"), T.CHOICE, required=True, choices=STEPS, in_list=True),
        F("step_detail", N_("Detail of the step"), max_length=300),
        F("due_on", N_("Due on"), T.DATE, in_list=True),
        F("done_on", N_("Done on"), T.DATE, in_list=True),
        F("document", N_("Document (number, name)"), max_length=300),
        F("note", N_("Note"), T.LONG_TEXT, max_length=1000),
    ),
))  # fmt: skip
