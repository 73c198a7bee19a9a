"""Residents (đối tượng) and their admissions (tiếp nhận).

A person admitted again is a new Resident row linked to the earlier one
(`previous_resident_id`): each stay keeps its own code, and a readmission is a
re-trafficking indicator shown on the record.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index
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
    CCCD = "cccd"
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
    __table_args__ = (Index("ix_resident_search", "search_text"),)

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
    # search: accent- and case-folded name, other names, alias and code; sort: given name first
    search_text: Mapped[str] = mapped_column(NFCText(700))
    sort_key: Mapped[str] = mapped_column(NFCText(200), index=True)
    previous_resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Admission(Versioned, Base):
    __tablename__ = "admission"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    channel: Mapped[str] = mapped_column(NFCText(40), index=True)
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
