"""Display labels of the resident enums, and value formatting shared by the record's parts."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime

from centre_desk.formatting import format_date, format_datetime, format_number
from centre_desk.i18n import N_, _
from centre_desk.models.resident import IdDocument, Sex
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import BelongingInput, ContactInput
from centre_desk.services.reference import find_ethnic_group

SEXES: dict[str, str] = {Sex.FEMALE: N_("Female"), Sex.MALE: N_("Male"), Sex.OTHER: N_("Other")}
ID_DOCUMENTS: dict[str, str] = {
    IdDocument.ID_CARD: N_("Identity card (Thẻ căn cước, from 01/07/2024)"),
    IdDocument.CCCD: N_("Citizen identity card (CCCD)"),
    IdDocument.PASSPORT: N_("Passport"),
    IdDocument.BIRTH_CERTIFICATE: N_("Birth certificate"),
    IdDocument.NONE: N_("No papers"),
}
CHANNELS = terms.CHANNELS
VICTIM_STATUSES = terms.VICTIM_STATUSES
READS_VIETNAMESE: dict[str, str] = {"": N_("Not known"), "yes": N_("Yes"), "no": N_("No")}

# Which vocabulary labels the keys of a set-valued or keyed field (for the conflict comparison).
FIELD_TERMS: dict[str, Mapping[str, str]] = {
    "sex": SEXES,
    "id_document": ID_DOCUMENTS,
    "channel": CHANNELS,
    "victim_status": VICTIM_STATUSES,
    "documents_received": terms.DOSSIER_ITEMS,
    "exploitation_types": terms.EXPLOITATION_TYPES,
    "control_means": terms.CONTROL_MEANS,
    "recruiter_relation": terms.RECRUITER_RELATIONS,
    "how_freed": terms.HOW_FREED,
    "status_issuer_kind": terms.STATUS_ISSUERS,
}


def term(vocabulary: Mapping[str, str], key: str) -> str:
    return _(vocabulary[key]) if key in vocabulary else key


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def describe(field: str, value: object) -> str:
    """A stored or typed value as staff read it (for the conflict comparison)."""
    vocabulary = FIELD_TERMS.get(field)
    if value is None or value == "" or value == () or value == frozenset():
        return "—"
    if field == "ethnic_code" and isinstance(value, str):
        group = find_ethnic_group(value, include_foreign=True)
        return group.name if group else value
    if field == "reads_vietnamese" and isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if field == "money_vnd" and isinstance(value, int):
        return format_number(value) + " đ"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, frozenset):
        order = list(vocabulary or {})
        keys = sorted(value, key=lambda k: (order.index(k) if k in order else len(order), str(k)))
        return "; ".join(term(vocabulary or {}, str(k)) for k in keys)
    if isinstance(value, tuple):
        return "; ".join(_describe_item(item) for item in value)
    if isinstance(value, enum.Enum | str):
        return term(vocabulary, str(value)) if vocabulary is not None else str(value)
    return str(value)


def _describe_item(item: object) -> str:
    if isinstance(item, ContactInput):
        return ", ".join(p for p in (item.name, item.relation, item.phone, item.address) if p)
    if isinstance(item, BelongingInput):
        text = f"{item.item} × {item.quantity}"
        return f"{text} ({item.condition})" if item.condition else text
    return str(item)
