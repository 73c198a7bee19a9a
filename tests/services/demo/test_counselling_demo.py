"""The demo's counselling: weekly sessions for everyone in the centre, the counsellor's notes kept to her
group, one high-risk note today (the flag), the counsellor "tuvan"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from centre_desk.models.counselling import CounsellingSession, CounsellorNote, WellbeingScore
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


def test_the_demo_has_series_of_scales_mostly_improving_and_one_alert(installed: Installed) -> None:
    summary = populate(installed.centre, 120, seed=3)
    assert summary.counselling.scores > 0
    with installed.centre.sessions() as s:
        rows = s.execute(select(WellbeingScore.resident_id, WellbeingScore.instrument, WellbeingScore.occurred_at,
                                WellbeingScore.total, WellbeingScore.alert)
                         .order_by(WellbeingScore.occurred_at)).all()  # fmt: skip
        high = s.scalars(select(CounsellorNote.resident_id).where(CounsellorNote.risk == "high")).one()
    series: dict[tuple[int, str], list[int]] = {}
    for rid, instrument, _at, total, _alert in rows:
        if instrument and total is not None:
            series.setdefault((rid, instrument), []).append(total)
    long = {key: totals for key, totals in series.items() if len(totals) >= 3}
    assert long and {instrument for _rid, instrument in long} >= {"PHQ-9", "GAD-7"}
    phq = [totals for (_rid, instrument), totals in long.items() if instrument != "GAD-7"]
    assert sum(totals[-1] < totals[0] for totals in phq) >= len(phq) * 0.6  # most improve
    alerts = [(rid, at) for rid, _i, at, _t, alert in rows if alert]
    assert len(alerts) == 1 and alerts[0][0] == high  # the resident seen today at high risk
    assert datetime.now(UTC) - alerts[0][1] < timedelta(days=1)
    found = installed.centre.counselling.scale_alerts(installed.manager)
    assert high in [a.resident_id for a in found if a.self_harm]
    values = dict.fromkeys(("instrument", "answers", "note"), "")
    assert kind("wellbeing_score").flag(values | {"alert": True})
