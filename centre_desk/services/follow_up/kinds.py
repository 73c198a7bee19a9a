"""The follow-up contact, a kind of dated entry declared once, on the record's "Follow-up after reintegration" tab
(field group FOLLOW_UP: the intake officer and the counsellor write, nurses read, the manager does everything). The
tab's second page is the schedule and the earlier stays' follow-ups (ui/follow_up/panel.py, extra "follow_up")."""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.models.follow_up import FollowUpContact
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, FieldType
from centre_desk.services.entries.kinds import EntryKind, RecordTab, register, register_tab
from centre_desk.services.follow_up import rules
from centre_desk.services.follow_up.terms import MODES, OUTCOMES, REACHED, RISKS, SIGNS

F, T = Field, FieldType
CODE = "follow_up_contact"
TAB = register_tab(RecordTab("follow_up", N_("Follow-up after reintegration"), 70, after_discharge=True))
SITUATION, SIGNS_SECTION, NEXT = N_("Her situation"), N_("Warning signs"), N_("Risk and next contact")

CONTACT = register(EntryKind(
    code=CODE, model=FollowUpContact, title=N_("Follow-up contact"), plural=N_("Follow-up contacts"),
    group=FieldGroup.FOLLOW_UP, tab="follow_up", order=10, extras=("follow_up",),
    summary=rules.summary, check=rules.problems, flag=rules.flag, preview=rules.preview,
    list_summary=rules.list_summary, facts=rules.discharge_fact,
    fields=(
        F("mode", N_("How"), T.CHOICE, required=True, choices=MODES, default="home_visit", in_list=True),
        F("partner", N_("Commune officer or partner"), max_length=200,
          hint=N_("e.g. Cán bộ văn hóa - xã hội xã Bum Nưa; Hội Liên hiệp Phụ nữ xã")),
        F("outcome", N_("Outcome"), T.CHOICE, required=True, choices=OUTCOMES, default=REACHED, in_list=True),
        F("met_whom", N_("Whom they met"), max_length=200, hint=N_("e.g. herself and her mother")),
        F("family", N_("Family situation"), T.LONG_TEXT, max_length=1000, section=SITUATION),
        F("health", N_("Health"), T.LONG_TEXT, max_length=1000, section=SITUATION),
        F("schooling", N_("Schooling"), T.LONG_TEXT, max_length=1000, section=SITUATION),
        F("livelihood", N_("Work and livelihood"), T.LONG_TEXT, max_length=1000, section=SITUATION),
        *(F(name, text, T.FLAG, section=SIGNS_SECTION) for name, text in SIGNS),
        F("sign_other", N_("Other sign"), max_length=300, section=SIGNS_SECTION),
        F("risk", N_("Risk level"), T.CHOICE, choices=RISKS, in_list=True, section=NEXT),
        F("next_on", N_("Next contact"), T.DATE, in_list=True, section=NEXT),
        F("note", N_("Note"), T.LONG_TEXT, max_length=2000, section=NEXT),
    ),
))  # fmt: skip
