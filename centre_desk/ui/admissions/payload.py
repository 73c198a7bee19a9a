"""The wizard's fields as a plain JSON dict (the draft payload) and its conversion to AdmissionInput.

The payload keeps what was typed (dates as dd/mm/yyyy text, numbers as text), so a draft restores exactly what
the user saw. `to_input` reads it, noting what cannot be read (a date that does not exist, "3 bộ" as a
quantity) as problems named like the service's; `payload_problems` adds the service's own checks, so the wizard
shows every problem with the service's rules while the user types.
"""

from __future__ import annotations

import contextlib
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
    Problems,
    ResidentInput,
    age_on,
    collect_admission,
    parse_quantity,
)
from centre_desk.services.reference import find_ethnic_group
from centre_desk.text import fold
from centre_desk.ui.widgets.date_text import BadDate, read_date, read_datetime

Payload = dict[str, Any]
NO_NAME = N_("(no name yet)")
OLD_ARRIVAL_FORMAT = "%Y-%m-%dT%H:%M"  # drafts saved before issue 8; now the text as typed, dd/mm/yyyy hh:mm

CHANNEL_LABELS = terms.CHANNELS
_BEFORE_REFORM_ONLY = {Channel.DISTRICT_LABOUR_OFFICE}
_AFTER_REFORM_ONLY = {Channel.HEALTH_DEPARTMENT, Channel.COMMUNE_AUTHORITY, Channel.PROVINCIAL_POLICE}

SEX_LABELS: dict[Sex, str] = {Sex.FEMALE: N_("Female"), Sex.MALE: N_("Male"), Sex.OTHER: N_("Other")}
ID_LABELS: dict[IdDocument, str] = {
    IdDocument.ID_CARD: N_("Identity card (Thẻ căn cước, from 01/07/2024)"),
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
    frozenset({"home_province", "home_commune", "legacy_commune", "home_village", "legacy_district", "guardian_name",
               "guardian_relation", "guardian_phone", "contacts"}),
    frozenset({"is_pupil", "school_name", "school_grade", "school_stopped_on"}),
    frozenset({"exploitation_country", "exploitation_place", "exploitation_types", "control_means",
               "recruiter_relation", "left_home_on", "returned_on", "border_gate", "how_freed", "narrative"}),
    frozenset({"victim_status", "status_issuer_kind", "status_issuer", "status_number", "status_date",
               "accompanying_child"}),
    frozenset({"consent_processing", "consent_child", "consents"}),
    frozenset({"belongings", "money_vnd", "money_other"}),
    frozenset({"injured", "needs_medical_now", "condition_note", "urgent_needs", "pregnancy_suspected"}),
    frozenset({"bed_id", "bed_override_reason"}),
)  # fmt: skip
CONSENT_ORDER = tuple(terms.ConsentKind)
_SAME_BOX = {"birth_date": "birth", "birth_year": "birth", "estimated_age": "birth", "returned_on": "left_home_on"}


def channels_for(day: date) -> list[Channel]:
    """The channels that exist on `day` (the district level was abolished on 01/07/2025)."""
    excluded = _AFTER_REFORM_ONLY if day < LOCAL_GOVERNMENT_REFORM else _BEFORE_REFORM_ONLY
    return [c for c in Channel if c not in excluded]


def box_key(field: str) -> str:
    """The field whose box shows problems about `field`: a grid cell ("belonging_1.quantity") → its grid
    ("belongings"); a consent ("consent_2") → "consents"; any other field → itself."""
    stem = re.sub(r"_\d+(\.\w+)?$", "", field)
    grids = {"contact": "contacts", "belonging": "belongings", "consent": "consents"}
    return grids.get(stem) or _SAME_BOX.get(field, field)


def page_of_field(field: str) -> int | None:
    """The page index showing `field` (contact_1.name → home, consent_2 → consent …), None if unknown."""
    key = box_key(field)
    for index, names in enumerate(PAGE_FIELDS):
        if key in names:
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
    """A date typed in a date field; "" is None, anything else that is not a date is a ValidationError."""
    try:
        return read_date(text)
    except BadDate as exc:
        raise ValidationError(field, exc.message) from None


