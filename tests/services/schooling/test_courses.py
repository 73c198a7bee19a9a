"""The catalogue of vocational courses: only the manager keeps it (intake and the counsellor read it, the nurse not
at all), every problem at once, a stale version refused, a retired course kept with its enrolments; audited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from centre_desk.errors import Conflict, PermissionDenied, ValidationErrors
from centre_desk.models.audit import AuditEvent
from centre_desk.models.staff import Role
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.schooling.support import TAILORING


def test_only_the_manager_edits_the_catalogue(installed: Installed) -> None:
    schooling = installed.centre.schooling
    people = {role: staff(installed, role) for role in (Role.INTAKE, Role.COUNSELLOR, Role.NURSE)}
    for actor in people.values():
        with pytest.raises(PermissionDenied):
            schooling.save_course(actor, None, None, TAILORING)
    row = schooling.save_course(installed.manager, None, None, TAILORING)
    for role in (Role.INTAKE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            schooling.set_course_offered(people[role], row.id, row.version, False)
        assert [c.trade for c in schooling.courses(people[role])] == ["May công nghiệp"]
    with pytest.raises(PermissionDenied):
        schooling.courses(people[Role.NURSE])
    with installed.centre.sessions() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("schooling.%"))))
    assert actions.count("schooling.course_added") == 1 and "schooling.courses_viewed" in actions


def test_every_problem_at_once_and_the_money_in_dong(installed: Installed) -> None:
    schooling = installed.centre.schooling
    wrong = replace(TAILORING, trade="  ", provider="", level="weekly", cost=-1, hours=6000)
    with pytest.raises(ValidationErrors) as refused:
        schooling.save_course(installed.manager, None, None, wrong)
    assert [f for f, _m in refused.value.problems] == ["trade", "provider", "level", "hours", "cost"]
    row = schooling.save_course(installed.manager, None, None, replace(TAILORING, trade="  May   công nghiệp "))
    assert (row.trade, row.cost, row.active, row.enrolled) == ("May công nghiệp", 3_600_000, True, 0)


def test_a_change_keeps_its_version_and_a_retired_course_stays(installed: Installed) -> None:
    schooling, manager = installed.centre.schooling, installed.manager
    row = schooling.save_course(manager, None, None, TAILORING)
    changed = schooling.save_course(manager, row.id, row.version, replace(TAILORING, cost=4_000_000))
    assert (changed.cost, changed.version) == (4_000_000, row.version + 1)
    with pytest.raises(Conflict):
        schooling.save_course(manager, row.id, row.version, TAILORING)
    retired = schooling.set_course_offered(manager, row.id, changed.version, False)
    assert not retired.active and [c.id for c in schooling.courses(manager)] == [row.id]
    assert schooling.set_course_offered(manager, row.id, retired.version, True).active
