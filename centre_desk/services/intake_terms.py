"""The closed vocabularies of the admission record, with their display labels.

Trafficking terms follow the Human Trafficking Case Data Standard (HTCDS) and the CTDC
codebook (ANCHORS.md §3), the dossier follows Decree 20/2021 Art. 27.3, the issuers of a
victim-status document follow Law 2011 Art. 28, and the entitlements follow Law 53/2024
Art. 37 (DOMAIN.md §1.2). Keys are stored; labels go through the catalogue when shown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from centre_desk.i18n import N_, _
from centre_desk.models.resident import Channel, VictimStatus

Terms = dict[str, str]

CHANNELS: Terms = {
    Channel.CENTRE_TEAM: N_("The provincial centre's own team"),
    Channel.COMMUNE_AUTHORITY: N_("Commune People's Committee"),
    Channel.DISTRICT_LABOUR_OFFICE: N_("District labour office (before 01/07/2025)"),
    Channel.HEALTH_DEPARTMENT: N_("Department of Health (Sở Y tế)"),
    Channel.PROVINCIAL_POLICE: N_("Provincial police"),
    Channel.OTHER_PROVINCE_CENTRE: N_("Transfer from another province's centre"),
    Channel.BORDER_GUARD: N_("Border guard"),
    Channel.POLICE: N_("Police"),
    Channel.SELF_REFERRAL: N_("Came by herself or himself"),
    Channel.NGO: N_("Non-governmental organisation"),
}

VICTIM_STATUSES: Terms = {
    VictimStatus.CONFIRMED: N_("Victim (confirmed)"),
    VictimStatus.UNDER_IDENTIFICATION: N_("Under identification"),
}

DOSSIER_ITEMS: Terms = {
    "declaration": N_("Declaration by the person or guardian (Form 07, Decree 20/2021)"),
    "identity_copy": N_("Copy of the identity card or other identity paper"),
    "emergency_minutes": N_("Minutes of the emergency situation"),
    "commune_request": N_("Written request from the commune chairman"),
    "district_request": N_("Written request from the district chairman (before 01/07/2025)"),
    "victim_certificate": N_("Document confirming victim status"),
    "handover_record": N_("Hand-over record from the referring agency"),
    "repatriation_papers": N_("Papers from the foreign authority or border post"),
}

EXPLOITATION_TYPES: Terms = {
    "forced_marriage": N_("Forced marriage"),
    "sexual_exploitation": N_("Sexual exploitation"),
    "forced_labour": N_("Forced labour"),
    "domestic_servitude": N_("Domestic servitude"),
    "forced_childbirth": N_("Forced childbirth or surrogacy"),
    "child_selling": N_("Sale of a child"),
    "organ_removal": N_("Organ removal"),
    "forced_begging": N_("Forced begging"),
    "forced_criminality": N_("Forced criminal activity"),
    "other": N_("Other exploitation"),
}

CONTROL_MEANS: Terms = {
    "false_promises": N_("False promises (work, marriage, a better life)"),
    "debt_bondage": N_("Debt bondage"),
    "takes_earnings": N_("Takes earnings"),
    "withholds_documents": N_("Withholds identity documents"),
    "restricts_movement": N_("Restricts movement, confinement"),
    "threats": N_("Threats to the person or family"),
    "physical_abuse": N_("Physical abuse"),
    "sexual_abuse": N_("Sexual abuse"),
    "psychological_abuse": N_("Psychological abuse"),
    "psychoactive_substances": N_("Alcohol or drugs"),
    "withholds_necessities": N_("Withholds food, sleep or medical care"),
    "isolation": N_("Isolation, no contact with family"),
    "language_barrier": N_("Exploits not knowing the language"),
    "other": N_("Other means"),
}

RECRUITER_RELATIONS: Terms = {
    "": N_("Not known"),
    "stranger": N_("A stranger"),
    "acquaintance": N_("An acquaintance"),
    "friend": N_("A friend"),
    "intimate_partner": N_("A boyfriend or partner"),
    "family": N_("A relative"),
    "online_contact": N_("Someone met online"),
    "broker": N_("A marriage or job broker"),
}

HOW_FREED: Terms = {
    "": N_("Not known"),
    "escaped": N_("Escaped"),
    "rescued_vietnam": N_("Rescued by Vietnamese police or border guards"),
    "returned_foreign": N_("Returned by the foreign authorities"),
    "released": N_("Released by the exploiters"),
    "family_helped": N_("Helped by family"),
    "ngo_helped": N_("Helped by an organisation"),
    "self_reported": N_("Reported herself or himself"),
}

STATUS_ISSUERS: Terms = {
    "": N_("Not yet issued"),
    "police": N_("Police (investigating body)"),
    "border_guard": N_("Border guard"),
    "rescuing_agency": N_("The rescuing agency"),
    "procuracy_court": N_("Procuracy or court"),
    "foreign_authority": N_("Foreign authority (legalised papers)"),
}


class ConsentKind(enum.StrEnum):
    PROCESSING = "processing"
    CHILD_ASSENT = "child_assent"
    GUARDIAN_CONSENT = "guardian_consent"
    PHOTO = "photo"
    SHARING = "sharing"


CONSENT_KINDS: Terms = {
    ConsentKind.PROCESSING: N_("Processing of personal data"),
    ConsentKind.CHILD_ASSENT: N_("The child's own agreement (age 7 to 15)"),
    ConsentKind.GUARDIAN_CONSENT: N_("Consent of the parent or guardian"),
    ConsentKind.PHOTO: N_("Taking and keeping a photo"),
    ConsentKind.SHARING: N_("Sharing with other agencies"),
}

# Law 53/2024 Art. 37: categories a–k and who is entitled to which (DOMAIN.md §1.2).
SUPPORT_CATEGORIES: dict[str, tuple[str, str]] = {
    "essential": ("a", N_("Essential needs")),
    "medical": ("b", N_("Medical support")),
    "interpretation": ("c", N_("Interpretation")),
    "legal_information": ("d", N_("Legal information and counselling")),
    "legal_aid": ("đ", N_("Legal aid")),
    "travel": ("e", N_("Travel costs")),
    "psychological": ("g", N_("Psychological support")),
    "schooling": ("h", N_("General schooling")),
    "vocational": ("i", N_("Vocational training and job counselling")),
    "initial_allowance": ("k", N_("Initial hardship allowance and loans")),
}
_ORDER = list(SUPPORT_CATEGORIES)


def _upto(last: str) -> tuple[str, ...]:
    return tuple(_ORDER[: _ORDER.index(last) + 1])


def entitlements(*, confirmed: bool, foreign: bool, accompanying_child: bool) -> tuple[str, ...]:
    """Support categories of Law 53/2024 Art. 37 for this person, in the law's order.

    A victim (Vietnamese or stateless resident) gets a–k; a child accompanying one a–h; a person
    under identification in Vietnam (the centre's case) a–g; a foreigner a, b, c, d, đ, g (case by case).
    """
    if foreign:
        return ("essential", "medical", "interpretation", "legal_information", "legal_aid", "psychological")
    if accompanying_child:
        return _upto("schooling")
    return _upto("initial_allowance") if confirmed else _upto("psychological")


def label(terms: Terms, key: str) -> str:
    return _(terms[key]) if key in terms else key


def labels(terms: Terms, keys: Iterable[str]) -> list[str]:
    return [label(terms, key) for key in keys]


def split_keys(stored: str) -> frozenset[str]:
    return frozenset(stored.split())


def join_keys(terms: Terms, keys: Iterable[str]) -> str:
    """Stored form: known keys in the vocabulary's order, space-separated."""
    wanted = set(keys)
    return " ".join(key for key in terms if key and key in wanted)
