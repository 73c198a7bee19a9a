"""Counselling (tư vấn tâm lý): sessions with a summary the other staff may read, the counsellor's own notes
and the wellbeing scales (PHQ-9, PHQ-A, GAD-7) kept apart (field group COUNSELLING: the counsellor and the
manager only). All are dated entries (models/entries.py), declared in services/counselling/kinds.py."""

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


class WellbeingScore(DatedEntry, Base):
    """One administration of a wellbeing scale (services/counselling/scales.py): the instrument and its version,
    the answers as given ("0,1,2,-,3,…": one per item, "-" unanswered), the total, band and item-9 alert derived
    from them, and a note. With no instrument (a child under 11: nothing shipped suits) only the note is kept."""

    __tablename__ = "wellbeing_score"

    instrument: Mapped[str] = mapped_column(NFCText(20), default="")  # "PHQ-9", "PHQ-A", "GAD-7" or ""
    scale_version: Mapped[str] = mapped_column(NFCText(100), default="")  # the instrument file's version, as scored
    answers: Mapped[str] = mapped_column(NFCText(60), default="")
    total: Mapped[int | None]  # None unless every item is answered
    band: Mapped[str] = mapped_column(NFCText(20), default="")  # a key of scales.BAND_NAMES, "" without a total
    alert: Mapped[bool] = mapped_column(default=False)  # item 9 above 0: respond today
    note: Mapped[str] = mapped_column(NFCText(2000), default="")
