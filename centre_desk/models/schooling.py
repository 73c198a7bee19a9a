"""Schooling (học văn hóa) and vocational training (học nghề) of the residents, Law 53/2024 Art. 37 cl. 1 points h
and i, Decree 162/2025 Art. 24–25: her school enrolments and term results, the Mẫu 07 application for support and
the Sở Y tế's decision, her vocational courses, job counselling and placement — dated entries (models/entries.py)
in the field group SCHOOLING, declared in services/schooling/kinds.py — and the catalogue of vocational courses the
manager keeps (`VocationalCourse`, an ordinary editable table: a course is retired, never deleted).

Money is integer đồng (BigInteger).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, Versioned
from centre_desk.models.entries import DatedEntry


class SchoolEnrolment(DatedEntry, Base):
    """She attends a school: the level, the school, the class, the dates, the school records (học bạ) transferred,
    the tuition exemption and the books and supplies support (Decree 162 Art. 24: the first school year covered and
    the next), the school's contact."""

    __tablename__ = "school_enrolment"

    level: Mapped[str] = mapped_column(NFCText(20))  # primary / lower_secondary / upper_secondary / continuing / …
    school: Mapped[str] = mapped_column(NFCText(200))
    class_name: Mapped[str] = mapped_column(NFCText(30), default="")
    enrolled_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    records_transferred: Mapped[bool] = mapped_column(default=False)
    records_transferred_on: Mapped[date | None] = mapped_column(Date)
    tuition_exempt: Mapped[bool] = mapped_column(default=False)
    books_support: Mapped[bool] = mapped_column(default=False)
    support_from: Mapped[str] = mapped_column(NFCText(9), default="")  # the first school year covered "2025-2026"
    school_contact: Mapped[str] = mapped_column(NFCText(200), default="")
    note: Mapped[str] = mapped_column(NFCText(1000), default="")


class SchoolTermResult(DatedEntry, Base):
    """Her results of a term or of the year: conduct, academic result, days absent."""

    __tablename__ = "school_term_result"

    school_year: Mapped[str] = mapped_column(NFCText(9))  # "2025-2026"
    term: Mapped[str] = mapped_column(NFCText(10))  # term1 / term2 / year
    conduct: Mapped[str] = mapped_column(NFCText(20), default="")
    result: Mapped[str] = mapped_column(NFCText(20), default="")
    days_absent: Mapped[int | None]
    note: Mapped[str] = mapped_column(NFCText(1000), default="")


class SupportApplication(DatedEntry, Base):
    """An application on Mẫu số 07 (Decree 162/2025) for schooling, vocational training or the initial hardship
    allowance, sent to the Sở Y tế, which decides within 9 working days of the complete application."""

    __tablename__ = "support_application"
    __table_args__ = (
        Index("ix_support_application_timeline", "resident_id", "occurred_at", "id"),
        Index("ix_support_application_due", "decision_on", "decision_due_on"),  # the Overview's decisions late
    )

    support: Mapped[str] = mapped_column(NFCText(30))  # schooling / vocational / hardship / vocational_hardship
    applicant: Mapped[str] = mapped_column(NFCText(20), default="herself")  # herself / family
    applied_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    complete_on: Mapped[date | None] = mapped_column(Date)  # the Sở Y tế found it complete (empty: sent_on)
    decision_due_on: Mapped[date | None] = mapped_column(Date)  # derived: 9 working days after
    outcome: Mapped[str] = mapped_column(NFCText(20), default="waiting")  # waiting / granted / refused
    decision_number: Mapped[str] = mapped_column(NFCText(60), default="")
    decision_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(1000), default="")


class VocationalCourse(Versioned, Base):
    """A course in the catalogue the manager keeps: the trade, the level, its length and cost, the provider."""

    __tablename__ = "vocational_course"

    id: Mapped[int] = mapped_column(primary_key=True)
    trade: Mapped[str] = mapped_column(NFCText(200))
    level: Mapped[str] = mapped_column(NFCText(20))  # elementary / short / intermediate / college
    months: Mapped[int | None]
    hours: Mapped[int | None]
    cost: Mapped[int | None] = mapped_column(BigInteger)  # đồng, for the whole course
    provider: Mapped[str] = mapped_column(NFCText(200))
    provider_contact: Mapped[str] = mapped_column(NFCText(200), default="")
    note: Mapped[str] = mapped_column(NFCText(500), default="")
    active: Mapped[bool] = mapped_column(default=True)  # retired courses stay for the enrolments that name them


class VocationalEnrolment(DatedEntry, Base):
    """She takes a course of the catalogue (its name and provider copied as they were): hours attended, ongoing,
    completed or dropped out, the certificate."""

    __tablename__ = "vocational_enrolment"

    course_id: Mapped[int] = mapped_column(ForeignKey("vocational_course.id"))
    course: Mapped[str] = mapped_column(NFCText(260), default="")  # the trade and level, copied from the catalogue
    provider: Mapped[str] = mapped_column(NFCText(200), default="")
    started_on: Mapped[date] = mapped_column(Date)
    hours_attended: Mapped[int | None]
    status: Mapped[str] = mapped_column(NFCText(20), default="ongoing")  # ongoing / completed / dropped
    ended_on: Mapped[date | None] = mapped_column(Date)
    certificate_number: Mapped[str] = mapped_column(NFCText(60), default="")
    certificate_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText(1000), default="")


class JobSupport(DatedEntry, Base):
    """Job counselling and placement (Decree 162 Art. 25: free counselling and job introduction, the Social Policy
    Bank's loans): what was done, the employer, the job, the start, the monthly wage."""

    __tablename__ = "job_support"

    support: Mapped[str] = mapped_column(NFCText(20))  # counselling / referral / placement / loan
    employer: Mapped[str] = mapped_column(NFCText(200), default="")
    job: Mapped[str] = mapped_column(NFCText(200), default="")
    start_on: Mapped[date | None] = mapped_column(Date)
    wage: Mapped[int | None] = mapped_column(BigInteger)  # đồng a month
    loan: Mapped[bool] = mapped_column(default=False)  # referred for a Social Policy Bank loan
    note: Mapped[str] = mapped_column(NFCText(1000), default="")
