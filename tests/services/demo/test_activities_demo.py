"""The demo's group sessions: a prevention talk every month since 2011 and life-skills and recreation sessions, each
with residents present in the centre when it started (nobody on leave or in hospital then), one struck out, the
service reading them back — and the same seed giving the same sessions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.models.activities import ActivityAttendance, ActivityKind, ActivitySession
from centre_desk.models.lodging import Presence
from centre_desk.services.activities.dto import SessionFilter
from centre_desk.services.demo.activities import fill
from centre_desk.services.demo.create import populate
from centre_desk.services.lodging import census
from tests.conftest import Installed


def test_the_demo_holds_monthly_sessions_with_residents_present(installed: Installed) -> None:
    now = datetime.now(UTC)
    summary = populate(installed.centre, 150, seed=3, now=now)
    figures = summary.activities
    assert figures.sessions > 200 and figures.prevention > 100 and figures.attendances > figures.sessions
    with installed.centre.sessions() as s:
        sessions = s.scalars(select(ActivitySession).order_by(ActivitySession.starts_at)).all()
        assert sessions[0].starts_at.astimezone().year == 2011 and all(x.starts_at < now for x in sessions)
        assert {x.kind for x in sessions} == {ActivityKind.PREVENTION, ActivityKind.LIFE_SKILLS,
                                              ActivityKind.RECREATION}  # fmt: skip
        assert [x.struck_reason for x in sessions if x.struck_at is not None] == ["Ghi trùng buổi sinh hoạt đã nhập"]
        lists: dict[int, set[int]] = {}
        for row in s.scalars(select(ActivityAttendance)):
            lists.setdefault(row.session_id, set()).add(row.resident_id)
        for x in sessions[::7]:  # a sample: each one on the list was present when it started
            here = census.standings(s, x.starts_at)
            assert all(here[rid].status is Presence.PRESENT for rid in lists[x.id])
    page = installed.centre.activities.sessions(installed.manager, SessionFilter(kind=ActivityKind.PREVENTION))
    assert page.total == figures.prevention and page.rows[0].attendance >= 1


def test_the_same_seed_gives_the_same_sessions(installed: Installed) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    first = populate(installed.centre, 60, seed=5, now=now).activities

    def made(s: Session, after: int) -> list[tuple[object, ...]]:
        query = select(ActivitySession).where(ActivitySession.id > after).order_by(ActivitySession.id)
        lists: dict[int, list[int]] = {}
        for row in s.scalars(select(ActivityAttendance).where(ActivityAttendance.session_id > after)):
            lists.setdefault(row.session_id, []).append(row.resident_id)
        return [(x.kind, x.topic, x.starts_at, x.outside_count, sorted(lists[x.id])) for x in s.scalars(query)]

    with installed.centre.sessions() as s:
        before = made(s, 0)
        counsellor = s.scalars(select(ActivitySession.recorded_by)).first()
        assert counsellor is not None and len(before) == first.sessions
        last = max(s.scalars(select(ActivitySession.id)))
        again = fill(s, counsellor, now)  # the same stream again, rolled back at the end
        assert again == first and made(s, last) == before
