"""The words of a discharge: why she leaves, the states of a request and of a checklist item, the checklist.

Which items apply: every item for everyone, and `child_guardian` only for a minor — under 18 on the planned day
(`admission_input.ADULT_AGE`). Law 53/2024 protects "người dưới 18 tuổi" and Art. 33 has juveniles escorted to
their relatives; a minor has a legal representative (Civil Code). Under 16 she is also a child under the Law on
Children 2016, whose commune child-protection officer may stand in for the guardian. ⚠ The centre to confirm 18
(DOMAIN.md §1.3 keeps both thresholds).
"""

from __future__ import annotations

import enum

from centre_desk.i18n import N_


class Reason(enum.StrEnum):
    FAMILY = "family"  # return to her family
    TRANSFER = "transfer"  # to another province's centre
    RELATIVE = "relative"  # to a relative or a foster family
    INDEPENDENT = "independent"  # independent living
    ABSCONDED = "absconded"  # left without permission
    DEATH = "death"


REASONS: dict[str, str] = {
    Reason.FAMILY: N_("Return to her family"),
    Reason.TRANSFER: N_("Transfer to a social assistance facility in another province"),
    Reason.RELATIVE: N_("To a relative or a foster family"),
    Reason.INDEPENDENT: N_("Independent living"),
    Reason.ABSCONDED: N_("Left without permission"),
    Reason.DEATH: N_("Death"),
}
# No Mẫu 09 application when she left without permission or died: nobody applies, the decision records a fact
# (Decree 20/2021 Art. 30 presumes an application; ⚠ the centre to confirm), so there is no 7-day clock either.
NO_APPLICATION = frozenset({Reason.ABSCONDED, Reason.DEATH})
# handed over to a family (the family member and the commune's representative) or to a receiving centre
TO_FAMILY = frozenset({Reason.FAMILY, Reason.RELATIVE})
DECISION_DAYS = 7  # working days after the application (Decree 20/2021 Art. 30)
DUE_SOON_DAYS = 2  # working days: the Overview shows a decision this close to its deadline


class State(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    CANCELLED = "cancelled"
    REOPENED = "reopened"


STATES: dict[str, str] = {
    State.REQUESTED: N_("Requested"),
    State.APPROVED: N_("Approved"),
    State.CANCELLED: N_("Cancelled"),
    State.REOPENED: N_("Reopened"),
}


class Item(enum.StrEnum):
    BELONGINGS = "belongings"
    HEALTH_SUMMARY = "health_summary"
    PAYMENTS = "payments"
    CARE_PLAN = "care_plan"
    RECEIVING_PARTY = "receiving_party"
    FOLLOW_UP = "follow_up"
    CHILD_GUARDIAN = "child_guardian"


ITEMS: dict[str, str] = {
    Item.BELONGINGS: N_("Belongings and papers returned"),
    Item.HEALTH_SUMMARY: N_("Health summary printed"),
    Item.PAYMENTS: N_("Support payments settled"),
    Item.CARE_PLAN: N_("Care plan evaluated"),
    Item.RECEIVING_PARTY: N_("Receiving party confirmed"),
    Item.FOLLOW_UP: N_("Follow-up plan set"),
    Item.CHILD_GUARDIAN: N_("Guardian or child-protection officer present"),
}


class Check(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"


CHECKS: dict[str, str] = {Check.OPEN: N_("Not done yet"), Check.DONE: N_("Finished"), Check.WAIVED: N_("Waived")}
