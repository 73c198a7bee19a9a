"""The Mẫu 07 applications waiting past the Sở Y tế's 9 working days, for the Overview: decided, struck out and
not yet late ones left out; the nurse refused; names by permission; audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied
from centre_desk.models.audit import AuditEvent
from centre_desk.models.staff import Role
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.lodging.common import local_day
from centre_desk.services.workdays import calendar
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident
from tests.services.schooling.support import WHEN


def _application(installed: Installed, rid: int, sent: date, **values: object) -> int:
    given = {"support": "schooling", "applied_on": sent, "sent_on": sent} | values
    row = installed.centre.entries.save(installed.manager, "support_application", rid, None, None,
                                        EntryInput(WHEN, tuple(given.items())))  # type: ignore[arg-type]  # fmt: skip
    return row.id


def test_decisions_past_their_nine_working_days_oldest_first(installed: Installed) -> None:
    today = local_day(datetime.now(UTC))
    mai = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=60))
    pa = resident(installed.centre, installed.manager, "Vàng Thị Pà", WHEN - timedelta(days=60))
    oldest = _application(installed, mai, today - timedelta(days=40))
    late = _application(installed, pa, today - timedelta(days=25), support="vocational_hardship")
    _application(installed, pa, today - timedelta(days=2))  # not late yet
    _application(installed, mai, today - timedelta(days=30), outcome="granted", decision_number="1/QĐ-SYT",
                 decision_on=today - timedelta(days=10))  # fmt: skip
    struck = _application(installed, mai, today - timedelta(days=35))
    version = installed.centre.entries.get(installed.manager, "support_application", struck).version
    installed.centre.entries.strike(installed.manager, "support_application", struck, version, "Ghi nhầm đối tượng")
    found = installed.centre.schooling.decisions_late(staff(installed, Role.COUNSELLOR))
    assert [r.entry_id for r in found] == [oldest, late]
    first, second = found
    due = calendar().add(today - timedelta(days=40), 9)
    assert (first.name, first.support, first.due_on) == ("Giàng Thị Mai", "Schooling support", due)
    assert first.working_days_late == calendar().between(due, today) > 0
    assert second.support == "Vocational training support and initial hardship allowance"
    with installed.centre.sessions() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("schooling.decisions%"))))
    assert actions == ["schooling.decisions_late_viewed"]


def test_a_nurse_is_refused(installed: Installed) -> None:
    with pytest.raises(PermissionDenied):
        installed.centre.schooling.decisions_late(staff(installed, Role.NURSE))
