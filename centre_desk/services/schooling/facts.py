"""What the schooling kinds' hooks may know beyond the entry (their `facts` readers: Context.fact) and the list
their own form offers (register_list): the school years her enrolments cover, the catalogue's courses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.i18n import _
from centre_desk.models.schooling import SchoolEnrolment, VocationalCourse
from centre_desk.services.entries.fields import Choices, Value, label
from centre_desk.services.schooling.rules import COURSES_FACT, FACT_SEPARATOR, SCHOOL_YEARS_FACT
from centre_desk.services.schooling.terms import COURSE_LEVELS, next_year, school_year
from centre_desk.services.workdays import CALENDAR_FACT, as_fact, corrections


def school_years(s: Session, resident_id: int, on: date) -> tuple[str, ...]:
    """Every school year from each enrolment's first to the one she left in (an open one: up to `on`'s)."""
    e = SchoolEnrolment
    found = s.execute(select(e.enrolled_on, e.left_on).where(e.resident_id == resident_id, e.struck_at.is_(None)))
    years: set[str] = set()
    for enrolled, left in found:
        year, last = school_year(enrolled), school_year(left or max(on, enrolled))
        while year <= last:
            years.add(year)
            year = next_year(year)
    return tuple(sorted(years))


def course_name(trade: str, level: str) -> str:
    return f"{trade} ({label(COURSE_LEVELS, level)})"


def courses(s: Session, resident_id: int, on: date) -> tuple[str, ...]:
    """Every course of the catalogue, retired ones too (an enrolment names the course it was): "id␟trade␟provider"
    (the words typed in the catalogue, copied into the enrolment whatever the writer's screen language)."""
    found = s.execute(select(VocationalCourse.id, VocationalCourse.trade, VocationalCourse.provider)
                      .order_by(VocationalCourse.id))  # fmt: skip
    return tuple(FACT_SEPARATOR.join((str(i), t, p)) for i, t, p in found)


def school_years_fact(s: Session, resident_id: int, on: date) -> dict[str, Value]:
    """The term results' facts: the school years her enrolments cover, one per line."""
    return {SCHOOL_YEARS_FACT: "\n".join(school_years(s, resident_id, on))}


def courses_fact(s: Session, resident_id: int, on: date) -> dict[str, Value]:
    """The course taken's facts: the catalogue's courses, one per line."""
    return {COURSES_FACT: "\n".join(courses(s, resident_id, on))}


def calendar_fact(s: Session, resident_id: int, on: date) -> dict[str, Value]:
    """The Mẫu 07 application's facts: the manager's corrections to the holiday calendar (for its clock)."""
    return {CALENDAR_FACT: as_fact(corrections(s))}


def course_choices(s: Session) -> Choices:
    """The courses one may enrol in (not retired), by trade: (id, "Tailoring (Elementary level) – provider")."""
    c = VocationalCourse
    found = s.execute(select(c.id, c.trade, c.level, c.provider).where(c.active.is_(True)).order_by(c.trade, c.id))
    return tuple((str(i), _("{course} – {provider}").format(course=course_name(t, lv), provider=p))
                 for i, t, lv, p in found)  # fmt: skip
