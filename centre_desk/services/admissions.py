"""Admission: validation with clear messages, readmission detection, resident codes.

This is the core of the admission wizard (issue 4); the wizard, the registry screen and
the admission documents build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import NotFound, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.centre import AppSetting
from centre_desk.models.resident import (
    Admission,
    Belonging,
    BirthPrecision,
    Consent,
    Contact,
    Resident,
    ResidentCodeCounter,
)
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import (
    AdmissionInput,
    ResidentInput,
    birth_year_of,
    check_admission,
    default_alias,
    sort_key,
)
from centre_desk.services.counters import locked_counter
from centre_desk.services.lodging import placement
from centre_desk.text import fold, normalized

CODE_PREFIX_KEY = "resident_code_prefix"
CODE_PREFIX_DEFAULT = "LC"


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
        also = [
            (Action.CREATE, group)
            for group, used in (
                (FieldGroup.NARRATIVE, bool(data.narrative)),
                (FieldGroup.SENSITIVE_HEALTH, data.pregnancy_suspected),
                (FieldGroup.HEALTH, data.injured or data.needs_medical_now or bool(data.condition_note)),
                (FieldGroup.LODGING, data.bed_id is not None),
            )
            if used
        ]
        with self._access.unit(actor, Action.CREATE, FieldGroup.IDENTITY, record_type="resident", also=also) as (
            s,
            current,
        ):
            arrived = data.arrived_at.astimezone(UTC)
            code = self._next_code(s, arrived.astimezone().year)
            if data.previous_resident_id is not None and s.get(Resident, data.previous_resident_id) is None:
                raise ValidationError("previous_resident_id", _("The earlier stay to link no longer exists."))
            alias = p.alias or default_alias(p.full_name, code)
            resident = Resident(code=code, created_at=utcnow(), previous_resident_id=data.previous_resident_id)
            apply_person(resident, p, alias, arrived.date())
            s.add(resident)
            s.flush()
            admission = Admission(resident_id=resident.id, received_by=current.account_id)
            apply_stay(admission, data)
            s.add(admission)
            s.flush()
            s.add_all(
                Contact(resident_id=resident.id, name=c.name, relation=c.relation, phone=c.phone, address=c.address)
                for c in data.contacts
            )
            s.add_all(
                Belonging(
                    admission_id=admission.id, position=i, item=b.item, quantity=b.quantity, condition=b.condition
                )
                for i, b in enumerate(data.belongings, 1)
            )
            s.add_all(
                Consent(
                    resident_id=resident.id,
                    kind=c.kind,
                    given=c.given,
                    legal_basis=c.legal_basis,
                    given_on=c.given_on,
                    given_by=c.given_by,
                    recorded_by=current.account_id,
                )
                for c in data.consents
            )
            self._audit.record(
                s, current, "resident.admitted", record_type="resident", record_id=resident.id,
                field_group=FieldGroup.IDENTITY,
            )  # fmt: skip
            if data.bed_id is not None:
                self._place(s, current, resident.id, data)
            return AdmissionRow(resident.id, admission.id, code, alias, arrived, data.previous_resident_id is not None)

    def _place(self, s: Session, actor: Actor, resident_id: int, data: AdmissionInput) -> None:
        """The wizard's bed step, in the admission's transaction: a broken room rule refuses the admission
        (each problem on "bed_id") unless a manager gave the reason to override it."""
        assert data.bed_id is not None
        try:
            done = placement.place(s, actor, resident_id, data.bed_id, _("Admission"), data.bed_override_reason,
                                   self._clock())  # fmt: skip
        except placement.RuleBroken as broken:
            raise ValidationErrors([("bed_id", p.message) for p in broken.problems]) from broken
        except NotFound as gone:
            raise ValidationError("bed_id", gone.message) from gone
        self._audit.record(s, actor, "lodging.placed", record_type="resident", record_id=resident_id,
                           field_group=FieldGroup.LODGING)  # fmt: skip
        if done.overridden:
            self._audit.record(s, actor, "lodging.override", record_type="resident", record_id=resident_id,
                               field_group=FieldGroup.LODGING)  # fmt: skip

    def _next_code(self, s: Session, year: int) -> str:
        prefix = s.scalar(select(AppSetting.value).where(AppSetting.key == CODE_PREFIX_KEY)) or CODE_PREFIX_DEFAULT
        counter = locked_counter(s, ResidentCodeCounter, prefix=prefix, year=year)  # race-free across PCs
        counter.last += 1
        return f"{prefix}-{year}-{counter.last:04d}"


def apply_person(resident: Resident, p: ResidentInput, alias: str, on: date) -> None:
    """Copy a checked ResidentInput onto the row (also used when the profile is edited)."""
    precision = (
        BirthPrecision.EXACT if p.birth_date else BirthPrecision.YEAR if p.birth_year else BirthPrecision.ESTIMATED
    )
    for name in (
        "full_name", "other_names", "sex", "birth_date", "ethnic_code", "nationality", "id_document", "id_number",
        "mother_tongue", "reads_vietnamese", "interpreter_needed", "religion", "home_province", "home_commune",
        "home_village", "legacy_district", "guardian_name", "guardian_relation", "guardian_phone", "is_pupil",
        "school_name", "school_grade", "school_stopped_on",
    ):  # fmt: skip
        setattr(resident, name, getattr(p, name))
    resident.alias = alias
    resident.birth_precision = precision
    resident.birth_year = birth_year_of(p, on)
    resident.search_text = " ".join(fold(t) for t in (p.full_name, p.other_names, alias, resident.code))
    resident.sort_key = sort_key(p.full_name)


def apply_stay(admission: Admission, data: AdmissionInput) -> None:
    """Copy the checked admission facts onto the row (also used when the admission is edited)."""
    admission.arrived_at = data.arrived_at.astimezone(UTC)
    for name in (
        "channel", "referring_agency", "referring_officer", "referring_phone", "documents_note",
        "exploitation_country", "exploitation_place", "recruiter_relation", "left_home_on", "returned_on",
        "border_gate", "how_freed", "narrative", "victim_status", "status_issuer_kind", "status_issuer",
        "status_number", "status_date", "accompanying_child", "injured", "needs_medical_now", "condition_note",
        "urgent_needs", "pregnancy_suspected", "money_vnd", "money_other",
    ):  # fmt: skip
        setattr(admission, name, getattr(data, name))
    admission.documents_received = terms.join_keys(terms.DOSSIER_ITEMS, data.documents_received)
    admission.exploitation_types = terms.join_keys(terms.EXPLOITATION_TYPES, data.exploitation_types)
    admission.control_means = terms.join_keys(terms.CONTROL_MEANS, data.control_means)
