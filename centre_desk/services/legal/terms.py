"""The fixed lists of the legal-aid kinds: codes stored in the database, N_() labels shown.

Since 01/07/2025 legal aid is free for victims and people under identification as victims, with no means test:
Law 53/2024 adds point 6a to Art. 7 of the Legal Aid Law 2017 (DOMAIN-ADDENDUM §1.2).
"""

from __future__ import annotations

from centre_desk.i18n import N_
from centre_desk.services.entries.fields import Choices

FREE = N_("Free for victims and people under identification since 01/07/2025, with no means test (Law 53/2024).")

# a legal information or counselling session (hỗ trợ pháp luật, Law 53/2024 Art. 37 cl. 1 point d)
TOPICS: Choices = (
    ("rights", N_("Rights of victims")),
    ("support", N_("Support regime")),
    ("identity", N_("Identity papers and civil status")),
    ("marriage", N_("Marriage and family")),
    ("migration", N_("Safe migration and work")),
    ("proceedings", N_("Criminal proceedings and testimony")),
    ("other", N_("Other")),
)
SESSION_FORMS: Choices = (("individual", N_("Individual")), ("group", N_("Group")))
GIVEN_BY: Choices = (
    ("centre", N_("Centre staff")),
    ("legal_aid_centre", N_("Provincial legal aid centre")),
    ("police", N_("Police")),
    ("other", N_("Other")),
)

# a legal-aid case (trợ giúp pháp lý, point đ)
CENTRE = "centre"  # the one provider inside the centre: no consent to share her record is needed
PROVIDERS: Choices = (
    ("state_centre", N_("Provincial legal aid centre")),
    ("lawyer", N_("Lawyer")),
    ("ngo", N_("Non-governmental organisation")),
    (CENTRE, N_("The centre's own staff")),
    ("other", N_("Other")),
)
MATTERS: Choices = (
    ("identity", N_("Identity papers")),
    ("civil_status", N_("Civil status (birth, marriage)")),
    ("compensation", N_("Compensation for damage")),
    ("testimony", N_("Support when giving testimony")),
    ("criminal", N_("Criminal case against the trafficker")),
    ("other", N_("Other")),
)
REQUESTED, IN_PROGRESS, CLOSED = "requested", "in_progress", "closed"
CASE_STATUS: Choices = (
    (REQUESTED, N_("Requested")),
    (IN_PROGRESS, N_("In progress")),
    (CLOSED, N_("Closed")),
)
GIVEN, REFUSED, NOT_ASKED = "given", "refused", "not_asked"
CONSENT: Choices = ((GIVEN, N_("Given")), (REFUSED, N_("Refused")), (NOT_ASKED, N_("Not asked yet")))

# a paper to obtain. The household register (sổ hộ khẩu) is no longer valid since 01/01/2023 (Law on Residence
# 2020): the residence confirmation replaces it. A new identity card is a "thẻ căn cước" since 01/07/2024 (Law on
# Identification 2023); a CCCD stays valid until it expires.
PAPERS: Choices = (
    ("identity_card", N_("Identity card (Thẻ căn cước)")),
    ("birth_certificate", N_("Birth certificate")),
    ("residence", N_("Residence confirmation")),
    ("civil_status", N_("Other civil status paper (marriage, marital status)")),
    ("other", N_("Other paper")),
)
TO_APPLY, APPLIED, OBTAINED, NOT_ISSUED = "to_apply", "applied", "obtained", "not_issued"
PAPER_STATUS: Choices = (
    (TO_APPLY, N_("To apply for")),
    (APPLIED, N_("Applied for")),
    (OBTAINED, N_("Obtained")),
    (NOT_ISSUED, N_("Not issued")),
)

# a step of the proceedings before an authority
AUTHORITIES: Choices = (
    ("police", N_("Police")),
    ("procuracy", N_("Procuracy")),
    ("court", N_("Court")),
    ("legal_aid_centre", N_("Legal aid centre")),
    ("other", N_("Other authority")),
)
STEPS: Choices = (
    ("statement", N_("Statement taken")),
    ("identification", N_("Identification as a victim")),
    ("indictment", N_("Indictment")),
    ("hearing", N_("Trial hearing")),
    ("judgment", N_("Judgment")),
    ("compensation", N_("Compensation paid")),
    ("other", N_("Other step")),
)
