"""Residents (đối tượng) and their admissions (tiếp nhận).

A person admitted again is a new Resident row linked to the earlier one
(`previous_resident_id`): each stay keeps its own code, and a readmission is a
re-trafficking indicator shown on the record.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, LargeBinary, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class BirthPrecision(enum.StrEnum):
    EXACT = "exact"
    YEAR = "year"
    ESTIMATED = "estimated"


class IdDocument(enum.StrEnum):
    ID_CARD = "id_card"  # "Thẻ căn cước" (Law on Identification 2023), issued from 01/07/2024; 12 digits
    CCCD = "cccd"  # "Căn cước công dân": the earlier card, still valid until it expires
    PASSPORT = "passport"
    BIRTH_CERTIFICATE = "birth_certificate"
    NONE = "none"


class Channel(enum.StrEnum):
    """How the person arrived (effective-dated labels live in services/admissions.py)."""

    CENTRE_TEAM = "centre_team"
    COMMUNE_AUTHORITY = "commune_authority"
    DISTRICT_LABOUR_OFFICE = "district_labour_office"  # before 01/07/2025 only
    HEALTH_DEPARTMENT = "health_department"  # Sở Y tế, from 03/2025
    PROVINCIAL_POLICE = "provincial_police"
    OTHER_PROVINCE_CENTRE = "other_province_centre"
    BORDER_GUARD = "border_guard"
    POLICE = "police"
    SELF_REFERRAL = "self_referral"
    NGO = "ngo"


class VictimStatus(enum.StrEnum):
    CONFIRMED = "confirmed"  # a victim-status document was issued
    UNDER_IDENTIFICATION = "under_identification"


class ResidentCodeCounter(Base):
    """The last sequence number used per (prefix, year): codes are never reused."""

    __tablename__ = "resident_code_counter"

    prefix: Mapped[str] = mapped_column(NFCText(10), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int]


class Resident(Versioned, Base):
    __tablename__ = "resident"
    # covering index for the registry search: LIKE '%…%' scans it without touching the table,
    # and the matches come with their sort key
    __table_args__ = (
        Index("ix_resident_search", "search_text", "sort_key"),
        # the registry's age and pupil filters and its order without reading the wide row (covering)
        Index("ix_resident_facets", "id", "sort_key", "birth_year", "birth_date", "is_pupil"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(NFCText(20), unique=True)
    # identity
    full_name: Mapped[str] = mapped_column(NFCText(200))
    other_names: Mapped[str] = mapped_column(NFCText(300), default="")
    alias: Mapped[str] = mapped_column(NFCText(60))
    sex: Mapped[str] = mapped_column(NFCText(10))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None]
    birth_precision: Mapped[str] = mapped_column(NFCText(10))
    ethnic_code: Mapped[str] = mapped_column(NFCText(2))
    nationality: Mapped[str] = mapped_column(NFCText(100), default="Việt Nam")
    id_document: Mapped[str] = mapped_column(NFCText(20))
    id_number: Mapped[str] = mapped_column(NFCText(30), default="")
    mother_tongue: Mapped[str] = mapped_column(NFCText(100), default="")
    reads_vietnamese: Mapped[bool | None]
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    religion: Mapped[str] = mapped_column(NFCText(100), default="")
    # home (placement / whereabouts field group)
    home_province: Mapped[str] = mapped_column(NFCText(100), default="")
    home_commune: Mapped[str] = mapped_column(NFCText(100), default="")
    home_village: Mapped[str] = mapped_column(NFCText(100), default="")
    legacy_district: Mapped[str] = mapped_column(NFCText(100), default="")
    guardian_name: Mapped[str] = mapped_column(NFCText(200), default="")
    guardian_relation: Mapped[str] = mapped_column(NFCText(60), default="")
    guardian_phone: Mapped[str] = mapped_column(NFCText(30), default="")
    # schooling at the time of admission
    is_pupil: Mapped[bool] = mapped_column(default=False)
    school_name: Mapped[str] = mapped_column(NFCText(200), default="")
    school_grade: Mapped[str] = mapped_column(NFCText(60), default="")
    school_stopped_on: Mapped[date | None] = mapped_column(Date)
    # search: accent- and case-folded name, other names, alias and code; sort: given name first
    search_text: Mapped[str] = mapped_column(NFCText(700))
    sort_key: Mapped[str] = mapped_column(NFCText(200), index=True)
    previous_resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Admission(Versioned, Base):
    __tablename__ = "admission"
    # the stays not ended: the registry's "in the centre" filter reads ~5 % of the table from here
    __table_args__ = (
        Index(
            "ix_admission_present",
            "resident_id",
            sqlite_where=text("discharged_at IS NULL"),
            postgresql_where=text("discharged_at IS NULL"),
        ),
        # the registry's year and channel filters read the stay from these alone (covering)
        Index("ix_admission_arrival", "arrived_at", "channel", "resident_id", "discharged_at"),
        Index("ix_admission_by_channel", "channel", "arrived_at", "resident_id", "discharged_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime())
    channel: Mapped[str] = mapped_column(NFCText(40))
    referring_agency: Mapped[str] = mapped_column(NFCText(300), default="")
    referring_officer: Mapped[str] = mapped_column(NFCText(200), default="")
    referring_phone: Mapped[str] = mapped_column(NFCText(30), default="")
    # trafficking experience (dates only here; the narrative comes with the full wizard)
    left_home_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    victim_status: Mapped[str] = mapped_column(NFCText(30))
    status_issuer: Mapped[str] = mapped_column(NFCText(300), default="")
    status_number: Mapped[str] = mapped_column(NFCText(60), default="")
    status_date: Mapped[date | None] = mapped_column(Date)
    discharged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    received_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))  # the officer who admitted
    # documents received: keys of intake_terms.DOSSIER_ITEMS, space-separated
    documents_received: Mapped[str] = mapped_column(NFCText(300), default="")
    documents_note: Mapped[str] = mapped_column(NFCText(500), default="")
    accompanying_child: Mapped[bool] = mapped_column(default=False)  # a person < 18 accompanying a victim
    # trafficking experience (HTCDS/CTDC terms; keys of intake_terms, space-separated)
    exploitation_country: Mapped[str] = mapped_column(NFCText(100), default="")
    exploitation_place: Mapped[str] = mapped_column(NFCText(300), default="")
    exploitation_types: Mapped[str] = mapped_column(NFCText(300), default="")
    control_means: Mapped[str] = mapped_column(NFCText(500), default="")
    recruiter_relation: Mapped[str] = mapped_column(NFCText(40), default="")
    border_gate: Mapped[str] = mapped_column(NFCText(200), default="")
    how_freed: Mapped[str] = mapped_column(NFCText(40), default="")
    narrative: Mapped[str] = mapped_column(Text, default="")  # field group TRAFFICKING_NARRATIVE
    status_issuer_kind: Mapped[str] = mapped_column(NFCText(40), default="")
    # initial condition (HEALTH) and the one SENSITIVE_HEALTH flag taken at intake
    injured: Mapped[bool] = mapped_column(default=False)
    needs_medical_now: Mapped[bool] = mapped_column(default=False)
    condition_note: Mapped[str] = mapped_column(NFCText(2000), default="")
    urgent_needs: Mapped[str] = mapped_column(NFCText(2000), default="")
    pregnancy_suspected: Mapped[bool] = mapped_column(default=False)
    # money counted into safekeeping (belongings are itemised in `belonging`)
    money_vnd: Mapped[int] = mapped_column(default=0)
    money_other: Mapped[str] = mapped_column(NFCText(200), default="")  # e.g. "500 nhân dân tệ"


class Contact(Versioned, Base):
    """A family member or other contact (the guardian is on the resident row)."""

    __tablename__ = "resident_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    name: Mapped[str] = mapped_column(NFCText(200))
    relation: Mapped[str] = mapped_column(NFCText(60), default="")
    phone: Mapped[str] = mapped_column(NFCText(30), default="")
    address: Mapped[str] = mapped_column(NFCText(300), default="")


class Belonging(Versioned, Base):
    """An item taken into safekeeping at admission (returned at discharge)."""

    __tablename__ = "belonging"

    id: Mapped[int] = mapped_column(primary_key=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admission.id"), index=True)
    position: Mapped[int]
    item: Mapped[str] = mapped_column(NFCText(200))
    quantity: Mapped[int]
    condition: Mapped[str] = mapped_column(NFCText(200), default="")
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Consent(Versioned, Base):
    """A consent (or the legal basis relied on instead), dated and withdrawable."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    kind: Mapped[str] = mapped_column(NFCText(30))  # intake_terms.ConsentKind
    given: Mapped[bool]
    legal_basis: Mapped[str] = mapped_column(NFCText(300), default="")
    given_on: Mapped[date] = mapped_column(Date)
    given_by: Mapped[str] = mapped_column(NFCText(200), default="")
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class ResidentPhoto(Versioned, Base):
    """The photo, shown only while photo consent stands."""

    __tablename__ = "resident_photo"

    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    taken_on: Mapped[date] = mapped_column(Date)


class AdmissionDraft(Versioned, Base):
    """An admission being typed: the wizard's fields as JSON, saved as the user goes."""

    __tablename__ = "admission_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"), index=True)
    label: Mapped[str] = mapped_column(NFCText(200), default="")
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
