"""The demo's follow-up after reintegration: most of those who left were followed, some follow-ups late, one person
could not be reached three times in a row, one at high risk with contact with the recruiter, one readmission after
a failed reintegration whose new record shows the earlier stay's follow-ups — every contact passes its kind's checks,
and the same seed gives the same contacts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from centre_desk.models.follow_up import FollowUpContact
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.demo.create import populate
from centre_desk.services.demo.follow_up import fill
from centre_desk.services.entries.kinds import kind
from centre_desk.services.entries.store import context, values_of
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed


def test_the_demo_follows_those_who_left(installed: Installed) -> None:
    now = datetime.now(UTC)
    summary = populate(installed.centre, 200, seed=3, now=now)
    figures = summary.follow_up
    assert figures.contacts > figures.followed > 0 and figures.own_schedules and figures.late
    assert figures.readmissions == 1
    k = kind("follow_up_contact")
    with installed.centre.sessions() as s:
        left = s.scalar(select(func.count()).select_from(Admission).where(Admission.discharged_at.is_not(None)))
        assert figures.followed >= 0.7 * (left or 0)
        for row in s.scalars(select(FollowUpContact)):
            ctx = context(s, row.resident_id, local_day(row.occurred_at), k)
            assert k.check(dict(values_of(k, row)), ctx) == [], dict(values_of(k, row))
            assert row.occurred_at <= now
        high = s.scalars(select(FollowUpContact).where(FollowUpContact.sign_recruiter.is_(True))).all()
        assert high
        readmitted = s.scalars(select(Resident.id).where(Resident.previous_resident_id.is_not(None))).all()
    due = installed.centre.follow_up.due(installed.manager)
    assert any(r.alert for r in due) and any(r.late for r in due)
    histories = [installed.centre.follow_up.history(installed.manager, rid) for rid in readmitted]
    followed_before = [h for h in histories if h and h[0].contacts]
    assert followed_before and any(c.flag for h in followed_before for c in h[0].contacts)


def test_the_same_seed_gives_the_same_contacts(installed: Installed) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    populate(installed.centre, 60, seed=5, now=now)
    made = []
    for _again in range(2):
        with installed.centre.sessions() as s:
            before = s.scalar(select(func.max(FollowUpContact.id))) or 0
            figures = fill(s, None, now)
            rows = s.scalars(select(FollowUpContact).where(FollowUpContact.id > before).order_by(FollowUpContact.id))
            made.append((figures, [(r.resident_id, r.occurred_at, r.outcome, r.note) for r in rows]))
            s.rollback()
    assert made[0] == made[1] and made[0][1]
