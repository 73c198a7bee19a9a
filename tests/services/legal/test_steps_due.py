"""The legal steps coming due for the Overview: not done, due within the week or past their date, soonest first,
one query; struck-out and done steps left out; the nurse refused; names by permission; audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from centre_desk.errors import PermissionDenied
from centre_desk.models.audit import AuditEvent
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.legal import due
from centre_desk.services.legal.service import LegalService
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)


def _step(installed: Installed, rid: int, due_on: date | None, done_on: date | None = None, **values: str) -> int:
    given = {"authority": "court", "step": "hearing", "due_on": due_on, "done_on": done_on} | values
    row = installed.centre.entries.save(installed.manager, "legal_step", rid, None, None,
                                        EntryInput(WHEN, tuple(given.items())))  # fmt: skip
    return row.id


def test_steps_due_this_week_and_late_soonest_first(installed: Installed) -> None:
    today = local_day(datetime.now(UTC))
    mai = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=40))
    pa = resident(installed.centre, installed.manager, "Vàng Thị Pà", WHEN - timedelta(days=20))
    hearing = _step(installed, mai, today + timedelta(days=3), authority_name="Tòa án nhân dân tỉnh Lai Châu")
    late = _step(installed, pa, today - timedelta(days=10), authority="other", step="compensation",
                 authority_name="Thi hành án dân sự tỉnh Lai Châu")  # fmt: skip
    today_step = _step(installed, pa, today, authority="police", step="other", step_detail="Đối chất")
    _step(installed, mai, today + timedelta(days=8))  # next week: not yet
    _step(installed, mai, today + timedelta(days=1), done_on=today)  # done
    _step(installed, mai, None, done_on=today - timedelta(days=3))  # nothing due
    struck = _step(installed, pa, today + timedelta(days=2))
    version = installed.centre.entries.get(installed.manager, "legal_step", struck).version
    installed.centre.entries.strike(installed.manager, "legal_step", struck, version, "Ghi nhầm đối tượng")
    found = installed.centre.legal.steps_due(staff(installed, Role.COUNSELLOR))
    assert [r.entry_id for r in found] == [late, today_step, hearing]
    first, second, third = found
    assert (first.resident_id, first.name, first.step, first.authority) == (
        pa,
        "Vàng Thị Pà",
        "Compensation paid",
        "Thi hành án dân sự tỉnh Lai Châu",
    )
    assert (first.late, first.days_left, first.due_on) == (True, -10, today - timedelta(days=10))
    assert (second.step, second.authority, second.late, second.days_left) == ("Đối chất", "Police", False, 0)
    assert (third.name, third.late, third.days_left, third.step) == ("Giàng Thị Mai", False, 3, "Trial hearing")
    with installed.centre.sessions() as s:
        assert third.code == s.get(Resident, mai).code  # type: ignore[union-attr]
        codes = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("legal.%"))))
    assert codes == ["legal.steps_due_viewed"]


def test_the_window_ends_a_week_ahead_by_the_service_clock(installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=40))
    centre = installed.centre
    later = datetime.now(UTC) + timedelta(days=30)
    today = local_day(later)
    week_end = _step(installed, rid, today + timedelta(days=7))
    _step(installed, rid, today + timedelta(days=8))
    service = LegalService(centre.sessions, centre.read_sessions, centre.audit, centre.access, clock=lambda: later)
    assert [r.entry_id for r in service.steps_due(installed.manager)] == [week_end]
    assert service.steps_due(installed.manager, within_days=8)[-1].days_left == 8


def test_a_nurse_is_refused_and_the_refusal_audited(installed: Installed) -> None:
    nurse = staff(installed, Role.NURSE)
    with pytest.raises(PermissionDenied):
        installed.centre.legal.steps_due(nurse)
    with installed.centre.sessions() as s:
        denied = s.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert [(e.action, e.field_group) for e in denied][-1:] == [("view.denied", "legal")]


def test_without_identity_access_the_alias_and_one_query(installed: Installed) -> None:
    today = local_day(datetime.now(UTC))
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=40))
    for n in range(5):
        _step(installed, rid, today + timedelta(days=n))
    statements: list[str] = []
    engine = installed.centre.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    with installed.centre.sessions() as s:
        event.listen(engine, "before_cursor_execute", listener)
        try:
            rows = due.steps_due(s, today, names=False)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(rows) == 5 and len([q for q in statements if "legal_step" in q]) == 1
    assert all(r.name != "Giàng Thị Mai" and r.name for r in rows)
