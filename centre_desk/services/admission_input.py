"""What the admission wizard collects, and the checks that give clear Vietnamese messages.

`check_admission` returns the input cleaned (NFC, single spaces, known keys only) or raises ValidationErrors
listing every problem found, each naming its field (grid cells as "belonging_1.quantity", with the row and the
column in the message), so the screen can point at all of them at once and keep everything typed. The wizard
runs the same checks while the user types (`admission_problems`): these rules are the only ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.reports.glyphs import printable_text
from centre_desk.services import intake_terms as terms
from centre_desk.services.reference import find_ethnic_group
from centre_desk.text import fold, normalized

ADULT_AGE = 18  # Law 53/2024: "người dưới 18 tuổi"
CHILD_AGE = 16  # Law on Children 2016 Art. 1: a child (trẻ em) is under 16
CHILD_CONSENT_AGES = range(7, 16)  # Decree 13/2023 Art. 20: a child of 7–15 agrees as well as the guardian
CHILD_CONSENT_KINDS = (terms.ConsentKind.CHILD_ASSENT, terms.ConsentKind.GUARDIAN_CONSENT)
LOCAL_GOVERNMENT_REFORM = date(2025, 7, 1)  # district level abolished (Resolution 1670/NQ-UBTVQH15)
MONEY_LIMIT = 10_000_000_000  # 10 billion đồng: anything above is a typing slip
_TWELVE_DIGITS = re.compile(r"^\d{12}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{6,20}$")
_PHONE = re.compile(r"^\+?[\d .()-]{6,20}$")
QUANTITY_LIMIT = 100_000
T = TypeVar("T")


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
    # lodging: the bed chosen in the wizard (None: "chưa bố trí giường"), a manager's reason to break a room rule
    bed_id: int | None = None
    bed_override_reason: str = ""


class Problems:
    """Every problem found in one pass, in the order of the form: (field, message) pairs."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.found.append((field, message))

    def take(self, fallback: T, check: Callable[..., T], *args: object) -> T:
        """What `check(*args)` returns; when it raises, its problem is noted and `fallback` is used instead."""
        try:
            return check(*args)
        except ValidationErrors as exc:
            self.found.extend(exc.problems)
        except ValidationError as exc:
            self.add(exc.field, exc.message)
        return fallback

    def raise_any(self) -> None:
        if self.found:
            raise ValidationErrors(self.found)


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
    if _unprintable(cleaned):
        raise ValidationError(field, _("{label} contains characters that cannot be printed.").format(label=label))
    return cleaned


def _unprintable(text: str) -> bool:
    return any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)


def column_label(column: str) -> str:
    """The heading of a grid column (contacts, belongings), as the grids show it and the messages name it."""
    return {
        "name": _("Name"),
        "relation": _("Relationship"),
        "phone": _("Phone"),
        "address": _("Address"),
        "item": _("Item"),
        "quantity": _("Quantity"),
        "condition": _("Condition"),
    }[column]


def row_field(kind: str, index: int, column: str) -> str:
    """The field name of one grid cell: row_field("belonging", 1, "quantity") is "belonging_1.quantity"."""
    return f"{kind}_{index}.{column}"


def row_problem(kind: str, index: int, column: str, message: str) -> ValidationError:
    """The problem of one cell; its message names the row (counted from 1) and the column: "Row 2, Quantity: …"."""
    text = _("Row {row}, {column}: {message}").format(row=index + 1, column=column_label(column), message=message)
    return ValidationError(row_field(kind, index, column), text)


def _cell(value: str, kind: str, index: int, column: str, limit: int, required: bool = False) -> str:
    """One grid cell cleaned like a one-line field."""
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise row_problem(kind, index, column, _("please fill it in."))
    if len(cleaned) > limit:
        raise row_problem(kind, index, column, _("at most {limit} characters.").format(limit=limit))
    if _unprintable(cleaned):
        raise row_problem(kind, index, column, _("contains characters that cannot be printed."))
    return cleaned


def parse_quantity(text: str, index: int) -> int:
    """A belonging's quantity as typed in row `index`: empty is 1; "3 bộ" is refused, naming the row."""
    cleaned = text.strip().replace(".", "").replace(" ", "")
    if not cleaned:
        return 1
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= QUANTITY_LIMIT:
        message = _("type only a whole number from 1 to {limit}; the unit goes with the item (e.g. 3, Bộ quần áo).")
        raise row_problem("belonging", index, "quantity", message.format(limit=QUANTITY_LIMIT))
    return int(cleaned)


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


