"""Reading and writing the group sessions' rows (models/activities.py) inside a service's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
from centre_desk.i18n import _
from centre_desk.models.activities import ActivityAttendance, ActivitySession
from centre_desk.models.lodging import Presence
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role, StaffAccount
from centre_desk.services.activities.dto import (
    AttendedRow,
    Attendee,
    SessionChoices,
    SessionFilter,
    SessionInput,
    SessionPage,
    SessionRow,
    SessionView,
)
from centre_desk.services.activities.terms import KINDS
from centre_desk.services.entries.fields import label as choice_label
from centre_desk.services.lodging import census
from centre_desk.services.lodging.common import label, local_moment, staff_names
from centre_desk.text import fold

_ACTIVE = ActivityAttendance.removed_at.is_(None)


def session(s: Session, session_id: int) -> ActivitySession:
    found = s.get(ActivitySession, session_id)
    if found is None:
        raise NotFound(_("This session no longer exists."))
    return found


def staff(s: Session) -> tuple[tuple[int, str], ...]:
    """Active staff who may lead a session (everyone but the system administrator alone)."""
    found = s.scalars(select(StaffAccount).where(StaffAccount.active.is_(True)).order_by(StaffAccount.full_name))
    return tuple((a.id, a.full_name) for a in found if a.role_set() - {Role.ADMINISTRATOR})


def facilitator(staff_name: str, outside_name: str) -> str:
    return "; ".join(p for p in (staff_name, outside_name) if p)


def year_span(year: int) -> tuple[datetime, datetime]:
    return local_moment(date(year, 1, 1), time.min), local_moment(date(year + 1, 1, 1), time.min)


def page(s: Session, wanted: SessionFilter) -> SessionPage:
    """The sessions of the filter, newest first, `limit` from `offset` (struck ones too, marked)."""
    where = []
    if wanted.year is not None:
        start, end = year_span(wanted.year)
        where += [ActivitySession.starts_at >= start, ActivitySession.starts_at < end]
    if wanted.kind:
        where.append(ActivitySession.kind == wanted.kind)
    total = int(s.scalar(select(func.count(ActivitySession.id)).where(*where)) or 0)
    query = (
        select(ActivitySession)
        .where(*where)
        .order_by(ActivitySession.starts_at.desc(), ActivitySession.id.desc())
        .offset(max(wanted.offset, 0))
        .limit(max(min(wanted.limit, 1000), 1))
    )
    found = list(s.scalars(query))
    return SessionPage(tuple(rows(s, found)), total, wanted.offset)


def counts(s: Session, session_ids: Iterable[int]) -> dict[int, int]:
    ids = list(session_ids)
    if not ids:
        return {}
    query = (
        select(ActivityAttendance.session_id, func.count(ActivityAttendance.id))
        .where(ActivityAttendance.session_id.in_(ids), _ACTIVE)
        .group_by(ActivityAttendance.session_id)
    )
    return {int(i): int(n) for i, n in s.execute(query)}


def rows(s: Session, found: Sequence[ActivitySession]) -> list[SessionRow]:
    names = staff_names(s, (x.facilitator_id for x in found))
    many = counts(s, (x.id for x in found))
    return [
        SessionRow(
            id=x.id, version=x.version, kind=x.kind, kind_name=choice_label(KINDS, x.kind), topic=x.topic,
            facilitator=facilitator(names.get(x.facilitator_id or 0, ""), x.facilitator_name),
            starts_at=x.starts_at, minutes=x.minutes, place=x.place, attendance=many.get(x.id, 0),
            outside_count=x.outside_count, struck=x.struck_at is not None,
        )
        for x in found
    ]  # fmt: skip


def attendee(r: Resident, names: bool, presence: str = Presence.PRESENT) -> Attendee:
    year = r.birth_year if r.birth_year is not None else (r.birth_date.year if r.birth_date else None)
    return Attendee(r.id, r.code, label(r, names), year, presence)


def people(s: Session, ids: Iterable[int], names: bool) -> dict[int, Attendee]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {r.id: attendee(r, names) for r in s.scalars(select(Resident).where(Resident.id.in_(wanted)))}


def in_order(found: Iterable[Attendee]) -> tuple[Attendee, ...]:
    return tuple(sorted(found, key=lambda a: (fold(a.label), a.code)))  # Đặng among the D


def attending(s: Session, session_id: int) -> list[int]:
    query = select(ActivityAttendance.resident_id).where(ActivityAttendance.session_id == session_id, _ACTIVE)
    return [int(r) for r in s.scalars(query.order_by(ActivityAttendance.id))]


def view(s: Session, x: ActivitySession, names: bool) -> SessionView:
    who = staff_names(s, (x.recorded_by, x.struck_by))
    listed = people(s, attending(s, x.id), names)
    return SessionView(
        row=rows(s, [x])[0], facilitator_id=x.facilitator_id, facilitator_name=x.facilitator_name, note=x.note,
        recorded_by=who.get(x.recorded_by or 0, ""), recorded_at=x.recorded_at, struck_at=x.struck_at,
        struck_by=who.get(x.struck_by or 0, ""), struck_reason=x.struck_reason,
        attendees=in_order(listed.values()), names_shown=names,
    )  # fmt: skip


def presence_at(s: Session, at: datetime) -> dict[int, str]:
    """The census at `at`: every resident in the centre then and her presence (present, on leave, …)."""
    return {rid: str(st.status) for rid, st in census.standings(s, at).items()}


def choices(s: Session, at: datetime, names: bool, listed: Sequence[int] = ()) -> SessionChoices:
    """Who may attend a session starting at `at`: those present then; those already on the list but not
    present (the census changed since: a leave written afterwards) follow, with their presence, to be untaken."""
    presence = presence_at(s, at)
    here = [rid for rid, status in presence.items() if status == Presence.PRESENT]
    found = people(s, [*here, *listed], names)
    present = in_order(found[rid] for rid in here if rid in found)
    others = in_order(
        Attendee(a.resident_id, a.code, a.label, a.birth_year, presence.get(rid, Presence.GONE))
        for rid in listed
        if rid not in set(here) and (a := found.get(rid)) is not None
    )
    return SessionChoices(at, present + others, len(presence) - len(here), staff(s), names)


def put(s: Session, x: ActivitySession, data: SessionInput, by: int | None, now: datetime) -> None:
    """The session's fields and list become `data`'s: those taken off keep their row (removed), new ones are added."""
    x.kind, x.topic, x.starts_at, x.minutes = data.kind, data.topic, data.starts_at, data.minutes
    x.facilitator_id, x.facilitator_name, x.place = data.facilitator_id, data.facilitator_name, data.place
    x.outside_count, x.note = data.outside_count, data.note
    s.flush()
    current = {
        a.resident_id: a
        for a in s.scalars(select(ActivityAttendance).where(ActivityAttendance.session_id == x.id, _ACTIVE))
    }
    for rid, row in current.items():
        if rid not in data.attendees:
            row.removed_at, row.removed_by = now, by
    for rid in data.attendees:
        if rid not in current:
            s.add(ActivityAttendance(session_id=x.id, resident_id=rid, added_by=by, added_at=now))


def attended(s: Session, resident_id: int) -> tuple[AttendedRow, ...]:
    """The sessions she was on the list of, newest first."""
    query = (
        select(ActivitySession)
        .join(ActivityAttendance, ActivityAttendance.session_id == ActivitySession.id)
        .where(ActivityAttendance.resident_id == resident_id, _ACTIVE)
        .order_by(ActivitySession.starts_at.desc(), ActivitySession.id.desc())
    )
    return tuple(
        AttendedRow(r.id, r.starts_at, r.kind_name, r.topic, r.minutes, r.facilitator, r.struck)
        for r in rows(s, list(s.scalars(query)))
    )