def _whole(text: str, field: str, message: str) -> int | None:
    cleaned = text.strip().replace(".", "").replace(" ", "").replace(",", "")
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValidationError(field, message)
    return int(cleaned)


def arrival_of(payload: Payload) -> datetime:
    """The time of arrival, as typed (dd/mm/yyyy hh:mm, this computer's time zone)."""
    text = _text(payload, "arrived_at")
    with contextlib.suppress(ValueError):  # a draft saved by an earlier version
        return datetime.strptime(text, OLD_ARRIVAL_FORMAT).astimezone()
    try:
        moment = read_datetime(text)
    except BadDate as exc:
        raise ValidationError("arrived_at", exc.message) from None
    if moment is None:
        raise ValidationError("arrived_at", _("Please give the time of arrival."))
    return moment.astimezone()


def _reader(problems: Problems | None) -> Any:
    """`read(fallback, parse, *args)`: parse, noting a problem in `problems` (None: ignore it) and falling back."""

    def read(fallback: Any, parse: Any, *args: Any) -> Any:
        if problems is not None:
            return problems.take(fallback, parse, *args)
        try:
            return parse(*args)
        except ValidationError:
            return fallback

    return read


def person_of(payload: Payload, problems: Problems | None = None) -> ResidentInput:
    """The person as typed; what cannot be read is left out and noted in `problems` (ignored without it: used
    to look for earlier stays and to know the age while typing)."""
    read = _reader(problems)
    mode = _text(payload, "birth_mode") or "exact"
    birth_date = read(None, parse_day, _text(payload, "birth_date"), "birth_date") if mode == "exact" else None
    year_text, age_text = _text(payload, "birth_year"), _text(payload, "estimated_age")
    year_message = _("The year of birth must be between 1900 and this year.")
    birth_year = read(None, _whole, year_text, "birth_year", year_message) if mode == "year" else None
    age_message = _("The estimated age must be between 0 and 120.")
    age = read(None, _whole, age_text, "estimated_age", age_message) if mode == "age" else None
    reads = _text(payload, "reads_vietnamese")
    pupil = _flag(payload, "is_pupil")
    return ResidentInput(
        full_name=_text(payload, "full_name"),
        sex=Sex(_text(payload, "sex") or Sex.FEMALE),
        ethnic_code=ethnic_code_of(_text(payload, "ethnic")),  # an unknown group: the service says so
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
        is_pupil=pupil,
        school_name=_text(payload, "school_name") if pupil else "",
        school_grade=_text(payload, "school_grade") if pupil else "",
        school_stopped_on=read(None, parse_day, _text(payload, "school_stopped_on"), "school_stopped_on")
        if pupil
        else None,
    )


def age_from(payload: Payload) -> int | None:
    """The age on the arrival day (today while the arrival is not readable) from what is typed so far; None while
    the birth is unknown or half typed."""
    try:
        arrival = arrival_of(payload).date()
    except ValidationError:
        arrival = date.today()
    return age_on(person_of(payload), arrival)


def grid_rows(payload: Payload, key: str, width: int) -> list[list[str]]:
    """The rows of a grid with something typed in them (problems count them from 0: "contact_1" is the second)."""
    rows = payload.get(key, [])
    if not isinstance(rows, list):
        return []
    result: list[list[str]] = []
    for row in rows:
        cells = [str(c) for c in row][:width] if isinstance(row, list) else []
        cells += [""] * (width - len(cells))
        if any(c.strip() for c in cells):
            result.append(cells)
    return result


def _consents(payload: Payload, arrival: date, read: Any) -> tuple[ConsentInput, ...]:
    stored = payload.get("consents", {})
    stored = stored if isinstance(stored, dict) else {}
    result: list[ConsentInput] = []
    for kind in CONSENT_ORDER:
        entry = stored.get(kind.value)
        if not isinstance(entry, dict) or not entry.get("recorded"):
            continue
        on = read(None, parse_day, str(entry.get("on", "")), f"consent_{len(result)}") or arrival
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


