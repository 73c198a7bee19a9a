"""The demo's legal aid: information sessions for most residents in the centre, cases at every stage, papers
applied for and obtained (one not issued), the criminal case's steps before the police, the procuracy and the
court, a step due this week and one past its date — and every row passes its kind's checks."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from centre_desk.models.legal import LegalAidCase, LegalInfoSession, LegalPaper, LegalStep
from centre_desk.models.resident import Admission
from centre_desk.services.demo.create import populate
from centre_desk.services.demo.legal import fill
from centre_desk.services.entries.kinds import kind
from centre_desk.services.entries.store import context, values_of
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed


def test_the_demo_keeps_legal_aid_at_every_stage(installed: Installed) -> None:
    now = datetime.now(UTC)
    summary = populate(installed.centre, 120, seed=3, now=now)
    legal = summary.legal
    assert legal.sessions and legal.cases >= 5 and legal.papers and legal.steps == 6
    today = local_day(now)
    with installed.centre.sessions() as s:
        here = set(s.scalars(select(Admission.resident_id).where(Admission.discharged_at.is_(None))))
        informed = set(s.scalars(select(LegalInfoSession.resident_id)))
        assert informed <= here and len(informed) >= len(here) * 0.7
        cases = s.scalars(select(LegalAidCase)).all()
        assert {c.status for c in cases} == {"requested", "in_progress", "closed"}
        assert {c.matter for c in cases} >= {"identity", "criminal", "compensation"}
        assert any(c.provider_type == "state_centre" and c.matter == "identity" for c in cases)
        assert any(c.consent == "refused" for c in cases)
        papers = s.scalars(select(LegalPaper)).all()
        assert {"applied", "obtained", "not_issued"} <= {p.status for p in papers}
        steps = s.scalars(select(LegalStep)).all()
        criminal = next(c.resident_id for c in cases if c.matter == "criminal")
        assert [st.authority for st in sorted(steps, key=lambda st: st.occurred_at)
                if st.resident_id == criminal] == ["police", "police", "procuracy", "court"]  # fmt: skip
        pending = [(st.step, (st.due_on - today).days) for st in steps if st.done_on is None and st.due_on]
        assert sorted(pending) == [("compensation", -10), ("hearing", 3)]
        for model in (LegalInfoSession, LegalAidCase, LegalPaper, LegalStep):
            for row in s.scalars(select(model)):
                k = next(k for k in (kind(c) for c in ("legal_info_session", "legal_aid_case", "legal_paper",
                                                       "legal_step")) if k.model is model)  # fmt: skip
                values = dict(values_of(k, row))
                ctx = context(s, row.resident_id, local_day(row.occurred_at))
                assert k.check(values, ctx) == [], (k.code, values)
                assert row.occurred_at <= now
    found = installed.centre.legal.steps_due(installed.manager)
    assert [(r.late, r.days_left) for r in found] == [(True, -10), (False, 3)]
    assert found[1].resident_id == criminal


def test_the_same_seed_gives_the_same_legal_entries(installed: Installed) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    populate(installed.centre, 60, seed=5, now=now)
    made = []
    for _again in range(2):
        with installed.centre.sessions() as s:
            before = s.scalar(select(func.max(LegalAidCase.id))) or 0
            figures = fill(s, None, now)
            rows = s.scalars(select(LegalAidCase).where(LegalAidCase.id > before).order_by(LegalAidCase.id))
            made.append((figures, [(r.resident_id, r.occurred_at, r.status, r.request) for r in rows]))
            s.rollback()
    assert made[0] == made[1] and made[0][1]
