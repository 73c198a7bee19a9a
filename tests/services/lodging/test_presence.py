"""Presence changes, leave passes and the overdue alert; who may do what; audit rows without names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from centre_desk.models import AuditEvent
from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, KeepApart, KeepApartReason, Presence
from centre_desk.models.staff import Role
from centre_desk.services.lodging.dto import LeaveInput
from tests.conftest import Installed
from tests.services.lodging.support import Clock, at, discharge, lodging, resident, room, stay
from tests.ui.record.support import staff

DAY = date(2026, 5, 14)


def test_leave_is_checked_all_at_once(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    service = lodging(centre, Clock(at(DAY, 10)))
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=3), 9))
    bad = LeaveInput(
        mai, "  ", leaves_at=at(DAY - timedelta(days=2), 9), expected_back_at=at(DAY - timedelta(days=3), 9)
    )
    with pytest.raises(ValidationErrors) as refused:
        service.grant_leave(manager, bad)
    assert [field for field, _message in refused.value.problems] == ["reason", "leaves_at", "expected_back_at"]
    good = LeaveInput(mai, "Về thăm nhà", at(DAY, 9), at(DAY, 17), companion="Lù Thị Mai (mẹ)")
    row = service.grant_leave(manager, good)
    assert (row.reason, row.companion, row.returned_at, row.overdue) == ("Về thăm nhà", "Lù Thị Mai (mẹ)", None, False)
    assert row.granted_by == "Nguyễn Thị Hường"
    with pytest.raises(ValidationErrors) as twice:  # already away on a pass
        service.grant_leave(manager, replace(good, leaves_at=at(DAY, 9, 30)))
    assert {field for field, _message in twice.value.problems} == {"resident_id"}

    sua = resident(centre, manager, "Vàng Thị Sua", at(DAY - timedelta(days=3), 9))
    service.set_presence(manager, sua, Presence.HOSPITAL)
    with pytest.raises(ValidationErrors) as absent:
        service.grant_leave(manager, replace(good, resident_id=sua))
    assert absent.value.problems[0][0] == "resident_id"
    gone = resident(centre, manager, "Sùng Thị Dợ", at(DAY - timedelta(days=3), 9))
    discharge(centre, gone, at(DAY, 8))
    with pytest.raises(ValidationErrors):
        service.grant_leave(manager, replace(good, resident_id=gone))


def test_overdue_passes_and_the_return(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 10))
    service = lodging(centre, clock)
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=3), 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(DAY - timedelta(days=3), 9))
    late = service.grant_leave(manager, LeaveInput(mai, "Về thăm nhà", at(DAY, 9), at(DAY, 17)))
    service.grant_leave(manager, LeaveInput(my, "Khám bệnh", at(DAY, 9, 30), at(DAY + timedelta(days=1), 17)))
    assert service.overdue_leaves(manager) == ()
    clock.now = at(DAY, 18)
    overdue = service.overdue_leaves(manager)
    assert [(r.id, r.overdue) for r in overdue] == [(late.id, True)]
    with pytest.raises(ValidationError):  # back before she left
        service.record_return(manager, late.id, late.version, at(DAY, 8))
    back = service.record_return(manager, late.id, late.version, at(DAY, 17, 45))
    assert back.returned_at == at(DAY, 17, 45) and not back.overdue
    with pytest.raises(Conflict):
        service.record_return(manager, late.id, late.version)
    assert service.overdue_leaves(manager) == ()
    census = service.census(manager, DAY)
    assert {r.resident_id: r.presence for r in census.rows} == {mai: Presence.PRESENT, my: Presence.ON_LEAVE}
    # coming back through the presence control closes her pass too
    clock.now = at(DAY + timedelta(days=1), 12)
    service.set_presence(manager, my, Presence.PRESENT)
    assert service.overdue_leaves(manager) == ()
    lodged = service.resident_lodging(manager, my)
    assert lodged.presence is Presence.PRESENT and lodged.leaves[0].returned_at == clock.now
    # away for good while on leave: her return can no longer bring her back into the census
    away = service.grant_leave(manager, LeaveInput(mai, "Về quê", clock.now, clock.now + timedelta(days=1)))
    clock.now += timedelta(hours=2)
    service.set_presence(manager, mai, Presence.GONE, "Gia đình đón về luôn")
    with pytest.raises(ValidationError):
        service.record_return(manager, away.id, away.version, clock.now)
    assert mai not in {r.resident_id for r in service.census(manager).rows}


def test_presence_changes_and_gone_frees_the_bed(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 10))
    service = lodging(centre, clock)
    (g1,) = room(centre, "Nhà A", "Phòng 101", ("G1",))
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=3), 9))
    stay(centre, mai, g1, at(DAY - timedelta(days=3), 10))
    with pytest.raises(ValidationError) as refused:
        service.set_presence(manager, mai, Presence.ON_LEAVE)
    assert refused.value.field == "status"
    service.set_presence(manager, mai, Presence.ABSENT, "Không về sau giờ học")
    clock.now = at(DAY, 11)
    assert service.census(manager).rows[0].presence is Presence.ABSENT
    lodged = service.resident_lodging(manager, mai)
    assert (lodged.presence, lodged.presence_since) == (Presence.ABSENT, at(DAY, 10))
    assert lodged.bed is not None and lodged.bed.bed_label == "G1" and lodged.bed.room_name == "Phòng 101"
    service.set_presence(manager, mai, Presence.GONE, "Gia đình đón về")
    assert service.census(manager).rows == ()
    with centre.sessions() as s:
        ended = s.scalars(select(BedStay).where(BedStay.resident_id == mai)).one()
        assert (ended.end_at, ended.end_reason) == (at(DAY, 11), "Gia đình đón về")
        assert s.get(Bed, g1).state == BedState.CLEANING  # type: ignore[union-attr]
        change = s.scalars(select(BedStateChange).where(BedStateChange.bed_id == g1)).one()
        assert (change.state, change.at) == (BedState.CLEANING, at(DAY, 11))
    with pytest.raises(ValidationError):  # no longer in the centre
        service.set_presence(manager, mai, Presence.PRESENT)
    lodged = service.resident_lodging(manager, mai)
    assert (lodged.presence, lodged.presence_since, lodged.bed) == (Presence.GONE, at(DAY, 11), None)
    assert lodged.stays[0].end_reason == "Gia đình đón về"


def test_who_may_do_what_and_the_audit_keeps_no_name(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    service = lodging(centre, Clock(at(DAY, 10)))
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=3), 9))
    counsellor = staff(centre, manager, "tuvan", "Tòng Thị Ban", Role.COUNSELLOR)
    nurse = staff(centre, manager, "yta", "Lò Thị Hoa", Role.NURSE)
    leave = LeaveInput(mai, "Về thăm nhà", at(DAY, 9), at(DAY, 17))
    with pytest.raises(PermissionDenied):
        service.grant_leave(counsellor, leave)
    with pytest.raises(PermissionDenied):
        service.set_presence(counsellor, mai, Presence.HOSPITAL)
    assert service.census(counsellor).rows[0].resident_id == mai
    service.set_presence(nurse, mai, Presence.HOSPITAL)
    service.set_presence(nurse, mai, Presence.PRESENT)
    with pytest.raises(ValidationErrors) as early:  # she was in hospital at 9
        service.grant_leave(nurse, leave)
    assert [field for field, _message in early.value.problems] == ["leaves_at"]
    row = service.grant_leave(nurse, replace(leave, leaves_at=at(DAY, 10)))
    service.record_return(nurse, row.id, row.version, at(DAY, 10))
    service.resident_lodging(counsellor, mai)
    with centre.sessions() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action.like("lodging.%"))))
    actions = [(e.action, e.outcome) for e in events]
    for code in ("lodging.census_viewed", "lodging.presence", "lodging.leave_granted", "lodging.leave_returned"):
        assert (code, "ok") in actions
    assert ("lodging.viewed", "ok") in actions
    with centre.sessions() as s:
        denied = list(s.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")))
    assert len(denied) == 2
    for e in events + denied:
        text = " ".join(str(v) for v in (e.record_type, e.record_id, e.field_group, e.action))
        assert "Mai" not in text and "Lò" not in text
    assert {e.record_id for e in events if e.record_type == "resident"} == {str(mai)}


def test_the_resident_lodging_gathers_bed_history_leave_links_and_clock(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    clock = Clock(at(DAY, 10))
    service = lodging(centre, clock)
    g1, g2 = room(centre, "Nhà A", "Phòng 101", ("G1", "G2"))
    mai = resident(centre, manager, "Lò Thị Mai", at(DAY - timedelta(days=9), 9))
    my = resident(centre, manager, "Giàng Thị Mỷ", at(DAY - timedelta(days=9), 9))
    stay(centre, mai, g1, at(DAY - timedelta(days=9), 10), end=at(DAY - timedelta(days=2), 8))
    stay(centre, mai, g2, at(DAY - timedelta(days=2), 8))
    with centre.sessions.begin() as s:
        s.add_all([
            KeepApart(version=1, resident_id=my, other_id=mai, reason=KeepApartReason.SAME_RECRUITER,
                      created_at=at(DAY - timedelta(days=5), 9)),
            KeepApart(version=1, resident_id=mai, other_id=my, reason=KeepApartReason.CONFLICT,
                      created_at=at(DAY - timedelta(days=8), 9), ended_at=at(DAY - timedelta(days=6), 9)),
        ])  # fmt: skip
    service.grant_leave(manager, LeaveInput(mai, "Về thăm nhà", at(DAY, 9), at(DAY, 17)))
    lodged = service.resident_lodging(manager, mai)
    assert [(s.bed_label, s.end_at is None) for s in lodged.stays] == [("G2", True), ("G1", False)]
    assert lodged.bed == lodged.stays[0]
    assert (lodged.presence, lodged.presence_since) == (Presence.ON_LEAVE, at(DAY, 9))
    assert [(k.other_id, k.other_label, k.reason, k.ended_at is None) for k in lodged.keep_apart] == [
        (my, "Giàng Thị Mỷ", KeepApartReason.SAME_RECRUITER, True),
        (my, "Giàng Thị Mỷ", KeepApartReason.CONFLICT, False),
    ]
    assert [p.reason for p in lodged.leaves] == ["Về thăm nhà"]
    assert lodged.clock is not None and lodged.clock.days_used == 10 and lodged.clock.limit_days == 120
    with centre.sessions() as s:
        viewed = s.scalars(select(AuditEvent).where(AuditEvent.action == "lodging.viewed")).one()
    assert (viewed.record_type, viewed.record_id) == ("resident", str(mai))
