"""The append-only audit trail. Rows are HMAC-chained (see security/audit.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime


class AuditEvent(Base):
    """Who did what to which record, when, from which PC. Never field values."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_record", "record_type", "record_id"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[int | None]
    actor_login: Mapped[str] = mapped_column(NFCText(64))
    actor_role: Mapped[str] = mapped_column(NFCText(200))
    workstation: Mapped[str] = mapped_column(NFCText(100))
    action: Mapped[str] = mapped_column(NFCText(64), index=True)
    record_type: Mapped[str] = mapped_column(NFCText(64))
    record_id: Mapped[str] = mapped_column(NFCText(64))
    field_group: Mapped[str] = mapped_column(NFCText(64))
    outcome: Mapped[str] = mapped_column(NFCText(16))
    mac: Mapped[str] = mapped_column(NFCText(64))
