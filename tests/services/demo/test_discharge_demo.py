"""The demo's discharges: every stay that ended has its approved discharge with the checklist done or waived with a
reason and the safekeeping list handed back; a few transfers; three requests under way (one decision late, one
with a belonging missing) and one reopened; every request passes the discharge rules."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from sqlalchemy import func, select

from centre_desk.models.discharge import BelongingReturn, Discharge, DischargeCheck, DischargeReopening
from centre_desk.models.resident import Admission, Belonging
from centre_desk.services.demo.create import populate
from centre_desk.services.discharge import rules
from centre_desk.services.discharge.dto import DischargeInput
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed


def test_the_demo_discharges_every_stay_that_ended(installed: Installed) -> None:
    now = datetime.now(UTC)
    summary = populate(installed.centre, 150, seed=3, now=now)
    figures = summary.discharge
    assert figures.approved == summary.residents - summary.present
    assert figures.transfers >= 1 and figures.waived >= 1 and figures.open_requests == 3 and figures.reopened == 1
    with installed.centre.sessions() as s:
        ended = set(s.scalars(select(Admission.id).where(Admission.discharged_at.is_not(None))))
        approved = s.scalars(select(Discharge).where(Discharge.state == "approved")).all()
        assert {d.admission_id for d in approved} == ended
        for d in s.scalars(select(Discharge)):
            data = DischargeInput(**{f.name: getattr(d, f.name) for f in fields(DischargeInput)})
            assert rules.check(data, local_day(d.requested_at)) == data, d.id
            if d.state == "approved":
                assert not rules.receiving_missing(data), (d.reason, data)
        opened = s.scalar(select(func.count()).where(DischargeCheck.state == "open"))
        assert opened and all(c.note for c in s.scalars(select(DischargeCheck).where(DischargeCheck.state == "waived")))
        assert s.scalar(select(func.count()).select_from(DischargeReopening)) == 1
        handed = s.scalar(select(func.count()).select_from(BelongingReturn))
        kept = s.scalar(select(func.count()).select_from(Belonging).join(Admission).where(
            Admission.discharged_at.is_not(None)))  # fmt: skip
        assert handed and kept and handed >= kept
    due = installed.centre.discharge.due(installed.manager)
    assert [d.working_days_left < 0 for d in due][:1] == [True]  # the late decision first
    state = installed.centre.discharge.state(installed.manager, due[0].resident_id)
    assert state.current is not None and state.current.open_items
