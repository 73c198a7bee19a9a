"""The installation record and the centre's own details."""

from __future__ import annotations

from datetime import datetime

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


class CentreProfile(Versioned, Base):
    """The centre's name as printed on documents."""

    __tablename__ = "centre_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(NFCText(300))
