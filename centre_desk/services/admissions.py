"""Admission: validation with clear messages, readmission detection, resident codes.

This is the core of the admission wizard (issue 4); the wizard, the registry screen and
the admission documents build on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import AppSetting
from centre_desk.models.resident import (
    Admission,
    BirthPrecision,
    Channel,
    IdDocument,
    Resident,
    ResidentCodeCounter,
    Sex,
    VictimStatus,
)
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.reference import find_ethnic_group
from centre_desk.text import fold, normalized

ADULT_AGE = 18
CODE_PREFIX_KEY = "resident_code_prefix"
CODE_PREFIX_DEFAULT = "LC"
LOCAL_GOVERNMENT_REFORM = date(2025, 7, 1)  # district level abolished (Resolution 1670/NQ-UBTVQH15)
_CCCD = re.compile(r"^\d{12}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{6,20}$")
_PHONE = re.compile(r"^\+?[\d .()-]{6,20}$")


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
    home_province: str = ""
    home_commune: str = ""
    home_village: str = ""
    legacy_district: str = ""
    guardian_name: str = ""
    guardian_relation: str = ""
    guardian_phone: str = ""
    is_pupil: bool = False


@dataclass(frozen=True)
class AdmissionInput:
    resident: ResidentInput
    arrived_at: datetime
    channel: Channel
    referring_agency: str = ""
    referring_officer: str = ""
    referring_phone: str = ""
    left_home_on: date | None = None
    returned_on: date | None = None
    victim_status: VictimStatus = VictimStatus.UNDER_IDENTIFICATION
    status_issuer: str = ""
    status_number: str = ""
    status_date: date | None = None
    previous_resident_id: int | None = None  # set when the user links an earlier stay


@dataclass(frozen=True)
class AdmissionRow:
    resident_id: int
    admission_id: int
    code: str
    alias: str
    arrived_at: datetime
    is_readmission: bool


@dataclass(frozen=True)
class PossibleMatch:
    """An earlier stay that may be the same person (shown before saving)."""

    resident_id: int
    code: str
    full_name: str
    birth_year: int | None
    home_commune: str
    arrived_at: datetime | None


def _text(value: str, field: str, label: str, limit: int = 200, required: bool = False) -> str:
    cleaned = " ".join(value.split())
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


def check_admission(data: AdmissionInput, now: datetime) -> AdmissionInput:
    """The input cleaned (NFC, spaces), or ValidationError naming the field with a clear message."""
    data = normalized(data)
    p = data.resident
    today = now.astimezone().date()
    full_name = _text(p.full_name, "full_name", _("full name"), required=True)
    given = [p.birth_date is not None, p.birth_year is not None, p.estimated_age is not None]
    if sum(given) != 1:
        raise ValidationError("birth", _("Please give the date of birth, the year of birth or an estimated age."))
    if p.birth_date is not None and p.birth_date > today:
        raise ValidationError("birth_date", _("The date of birth cannot be in the future."))
    if p.birth_year is not None and not 1900 <= p.birth_year <= today.year:
        raise ValidationError("birth_year", _("The year of birth must be between 1900 and this year."))
    if p.estimated_age is not None and not 0 <= p.estimated_age <= 120:
        raise ValidationError("estimated_age", _("The estimated age must be between 0 and 120."))
    group = find_ethnic_group(p.ethnic_code, include_foreign=True)
    if group is None or group.code != p.ethnic_code:
        raise ValidationError("ethnic_code", _("Please choose the ethnic group from the list."))
    id_number = p.id_number.replace(" ", "").upper()
    if p.id_document is IdDocument.CCCD and not _CCCD.match(id_number):
        raise ValidationError("id_number", _("A citizen identity card (CCCD) number has exactly 12 digits."))
    if p.id_document is IdDocument.PASSPORT and not _PASSPORT.match(id_number):
        raise ValidationError("id_number", _("A passport number has 6 to 20 letters and digits."))
    if p.id_document is IdDocument.NONE:
        id_number = ""
    arrived = data.arrived_at
    if arrived.tzinfo is None:
        raise ValidationError("arrived_at", _("Please give the time of arrival."))
    if arrived > now + timedelta(minutes=5):
        raise ValidationError("arrived_at", _("The time of arrival cannot be in the future."))
    arrival_day = arrived.astimezone().date()
    age = age_on(p, arrival_day)
    guardian = _text(p.guardian_name, "guardian_name", _("guardian"))
    if age is not None and age < ADULT_AGE and not guardian:
        raise ValidationError("guardian_name", _("The person is under 18: please enter a parent or guardian."))
    for field, phone in (("guardian_phone", p.guardian_phone), ("referring_phone", data.referring_phone)):
        if phone.strip() and not _PHONE.match(phone.strip()):
            raise ValidationError(field, _("A phone number has 6 to 20 digits (spaces, dots and + are allowed)."))
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
    person = replace(
        p,
        full_name=full_name,
        other_names=_text(p.other_names, "other_names", _("other names"), 300),
        alias=_text(p.alias, "alias", _("alias"), 60),
        id_number=id_number,
        guardian_name=guardian,
        home_village=_text(p.home_village, "home_village", _("village"), 100),
        home_commune=_text(p.home_commune, "home_commune", _("commune or ward"), 100),
        home_province=_text(p.home_province, "home_province", _("province"), 100),
    )
    return replace(
        data,
        resident=person,
        referring_agency=_text(data.referring_agency, "referring_agency", _("referring agency"), 300),
        referring_officer=_text(data.referring_officer, "referring_officer", _("referring officer"), 200),
    )


def sort_key(full_name: str) -> str:
    """Vietnamese order: the given name (last word) first, then family and middle names."""
    words = fold(full_name).split()
    return " ".join(words[-1:] + words[:-1])


class AdmissionService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access
        self._clock = clock

    def possible_readmissions(self, actor: Actor, person: ResidentInput) -> list[PossibleMatch]:
        """Earlier stays with the same folded name (or alias / other name), birth year ± 1 where
        both are known, ranked by a matching home commune."""
        person = normalized(person)
        wanted = fold(person.full_name)
        if not wanted:
            return []
        year = birth_year_of(person, self._clock().date())
        with self._access.unit(actor, Action.VIEW, FieldGroup.IDENTITY, record_type="resident") as (s, current):
            tokens = wanted.split()
            query = select(Resident)
            for token in tokens:
                query = query.where(Resident.search_text.contains(token, autoescape=True))
            found: list[tuple[int, PossibleMatch]] = []
            for r in s.scalars(query.limit(500)):
                names = {fold(r.full_name), fold(r.alias), *(fold(n) for n in r.other_names.split(";") if n.strip())}
                if wanted not in names:
                    continue
                if year is not None and r.birth_year is not None and abs(r.birth_year - year) > 1:
                    continue
                arrived = s.scalar(
                    select(Admission.arrived_at).where(Admission.resident_id == r.id).order_by(Admission.arrived_at)
                )
                same_commune = bool(person.home_commune) and fold(person.home_commune) == fold(r.home_commune)
                match = PossibleMatch(r.id, r.code, r.full_name, r.birth_year, r.home_commune, arrived)
                found.append((0 if same_commune else 1, match))
            self._audit.record(s, current, "resident.matched", record_type="resident", field_group=FieldGroup.IDENTITY)
        return [m for _rank, m in sorted(found, key=lambda item: (item[0], item[1].code))]

    def admit(self, actor: Actor, data: AdmissionInput) -> AdmissionRow:
        data = check_admission(data, self._clock())
        p = data.resident
        with self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="resident") as (s, current):
            arrived = data.arrived_at.astimezone(UTC)
            code = self._next_code(s, arrived.astimezone().year)
            if data.previous_resident_id is not None and s.get(Resident, data.previous_resident_id) is None:
                raise ValidationError("previous_resident_id", _("The earlier stay to link no longer exists."))
            precision = (
                BirthPrecision.EXACT
                if p.birth_date
                else BirthPrecision.YEAR
                if p.birth_year
                else BirthPrecision.ESTIMATED
            )
            alias = p.alias or default_alias(p.full_name, code)
            resident = Resident(
                code=code, full_name=p.full_name, other_names=p.other_names, alias=alias, sex=p.sex,
                birth_date=p.birth_date, birth_year=birth_year_of(p, arrived.date()), birth_precision=precision,
                ethnic_code=p.ethnic_code, nationality=p.nationality, id_document=p.id_document, id_number=p.id_number,
                home_province=p.home_province, home_commune=p.home_commune, home_village=p.home_village,
                legacy_district=p.legacy_district, guardian_name=p.guardian_name,
                guardian_relation=p.guardian_relation, guardian_phone=p.guardian_phone, is_pupil=p.is_pupil,
                search_text=" ".join(fold(t) for t in (p.full_name, p.other_names, alias, code)),
                sort_key=sort_key(p.full_name), previous_resident_id=data.previous_resident_id, created_at=utcnow(),
            )  # fmt: skip
            s.add(resident)
            s.flush()
            admission = Admission(
                resident_id=resident.id, arrived_at=arrived, channel=data.channel,
                referring_agency=data.referring_agency, referring_officer=data.referring_officer,
                referring_phone=data.referring_phone, left_home_on=data.left_home_on, returned_on=data.returned_on,
                victim_status=data.victim_status, status_issuer=data.status_issuer,
                status_number=data.status_number, status_date=data.status_date,
            )  # fmt: skip
            s.add(admission)
            s.flush()
            self._audit.record(
                s, current, "resident.admitted", record_type="resident", record_id=resident.id,
                field_group=FieldGroup.IDENTITY,
            )  # fmt: skip
            return AdmissionRow(resident.id, admission.id, code, alias, arrived, data.previous_resident_id is not None)

    def _next_code(self, s: Session, year: int) -> str:
        prefix = s.scalar(select(AppSetting.value).where(AppSetting.key == CODE_PREFIX_KEY)) or CODE_PREFIX_DEFAULT
        # Create the counter if missing without racing another PC, then lock it for this transaction.
        start = {"prefix": prefix, "year": year, "last": 0}
        if s.get_bind().dialect.name == "postgresql":
            s.execute(pg_insert(ResidentCodeCounter).values(**start).on_conflict_do_nothing())
        else:
            s.execute(sqlite_insert(ResidentCodeCounter).values(**start).on_conflict_do_nothing())
        counter = s.get(ResidentCodeCounter, (prefix, year), with_for_update=True, populate_existing=True)
        assert counter is not None
        counter.last += 1
        return f"{prefix}-{year}-{counter.last:04d}"