def _id_number(p: ResidentInput) -> str:
    id_number = clean_text(p.id_number, "id_number", _("document number"), 60).replace(" ", "").upper()
    if p.id_document is IdDocument.ID_CARD and not _TWELVE_DIGITS.match(id_number):
        raise ValidationError("id_number", _("An identity card (Thẻ căn cước) number has exactly 12 digits."))
    if p.id_document is IdDocument.CCCD and not _TWELVE_DIGITS.match(id_number):
        raise ValidationError("id_number", _("A citizen identity card (CCCD) number has exactly 12 digits."))
    if p.id_document is IdDocument.PASSPORT and not _PASSPORT.match(id_number):
        raise ValidationError("id_number", _("A passport number has 6 to 20 letters and digits."))
    return "" if p.id_document is IdDocument.NONE else id_number


def _birth_problems(p: ResidentInput, today: date, problems: Problems) -> None:
    given = [p.birth_date is not None, p.birth_year is not None, p.estimated_age is not None]
    if sum(given) != 1:
        problems.add("birth", _("Please give the date of birth, the year of birth or an estimated age."))
    if p.birth_date is not None and p.birth_date > today:
        problems.add("birth_date", _("The date of birth cannot be in the future."))
    if p.birth_date is not None and p.birth_date.year < 1900:
        problems.add("birth_date", _("The year of birth must be between 1900 and this year."))
    if p.birth_year is not None and not 1900 <= p.birth_year <= today.year:
        problems.add("birth_year", _("The year of birth must be between 1900 and this year."))
    if p.estimated_age is not None and not 0 <= p.estimated_age <= 120:
        problems.add("estimated_age", _("The estimated age must be between 0 and 120."))


def check_person(p: ResidentInput, arrival_day: date, today: date, problems: Problems | None = None) -> ResidentInput:
    """The person cleaned; every problem goes to `problems`, or is raised at the end (ValidationErrors)."""
    found = Problems() if problems is None else problems
    p = normalized(p)

    def text(value: str, field: str, label: str, limit: int = 200, required: bool = False) -> str:
        return found.take(value, clean_text, value, field, label, limit, required)

    identity: dict[str, Any] = {
        "full_name": text(p.full_name, "full_name", _("full name"), required=True),
        "other_names": text(p.other_names, "other_names", _("other names"), 300),
        "alias": text(p.alias, "alias", _("alias"), 60),
    }
    _birth_problems(p, today, found)
    group = find_ethnic_group(p.ethnic_code, include_foreign=True)
    if group is None or group.code != p.ethnic_code:
        found.add("ethnic_code", _("Please choose the ethnic group from the list."))
    identity |= {
        "mother_tongue": text(p.mother_tongue, "mother_tongue", _("mother tongue"), 100),
        "religion": text(p.religion, "religion", _("religion"), 100),
        "nationality": text(p.nationality, "nationality", _("nationality"), 100, required=True),
        "id_number": found.take(p.id_number, _id_number, p),
    }
    home: dict[str, Any] = {
        "home_province": text(p.home_province, "home_province", _("province"), 100),
        "home_commune": text(p.home_commune, "home_commune", _("commune or ward"), 100),
        "home_village": text(p.home_village, "home_village", _("village"), 100),
        "legacy_district": text(p.legacy_district, "legacy_district", _("former district"), 100),
        "guardian_name": text(p.guardian_name, "guardian_name", _("guardian"), 200),
    }
    age = age_on(p, arrival_day)
    if age is not None and age < ADULT_AGE and not home["guardian_name"]:
        found.add("guardian_name", _("The person is under 18: please enter a parent or guardian."))
    home |= {
        "guardian_relation": text(p.guardian_relation, "guardian_relation", _("relationship"), 60),
        "guardian_phone": found.take(p.guardian_phone, _phone, p.guardian_phone, "guardian_phone"),
    }
    if p.school_stopped_on and p.school_stopped_on > today:
        found.add("school_stopped_on", _("The date of leaving school cannot be in the future."))
    school: dict[str, Any] = {
        "school_name": text(p.school_name, "school_name", _("school"), 200),
        "school_grade": text(p.school_grade, "school_grade", _("grade or year"), 60),
    }
    cleaned = replace(p, **identity, **home, **school)
    if problems is None:
        found.raise_any()
    return cleaned


