"""The stay limit: 60 days before 01/07/2025, 120 from then; warnings at 14 and 3 days; extensions move the
deadline; discharge stops the clock; the alerts and the Overview's counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models import AuditEvent
from centre_desk.models.lodging import Presence
from centre_desk.models.resident import Admission
from centre_desk.models.staff import Role
from centre_desk.services.lodging import rules
from centre_desk.services.lodging.dto import ExtensionInput, ExtensionRow
from centre_desk.services.overview import OverviewService
from tests.conftest import Installed
from tests.services.lodging.support import Clock, at, discharge, lodging, resident
from tests.ui.record.support import staff

RECORDED = datetime(2025, 8, 1, 3, tzinfo=UTC)


def _extension(until: date, decided: date = date(2025, 8, 20), number: str = "15/QĐ-TTCTXH") -> ExtensionRow:
    return ExtensionRow(1, number, decided, "Giám đốc Trung tâm", until, "", RECORDED, "Nguyễn Thị Hường")


@pytest.mark.parametrize(
    ("admitted", "limit", "deadline", "basis"),
    [
        (date(2025, 6, 30), 60, date(2025, 8, 28), rules.BASIS_BEFORE),
        (date(2025, 7, 1), 120, date(2025, 10, 28), rules.BASIS_FROM),
    ],
)
def test_the_limit_switches_on_1_july_2025(admitted: date, limit: int, deadline: date, basis: str) -> None:
    clock = rules.stay_clock(1, admitted, admitted)
    assert (clock.limit_days, clock.base_deadline, clock.deadline, clock.legal_basis) == (
        limit,
        deadline,
        deadline,
        basis,
    )
    assert (clock.days_used, clock.days_left, clock.level) == (1, limit - 1, "ok")


@pytest.mark.parametrize(
    ("days_left", "level"),
    [(15, "ok"), (14, "soon"), (4, "soon"), (3, "urgent"), (0, "urgent"), (-1, "over"), (-30, "over")],
)
def test_warnings_at_14_and_3_days(days_left: int, level: str) -> None:
    deadline = date(2025, 10, 28)
    clock = rules.stay_clock(1, date(2025, 7, 1), deadline - timedelta(days=days_left))
    assert (clock.days_left, clock.level) == (days_left, level)


def test_extensions_move_the_deadline_and_discharge_stops_the_clock() -> None:
    admitted, today = date(2025, 6, 30), date(2025, 8, 27)
    assert rules.stay_clock(1, admitted, today).level == "urgent"
    first = _extension(date(2025, 9, 30))
    later = _extension(date(2025, 10, 31), decided=date(2025, 9, 25), number="40/QĐ-TTCTXH")
    clock = rules.stay_clock(1, admitted, today, [first])
    assert (clock.deadline, clock.days_left, clock.level, clock.base_deadline) == (
        date(2025, 9, 30), 34, "ok", date(2025, 8, 28),
    )  # fmt: skip
    clock = rules.stay_clock(1, admitted, date(2025, 10, 1), [later, first])
    assert (clock.deadline, clock.extensions[0].decision_number) == (date(2025, 10, 31), "40/QĐ-TTCTXH")
    ended = rules.stay_clock(1, admitted, date(2025, 12, 1), ended_on=date(2025, 8, 10))
    assert (ended.days_used, ended.level) == (42, "ended")
    assert rules.stay_clock(1, admitted, date(2025, 8, 5), ended_on=date(2025, 8, 10)).days_used == 37


def test_the_clock_of_a_resident_and_her_extension(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(date(2025, 8, 20), 10))
    service = lodging(centre, clock)
    mai = resident(centre, manager, "Lò Thị Mai", at(date(2025, 6, 30), 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(date(2025, 7, 1), 9))
    before, after = service.stay_clock(manager, mai), service.stay_clock(manager, my)
    assert before is not None and after is not None
    assert (before.limit_days, before.deadline, before.days_used, before.days_left, before.level) == (
        60, date(2025, 8, 28), 52, 8, "soon",
    )  # fmt: skip
    assert (after.limit_days, after.deadline, after.level) == (120, date(2025, 10, 28), "ok")

    wanted = ExtensionInput(
        before.admission_id, "15/QĐ-TTCTXH", date(2025, 8, 20), "Giám đốc Trung tâm", date(2025, 9, 30)
    )
    intake = staff(centre, manager, "tiepnhan", "Lường Thị Ban", Role.INTAKE)
    with pytest.raises(PermissionDenied):
        service.extend_stay(intake, wanted)
    bad = ExtensionInput(before.admission_id, " ", date(2025, 8, 21), "", date(2025, 8, 28))
    with pytest.raises(ValidationErrors) as refused:
        service.extend_stay(manager, bad)
    assert [f for f, _m in refused.value.problems] == ["decision_number", "decided_by", "decision_date", "until"]
    with pytest.raises(ValidationErrors) as early:
        service.extend_stay(
            manager, ExtensionInput(before.admission_id, "1/QĐ", date(2025, 6, 29), "GĐ", date(2025, 9, 1))
        )
    assert [f for f, _m in early.value.problems] == ["decision_date"]
    extended = service.extend_stay(manager, wanted)
    assert (extended.deadline, extended.days_left, extended.level, extended.base_deadline) == (
        date(2025, 9, 30), 41, "ok", date(2025, 8, 28),
    )  # fmt: skip
    assert extended.extensions[0].recorded_by == "Nguyễn Thị Hường"
    assert extended.extensions[0].recorded_at == clock.now
    with centre.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "lodging.stay_extended")).one()
    assert (event.record_type, event.record_id) == ("resident", str(mai))

    discharge(centre, my, at(date(2025, 8, 10), 15))
    ended = service.stay_clock(manager, my)
    assert ended is not None and (ended.level, ended.days_used) == ("ended", 41)
    with pytest.raises(ValidationErrors) as over:
        service.extend_stay(
            manager, ExtensionInput(ended.admission_id, "2/QĐ", date(2025, 8, 12), "GĐ", date(2026, 1, 1))
        )
    assert [f for f, _m in over.value.problems] == ["admission_id"]


def test_alerts_the_most_pressing_first_and_the_overview_counts(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    today = date(2025, 11, 10)
    clock = Clock(at(today, 10))
    service = lodging(centre, clock)
    overview = OverviewService(centre.read_sessions, centre.access, clock=clock)
    over = resident(centre, manager, "Lò Thị Mai", at(date(2025, 6, 1), 9))  # deadline 30/07/2025
    urgent = resident(centre, manager, "Giàng Thị Mỷ", at(date(2025, 7, 15), 9))  # 11/11/2025: 1 day left
    soon = resident(centre, manager, "Sùng Thị Dợ", at(date(2025, 7, 25), 9))  # 21/11/2025: 11 days
    resident(centre, manager, "Vàng Thị Sua", at(date(2025, 7, 27), 9))  # 23/11/2025: 13 days — soon
    resident(centre, manager, "Thào Thị Chớ", at(date(2025, 8, 10), 9))  # 07/12/2025: ok
    gone = resident(centre, manager, "Lầu Thị Pàng", at(date(2025, 6, 1), 9))
    left = resident(centre, manager, "Hầu Thị Dua", at(date(2025, 6, 1), 9))
    service.set_presence(manager, gone, Presence.GONE)
    discharge(centre, left, at(date(2025, 8, 1), 9))
    extended = resident(centre, manager, "Mùa Thị Xúa", at(date(2025, 6, 2), 9))
    with centre.sessions() as s:
        admission_id = s.scalar(select(Admission.id).where(Admission.resident_id == extended))
    assert admission_id is not None
    service.extend_stay(
        manager, ExtensionInput(admission_id, "9/QĐ-TTCTXH", date(2025, 7, 28), "Giám đốc Trung tâm", date(2026, 1, 31))
    )
    alerts = service.stay_alerts(manager)
    assert [a.resident_id for a in alerts][:3] == [over, urgent, soon]
    assert [a.clock.level for a in alerts] == ["over", "urgent", "soon", "soon"]
    assert alerts[1].clock.days_left == 1 and alerts[1].label == "Giàng Thị Mỷ"
    figures = overview.figures(manager)
    assert (figures.stay_soon, figures.stay_urgent, figures.stay_over, figures.overdue_leaves) == (2, 1, 1, 0)
    clock.now = at(date(2026, 1, 25), 10)  # the extension's end comes near; the others are over
    figures = overview.figures(manager)
    assert (figures.stay_soon, figures.stay_urgent, figures.stay_over) == (1, 0, 5)
    admin = staff(centre, manager, "quantri", "Vàng Văn Minh", Role.ADMINISTRATOR)
    figures = overview.figures(admin)
    assert (figures.stay_soon, figures.stay_urgent, figures.stay_over, figures.overdue_leaves) == (None,) * 4
