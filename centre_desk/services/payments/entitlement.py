"""Who is entitled to which support on a given day — by her status on that day and the law in force then.

From 01/07/2025 (Law 53/2024/QH15 Art. 37, detailed by Decree 162/2025/NĐ-CP): the matrix of
`intake_terms.entitlements` (a victim a–k, a child accompanying one a–h, a person under identification in Viet Nam
a–g, a foreigner a, b, c, d, đ, g).

Before 01/07/2025 (Law 66/2011/QH12 and Decree 09/2013/NĐ-CP, DOMAIN.md §1.1) there was no interpretation (c) and
no legal information (d) as categories of their own, and:

* essential needs and travel home (a, e; Decree 09 Art. 19) for victims, persons awaiting verification as
  victims, the juveniles accompanying them and foreigners trafficked in Viet Nam;
* medical care, psychological support and legal aid (b, g, đ) for confirmed victims;
* schooling, vocational training and the initial hardship allowance (h, i, k; Decree 09 Art. 23) for confirmed
  victims — the decree limits them to victims of poor households, which the record does not hold: the check lets
  them pass and the payment list's signer answers for it (⚠ the centre to confirm).

Her status on the day: the admission that began on or before it (the latest one); a confirmed victim counts as
confirmed from the date of the document confirming it (from her arrival when the date is not known), under
identification before. No admission begun by that day: no entitlement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from centre_desk.services.intake_terms import entitlements

NEW_LAW_FROM = date(2025, 7, 1)  # Law 53/2024/QH15 and Decree 162/2025/NĐ-CP in force
OLD_VICTIM = ("essential", "medical", "legal_aid", "travel", "psychological", "schooling", "vocational",
              "initial_allowance")  # fmt: skip
OLD_OTHERS = ("essential", "travel")


@dataclass(frozen=True)
class Standing:
    """Her standing on a day, as the admission records it."""

    admitted: bool  # an admission begun on or before the day
    confirmed: bool  # a confirmed victim on that day
    foreign: bool
    accompanying_child: bool


def regime(day: date) -> str:
    """ "2024" from 01/07/2025, "2011" before."""
    return "2024" if day >= NEW_LAW_FROM else "2011"


def entitled_on(day: date, standing: Standing) -> tuple[str, ...]:
    """The support categories she is entitled to on `day`, in the law's order."""
    if not standing.admitted:
        return ()
    if day >= NEW_LAW_FROM:
        return entitlements(confirmed=standing.confirmed, foreign=standing.foreign,
                            accompanying_child=standing.accompanying_child)  # fmt: skip
    victim = standing.confirmed and not standing.accompanying_child and not standing.foreign
    return OLD_VICTIM if victim else OLD_OTHERS
