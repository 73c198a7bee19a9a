"""The catalogue of vocational courses the manager keeps: every problem of a course at once, written with its
version counter; a course is retired (no longer offered), never deleted — enrolments name it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.errors import ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.schooling import VocationalCourse, VocationalEnrolment
from centre_desk.services.concurrency import load_for_edit
from centre_desk.services.schooling.dto import CourseInput, CourseRow
from centre_desk.services.schooling.terms import COURSE_LEVELS
from centre_desk.text import nfc

WIDTHS = {"trade": 200, "provider": 200, "provider_contact": 200, "note": 500}
LIMITS = {"months": 60, "hours": 5000, "cost": 1_000_000_000}


def clean(data: CourseInput) -> CourseInput:
    texts = {name: " ".join(nfc(getattr(data, name)).split()) for name in WIDTHS}
    return CourseInput(level=data.level, months=data.months, hours=data.hours, cost=data.cost, **texts)


def problems(data: CourseInput) -> list[tuple[str, str]]:
    """Every problem of the input, in CourseInput's field order."""
    found: list[tuple[str, str]] = []
    for name in ("trade", "provider"):
        if not getattr(data, name):
            found.append((name, _("Please fill in this field.")))
    if data.level not in {code for code, _label in COURSE_LEVELS}:
        found.append(("level", _("Choose one of the values in the list.")))
    for name, limit in LIMITS.items():
        value = getattr(data, name)
        if value is not None and not 0 <= value <= limit:
            found.append((name, _("Between {low} and {high}{unit}.").format(low=0, high=limit, unit="")))
    for name, width in WIDTHS.items():
        if len(getattr(data, name)) > width:
            found.append((name, _("At most {n} characters.").format(n=width)))
    return found


def rows(s: Session, course_ids: list[int] | None = None) -> tuple[CourseRow, ...]:
    found = s.execute(select(VocationalEnrolment.course_id, func.count()).where(VocationalEnrolment.struck_at.is_(None))
                      .group_by(VocationalEnrolment.course_id))  # fmt: skip
    counts = {int(course_id): int(n) for course_id, n in found}
    c = VocationalCourse
    query = select(c).order_by(c.active.desc(), c.trade, c.id)
    if course_ids is not None:
        query = query.where(VocationalCourse.id.in_(course_ids))
    return tuple(CourseRow(c.id, c.version, c.trade, c.level, c.provider, c.months, c.hours, c.cost,
                           c.provider_contact, c.note, c.active, counts.get(c.id, 0))
                 for c in s.scalars(query))  # fmt: skip


def row(s: Session, course_id: int) -> CourseRow:
    (found,) = rows(s, [course_id])
    return found


def save(s: Session, course_id: int | None, version: int | None, data: CourseInput) -> VocationalCourse:
    """A new course (course_id None) or a change (a stale version → Conflict carrying the stored row)."""
    data = clean(data)
    found = problems(data)
    if found:
        raise ValidationErrors(found)
    if course_id is None:
        course = VocationalCourse(active=True)
        s.add(course)
    else:
        course = load_for_edit(s, VocationalCourse, course_id, version or 0, lambda c: row(s, c.id))
    for name, value in vars(data).items():
        setattr(course, name, value)
    s.flush()
    return course


def set_active(s: Session, course_id: int, version: int, active: bool) -> VocationalCourse:
    course = load_for_edit(s, VocationalCourse, course_id, version, lambda c: row(s, c.id))
    course.active = active
    s.flush()
    return course
