"""Dated entries on a resident's record — the one foundation every capability's notes share.

A nursing note, an intake health check, a counselling session, a legal-aid step, a follow-up contact: each
is a row of its own table that mixes in `DatedEntry` (who, when, on whom, restricted or not, struck out or
not, the version counter) and adds its own columns. The kind is declared once in the service layer
(services/entries/kinds.py); the service, the record tab, the list, the Timeline, the audit and the
permissions come from that declaration.

Nothing committed is lost: an edit first copies the values it replaces into `EntryRevision`; an entry made
in error is struck out with a reason (`struck_*`), never deleted. Opening a restricted entry without the
right ("break the glass") leaves a `GlassBreak` row that the manager reviews (`GlassReview`). All three are
append-only (triggers in migration 0007).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned
from centre_desk.models.resident import Resident
from centre_desk.models.staff import StaffAccount


class DatedEntry(Versioned):
    """The columns every dated entry has. A subclass sets `__tablename__` and adds its own fields.

    The foreign keys point at the columns themselves (not "resident.id" by name), so a kind declared on
    another metadata — the test-only kind of tests/services/entries — works the same.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())  # when it happened (shown, sorted by)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())  # when it was written down
    restricted: Mapped[bool] = mapped_column(default=False)  # sensitive: content for the restricted group only
    struck_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # entered in error (kept, shown struck)
    struck_reason: Mapped[str] = mapped_column(NFCText(500), default="")

    @declared_attr
    def resident_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey(Resident.__table__.c.id))

    @declared_attr
    def recorded_by(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey(StaffAccount.__table__.c.id))

    @declared_attr
    def struck_by(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey(StaffAccount.__table__.c.id))

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        # the record tab and the Timeline read a resident's newest entries first
        return (Index(f"ix_{cls.__tablename__}_timeline", "resident_id", "occurred_at", "id"),)  # type: ignore[attr-defined]


class EntryRevision(Base):
    """The values an edit or a strike-out replaced: (kind, entry id, the version they had) → JSON."""

    __tablename__ = "entry_revision"
    __table_args__ = (Index("ix_entry_revision_entry", "kind", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(NFCText(40))
    entry_id: Mapped[int]
    version: Mapped[int]
    values_json: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class GlassBreak(Base):
    """A restricted entry opened by someone without the right, with the reason they wrote."""

    __tablename__ = "glass_break"
    __table_args__ = (Index("ix_glass_break_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(NFCText(40))
    entry_id: Mapped[int]
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(NFCText(1000))


class GlassReview(Base):
    """The manager's review of one break of the glass (justified or not, and a note)."""

    __tablename__ = "glass_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    glass_break_id: Mapped[int] = mapped_column(ForeignKey("glass_break.id"), unique=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    justified: Mapped[bool]
    note: Mapped[str] = mapped_column(NFCText(1000), default="")
