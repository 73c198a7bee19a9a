"""Group sessions and activities of the centre: life skills, recreation and the monthly prevention talks
(trafficking, safe migration, reproductive health, HIV). A session belongs to the centre, not to one resident;
who took part is its attendance, picked only from the residents present in the centre when it started
(services/activities/rules.py asks the census, services/lodging/census.py).

Nothing is deleted: a session recorded in error is struck out with a reason; a resident taken off a session's
list keeps her row with `removed_at` (who removed her and when), and one put back gets a new row.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class ActivityKind(enum.StrEnum):
    LIFE_SKILLS = "life_skills"
    RECREATION = "recreation"
    PREVENTION = "prevention"  # a prevention talk: trafficking, safe migration, reproductive health, HIV
    OTHER = "other"


class ActivitySession(Versioned, Base):
    """One session: what, who led it (a staff member, an outside name or both), when, how long, where, how many
    people from outside the centre took part."""

    __tablename__ = "activity_session"
    __table_args__ = (Index("ix_activity_session_starts", "starts_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(NFCText(20))  # ActivityKind
    topic: Mapped[str] = mapped_column(NFCText(300))
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    facilitator_name: Mapped[str] = mapped_column(NFCText(200), default="")  # from outside the centre
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    minutes: Mapped[int]
    place: Mapped[str] = mapped_column(NFCText(200), default="")
    outside_count: Mapped[int] = mapped_column(default=0)  # participants from outside the centre, counted
    note: Mapped[str] = mapped_column(NFCText(1000), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    struck_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    struck_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    struck_reason: Mapped[str] = mapped_column(NFCText(500), default="")


class ActivityAttendance(Base):
    """A resident on a session's list: added by whom and when; `removed_at` once taken off it again."""

    __tablename__ = "activity_attendance"
    __table_args__ = (
        Index("ix_activity_attendance_session", "session_id", "resident_id"),
        Index("ix_activity_attendance_resident", "resident_id", "session_id"),  # her record and Timeline
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("activity_session.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    added_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
