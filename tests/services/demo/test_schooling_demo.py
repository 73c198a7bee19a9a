"""The demo's schooling and training: the catalogue (one course retired), pupils in the ward's schools with the
results of their terms, Mẫu 07 applications decided, waiting and one late (on the Overview), trainees with their
certificates, job counselling and placements — for those in the centre and some who left in past years — and every
row passes its kind's checks (the facts of its resident included)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from centre_desk.models.resident import Admission
from centre_desk.models.schooling import (
    JobSupport,
    SchoolEnrolment,
    SchoolTermResult,
    SupportApplication,
    VocationalCourse,
    VocationalEnrolment,
)
from centre_desk.services.demo.create import populate
from centre_desk.services.demo.schooling import fill
from centre_desk.services.entries.kinds import kinds_of_tab
from centre_desk.services.entries.store import context, values_of
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed


def test_the_demo_keeps_schooling_and_training(installed: Installed) -> None:
    now = datetime.now(UTC)
    figures = populate(installed.centre, 400, seed=3, now=now).schooling
    assert figures.courses == 7 and figures.enrolments >= 5 and figures.results >= 3
    assert figures.trainees >= 5 and figures.certificates >= 2 and figures.jobs >= 2
    with installed.centre.sessions() as s:
        here = set(s.scalars(select(Admission.resident_id).where(Admission.discharged_at.is_(None))))
        pupils = set(s.scalars(select(SchoolEnrolment.resident_id)))
        assert pupils & here and pupils - here  # in the centre now, and in past years
        assert s.scalar(select(func.min(SchoolEnrolment.enrolled_on))).year <= 2016  # type: ignore[union-attr]
        assert len(set(s.scalars(select(SchoolTermResult.term)))) >= 2
        assert {a.outcome for a in s.scalars(select(SupportApplication))} >= {"granted", "waiting"}
        assert {c.status for c in s.scalars(select(VocationalEnrolment))} >= {"completed", "ongoing"}
        assert "placement" in set(s.scalars(select(JobSupport.support)))
        assert not all(s.scalars(select(VocationalCourse.active)))
        for k in kinds_of_tab("schooling"):
            for row in s.scalars(select(k.model)):
                values = dict(values_of(k, row))
                ctx = context(s, row.resident_id, local_day(row.occurred_at), k)
                assert k.check(values, ctx) == [], (k.code, values)
                assert {n: values[n] for n in k.derive(values, ctx)} == k.derive(values, ctx), (k.code, values)
                assert row.occurred_at <= now
    late = installed.centre.schooling.decisions_late(installed.manager)
    assert len(late) == 1 and late[0].resident_id in here


def test_the_same_seed_gives_the_same_schooling(installed: Installed) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    populate(installed.centre, 200, seed=5, now=now)
    made = []
    for _again in range(2):
        with installed.centre.sessions() as s:
            before = s.scalar(select(func.max(VocationalEnrolment.id))) or 0
            figures = fill(s, None, now)
            rows = s.scalars(select(VocationalEnrolment).where(VocationalEnrolment.id > before)
                             .order_by(VocationalEnrolment.id))  # fmt: skip
            made.append((figures, [(r.resident_id, r.started_on, r.status, r.course) for r in rows]))
            s.rollback()
    assert made[0] == made[1] and made[0][1]
