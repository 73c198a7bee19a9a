"""The demo's counselling: weekly sessions for everyone in the centre, the counsellor's notes kept to her
group, one high-risk note today (the flag), the counsellor "tuvan"."""

from __future__ import annotations

from sqlalchemy import func, select

from centre_desk.models.counselling import CounsellingSession, CounsellorNote
from centre_desk.models.resident import Admission
from centre_desk.models.staff import StaffAccount
from centre_desk.services.demo.create import populate
from centre_desk.services.entries.kinds import kind
from tests.conftest import Installed


def test_the_demo_counsellor_sees_everyone_in_the_centre(installed: Installed) -> None:
    summary = populate(installed.centre, 120, seed=3)
    assert summary.counselling.sessions > 0 and summary.counselling.notes > 0
    with installed.centre.sessions() as s:
        here = set(s.scalars(select(Admission.resident_id).where(Admission.discharged_at.is_(None))))
        seen = set(s.scalars(select(CounsellingSession.resident_id)))
        assert here and seen <= here and len(seen) >= len(here) * 0.8  # a resident of two days may not be seen yet
        assert s.scalar(select(func.count()).select_from(CounsellorNote).where(CounsellorNote.risk == "high")) == 1
        assert s.scalar(select(StaffAccount.login).where(StaffAccount.roles.contains("counsellor"))) == "tuvan"
        note = s.scalars(select(CounsellorNote).where(CounsellorNote.risk == "high")).one()
    values = {"note": note.note, "risk": note.risk, "plan": note.plan}
    assert kind("counsellor_note").flag(values)
