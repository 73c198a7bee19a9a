"""Read-only after discharge, enforced in the core through every path (profile, dated entries, care plan, legal aid),
except follow-up and the discharge's own tables; writable again once a manager reopens, with the history kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from centre_desk.errors import PermissionDenied, ValidationError
from centre_desk.models.discharge import DischargeReopening
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.care_plan.dto import ActionInput, PlanInput
from centre_desk.services.discharge.guard import RecordClosed, history_writes
from centre_desk.services.discharge.terms import State
from centre_desk.services.entries.dto import EntryInput
from tests.conftest import Installed
from tests.services.discharge.support import NOW, TODAY, in_bed, people, ready, row_id, service
from tests.services.legal.test_legal_entries import FULL
from tests.services.lodging.support import Clock, lodging, room

pytestmark = pytest.mark.usefixtures("english")


class Probe(DeclarativeBase):
    pass


class FollowUpProbe(Probe):
    """Stands for the follow-up tables (another part of issue 14): named follow_up_*, carrying resident_id."""

    __tablename__ = "follow_up_probe"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int]


class OtherProbe(Probe):
    __tablename__ = "other_probe"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int]


@pytest.fixture
def staff(installed: Installed) -> dict[Role, Actor]:
    return people(installed)


def review() -> EntryInput:
    return EntryInput(NOW - timedelta(hours=1), (("progress", "on_track"), ("done", "Khám sức khỏe")))


def plan() -> PlanInput:
    return PlanInput("Ổn định sức khỏe", TODAY, TODAY + timedelta(days=60),
                     (ActionInput("medical", "Khám định kỳ", None, TODAY + timedelta(days=30)),))  # fmt: skip


def test_writes_refused_after_discharge_and_allowed_after_reopen(
    installed: Installed, staff: dict[Role, Actor]
) -> None:
    centre, manager, worker = installed.centre, installed.manager, staff[Role.INTAKE]
    clock = Clock(NOW)
    svc, rooms = service(centre, clock), lodging(centre, clock)
    rid, _bed = in_bed(installed)
    free = room(centre, "Nhà B", "Phòng 2", ("G1",))[0]
    centre.entries.save(worker, "care_plan_review", rid, None, None, review())  # before: writable
    st = ready(svc, worker, rid)
    assert st.current is not None
    st = svc.approve(manager, row_id(st), st.current.version)
    record = centre.residents.record(manager, rid)
    refused = [
        lambda: centre.residents.update_person(manager, rid, record.resident_version,
                                               replace(record.person, home_commune="Bình Lư")),
        lambda: centre.entries.save(worker, "care_plan_review", rid, None, None, review()),
        lambda: centre.care_plans.write(worker, rid, plan()),
        lambda: centre.entries.save(worker, "legal_info_session", rid, None, None,
                                    EntryInput(NOW - timedelta(hours=1), FULL["legal_info_session"])),
    ]  # fmt: skip
    for write in refused:
        with pytest.raises(RecordClosed, match="read-only, except for follow-up"):
            write()
    paper = centre.documents.issue(manager, "admission-record", rid)  # the register: papers print after discharge
    assert paper.entry is not None and not paper.copy
    with centre.sessions.begin() as s:  # follow-up is allowed; another table of hers is not
        Probe.metadata.create_all(s.connection())
    with centre.sessions.begin() as s:
        s.add(FollowUpProbe(resident_id=rid))
    with pytest.raises(RecordClosed), centre.sessions.begin() as s:
        s.add(OtherProbe(resident_id=rid))
    with centre.sessions.begin() as s:  # the demo generator writes history
        history_writes(s)
        s.add(OtherProbe(resident_id=rid))
    with pytest.raises(RecordClosed), centre.sessions.begin() as s:  # for that transaction only
        s.add(OtherProbe(resident_id=rid))

    assert st.current is not None
    for role in (Role.INTAKE, Role.NURSE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            svc.reopen(staff[role], st.current.id, st.current.version, "Quyết định nhầm người")
    with pytest.raises(ValidationError):
        svc.reopen(manager, st.current.id, st.current.version, "nhầm")
    clock.now = NOW + timedelta(hours=2)
    back = svc.reopen(manager, st.current.id, st.current.version, "Gia đình không đến đón, em ở lại Trung tâm")
    assert back.current is not None and back.current.state == State.REOPENED and not back.read_only
    assert [h.what for h in back.history] == ["reopened", "approved", "requested"]
    centre.entries.save(worker, "care_plan_review", rid, None, None, review())  # writable again
    steps = [i.text for i in centre.entries.timeline(manager, rid).items if i.source == "discharge"]
    assert steps[0].startswith("Reopened – Gia đình") and steps[1].startswith("Approved") and len(steps) == 3
    centre.care_plans.write(worker, rid, plan())
    assert centre.lodging.resident_lodging(manager, rid).bed is None  # the bed is not given back
    rooms.place(manager, rid, free, "Về lại phòng")
    with centre.sessions() as s:
        kept = s.scalar(select(DischargeReopening))
        assert kept is not None and kept.was_discharged_at == NOW
    with centre.sessions.begin() as s:
        Probe.metadata.drop_all(s.connection())