def _check_keys(keys: frozenset[str], vocabulary: terms.Terms, field: str, problems: Problems) -> frozenset[str]:
    if not keys <= vocabulary.keys():
        problems.add(field, _("Please choose from the list."))
    return keys


def _check_consents(data: AdmissionInput, age: int | None, today: date, problems: Problems) -> tuple[ConsentInput, ...]:
    cleaned = []
    for index, consent in enumerate(data.consents):
        where = f"consent_{index}"
        if consent.given_on > today:
            problems.add(where, _("The date of a consent cannot be in the future."))
        cleaned.append(
            replace(
                consent,
                given_by=problems.take(consent.given_by, clean_text, consent.given_by, where, _("given by"), 200),
                legal_basis=problems.take(
                    consent.legal_basis, clean_text, consent.legal_basis, where, _("legal basis"), 300
                ),
            )
        )
    kinds = {c.kind: c for c in cleaned}
    processing = kinds.get(terms.ConsentKind.PROCESSING)
    relies_on_consent = processing is not None and processing.given and not processing.legal_basis
    if processing is not None and not processing.given and not processing.legal_basis:
        problems.add("consent_processing", _("Without consent, please name the legal basis for processing the data."))
    child = relies_on_consent and age is not None and age in CHILD_CONSENT_AGES
    if child and any(kind not in kinds or not kinds[kind].given for kind in CHILD_CONSENT_KINDS):
        problems.add(
            "consent_child", _("For a child of 7 to 15, record both the child's agreement and the guardian's consent.")
        )
    return tuple(cleaned)


def _check_belongings(items: tuple[BelongingInput, ...], problems: Problems) -> tuple[BelongingInput, ...]:
    cleaned = []
    for i, b in enumerate(items):
        if not b.item.strip() and not b.condition.strip():
            continue  # a row left empty
        if not 1 <= b.quantity <= QUANTITY_LIMIT:
            message = _("type only a whole number from 1 to {limit}.").format(limit=QUANTITY_LIMIT)
            problem = row_problem("belonging", i, "quantity", message)
            problems.add(problem.field, problem.message)
        cleaned.append(
            BelongingInput(
                problems.take(b.item, _cell, b.item, "belonging", i, "item", 200, True),
                b.quantity,
                problems.take(b.condition, _cell, b.condition, "belonging", i, "condition", 200),
            )
        )
    return tuple(cleaned)


def _row_phone(value: str, index: int) -> str:
    try:
        return _phone(value, "")
    except ValidationError as exc:
        raise row_problem("contact", index, "phone", exc.message) from None


def _check_contacts(contacts: tuple[ContactInput, ...], problems: Problems) -> tuple[ContactInput, ...]:
    return tuple(
        ContactInput(
            problems.take(c.name, _cell, c.name, "contact", i, "name", 200, True),
            problems.take(c.relation, _cell, c.relation, "contact", i, "relation", 60),
            problems.take(c.phone, _row_phone, c.phone, i),
            problems.take(c.address, _cell, c.address, "contact", i, "address", 300),
        )
        for i, c in enumerate(contacts)
    )


def _arrival_problems(data: AdmissionInput, now: datetime, problems: Problems) -> None:
    arrived = data.arrived_at
    if arrived.tzinfo is None:
        problems.add("arrived_at", _("Please give the time of arrival."))
    elif arrived > now + timedelta(minutes=5):
        problems.add("arrived_at", _("The time of arrival cannot be in the future."))
    elif arrived.year < 2000:
        problems.add("arrived_at", _("The time of arrival is too far in the past."))
    if data.channel is Channel.DISTRICT_LABOUR_OFFICE and _day(arrived) >= LOCAL_GOVERNMENT_REFORM:
        problems.add(
            "channel", _("District labour offices no longer exist from 01/07/2025: choose the commune or Sở Y tế.")
        )


def _day(moment: datetime) -> date:
    return (moment if moment.tzinfo is None else moment.astimezone()).date()


