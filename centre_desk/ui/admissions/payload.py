"""The wizard's fields as a plain JSON dict (the draft payload) and its conversion to AdmissionInput.

The payload keeps what was typed (dates as dd/mm/yyyy text, numbers as text), so a draft restores
exactly what the user saw. `to_input` parses it; a malformed entry raises ValidationError naming
the field, like the service does, so the wizard can point at it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import (
    LOCAL_GOVERNMENT_REFORM,
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
)
from centre_desk.services.reference import find_ethnic_group
from centre_desk.text import fold

Payload = dict[str, Any]
NO_NAME = N_("(no name yet)")
ARRIVAL_FORMAT = "%Y-%m-%dT%H:%M"

CHANNEL_LABELS = terms.CHANNELS
_BEFORE_REFORM_ONLY = {Channel.DISTRICT_LABOUR_OFFICE}
_AFTER_REFORM_ONLY = {Channel.HEALTH_DEPARTMENT, Channel.COMMUNE_AUTHORITY, Channel.PROVINCIAL_POLICE}

SEX_LABELS: dict[Sex, str] = {Sex.FEMALE: N_("Female"), Sex.MALE: N_("Male"), Sex.OTHER: N_("Other")}
ID_LABELS: dict[IdDocument, str] = {
    IdDocument.CCCD: N_("Citizen identity card (CCCD)"),
    IdDocument.PASSPORT: N_("Passport"),
    IdDocument.BIRTH_CERTIFICATE: N_("Birth certificate"),
    IdDocument.NONE: N_("No identity paper"),
}
READS_LABELS = {"unknown": N_("Not known"), "yes": N_("Yes"), "no": N_("No")}

# Which page (0-based) holds each field the service may name in a ValidationError.
PAGE_FIELDS: tuple[frozenset[str], ...] = (
    frozenset({"arrived_at", "channel", "referring_agency", "referring_officer", "referring_phone",
               "documents_received", "documents_note"}),
    frozenset({"full_name", "other_names", "alias", "sex", "birth", "birth_date", "birth_year", "estimated_age",
               "ethnic_code", "mother_tongue", "reads_vietnamese", "interpreter_needed", "religion", "nationality",
               "id_document", "id_number"}),
    frozenset({"home_province", "home_commune", "home_village", "legacy_district", "guardian_name",
               "guardian_relation", "guardian_phone", "contacts"}),
    frozenset({"is_pupil", "school_name", "school_grade", "school_stopped_on"}),
    frozenset({"exploitation_country", "exploitation_place", "exploitation_types", "control_means",
               "recruiter_relation", "left_home_on", "returned_on", "border_gate", "how_freed", "narrative"}),
    frozenset({"victim_status", "status_issuer_kind", "status_issuer", "status_number", "status_date",
               "accompanying_child"}),
    frozenset({"consent_processing", "consent_child", "consents"}),
    frozenset({"belongings", "money_vnd", "money_other"}),
    frozenset({"injured", "needs_medical_now", "condition_note", "urgent_needs", "pregnancy_suspected"}),
)  # fmt: skip
CONSENT_ORDER = tuple(terms.ConsentKind)


def channels_for(day: date) -> list[Channel]:
    """The channels that exist on `day` (the district level was abolished on 01/07/2025)."""
    excluded = _AFTER_REFORM_ONLY if day < LOCAL_GOVERNMENT_REFORM else _BEFORE_REFORM_ONLY
    return [c for c in Channel if c not in excluded]


def page_of_field(field: str) -> int | None:
    """The page index showing `field` (contact_1 → home, consent_2 → consent …), None if unknown."""
    stem = re.sub(r"_\d+$", "", field)
    stem = {"contact": "contacts", "belonging": "belongings", "consent": "consents"}.get(stem, stem)
    for index, names in enumerate(PAGE_FIELDS):
        if stem in names:
            return index
    return None


def ethnic_text(code: str) -> str:
    group = find_ethnic_group(code, include_foreign=True)
    return "" if group is None else f"{group.name} ({group.code})"


def ethnic_code_of(text: str) -> str:
    """The group code for "Mông (04)", "Mông", "Mèo", "04"; "" when unknown."""
    cleaned = re.sub(r"\s*\(\d+\)\s*$", "", text.strip())
    group = find_ethnic_group(cleaned, include_foreign=True) or find_ethnic_group(text.strip(), include_foreign=True)
    return "" if group is None else group.code


def draft_label(payload: Payload) -> str:
    """The alias, else the full name typed so far, else "(no name yet)"."""
    for key in ("alias", "full_name"):
        text = " ".join(str(payload.get(key, "")).split())
        if text:
            return text[:200]
    return _(NO_NAME)


def _text(payload: Payload, key: str) -> str:
    value = payload.get(key, "")
    return value if isinstance(value, str) else ""


def _flag(payload: Payload, key: str) -> bool:
    return payload.get(key) is True


def parse_day(text: str, field: str) -> date | None:
    """dd/mm/yyyy typed in a date box; "" is None, anything else unreadable is a ValidationError."""
    cleaned = text.strip()
    if not cleaned or cleaned.replace("/", "").strip() == "":
        return None
    try:
        return datetime.strptime(cleaned.replace("-", "/").replace(".", "/"), "%d/%m/%Y").date()
    except ValueError:
        raise ValidationError(field, _("Please type the date as dd/mm/yyyy, e.g. 05/02/2026.")) from None


def _whole(text: str, field: str, message: str) -> int | None:
    cleaned = text.strip().replace(".", "").replace(" ", "").replace(",", "")
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValidationError(field, message)
    return int(cleaned)


def arrival_of(payload: Payload) -> datetime:
    text = _text(payload, "arrived_at")
    try:
        return datetime.strptime(text, ARRIVAL_FORMAT).astimezone()
    except ValueError:
        raise ValidationError("arrived_at", _("Please give the time of arrival.")) from None


def person_of(payload: Payload, *, lenient: bool = False) -> ResidentInput:
    """The person; with `lenient`, unreadable parts are left out (used to look for earlier stays)."""

    def safe(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except ValidationError:
            if lenient:
                return None
            raise

    mode = _text(payload, "birth_mode") or "exact"
    birth_date = safe(parse_day, _text(payload, "birth_date"), "birth_date") if mode == "exact" else None
    year_message = _("The year of birth must be between 1900 and this year.")
    birth_year = safe(_whole, _text(payload, "birth_year"), "birth_year", year_message) if mode == "year" else None
    age_message = _("The estimated age must be between 0 and 120.")
    age = safe(_whole, _text(payload, "estimated_age"), "estimated_age", age_message) if mode == "age" else None
    ethnic = _text(payload, "ethnic")
    code = ethnic_code_of(ethnic)
    if not code and not lenient:
        raise ValidationError("ethnic_code", _("Please choose the ethnic group from the list."))
    reads = _text(payload, "reads_vietnamese")
    return ResidentInput(
        full_name=_text(payload, "full_name"),
        sex=Sex(_text(payload, "sex") or Sex.FEMALE),
        ethnic_code=code,
        birth_date=birth_date,
        birth_year=birth_year,
        estimated_age=age,
        other_names=_text(payload, "other_names"),
        alias=_text(payload, "alias"),
        nationality=_text(payload, "nationality"),
        id_document=IdDocument(_text(payload, "id_document") or IdDocument.NONE),
        id_number=_text(payload, "id_number"),
        mother_tongue=_text(payload, "mother_tongue"),
        reads_vietnamese=None if reads not in ("yes", "no") else reads == "yes",
        interpreter_needed=_flag(payload, "interpreter_needed"),
        religion=_text(payload, "religion"),
        home_province=_text(payload, "home_province"),
        home_commune=_text(payload, "home_commune"),
        home_village=_text(payload, "home_village"),
        legacy_district=_text(payload, "legacy_district"),
        guardian_name=_text(payload, "guardian_name"),
        guardian_relation=_text(payload, "guardian_relation"),
        guardian_phone=_text(payload, "guardian_phone"),
        is_pupil=_flag(payload, "is_pupil"),
        school_name=_text(payload, "school_name") if _flag(payload, "is_pupil") else "",
        school_grade=_text(payload, "school_grade") if _flag(payload, "is_pupil") else "",
        school_stopped_on=(
            safe(parse_day, _text(payload, "school_stopped_on"), "school_stopped_on")
            if _flag(payload, "is_pupil")
            else None
        ),
    )


def _rows(payload: Payload, key: str, width: int) -> list[list[str]]:
    rows = payload.get(key, [])
    if not isinstance(rows, list):
        return []
    result = []
    for row in rows:
        cells = [str(c) for c in row][:width] if isinstance(row, list) else []
        cells += [""] * (width - len(cells))
        if any(c.strip() for c in cells):
            result.append(cells)
    return result


def _consents(payload: Payload, arrival: date) -> tuple[ConsentInput, ...]:
    stored = payload.get("consents", {})
    stored = stored if isinstance(stored, dict) else {}
    result = []
    for index, kind in enumerate(CONSENT_ORDER):
        entry = stored.get(kind.value)
        if not isinstance(entry, dict) or not entry.get("recorded"):
            continue
        where = f"consent_{index}"
        on = parse_day(str(entry.get("on", "")), where) or arrival
        result.append(
            ConsentInput(
                kind=kind,
                given=entry.get("given") is True,
                given_on=on,
                given_by=str(entry.get("by", "")),
                legal_basis=str(entry.get("basis", "")) if kind is terms.ConsentKind.PROCESSING else "",
            )
        )
    return tuple(result)


def to_input(payload: Payload) -> AdmissionInput:
    """The admission as typed; ValidationError (field, message) when something cannot be read."""
    arrived = arrival_of(payload)
    person = person_of(payload)
    contacts = tuple(ContactInput(*row) for row in _rows(payload, "contacts", 4))
    belongings = []
    for index, (item, quantity, condition) in enumerate(_rows(payload, "belongings", 3)):
        number = _whole(quantity, f"belonging_{index}", _("The quantity must be between 1 and 100000."))
        belongings.append(BelongingInput(item, 1 if number is None else number, condition))
    money = _whole(_text(payload, "money_vnd"), "money_vnd", _("Please check the amount of money.")) or 0
    previous = payload.get("previous_resident_id")
    status = VictimStatus(_text(payload, "victim_status") or VictimStatus.UNDER_IDENTIFICATION)
    confirmed = status is VictimStatus.CONFIRMED
    return AdmissionInput(
        resident=person,
        arrived_at=arrived,
        channel=Channel(_text(payload, "channel") or Channel.CENTRE_TEAM),
        referring_agency=_text(payload, "referring_agency"),
        referring_officer=_text(payload, "referring_officer"),
        referring_phone=_text(payload, "referring_phone"),
        documents_received=frozenset(k for k in payload.get("documents_received", []) if isinstance(k, str)),
        documents_note=_text(payload, "documents_note"),
        exploitation_country=_text(payload, "exploitation_country"),
        exploitation_place=_text(payload, "exploitation_place"),
        exploitation_types=frozenset(k for k in payload.get("exploitation_types", []) if isinstance(k, str)),
        control_means=frozenset(k for k in payload.get("control_means", []) if isinstance(k, str)),
        recruiter_relation=_text(payload, "recruiter_relation"),
        left_home_on=parse_day(_text(payload, "left_home_on"), "left_home_on"),
        returned_on=parse_day(_text(payload, "returned_on"), "returned_on"),
        border_gate=_text(payload, "border_gate"),
        how_freed=_text(payload, "how_freed"),
        narrative=_text(payload, "narrative"),
        victim_status=status,
        status_issuer_kind=_text(payload, "status_issuer_kind") if confirmed else "",
        status_issuer=_text(payload, "status_issuer") if confirmed else "",
        status_number=_text(payload, "status_number") if confirmed else "",
        status_date=parse_day(_text(payload, "status_date"), "status_date") if confirmed else None,
        accompanying_child=_flag(payload, "accompanying_child"),
        injured=_flag(payload, "injured"),
        needs_medical_now=_flag(payload, "needs_medical_now"),
        condition_note=_text(payload, "condition_note"),
        urgent_needs=_text(payload, "urgent_needs"),
        pregnancy_suspected=_flag(payload, "pregnancy_suspected"),
        money_vnd=money,
        money_other=_text(payload, "money_other"),
        contacts=contacts,
        consents=_consents(payload, arrived.date()),
        belongings=tuple(belongings),
        previous_resident_id=previous if isinstance(previous, int) else None,
    )


def is_foreign(payload: Payload) -> bool:
    nationality = fold(_text(payload, "nationality")).replace(" ", "")
    return bool(nationality) and nationality not in ("vietnam", "vn")
