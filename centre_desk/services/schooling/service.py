"""SchoolingService: the catalogue of vocational courses (VIEW on SCHOOLING reads it, ADMINISTER — the manager —
keeps it) and the Mẫu 07 decisions past their 9 working days for the Overview (VIEW on SCHOOLING). The entries
themselves (enrolments, results, applications, courses taken, job support) are written and read through
services/entries (EntryService) like every dated entry."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.concurrency import stale_guard
from centre_desk.services.lodging.common import local_day, names_allowed
from centre_desk.services.schooling import catalogue, due
from centre_desk.services.schooling.dto import CourseInput, CourseRow, DecisionDueRow

G = FieldGroup.SCHOOLING
COURSE = "vocational_course"  # the audit's record type of a course of the catalogue


class SchoolingService(Service):
    def courses(self, actor: Actor) -> tuple[CourseRow, ...]:
        """The catalogue, courses offered first (audited "schooling.courses_viewed")."""
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            found = catalogue.rows(s)
            self._audit.record(s, cur, "schooling.courses_viewed", field_group=G)
            return found

    def save_course(self, actor: Actor, course_id: int | None, version: int | None, data: CourseInput) -> CourseRow:
        """Add a course (course_id None) or change one; every problem at once as ValidationErrors (CourseInput's
        field names); a stale version → Conflict. ADMINISTER on SCHOOLING: the manager only."""
        with self._admin(actor, course_id) as (s, cur):
            course = catalogue.save(s, course_id, version, data)
            if course_id is None:
                self._audit.record(s, cur, "schooling.course_added", record_type=COURSE, record_id=course.id,
                                   field_group=G)  # fmt: skip
            else:
                self._audit.record(s, cur, "schooling.course_changed", record_type=COURSE, record_id=course.id,
                                   field_group=G)  # fmt: skip
            return catalogue.row(s, course.id)

    def set_course_offered(self, actor: Actor, course_id: int, version: int, offered: bool) -> CourseRow:
        """Retire a course (no longer offered for new enrolments; those that name it keep it) or offer it again."""
        with self._admin(actor, course_id) as (s, cur):
            catalogue.set_active(s, course_id, version, offered)
            if offered:
                self._audit.record(s, cur, "schooling.course_offered", record_type=COURSE, record_id=course_id,
                                   field_group=G)  # fmt: skip
            else:
                self._audit.record(s, cur, "schooling.course_retired", record_type=COURSE, record_id=course_id,
                                   field_group=G)  # fmt: skip
            return catalogue.row(s, course_id)

    def decisions_late(self, actor: Actor) -> tuple[DecisionDueRow, ...]:
        """The Mẫu 07 applications still waiting past the Sở Y tế's 9 working days, oldest first, for the Overview.
        Audited "schooling.decisions_late_viewed" (it names residents)."""
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            found = due.decisions_late(s, local_day(self._clock()), names_allowed(cur))
            self._audit.record(s, cur, "schooling.decisions_late_viewed", field_group=G)
            return found

    @contextmanager
    def _admin(self, actor: Actor, course_id: int | None) -> Iterator[tuple[Session, Actor]]:
        with (
            self._access.unit(actor, Action.ADMINISTER, G, record_type=COURSE, record_id=course_id or "") as (s, cur),
            stale_guard(),
        ):  # fmt: skip
            yield s, cur
