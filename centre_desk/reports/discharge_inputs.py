"""The input of the discharge papers (reports/discharge.py): plain frozen data, every word already in Vietnamese,
filled by services/discharge/papers.py from the discharge, the admission and the record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from centre_desk.reports.paper_inputs import CentreHeader, Person

KINDS = ("discharge-decision", "handover", "case-summary", "belongings-return", "discharge-application")
# The papers numbered from the outgoing-document register, with their type (Decree 30/2020, Phụ lục III). The case
# summary, the return of belongings and the application are not: the summary goes with the hand-over package, the
# return is signed against the admission receipt (it carries the file code), the application is the person's own.
REGISTERED: dict[str, str] = {"discharge-decision": "QĐ", "handover": "BB"}
# The sensitive parts of the case summary, left out unless ticked.
NARRATIVE, SENSITIVE_HEALTH, COUNSELLING_NOTES = "narrative", "sensitive-health", "counselling-notes"
SENSITIVE_PARTS = (NARRATIVE, SENSITIVE_HEALTH, COUNSELLING_NOTES)


@dataclass(frozen=True, slots=True)
class Receiving:
    """Who takes the person: her family and the commune's representative, or for a transfer the receiving centre."""

    family_name: str = ""
    family_relation: str = ""
    family_id_number: str = ""  # CCCD
    family_address: str = ""
    family_phone: str = ""
    commune_officer: str = ""
    commune_officer_position: str = ""
    commune_name: str = ""  # with its kind: "xã Tả Lèng"
    commune_province: str = ""  # "tỉnh Lai Châu"
    centre: str = ""  # the receiving centre, for a transfer
    centre_address: str = ""


@dataclass(frozen=True, slots=True)
class Returned:
    """One item of the admission receipt: taken in, handed back (None: not yet recorded, left blank to fill in)."""

    name: str
    taken: int
    returned: int | None = None
    missing_note: str = ""


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the case summary says beyond the particulars; the sensitive parts are empty unless ticked."""

    support: tuple[str, ...] = ()  # the care plan's actions, as lines
    schooling: tuple[str, ...] = ()
    payments: tuple[str, ...] = ()  # paid, by support: "Hỗ trợ y tế: 1.200.000 đồng"
    payments_total: int = 0
    health: tuple[str, ...] = ()  # in brief, nothing sensitive
    sharing_basis: str = ""  # "sự đồng ý của … ngày …" or the legal basis recorded
    included: tuple[str, ...] = ()  # SENSITIVE_PARTS ticked
    narrative: str = ""
    sensitive_health: tuple[str, ...] = ()
    counselling_notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DischargePaper:
    centre: CentreHeader
    person: Person
    admitted_on: datetime.date
    status: str  # "nạn nhân bị mua bán"
    reason: str  # family / transfer / relative / independent / absconded / death
    reason_text: str  # "Trở về với gia đình"
    ends_on: datetime.date  # the day assistance ends: the day she leaves (or is planned to)
    day: datetime.date  # the paper's date: the decision's (the approval), the hand-over's (the leaving day)
    reason_note: str = ""
    application_on: datetime.date | None = None  # Mẫu 09 received
    applicant_name: str = ""  # "" = the person herself
    applicant_relation: str = ""
    receiving: Receiving = Receiving()
    condition: str = ""  # on leaving
    support_given: str = ""
    follow_up: str = ""
    documents: tuple[str, ...] = ()  # the papers handed over with her: the decision, for a transfer the package
    returned: tuple[Returned, ...] = ()
    money_in_vnd: int = 0
    money_in_other: str = ""
    money_returned_vnd: int | None = None  # None: not yet recorded
    money_returned_other: str = ""
    officer_name: str = ""  # the centre's officer who hands over
    officer_title: str = ""
    summary: CaseFacts = CaseFacts()
    number: str = ""  # from the outgoing-document register; "" = not issued (blank)
