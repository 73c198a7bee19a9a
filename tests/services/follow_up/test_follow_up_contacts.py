"""The follow-up contact, a declared kind: its checks (whom they met, the partner, after the discharge, the next
date after it, not in the future), its flag (high risk, the recruiter), its summary, the nurse reads only, the
Timeline shows it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.staff import Role
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import kind
from centre_desk.services.follow_up import rules
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed
from tests.services.follow_up.support import NOW, contact, discharged
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident


def test_a_reached_contact_names_whom_they_met_and_comes_after_the_discharge(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=40))
    with pytest.raises(ValidationErrors) as caught:
        contact(centre, manager, rid, NOW - timedelta(days=50), met_whom="", mode="commune",
                next_on=local_day(NOW - timedelta(days=60)))  # fmt: skip
    fields = {f for f, _m in caught.value.problems}
    assert fields == {"met_whom", "partner", "occurred_at", "next_on"}
    row = contact(
        centre,
        manager,
        rid,
        NOW - timedelta(days=10),
        mode="commune",
        partner="Cán bộ xã Bum Nưa",
        sign_debts=True,
        sign_income=True,
        risk="medium",
        next_on=local_day(NOW + timedelta(days=20)),
    )
    assert "Through the commune officer" in row.summary and "Debts, No income" in row.summary
    assert not row.flag
    unreached = contact(centre, manager, rid, NOW - timedelta(days=5), outcome="unreached", met_whom="", mode="phone")
    assert unreached.summary.startswith("Phone call · Could not be reached")


def test_not_before_she_leaves_and_not_in_the_future(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    here = resident(centre, manager, "Vàng Thị Pà", NOW - timedelta(days=10))
    with pytest.raises(ValidationErrors) as caught:
        contact(centre, manager, here, NOW - timedelta(days=1))
    assert [f for f, _m in caught.value.problems] == ["occurred_at"]
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=40))
    with pytest.raises(Exception, match="future"):
        contact(centre, manager, rid, NOW + timedelta(days=2))


def test_flag_on_high_risk_or_the_recruiter() -> None:
    assert rules.flag({"risk": "high"}) and rules.flag({"sign_recruiter": True})
    assert not rules.flag({"risk": "medium", "sign_debts": True})
    assert "recruiter" in rules.preview({"sign_recruiter": True}, None)  # type: ignore[arg-type]
    assert rules.signs_of({"sign_abroad": True, "sign_other": "Hay vắng nhà"}) == [
        "Plans to go abroad or far away for work",
        "Hay vắng nhà",
    ]


def test_the_nurse_reads_only_and_the_timeline_shows_contacts(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    rid = discharged(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=40))
    row = contact(centre, manager, rid, NOW - timedelta(days=3), sign_recruiter=True, risk="high")
    assert row.flag
    nurse = staff(installed, Role.NURSE)
    page = centre.entries.page(nurse, "follow_up_contact", rid)
    assert [r.id for r in page.rows] == [row.id]
    with pytest.raises(PermissionDenied):
        centre.entries.save(
            nurse,
            "follow_up_contact",
            rid,
            None,
            None,
            EntryInput(NOW - timedelta(days=1), (("mode", "phone"), ("outcome", "unreached"))),
        )
    with pytest.raises(PermissionDenied):
        centre.follow_up.set_default(nurse, (2, 4))
    assert centre.follow_up.schedule(nurse, rid).discharged_on == local_day(NOW - timedelta(days=40))
    events = centre.entries.timeline(manager, rid)
    assert any(e.kind == "follow_up_contact" and e.entry_id == row.id and e.flag for e in events.items)
    assert kind("follow_up_contact").tab == "follow_up"