def _story_and_status_problems(data: AdmissionInput, arrival_day: date, today: date, problems: Problems) -> None:
    if data.left_home_on and data.left_home_on > today:
        problems.add("left_home_on", _("The date of leaving home cannot be in the future."))
    if data.returned_on and data.left_home_on and data.returned_on < data.left_home_on:
        problems.add("returned_on", _("The date of return cannot be before the date of leaving."))
    if data.returned_on and data.returned_on > arrival_day:
        problems.add("returned_on", _("The date of return cannot be after the arrival at the centre."))
    for key, vocabulary, name in (
        (data.recruiter_relation, terms.RECRUITER_RELATIONS, "recruiter_relation"),
        (data.how_freed, terms.HOW_FREED, "how_freed"),
        (data.status_issuer_kind, terms.STATUS_ISSUERS, "status_issuer_kind"),
    ):
        if key not in vocabulary:
            problems.add(name, _("Please choose from the list."))
    if data.victim_status is VictimStatus.CONFIRMED and not (
        data.status_issuer.strip() and data.status_number.strip() and data.status_date
    ):
        problems.add("status_number", _("A confirmed victim needs the issuing body, number and date of the document."))
    if data.status_date and data.status_date > today:
        problems.add("status_date", _("The date of the document cannot be in the future."))


def collect_admission(data: AdmissionInput, now: datetime, problems: Problems) -> AdmissionInput:
    """The input cleaned (NFC, spaces, known keys); every problem found goes to `problems`."""
    data = normalized(data)
    today = now.astimezone().date()
    _arrival_problems(data, now, problems)

    def text(value: str, field: str, label: str, limit: int) -> str:
        return problems.take(value, clean_text, value, field, label, limit)

    def lines(value: str, field: str, label: str, limit: int) -> str:
        return problems.take(value, clean_block, value, field, label, limit)

    arrival: dict[str, Any] = {
        "referring_agency": text(data.referring_agency, "referring_agency", _("referring agency"), 300),
        "referring_officer": text(data.referring_officer, "referring_officer", _("referring officer"), 200),
        "referring_phone": problems.take(data.referring_phone, _phone, data.referring_phone, "referring_phone"),
        "documents_received": _check_keys(data.documents_received, terms.DOSSIER_ITEMS, "documents_received", problems),
        "documents_note": text(data.documents_note, "documents_note", _("other documents"), 500),
    }
    arrival_day = _day(data.arrived_at)
    person = check_person(data.resident, arrival_day, today, problems)
    contacts = _check_contacts(data.contacts, problems)
    age = age_on(person, arrival_day)
    story: dict[str, Any] = {
        "exploitation_country": text(data.exploitation_country, "exploitation_country", _("country"), 100),
        "exploitation_place": text(data.exploitation_place, "exploitation_place", _("place"), 300),
        "exploitation_types": _check_keys(
            data.exploitation_types, terms.EXPLOITATION_TYPES, "exploitation_types", problems
        ),
        "control_means": _check_keys(data.control_means, terms.CONTROL_MEANS, "control_means", problems),
        "border_gate": text(data.border_gate, "border_gate", _("border gate"), 200),
        "narrative": lines(data.narrative, "narrative", _("account"), 20_000),
    }
    _story_and_status_problems(data, arrival_day, today, problems)
    status: dict[str, Any] = {
        "status_issuer": text(data.status_issuer, "status_issuer", _("issuing body"), 300),
        "status_number": text(data.status_number, "status_number", _("document number"), 60),
    }
    if data.accompanying_child and (age is None or age >= ADULT_AGE):
        problems.add("accompanying_child", _("Only a person under 18 can be marked as accompanying a victim."))
    consents = _check_consents(data, age, today, problems)
    belongings = _check_belongings(data.belongings, problems)
    if not 0 <= data.money_vnd <= MONEY_LIMIT:
        problems.add("money_vnd", _("Please check the amount of money."))
    return replace(
        data,
        **arrival,
        **story,
        **status,
        resident=person,
        contacts=contacts,
        consents=consents,
        belongings=belongings,
        money_other=text(data.money_other, "money_other", _("other money"), 200),
        condition_note=lines(data.condition_note, "condition_note", _("condition"), 2000),
        urgent_needs=lines(data.urgent_needs, "urgent_needs", _("urgent needs"), 2000),
    )


def admission_problems(data: AdmissionInput, now: datetime) -> list[tuple[str, str]]:
    """Every problem of `data` as (field, message), in the order of the form; [] when it can be saved."""
    problems = Problems()
    collect_admission(data, now, problems)
    return problems.found


def check_admission(data: AdmissionInput, now: datetime) -> AdmissionInput:
    """The input cleaned (NFC, spaces, known keys), or ValidationErrors listing every problem."""
    problems = Problems()
    cleaned = collect_admission(data, now, problems)
    problems.raise_any()
    return cleaned
