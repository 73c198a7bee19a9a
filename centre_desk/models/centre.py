"""The installation record, the centre's effective-dated details, and program settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class Installation(Base):
    """One row: which database this is. Written once at initialisation, never edited."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[str] = mapped_column(NFCText(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    engine_kind: Mapped[str] = mapped_column(NFCText(20))
    # HMAC(audit key, "key check"): lets recovery tell a mistyped recovery key from the right one.
    key_check: Mapped[str] = mapped_column(NFCText(64))


class CentreSettings(Versioned, Base):
    """The centre's details as printed on documents, valid from `effective_from`.

    A rename (e.g. the parent agency Sở LĐ-TB&XH → Sở Y tế in 03/2025) is a new row, so
    documents dated before the change still print the old names.
    """

    __tablename__ = "centre_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    centre_name: Mapped[str] = mapped_column(NFCText(300))
    parent_agency: Mapped[str] = mapped_column(NFCText(300))
    address: Mapped[str] = mapped_column(NFCText(300))
    province: Mapped[str] = mapped_column(NFCText(100))
    place_name: Mapped[str] = mapped_column(NFCText(100))
    director_name: Mapped[str] = mapped_column(NFCText(200))
    director_title: Mapped[str] = mapped_column(NFCText(200))
    # e.g. "CSBTXH": the centre's part of document symbols ("Số: 12/QĐ-CSBTXH")
    abbreviation: Mapped[str] = mapped_column(NFCText(30), default="")
    # e.g. "Quyết định số 32/2014/QĐ-UBND ngày 25/9/2014 của UBND tỉnh Lai Châu…": cited in decisions
    founding_decision: Mapped[str] = mapped_column(NFCText(300), default="")
    # e.g. "Trưởng phòng Công tác xã hội": "Theo đề nghị của …" in decisions
    proposing_unit: Mapped[str] = mapped_column(NFCText(200), default="")
    # e.g. "Nhân viên công tác xã hội": the receiving officer's job title on the admission record
    officer_title: Mapped[str] = mapped_column(NFCText(200), default="")


class AppSetting(Versioned, Base):
    """A program-wide setting chosen by a manager (e.g. the idle-lock minutes)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(NFCText(64), primary_key=True)
    value: Mapped[str] = mapped_column(NFCText(500))