def _channel(payload: Payload) -> Channel:
    if _text(payload, "channel") not in set(Channel):
        raise ValidationError("channel", _("Please choose how she or he arrived (the arrival channel)."))
    return Channel(_text(payload, "channel"))


def to_input(payload: Payload, problems: Problems | None = None) -> AdmissionInput:
    """The admission as typed. What cannot be read is noted in `problems`, named like the service's problems;
    without `problems`, ValidationErrors lists them."""
    found = Problems() if problems is None else problems
    read = _reader(found)
    arrived = read(datetime.now().astimezone(), arrival_of, payload)
    person = person_of(payload, found)
    contacts = tuple(ContactInput(*cells) for cells in grid_rows(payload, "contacts", 4))
    belongings = tuple(
        BelongingInput(item, read(1, parse_quantity, quantity, index), condition)
        for index, (item, quantity, condition) in enumerate(grid_rows(payload, "belongings", 3))
    )
    money = read(0, _whole, _text(payload, "money_vnd"), "money_vnd", _("Please check the amount of money.")) or 0
    previous = payload.get("previous_resident_id")
    bed = payload.get("bed_id")
    status = VictimStatus(_text(payload, "victim_status") or VictimStatus.UNDER_IDENTIFICATION)
    confirmed = status is VictimStatus.CONFIRMED
    data = AdmissionInput(
        resident=person,
        arrived_at=arrived,
        channel=read(Channel.CENTRE_TEAM, _channel, payload),
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
        left_home_on=read(None, parse_day, _text(payload, "left_home_on"), "left_home_on"),
        returned_on=read(None, parse_day, _text(payload, "returned_on"), "returned_on"),
        border_gate=_text(payload, "border_gate"),
        how_freed=_text(payload, "how_freed"),
        narrative=_text(payload, "narrative"),
        victim_status=status,
        status_issuer_kind=_text(payload, "status_issuer_kind") if confirmed else "",
        status_issuer=_text(payload, "status_issuer") if confirmed else "",
        status_number=_text(payload, "status_number") if confirmed else "",
        status_date=read(None, parse_day, _text(payload, "status_date"), "status_date") if confirmed else None,
        accompanying_child=_flag(payload, "accompanying_child"),
        injured=_flag(payload, "injured"),
        needs_medical_now=_flag(payload, "needs_medical_now"),
        condition_note=_text(payload, "condition_note"),
        urgent_needs=_text(payload, "urgent_needs"),
        pregnancy_suspected=_flag(payload, "pregnancy_suspected"),
        money_vnd=money,
        money_other=_text(payload, "money_other"),
        contacts=contacts,
        consents=_consents(payload, arrived.date(), read),
        belongings=belongings,
        previous_resident_id=previous if isinstance(previous, int) else None,
        bed_id=bed if isinstance(bed, int) and not isinstance(bed, bool) else None,
        bed_override_reason=_text(payload, "bed_override_reason"),
    )
    if problems is None:
        found.raise_any()
    return data


def payload_problems(payload: Payload, now: datetime) -> list[tuple[str, str]]:
    """Every problem of what is typed, as (field, message), page by page in the order of the form: what cannot be
    read, and the service's checks (a box that shows an unreadable entry is not flagged again for it)."""
    problems = Problems()
    data = to_input(payload, problems)
    read_count = len(problems.found)
    unreadable = {box_key(field) for field, _message in problems.found}
    collect_admission(data, now, problems)
    found = problems.found[:read_count] + [p for p in problems.found[read_count:] if box_key(p[0]) not in unreadable]
    return sorted(found, key=lambda problem: _page_order(problem[0]))


def _page_order(field: str) -> int:
    page = page_of_field(field)
    return len(PAGE_FIELDS) if page is None else page


def is_foreign(payload: Payload) -> bool:
    nationality = fold(_text(payload, "nationality")).replace(" ", "")
    return bool(nationality) and nationality not in ("vietnam", "vn")
