"""One resident's record: read it (only the field groups the user may see), edit it safely.

The record carries the stored values as the same input dataclasses the admission wizard
fills (`person`, `stay`), so a screen edits a copy and hands it back. Fields of groups the
user may not see are blank in the record and kept as stored when it is saved; a stale copy
raises Conflict with the stored record; every read and write is audited.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.models.resident import (
    Admission,
    Belonging,
    BirthPrecision,
    Channel,
    Consent,
    Contact,
    IdDocument,
    Resident,
    ResidentPhoto,
    Sex,
    VictimStatus,
)
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import (
    ADULT_AGE,
    CHILD_AGE,
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
    check_admission,
    check_person,
    default_alias,
)
from centre_desk.services.admissions import apply_person, apply_stay
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.reference import find_ethnic_group

G = FieldGroup
PERSON_GROUPS: dict[FieldGroup, tuple[str, ...]] = {
    G.PLACEMENT: ("home_province", "home_commune", "home_village", "legacy_district", "guardian_name",
                  "guardian_relation", "guardian_phone"),
    G.SCHOOLING: ("is_pupil", "school_name", "school_grade", "school_stopped_on"),
}  # fmt: skip
STAY_GROUPS: dict[FieldGroup, tuple[str, ...]] = {
    G.PLACEMENT: ("arrived_at", "channel", "referring_agency", "referring_officer", "referring_phone",
                  "documents_received", "documents_note", "money_vnd", "money_other", "contacts", "belongings"),
    G.TRAFFICKING: ("exploitation_country", "exploitation_place", "exploitation_types", "control_means",
                    "recruiter_relation", "left_home_on", "returned_on", "border_gate", "how_freed"),
    G.NARRATIVE: ("narrative",),
    G.LEGAL: ("victim_status", "status_issuer_kind", "status_issuer", "status_number", "status_date",
              "accompanying_child"),
    G.HEALTH: ("injured", "needs_medical_now", "condition_note", "urgent_needs"),
    G.SENSITIVE_HEALTH: ("pregnancy_suspected",),
}  # fmt: skip
del G
T = TypeVar("T", ResidentInput, AdmissionInput)


@dataclass(frozen=True)
class ConsentRow:
    id: int
    version: int
    kind: terms.ConsentKind
    given: bool
    given_on: date
    given_by: str
    legal_basis: str
    withdrawn_on: date | None

    @property
    def standing(self) -> bool:
        return self.given and self.withdrawn_on is None


@dataclass(frozen=True)
class ResidentRecord:
    resident_id: int
    resident_version: int
    admission_id: int
    admission_version: int
    code: str
    alias: str
    person: ResidentInput  # fields of groups the user may not see are blank
    stay: AdmissionInput
    visible: frozenset[FieldGroup]
    editable: frozenset[FieldGroup]
    ethnic_name: str
    age: int | None
    is_minor: bool
    is_child: bool
    present: bool
    discharged_at: datetime | None
    days_in_centre: int
    previous_code: str | None
    entitlements: tuple[str, ...]  # keys of intake_terms.SUPPORT_CATEGORIES
    consents: tuple[ConsentRow, ...]
    photo: bytes | None  # only while photo consent stands

    @property
    def is_readmission(self) -> bool:
        return self.previous_code is not None

    @property
    def display_name(self) -> str:
        return self.person.full_name or self.alias


def _blank(obj: object, names: tuple[str, ...]) -> dict[str, Any]:
    defaults = {f.name: f.default for f in dataclasses.fields(obj)}  # type: ignore[arg-type]
    return {n: defaults[n] for n in names}


def _person_input(r: Resident, arrival_year: int) -> ResidentInput:
    """The stored person as wizard input (an estimated age is the age at arrival, as typed)."""
    values = {f.name: getattr(r, f.name) for f in dataclasses.fields(ResidentInput) if hasattr(r, f.name)}
    values.update(sex=Sex(r.sex), id_document=IdDocument(r.id_document), estimated_age=None)
    if r.birth_precision != BirthPrecision.EXACT:
        values["birth_date"] = None
    if r.birth_precision == BirthPrecision.ESTIMATED:
        values.update(birth_year=None, estimated_age=None if r.birth_year is None else arrival_year - r.birth_year)
    elif r.birth_precision == BirthPrecision.EXACT:
        values["birth_year"] = None
    return ResidentInput(**values)


def _age(r: Resident, today: date) -> int | None:
    if r.birth_date is not None:
        born = r.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return None if r.birth_year is None else today.year - r.birth_year


def _stay_input(a: Admission, person: ResidentInput, contacts: list[Contact], items: list[Belonging]) -> AdmissionInput:
    names = [f.name for f in dataclasses.fields(AdmissionInput)]
    values = {n: getattr(a, n) for n in names if hasattr(a, n) and n not in {"resident", "contacts", "belongings"}}
    values.update(
        channel=Channel(a.channel),
        victim_status=VictimStatus(a.victim_status),
        documents_received=terms.split_keys(a.documents_received),
        exploitation_types=terms.split_keys(a.exploitation_types),
        control_means=terms.split_keys(a.control_means),
        previous_resident_id=None,
        consents=(),
    )
    return AdmissionInput(
        resident=person,
        contacts=tuple(ContactInput(c.name, c.relation, c.phone, c.address) for c in contacts),
        belongings=tuple(BelongingInput(b.item, b.quantity, b.condition) for b in items),
        **values,
    )


def _groups(actor: Actor, action: Action) -> frozenset[FieldGroup]:
    return frozenset(g for g in FieldGroup if allowed(actor.roles, action, g))


class ResidentService:
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

    # --- reading -------------------------------------------------------------------------------

    def record(self, actor: Actor, resident_id: int) -> ResidentRecord:
        with self._access.unit(actor, Action.VIEW, FieldGroup.PLACEMENT, record_type="resident") as (s, cur):
            result = self._record(s, cur, resident_id)
            # one event per disclosed group among the most sensitive ones, so an auditor can ask
            # "who saw her pregnancy result / her account" directly
            for group in (FieldGroup.IDENTITY, FieldGroup.NARRATIVE, FieldGroup.SENSITIVE_HEALTH):
                if group in result.visible or group is FieldGroup.IDENTITY:
                    self._audit.record(
                        s, cur, "resident.viewed", record_type="resident", record_id=resident_id, field_group=group
                    )
            return result

    def _record(self, s: Session, actor: Actor, resident_id: int, *, unmasked: bool = False) -> ResidentRecord:
        """The record as `actor` may see it (`unmasked`: every group, for merging an edit only)."""
        r = s.get(Resident, resident_id)
        if r is None:
            raise NotFound(_("The resident's record no longer exists."))
        a = s.scalars(select(Admission).where(Admission.resident_id == r.id).order_by(Admission.id.desc())).first()
        if a is None:
            raise NotFound(_("The resident's record no longer exists."))
        contacts = list(s.scalars(select(Contact).where(Contact.resident_id == r.id).order_by(Contact.id)))
        items = list(s.scalars(select(Belonging).where(Belonging.admission_id == a.id).order_by(Belonging.position)))
        visible, editable = _groups(actor, Action.VIEW), _groups(actor, Action.EDIT)
        if actor.account_id is None or unmasked:  # SYSTEM (command line maintenance) sees everything
            visible = editable = frozenset(FieldGroup)
        arrival_day = a.arrived_at.astimezone().date()
        person = _person_input(r, arrival_day.year)
        stay = _stay_input(a, person, contacts, items)
        age = _age(r, self._clock().astimezone().date())
        foreign = person.nationality.strip().casefold() not in {"việt nam", "viet nam", "không quốc tịch"}
        entitled = terms.entitlements(
            confirmed=stay.victim_status is VictimStatus.CONFIRMED,
            foreign=foreign,
            accompanying_child=stay.accompanying_child,
        )
        consents = tuple(
            ConsentRow(
                c.id,
                c.version,
                terms.ConsentKind(c.kind),
                c.given,
                c.given_on,
                c.given_by,
                c.legal_basis,
                c.withdrawn_on,
            )
            for c in s.scalars(select(Consent).where(Consent.resident_id == r.id).order_by(Consent.id))
        )
        photo_allowed = any(c.kind is terms.ConsentKind.PHOTO and c.standing for c in consents)
        photo = s.get(ResidentPhoto, r.id) if photo_allowed and FieldGroup.IDENTITY in visible else None
        hidden_stay = {n for g, names in STAY_GROUPS.items() if g not in visible for n in names}
        hidden_person = {n for g, names in PERSON_GROUPS.items() if g not in visible for n in names}
        if FieldGroup.IDENTITY not in visible:
            hidden_person |= {"full_name", "other_names", "id_number", "birth_date"}
        person = replace(person, **_blank(person, tuple(hidden_person - {"full_name"})))
        if "full_name" in hidden_person:
            person = replace(person, full_name="")
        stay = replace(stay, resident=person, **_blank(stay, tuple(hidden_stay)))
        previous = s.get(Resident, r.previous_resident_id) if r.previous_resident_id else None
        end = a.discharged_at or self._clock()
        group = find_ethnic_group(r.ethnic_code, include_foreign=True)
        return ResidentRecord(
            resident_id=r.id, resident_version=r.version, admission_id=a.id, admission_version=a.version,
            code=r.code, alias=r.alias, person=person, stay=stay, visible=visible, editable=editable,
            ethnic_name=group.name if group else r.ethnic_code, age=age,
            is_minor=age is not None and age < ADULT_AGE, is_child=age is not None and age < CHILD_AGE,
            present=a.discharged_at is None, discharged_at=a.discharged_at,
            days_in_centre=max(0, (end.astimezone().date() - arrival_day).days),
            previous_code=previous.code if previous else None,
            entitlements=entitled if FieldGroup.LEGAL in visible else (), consents=consents,
            photo=photo.image if photo else None,
        )  # fmt: skip

    # --- editing -------------------------------------------------------------------------------

    def update_person(self, actor: Actor, resident_id: int, version: int, person: ResidentInput) -> ResidentRecord:
        """Save the Profile tab; Conflict (with the stored record) if someone saved it meanwhile."""
        with (
            self._access.unit(actor, Action.EDIT, FieldGroup.IDENTITY, record_type="resident") as (s, cur),
            stale_guard(),
        ):
            seen = self._record(s, cur, resident_id)
            row = load_for_edit(s, Resident, resident_id, version, lambda _r: seen)
            stored = self._record(s, cur, resident_id, unmasked=True)
            arrival = stored.stay.arrived_at.astimezone().date()
            person = self._merge(cur, person, stored.person, PERSON_GROUPS, _changed(seen.person, person))
            checked = check_person(person, arrival, self._clock().astimezone().date())
            alias = checked.alias or row.alias or default_alias(checked.full_name, row.code)
            apply_person(row, checked, alias, arrival)
            s.flush()
            self._audit.record(s, cur, "resident.updated", record_type="resident", record_id=resident_id)
            return self._record(s, cur, resident_id)

    def update_stay(self, actor: Actor, admission_id: int, version: int, stay: AdmissionInput) -> ResidentRecord:
        """Save the Admission tab (arrival, trafficking, status, condition, contacts, belongings)."""
        with (
            # each changed group is checked in _merge: a nurse may correct the initial condition only
            self._access.unit(actor, Action.VIEW, FieldGroup.PLACEMENT, record_type="admission") as (s, cur),
            stale_guard(),
        ):
            admission = s.get(Admission, admission_id)
            if admission is None:
                raise NotFound(_("The resident's record no longer exists."))
            seen = self._record(s, cur, admission.resident_id)
            load_for_edit(s, Admission, admission_id, version, lambda _r: seen)
            stored = self._record(s, cur, admission.resident_id, unmasked=True)
            changed = _changed(seen.stay, stay)
            stay = self._merge(cur, stay, stored.stay, STAY_GROUPS, changed)
            resident = s.get(Resident, admission.resident_id)
            assert resident is not None
            full = replace(stay, resident=_person_input(resident, stored.stay.arrived_at.year), consents=())
            checked = check_admission(full, self._clock())
            apply_stay(admission, checked)
            if "contacts" in changed:
                for old in s.scalars(select(Contact).where(Contact.resident_id == resident.id)):
                    s.delete(old)
                s.add_all(Contact(resident_id=resident.id, **dataclasses.asdict(c)) for c in checked.contacts)
            if "belongings" in changed:
                kept = list(s.scalars(select(Belonging).where(Belonging.admission_id == admission_id)))
                if any(b.returned_at for b in kept):
                    raise ValidationError("belongings", _("Belongings already returned cannot be changed here."))
                for item in kept:
                    s.delete(item)
                s.add_all(
                    Belonging(admission_id=admission_id, position=i, **dataclasses.asdict(b))
                    for i, b in enumerate(checked.belongings, 1)
                )
            s.flush()
            self._audit.record(s, cur, "admission.updated", record_type="resident", record_id=resident.id)
            return self._record(s, cur, resident.id)

    def _merge(
        self, actor: Actor, wanted: T, stored: T, groups: dict[FieldGroup, tuple[str, ...]], changed: set[str]
    ) -> T:
        """Keep stored values of groups the user may not edit; refuse a change to one of them."""
        editable = frozenset(FieldGroup) if actor.account_id is None else _groups(actor, Action.EDIT)
        keep: dict[str, Any] = {}
        for group, names in groups.items():
            if group in editable:
                continue
            if set(names) & changed and group in _groups(actor, Action.VIEW):
                raise ValidationError(names[0], _("Your account may not change this part of the record."))
            keep.update({n: getattr(stored, n) for n in names})
        return replace(wanted, **keep)

    # --- consents and photo ----------------------------------------------------------------------

    def add_consent(self, actor: Actor, resident_id: int, consent: ConsentInput) -> ResidentRecord:
        with self._access.unit(actor, Action.EDIT, FieldGroup.LEGAL, record_type="resident") as (s, cur):
            if consent.given_on > self._clock().astimezone().date():
                raise ValidationError("given_on", _("The date of a consent cannot be in the future."))
            if s.get(Resident, resident_id) is None:
                raise NotFound(_("The resident's record no longer exists."))
            s.add(
                Consent(
                    resident_id=resident_id, kind=consent.kind, given=consent.given,
                    legal_basis=" ".join(consent.legal_basis.split()), given_on=consent.given_on,
                    given_by=" ".join(consent.given_by.split()), recorded_by=cur.account_id,
                )
            )  # fmt: skip
            s.flush()
            self._audit.record(s, cur, "consent.recorded", record_type="resident", record_id=resident_id)
            return self._record(s, cur, resident_id)

    def withdraw_consent(self, actor: Actor, consent_id: int, version: int, on: date) -> ResidentRecord:
        """Record the withdrawal (the consent row stays, dated); a withdrawn photo consent removes the photo."""
        with (
            self._access.unit(actor, Action.EDIT, FieldGroup.LEGAL, record_type="consent") as (s, cur),
            stale_guard(),
        ):
            consent = s.get(Consent, consent_id)
            if consent is None:
                raise NotFound(_("The consent no longer exists."))
            stored = self._record(s, cur, consent.resident_id)
            load_for_edit(s, Consent, consent_id, version, lambda _c: stored)
            if on < consent.given_on or on > self._clock().astimezone().date():
                raise ValidationError(
                    "withdrawn_on", _("The date of withdrawal must be between the consent and today.")
                )
            consent.withdrawn_on = on
            if consent.kind == terms.ConsentKind.PHOTO and (photo := s.get(ResidentPhoto, consent.resident_id)):
                s.delete(photo)
            s.flush()
            self._audit.record(s, cur, "consent.withdrawn", record_type="resident", record_id=consent.resident_id)
            return self._record(s, cur, consent.resident_id)

    def remove_photo(self, actor: Actor, resident_id: int) -> ResidentRecord:
        with self._access.unit(actor, Action.EDIT, FieldGroup.IDENTITY, record_type="resident") as (s, cur):
            photo = s.get(ResidentPhoto, resident_id)
            if photo is not None:
                s.delete(photo)
                s.flush()
                self._audit.record(s, cur, "resident.photo_removed", record_type="resident", record_id=resident_id)
            return self._record(s, cur, resident_id)

    def set_photo(self, actor: Actor, resident_id: int, image: bytes) -> ResidentRecord:
        with self._access.unit(actor, Action.EDIT, FieldGroup.IDENTITY, record_type="resident") as (s, cur):
            stored = self._record(s, cur, resident_id)
            if not any(c.kind is terms.ConsentKind.PHOTO and c.standing for c in stored.consents):
                raise ValidationError("photo", _("There is no photo consent: the photo cannot be kept."))
            if len(image) > 5_000_000:
                raise ValidationError("photo", _("The photo is too large (at most 5 MB)."))
            if not image.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
                raise ValidationError("photo", _("Please choose a photo in JPEG or PNG format."))
            photo = s.get(ResidentPhoto, resident_id)
            today = datetime.now(UTC).astimezone().date()
            if photo is None:
                s.add(ResidentPhoto(resident_id=resident_id, image=image, taken_on=today))
            else:
                photo.image, photo.taken_on = image, today
            s.flush()
            self._audit.record(s, cur, "resident.photo_set", record_type="resident", record_id=resident_id)
            return self._record(s, cur, resident_id)


def _changed(stored: T, wanted: T) -> set[str]:
    """Names of the fields that differ."""
    return {f.name for f in dataclasses.fields(wanted) if getattr(wanted, f.name) != getattr(stored, f.name)}
