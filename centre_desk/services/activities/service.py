"""ActivityService: the centre's group sessions — life skills, recreation, the monthly prevention talks — and who
took part, each user action one transaction with its audit row.

Permissions (docs/permissions.md, "Group sessions and activities", field group ACTIVITIES): VIEW lists the
sessions, opens one, shows who may attend and a resident's sessions; CREATE records a session; EDIT changes one
(its version guards against a stale copy) or strikes it out with a reason (nothing is deleted); PRINT the
attendance sheet (papers.py). People are named for an account with VIEW on IDENTITY, by alias otherwise.
Attendance is taken only from the residents present in the centre when the session started (rules.py).
Audit codes start with "activities."; a row names the session or the resident by id, never a name or a topic.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.orm import Session

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.models.activities import ActivitySession
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.activities import rules, store
from centre_desk.services.activities.dto import (
    AttendedRow,
    SessionChoices,
    SessionFilter,
    SessionInput,
    SessionPage,
    SessionView,
)
from centre_desk.services.base import Service
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.lodging.common import names_allowed

GROUP = FieldGroup.ACTIVITIES


class ActivityService(Service):
    # ------------------------------------------------------------------------------------ reading

    def sessions(self, actor: Actor, wanted: SessionFilter = SessionFilter()) -> SessionPage:  # noqa: B008
        """The sessions (of a year, of a kind), newest first, a page at a time."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, cur):
            found = store.page(s, wanted)
            self._audit.record(s, cur, "activities.listed", record_id=len(found.rows), field_group=GROUP)
            return found

    def session(self, actor: Actor, session_id: int) -> SessionView:
        """One session with its attendance list."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="activity_session",
                               record_id=session_id) as (s, cur):  # fmt: skip
            found = store.view(s, store.session(s, session_id), names_allowed(cur))
            self._audit.record(s, cur, "activities.viewed", record_type="activity_session", record_id=session_id,
                               field_group=GROUP)  # fmt: skip
            return found

    def choices(self, actor: Actor, starts_at: datetime, session_id: int | None = None) -> SessionChoices:
        """Who may attend a session starting at `starts_at` (the residents present then) and the staff who may
        lead it; with `session_id`, those on its list no longer counted present follow, to be taken off."""
        with self._access.unit(actor, Action.VIEW, GROUP) as (s, cur):
            listed = store.attending(s, session_id) if session_id is not None else []
            found = store.choices(s, starts_at, names_allowed(cur), listed)
            self._audit.record(s, cur, "activities.present_viewed", record_type="activity_session",
                               record_id=session_id or "", field_group=GROUP)  # fmt: skip
            return found

    def attended(self, actor: Actor, resident_id: int) -> tuple[AttendedRow, ...]:
        """The sessions a resident took part in, newest first (her record)."""
        with self._access.unit(actor, Action.VIEW, GROUP, record_type="resident", record_id=resident_id) as (s, cur):
            found = store.attended(s, resident_id)
            self._audit.record(s, cur, "activities.resident_viewed", record_type="resident", record_id=resident_id,
                               field_group=GROUP)  # fmt: skip
            return found

    def attendance_pdf(self, actor: Actor, session_id: int) -> bytes:
        """The session's attendance sheet (papers.py, reports/activities.py; PRINT on ACTIVITIES): an internal list
        with an empty signature column, no register number; demo-marked on demo data. A session struck out is not
        printed. Audited "activities.sheet_printed"."""
        from centre_desk.reports.activities import render_attendance  # reportlab: only when printing
        from centre_desk.services.activities import papers
        from centre_desk.services.lodging.papers import marks

        with self._access.unit(actor, Action.PRINT, GROUP, record_type="activity_session",
                               record_id=session_id) as (s, cur):  # fmt: skip
            x = store.session(s, session_id)
            if x.struck_at is not None:
                raise UserError(_("This session was struck out: its attendance sheet is not printed."))
            pdf = render_attendance(papers.sheet(s, x, names_allowed(cur)), marks(is_demo_session(s)))
            self._audit.record(s, cur, "activities.sheet_printed", record_type="activity_session",
                               record_id=session_id, field_group=GROUP)  # fmt: skip
            return pdf

    # ------------------------------------------------------------------------------------ writing

    def create(self, actor: Actor, data: SessionInput) -> SessionView:
        """Record a session held and who took part (every problem at once, as ValidationErrors)."""
        with self._unit(actor, Action.CREATE, "") as (s, cur):
            now = self._clock()
            clean = self._checked(s, cur, data, now)
            x = ActivitySession(kind=clean.kind, topic="", starts_at=clean.starts_at, minutes=clean.minutes,
                                recorded_by=cur.account_id, recorded_at=now, struck_reason="")  # fmt: skip
            s.add(x)
            store.put(s, x, clean, cur.account_id, now)
            s.flush()
            self._audit.record(s, cur, "activities.created", record_type="activity_session", record_id=x.id,
                               field_group=GROUP)  # fmt: skip
            return store.view(s, x, names_allowed(cur))

    def change(self, actor: Actor, session_id: int, version: int, data: SessionInput) -> SessionView:
        """Change a session and its list (a stale copy: Conflict); residents taken off keep their row."""
        with self._unit(actor, Action.EDIT, session_id) as (s, cur):
            x = self._load(s, cur, session_id, version)
            if x.struck_at is not None:
                raise UserError(_("A session struck out is kept as it was."))
            now = self._clock()
            store.put(s, x, self._checked(s, cur, data, now, x.facilitator_id), cur.account_id, now)
            s.flush()
            self._audit.record(s, cur, "activities.changed", record_type="activity_session", record_id=x.id,
                               field_group=GROUP)  # fmt: skip
            return store.view(s, x, names_allowed(cur))

    def strike(self, actor: Actor, session_id: int, version: int, reason: str) -> SessionView:
        """Strike a session recorded in error out, with the reason; it stays in the list, marked, and leaves the
        residents' Timelines."""
        text = rules.check_reason(reason)
        with self._unit(actor, Action.EDIT, session_id) as (s, cur):
            x = self._load(s, cur, session_id, version)
            if x.struck_at is not None:
                raise UserError(_("This session has already been struck out."))
            x.struck_at, x.struck_by, x.struck_reason = self._clock(), cur.account_id, text
            s.flush()
            self._audit.record(s, cur, "activities.struck", record_type="activity_session", record_id=x.id,
                               field_group=GROUP)  # fmt: skip
            return store.view(s, x, names_allowed(cur))

    # ------------------------------------------------------------------------------------ inside

    @contextmanager
    def _unit(self, actor: Actor, action: Action, session_id: int | str) -> Iterator[tuple[Session, Actor]]:
        with self._access.unit(actor, action, GROUP, record_type="activity_session", record_id=session_id) as (
            s, cur), stale_guard():  # fmt: skip
            yield s, cur

    @staticmethod
    def _load(s: Session, cur: Actor, session_id: int, version: int) -> ActivitySession:
        return load_for_edit(s, ActivitySession, session_id, version,
                             lambda x: store.view(s, x, names_allowed(cur)))  # fmt: skip

    @staticmethod
    def _checked(s: Session, cur: Actor, data: SessionInput, now: datetime, kept: int | None = None) -> SessionInput:
        """The input cleaned and its list checked against the census of its start; `kept`: the facilitator it
        had, who may stay even if her account has been disabled since."""
        staff = {i for i, _n in store.staff(s)} | ({kept} if kept is not None else set())
        clean = rules.check_session(data, now, staff)
        presence = store.presence_at(s, clean.starts_at)
        rules.check_attendance(clean.attendees, presence, store.people(s, clean.attendees, names_allowed(cur)))
        return clean
