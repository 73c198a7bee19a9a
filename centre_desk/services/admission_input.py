"""What the admission wizard collects, and the checks that give clear Vietnamese messages.

`check_admission` returns the input cleaned (NFC, single spaces, known keys only) or raises
ValidationError naming the field, so the screen can point at it and keep everything typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.reports.glyphs import printable_text
from centre_desk.services import intake_terms as terms
from centre_desk.services.reference import find_ethnic_group
from centre_desk.text import fold, normalized

ADULT_AGE = 18  # Law 53/2024: "người dưới 18 tuổi"
CHILD_AGE = 16  # Law on Children 2016 Art. 1: a child (trẻ em) is under 16
CHILD_CONSENT_AGES = range(7, 16)  # Decree 13/2023 Art. 20: a child of 7–15 agrees as well as the guardian
LOCAL_GOVERNMENT_REFORM = date(2025, 7, 1)  # district level abolished (Resolution 1670/NQ-UBTVQH15)
MONEY_LIMIT = 10_000_000_000  # 10 billion đồng: anything above is a typing slip
_CCCD = re.compile(r"^\d{12}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{6,20}$")
_PHONE = re.compile(r"^\+?[\d .()-]{6,20}$")


@dataclass(frozen=True)
class ContactInput:
    name: str
    relation: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class ConsentInput:
    kind: terms.ConsentKind
    given: bool
    given_on: date
    given_by: str = ""
    legal_basis: str = ""  # for processing without consent: the legal basis relied on


@dataclass(frozen=True)
class BelongingInput:
    item: str
    quantity: int = 1
    condition: str = ""


@dataclass(frozen=True)
class ResidentInput:
    full_name: str
    sex: Sex
    ethnic_code: str
    birth_date: date | None = None
    birth_year: int | None = None
    estimated_age: int | None = None
    other_names: str = ""
    alias: str = ""
    nationality: str = "Việt Nam"
    id_document: IdDocument = IdDocument.NONE
    id_number: str = ""
    mother_tongue: str = ""
    reads_vietnamese: bool | None = None
    interpreter_needed: bool = False
    religion: str = ""
    home_province: str = ""
    home_commune: str = ""
    home_village: str = ""
    legacy_district: str = ""
    guardian_name: str = ""
    guardian_relation: str = ""
    guardian_phone: str = ""
    is_pupil: bool = False
    school_name: str = ""
    school_grade: str = ""
    school_stopped_on: date | None = None


@dataclass(frozen=True)
class AdmissionInput:
    resident: ResidentInput
    arrived_at: datetime
    channel: Channel
    referring_agency: str = ""
    referring_officer: str = ""
    referring_phone: str = ""
    documents_received: frozenset[str] = frozenset()
    documents_note: str = ""
    # trafficking experience
    exploitation_country: str = ""
    exploitation_place: str = ""
    exploitation_types: frozenset[str] = frozenset()
    control_means: frozenset[str] = frozenset()
    recruiter_relation: str = ""
    left_home_on: date | None = None
    returned_on: date | None = None
    border_gate: str = ""
    how_freed: str = ""
    narrative: str = ""
    # status
    victim_status: VictimStatus = VictimStatus.UNDER_IDENTIFICATION
    status_issuer_kind: str = ""
    status_issuer: str = ""
    status_number: str = ""
    status_date: date | None = None
    accompanying_child: bool = False
    # initial condition
    injured: bool = False
    needs_medical_now: bool = False
    condition_note: str = ""
    urgent_needs: str = ""
    pregnancy_suspected: bool = False
    # safekeeping
    money_vnd: int = 0
    money_other: str = ""
    contacts: tuple[ContactInput, ...] = ()
    consents: tuple[ConsentInput, ...] = ()
    belongings: tuple[BelongingInput, ...] = field(default=())
    previous_resident_id: int | None = None  # set when the user links an earlier stay


def clean_text(value: str, field: str, label: str, limit: int = 200, required: bool = False) -> str:
    """One line: spaces collapsed, length and printable characters checked."""
    cleaned = " ".join(value.split())
    return _checked(cleaned, field, label, limit, required)


def clean_block(value: str, field: str, label: str, limit: int = 2000) -> str:
    """Several lines (a note, the narrative): line breaks and tabs kept, trailing spaces trimmed."""
    cleaned = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    _checked(cleaned.replace("\n", " ").replace("\t", " "), field, label, limit, False)
    return cleaned


def _checked(cleaned: str, field: str, label: str, limit: int, required: bool) -> str:
    cleaned = printable_text(cleaned, field, label, on_paper=field != "narrative")  # invisible out; font has it
    if required and not cleaned:
        raise ValidationError(field, _("Please fill in: {label}.").format(label=label))
    if len(cleaned) > limit:
        raise ValidationError(field, _("{label} may have at most {limit} characters.").format(label=label, limit=limit))
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in cleaned):
        raise ValidationError(field, _("{label} contains characters that cannot be printed.").format(label=label))
    return cleaned


def birth_year_of(person: ResidentInput, on: date) -> int | None:
    if person.birth_date is not None:
        return person.birth_date.year
    if person.birth_year is not None:
        return person.birth_year
    return None if person.estimated_age is None else on.year - person.estimated_age


def age_on(person: ResidentInput, on: date) -> int | None:
    """Completed years on `on` (from the exact date, the year, or the estimate)."""
    if person.birth_date is not None:
        born = person.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    year = birth_year_of(person, on)
    return None if year is None else on.year - year


def default_alias(full_name: str, code: str) -> str:
    """Initials + code, e.g. "S.T.D. LC-2026-0007": what lists show instead of the name."""
    initials = ".".join(word[0].upper() for word in full_name.split() if word) + "."
    return f"{initials} {code}"


def sort_key(full_name: str) -> str:
    """Vietnamese order: the given name (last word) first, then family and middle names."""
    words = fold(full_name).split()
    return " ".join(words[-1:] + words[:-1])


def _phone(value: str, field: str) -> str:
    value = " ".join(value.split())
    if value and not _PHONE.match(value):
        raise ValidationError(field, _("A phone number has 6 to 20 digits (spaces, dots and + are allowed)."))
    return value


def check_person(p: ResidentInput, arrival_day: date, today: date) -> ResidentInput:
    p = normalized(p)
    full_name = clean_text(p.full_name, "full_name", _("full name"), required=True)
    given = [p.birth_date is not None, p.birth_year is not None, p.estimated_age is not None]
    if sum(given) != 1:
        raise ValidationError("birth", _("Please give the date of birth, the year of birth or an estimated age."))
    if p.birth_date is not None and p.birth_date > today:
        raise ValidationError("birth_date", _("The date of birth cannot be in the future."))
    if p.birth_date is not None and p.birth_date.year < 1900:
        raise ValidationError("birth_date", _("The year of birth must be between 1900 and this year."))
    if p.birth_year is not None and not 1900 <= p.birth_year <= today.year:
        raise ValidationError("birth_year", _("The year of birth must be between 1900 and this year."))
    if p.estimated_age is not None and not 0 <= p.estimated_age <= 120:
        raise ValidationError("estimated_age", _("The estimated age must be between 0 and 120."))
    group = find_ethnic_group(p.ethnic_code, include_foreign=True)
    if group is None or group.code != p.ethnic_code:
        raise ValidationError("ethnic_code", _("Please choose the ethnic group from the list."))
    id_number = clean_text(p.id_number, "id_number", _("document number"), 60).replace(" ", "").upper()
    if p.id_document is IdDocument.CCCD and not _CCCD.match(id_number):
        raise ValidationError("id_number", _("A citizen identity card (CCCD) number has exactly 12 digits."))
    if p.id_document is IdDocument.PASSPORT and not _PASSPORT.match(id_number):
        raise ValidationError("id_number", _("A passport number has 6 to 20 letters and digits."))
    if p.id_document is IdDocument.NONE:
        id_number = ""
    age = age_on(p, arrival_day)
    guardian = clean_text(p.guardian_name, "guardian_name", _("guardian"))
    if age is not None and age < ADULT_AGE and not guardian:
        raise ValidationError("guardian_name", _("The person is under 18: please enter a parent or guardian."))
    if p.school_stopped_on and p.school_stopped_on > today:
        raise ValidationError("school_stopped_on", _("The date of leaving school cannot be in the future."))
    return replace(
        p,
        full_name=full_name,
        other_names=clean_text(p.other_names, "other_names", _("other names"), 300),
        alias=clean_text(p.alias, "alias", _("alias"), 60),
        nationality=clean_text(p.nationality, "nationality", _("nationality"), 100, required=True),
        id_number=id_number,
        mother_tongue=clean_text(p.mother_tongue, "mother_tongue", _("mother tongue"), 100),
        religion=clean_text(p.religion, "religion", _("religion"), 100),
        guardian_name=guardian,
        guardian_relation=clean_text(p.guardian_relation, "guardian_relation", _("relationship"), 60),
        guardian_phone=_phone(p.guardian_phone, "guardian_phone"),
        home_village=clean_text(p.home_village, "home_village", _("village"), 100),
        home_commune=clean_text(p.home_commune, "home_commune", _("commune or ward"), 100),
        home_province=clean_text(p.home_province, "home_province", _("province"), 100),
        legacy_district=clean_text(p.legacy_district, "legacy_district", _("former district"), 100),
        school_name=clean_text(p.school_name, "school_name", _("school"), 200),
        school_grade=clean_text(p.school_grade, "school_grade", _("grade or year"), 60),
    )


def _check_keys(keys: frozenset[str], vocabulary: terms.Terms, field: str) -> frozenset[str]:
    if not keys <= vocabulary.keys():
        raise ValidationError(field, _("Please choose from the list."))
    return keys


def _check_consents(data: AdmissionInput, age: int | None, today: date) -> tuple[ConsentInput, ...]:
    cleaned = []
    for index, consent in enumerate(data.consents):
        where = f"consent_{index}"
        if consent.given_on > today:
            raise ValidationError(where, _("The date of a consent cannot be in the future."))
        cleaned.append(
            replace(
                consent,
                given_by=clean_text(consent.given_by, where, _("given by"), 200),
                legal_basis=clean_text(consent.legal_basis, where, _("legal basis"), 300),
            )
        )
    kinds = {c.kind: c for c in cleaned}
    processing = kinds.get(terms.ConsentKind.PROCESSING)
    relies_on_consent = processing is not None and processing.given and not processing.legal_basis
    if processing is not None and not processing.given and not processing.legal_basis:
        raise ValidationError(
            "consent_processing", _("Without consent, please name the legal basis for processing the data.")
        )
    if relies_on_consent and age is not None and age in CHILD_CONSENT_AGES:
        for kind in (terms.ConsentKind.CHILD_ASSENT, terms.ConsentKind.GUARDIAN_CONSENT):
            if kind not in kinds or not kinds[kind].given:
                raise ValidationError(
                    "consent_child",
                    _("For a child of 7 to 15, record both the child's agreement and the guardian's consent."),
                )
    return tuple(cleaned)


def _check_belongings(items: tuple[BelongingInput, ...]) -> tuple[BelongingInput, ...]:
    cleaned = []
    for index, item in enumerate(items):
        where = f"belonging_{index}"
        name = clean_text(item.item, where, _("item"), 200)
        if not name:
            continue  # an empty row the user left
        if not 1 <= item.quantity <= 100_000:
            raise ValidationError(where, _("The quantity must be between 1 and 100000."))
        cleaned.append(BelongingInput(name, item.quantity, clean_text(item.condition, where, _("condition"), 200)))
    return tuple(cleaned)


def check_admission(data: AdmissionInput, now: datetime) -> AdmissionInput:
    """The input cleaned (NFC, spaces, known keys), or ValidationError naming the field."""
    data = normalized(data)
    today = now.astimezone().date()
    arrived = data.arrived_at
    if arrived.tzinfo is None:
        raise ValidationError("arrived_at", _("Please give the time of arrival."))
    if arrived > now + timedelta(minutes=5):
        raise ValidationError("arrived_at", _("The time of arrival cannot be in the future."))
    if arrived.year < 2000:
        raise ValidationError("arrived_at", _("The time of arrival is too far in the past."))
    arrival_day = arrived.astimezone().date()
    person = check_person(data.resident, arrival_day, today)
    age = age_on(person, arrival_day)
    if data.left_home_on and data.left_home_on > today:
        raise ValidationError("left_home_on", _("The date of leaving home cannot be in the future."))
    if data.returned_on and data.left_home_on and data.returned_on < data.left_home_on:
        raise ValidationError("returned_on", _("The date of return cannot be before the date of leaving."))
    if data.returned_on and data.returned_on > arrival_day:
        raise ValidationError("returned_on", _("The date of return cannot be after the arrival at the centre."))
    if data.channel is Channel.DISTRICT_LABOUR_OFFICE and arrival_day >= LOCAL_GOVERNMENT_REFORM:
        raise ValidationError(
            "channel", _("District labour offices no longer exist from 01/07/2025: choose the commune or Sở Y tế.")
        )
    if data.victim_status is VictimStatus.CONFIRMED and not (
        data.status_issuer.strip() and data.status_number.strip() and data.status_date
    ):
        raise ValidationError(
            "status_number", _("A confirmed victim needs the issuing body, number and date of the document.")
        )
    if data.status_date and data.status_date > today:
        raise ValidationError("status_date", _("The date of the document cannot be in the future."))
    if data.accompanying_child and (age is None or age >= ADULT_AGE):
        raise ValidationError("accompanying_child", _("Only a person under 18 can be marked as accompanying a victim."))
    if not 0 <= data.money_vnd <= MONEY_LIMIT:
        raise ValidationError("money_vnd", _("Please check the amount of money."))
    for key, vocabulary, name in (
        (data.recruiter_relation, terms.RECRUITER_RELATIONS, "recruiter_relation"),
        (data.how_freed, terms.HOW_FREED, "how_freed"),
        (data.status_issuer_kind, terms.STATUS_ISSUERS, "status_issuer_kind"),
    ):
        if key not in vocabulary:
            raise ValidationError(name, _("Please choose from the list."))
    contacts = tuple(
        ContactInput(
            clean_text(c.name, f"contact_{i}", _("contact name"), 200, required=True),
            clean_text(c.relation, f"contact_{i}", _("relationship"), 60),
            _phone(c.phone, f"contact_{i}"),
            clean_text(c.address, f"contact_{i}", _("address"), 300),
        )
        for i, c in enumerate(data.contacts)
    )
    return replace(
        data,
        resident=person,
        referring_agency=clean_text(data.referring_agency, "referring_agency", _("referring agency"), 300),
        referring_officer=clean_text(data.referring_officer, "referring_officer", _("referring officer"), 200),
        referring_phone=_phone(data.referring_phone, "referring_phone"),
        documents_received=_check_keys(data.documents_received, terms.DOSSIER_ITEMS, "documents_received"),
        documents_note=clean_text(data.documents_note, "documents_note", _("other documents"), 500),
        exploitation_country=clean_text(data.exploitation_country, "exploitation_country", _("country"), 100),
        exploitation_place=clean_text(data.exploitation_place, "exploitation_place", _("place"), 300),
        exploitation_types=_check_keys(data.exploitation_types, terms.EXPLOITATION_TYPES, "exploitation_types"),
        control_means=_check_keys(data.control_means, terms.CONTROL_MEANS, "control_means"),
        border_gate=clean_text(data.border_gate, "border_gate", _("border gate"), 200),
        narrative=clean_block(data.narrative, "narrative", _("account"), 20_000),
        status_issuer=clean_text(data.status_issuer, "status_issuer", _("issuing body"), 300),
        status_number=clean_text(data.status_number, "status_number", _("document number"), 60),
        condition_note=clean_block(data.condition_note, "condition_note", _("condition"), 2000),
        urgent_needs=clean_block(data.urgent_needs, "urgent_needs", _("urgent needs"), 2000),
        money_other=clean_text(data.money_other, "money_other", _("other money"), 200),
        contacts=contacts,
        consents=_check_consents(data, age, today),
        belongings=_check_belongings(data.belongings),
    )
