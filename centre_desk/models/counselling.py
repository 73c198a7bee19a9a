"""Counselling (tư vấn tâm lý): sessions with a summary the other staff may read, and the counsellor's own
notes kept apart (field group COUNSELLING: the counsellor and the manager only). Both are dated entries
(models/entries.py), declared in services/counselling/kinds.py."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText
from centre_desk.models.entries import DatedEntry


class CounsellingSession(DatedEntry, Base):
    """A session held: its form, topics, length, interpreter, the shareable summary and the next date."""

    __tablename__ = "counselling_session"

    form: Mapped[str] = mapped_column(NFCText(10))  # individual / group / family
    topics: Mapped[str] = mapped_column(NFCText(300), default="")
    minutes: Mapped[int | None]
    interpreter: Mapped[str] = mapped_column(NFCText(200), default="")  # who interpreted, "" without one
    summary: Mapped[str] = mapped_column(NFCText(2000), default="")  # shareable with the other staff
    next_on: Mapped[date | None] = mapped_column(Date)


class CounsellorNote(DatedEntry, Base):
    """The counsellor's own note: what the person said, the counsellor's observations, risk, plan."""

    __tablename__ = "counsellor_note"

    note: Mapped[str] = mapped_column(NFCText(6000))
    risk: Mapped[str] = mapped_column(NFCText(10), default="")  # none / low / medium / high
    plan: Mapped[str] = mapped_column(NFCText(2000), default="")
