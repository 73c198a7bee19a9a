"""A kind declared by a test gets the service, the permissions, the audit, paging and the Timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import Conflict, PermissionDenied, ValidationError, ValidationErrors
from centre_desk.models.audit import AuditEvent
from centre_desk.models.entries import EntryRevision
from centre_desk.models.staff import Role
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import EntryKind, kinds_of_tab, tabs
from tests.conftest import Installed
from tests.services.entries.kind_support import moment
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident


def call(who: str = "Mẹ", minutes: int | None = 10, day: int = 3, **more: object) -> EntryInput:
    values = {"who": who, "minutes": minutes, **more}
    return EntryInput(moment(day), tuple(values.items()))  # type: ignore[arg-type]


def actions(installed: Installed) -> list[tuple[str, str, str]]:
    with installed.centre.sessions() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.record_type, AuditEvent.outcome).order_by(AuditEvent.seq))
        return [(a, t, o) for a, t, o in rows]


def test_a_declared_kind_has_a_tab_and_its_entries_a_list(installed: Installed, phone_kind: EntryKind) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    assert "test_calls" in [t.code for t in tabs()]
    assert kinds_of_tab("test_calls") == (phone_kind,)
    first = entries.save(manager, phone_kind.code, rid, None, None, call(day=3, worrying=True))
    entries.save(manager, phone_kind.code, rid, None, None, call("Bố", 5, day=4))
    page = entries.page(manager, phone_kind.code, rid)
    assert [r.value("who") for r in page.rows] == ["Bố", "Mẹ"]  # newest first
    assert page.total == 2 and page.next is None
    assert page.rows[1].flag and not page.rows[0].flag
    assert page.rows[1].summary == "Mẹ (10 min)"
    assert page.rows[1].recorded_by == "Nguyễn Thị Hường" and first.version == 1
    assert ("entry.created", "test_phone_call", "ok") in actions(installed)
    assert ("entry.listed", "test_phone_call", "ok") in actions(installed)


def test_every_problem_at_once_and_nothing_written(installed: Installed, phone_kind: EntryKind) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    with pytest.raises(ValidationErrors) as caught:
        entries.save(manager, phone_kind.code, rid, None, None, call("", 500, mood="angry", colour="red"))
    assert {field for field, _m in caught.value.problems} == {"who", "minutes", "mood", "colour"}
    with pytest.raises(ValidationError, match=r"future|tương lai"):
        entries.save(manager, phone_kind.code, rid, None, None,
                     EntryInput(moment(3) + timedelta(days=400), (("who", "Mẹ"),)))  # fmt: skip
    assert entries.page(manager, phone_kind.code, rid).total == 0


def test_a_change_keeps_the_old_values_and_a_stale_copy_is_refused(installed: Installed, phone_kind: EntryKind) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    row = entries.save(manager, phone_kind.code, rid, None, None, call(minutes=10))
    changed = entries.save(manager, phone_kind.code, rid, row.id, row.version, call(minutes=12))
    assert changed.version == 2 and changed.value("minutes") == 12 and changed.revisions == 1
    with pytest.raises(Conflict):
        entries.save(manager, phone_kind.code, rid, row.id, row.version, call(minutes=15))
    history = entries.revisions(manager, phone_kind.code, row.id)
    assert [dict(h.values)["minutes"] for h in history] == [10]
    struck = entries.strike(manager, phone_kind.code, row.id, changed.version, "ghi nhầm người")
    assert struck.struck and struck.struck_reason == "ghi nhầm người"
    with pytest.raises(ValidationError):
        entries.save(manager, phone_kind.code, rid, row.id, struck.version, call(minutes=20))
    assert entries.page(manager, phone_kind.code, rid).rows[0].struck  # kept, never deleted
    with installed.centre.sessions() as s:
        assert s.scalar(select(EntryRevision.id).where(EntryRevision.entry_id == row.id).limit(1)) is not None


def test_the_kinds_group_decides_who_may_list_and_write(installed: Installed, phone_kind: EntryKind) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    nurse, counsellor = staff(installed, Role.NURSE), staff(installed, Role.COUNSELLOR)
    entries.save(manager, phone_kind.code, rid, None, None, call())
    with pytest.raises(PermissionDenied):
        entries.page(nurse, phone_kind.code, rid)  # LEGAL: the nurse has no access
    assert entries.page(counsellor, phone_kind.code, rid).total == 1  # LEGAL view
    with pytest.raises(PermissionDenied):
        entries.save(counsellor, phone_kind.code, rid, None, None, call())
    assert ("view.denied", "resident", "denied") in actions(installed)
    assert ("create.denied", "test_phone_call", "denied") in actions(installed)
    assert phone_kind not in entries.kinds_for(nurse) and phone_kind in entries.kinds_for(counsellor)
    nurse_items = entries.timeline(nurse, rid).items
    assert all(i.source != phone_kind.code for i in nurse_items)
    assert any(i.source == phone_kind.code for i in entries.timeline(counsellor, rid).items)


def test_restricted_entries_show_as_restricted_and_the_glass_can_be_broken(
    installed: Installed, phone_kind: EntryKind
) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    intake, counsellor = staff(installed, Role.INTAKE), staff(installed, Role.COUNSELLOR)
    secret = EntryInput(moment(5), (("who", "Bạn trai cũ"), ("minutes", 3)), restricted=True)
    row = entries.save(intake, phone_kind.code, rid, None, None, secret)  # create on the restricted group
    for actor in (intake, counsellor):  # no VIEW on the sensitive group: a bare line
        (seen,) = entries.page(actor, phone_kind.code, rid).rows
        assert seen.hidden and seen.values == () and seen.summary == ""
        assert entries.get(actor, phone_kind.code, row.id).hidden
        (item,) = [i for i in entries.timeline(actor, rid).items if i.kind == phone_kind.code]
        assert item.hidden and "Bạn trai" not in item.text
        with pytest.raises(PermissionDenied):
            entries.revisions(actor, phone_kind.code, row.id)
    assert entries.page(manager, phone_kind.code, rid).rows[0].value("who") == "Bạn trai cũ"
    with pytest.raises(ValidationError):
        entries.break_glass(counsellor, phone_kind.code, row.id, "xem")
    opened = entries.break_glass(counsellor, phone_kind.code, row.id, "Cô ấy nói bị đe doạ qua điện thoại")
    assert opened.opened_by_glass and opened.value("who") == "Bạn trai cũ"
    with pytest.raises(PermissionDenied):
        entries.glass_breaks(counsellor)  # the review page is the manager's
    (pending,) = entries.glass_breaks(manager)
    assert pending.reason.startswith("Cô ấy nói") and not pending.reviewed
    reviewed = entries.review_glass_break(manager, pending.id, True, "")
    assert reviewed.reviewed and reviewed.justified
    assert entries.glass_breaks(manager) == ()
    assert len(entries.glass_breaks(manager, include_reviewed=True)) == 1
    with pytest.raises(ValidationError):
        entries.review_glass_break(manager, pending.id, False, "lần hai")
    assert ("entry.glass_broken", "test_phone_call", "ok") in actions(installed)


def test_a_thousand_entries_come_a_page_at_a_time(installed: Installed, phone_kind: EntryKind) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = resident(installed.centre, manager, "Giàng Thị Mai", moment(1))
    with installed.centre.sessions.begin() as s:
        for n in range(450):
            s.add(phone_kind.model(resident_id=rid, occurred_at=moment(2) + timedelta(minutes=n // 2),  # ties too
                                   recorded_at=moment(2), who=f"Người {n}", version=1, struck_reason=""))  # fmt: skip
    seen: list[int] = []
    page = entries.page(manager, phone_kind.code, rid)
    while True:
        seen += [r.id for r in page.rows]
        if page.next is None:
            break
        page = entries.page(manager, phone_kind.code, rid, page.next)
    assert len(seen) == len(set(seen)) == 450 and page.total == 450
    timeline_ids: list[int] = []
    t = entries.timeline(manager, rid)
    while True:
        timeline_ids += [i.entry_id for i in t.items if i.kind == phone_kind.code]
        if t.next is None:
            break
        t = entries.timeline(manager, rid, t.next)
    assert sorted(timeline_ids) == sorted(seen)
