"""Schooling and training through the entry foundation, on both databases: every kind written and read back as
written (the derived decision date and the course copied from the catalogue), the result of a year no enrolment
covers refused by the service itself, and the schooling entries out of a nurse's reach."""

from __future__ import annotations

from datetime import timedelta

import pytest

from centre_desk.errors import NotFound, PermissionDenied, ValidationErrors
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import kinds_of_tab, tabs
from centre_desk.services.workdays import calendar
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident
from tests.services.schooling.support import DAY, WHEN, course, full

KINDS = ("school_enrolment", "school_term_result", "support_application", "vocational_enrolment", "job_support")


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def _resident(installed: Installed) -> int:
    return resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=30))


def test_the_schooling_tab_holds_the_five_kinds() -> None:
    assert [k.code for k in kinds_of_tab("schooling")] == list(KINDS)
    tab = next(t for t in tabs() if t.code == "schooling")
    assert (tab.title, tab.order) == ("Schooling and training", 40)


@pytest.mark.parametrize("code", KINDS)
def test_each_kind_is_read_back_as_written(installed: Installed, people: dict[Role, Actor], code: str) -> None:
    entries = installed.centre.entries
    rid = _resident(installed)
    course_id = course(installed)
    if code == "school_term_result":
        enrolment = EntryInput(WHEN, full("school_enrolment"))
        entries.save(people[Role.INTAKE], "school_enrolment", rid, None, None, enrolment)
    given = full(code, course_id)
    saved = entries.save(people[Role.INTAKE], code, rid, None, None, EntryInput(WHEN, given))
    expected = dict(given)
    if code == "support_application":
        expected["decision_due_on"] = calendar().add(DAY - timedelta(days=2), 9)
    for role in (Role.INTAKE, Role.COUNSELLOR, Role.MANAGER):
        row = entries.get(people[role], code, saved.id)
        assert dict(row.values) == expected and row.occurred_at == WHEN and row.summary
        assert entries.page(people[role], code, rid).rows[0].id == saved.id
    assert any(i.kind == code for i in entries.timeline(people[Role.COUNSELLOR], rid).items)
    changed = tuple((n, "Đã sửa" if n == "note" else v) for n, v in given)
    again = entries.save(people[Role.MANAGER], code, rid, saved.id, saved.version, EntryInput(WHEN, changed))
    assert again.version == saved.version + 1 and len(entries.revisions(people[Role.INTAKE], code, saved.id)) == 1
    with pytest.raises(PermissionDenied):  # the counsellor reads schooling entries, never writes them
        entries.save(people[Role.COUNSELLOR], code, rid, None, None, EntryInput(WHEN, given))


def test_a_result_needs_an_enrolment_of_that_school_year(installed: Installed) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = _resident(installed)
    with pytest.raises(ValidationErrors) as refused:
        entries.save(manager, "school_term_result", rid, None, None, EntryInput(WHEN, full("school_term_result")))
    assert [f for f, _m in refused.value.problems] == ["school_year"]
    left = dict(full("school_enrolment")) | {"left_on": DAY - timedelta(days=370)}  # left a year ago
    entries.save(manager, "school_enrolment", rid, None, None, EntryInput(WHEN, tuple(left.items())))
    with pytest.raises(ValidationErrors):
        entries.save(manager, "school_term_result", rid, None, None, EntryInput(WHEN, full("school_term_result")))
    entries.save(manager, "school_enrolment", rid, None, None, EntryInput(WHEN, full("school_enrolment")))
    row = entries.save(manager, "school_term_result", rid, None, None, EntryInput(WHEN, full("school_term_result")))
    assert row.summary.startswith("First term ")


def test_the_course_is_copied_from_the_catalogue_and_must_exist(installed: Installed) -> None:
    entries, manager = installed.centre.entries, installed.manager
    rid = _resident(installed)
    course_id = course(installed)
    typed = dict(full("vocational_enrolment", course_id)) | {"course": "Sai", "provider": "Sai"}
    row = entries.save(manager, "vocational_enrolment", rid, None, None, EntryInput(WHEN, tuple(typed.items())))
    assert (row.value("course"), row.value("provider")) == ("May công nghiệp", "Trung tâm GDNN-GDTX huyện Tam Đường")
    with pytest.raises(ValidationErrors) as refused:
        entries.save(manager, "vocational_enrolment", rid, None, None,
                     EntryInput(WHEN, full("vocational_enrolment", course_id + 99)))  # fmt: skip
    assert [f for f, _m in refused.value.problems] == ["course_id"]


def test_the_form_lists_the_courses_offered(installed: Installed, people: dict[Role, Actor]) -> None:
    schooling, entries = installed.centre.schooling, installed.centre.entries
    kept = course(installed)
    retired = schooling.save_course(installed.manager, None, None, schooling.courses(installed.manager)[0].as_input())
    schooling.set_course_offered(installed.manager, retired.id, retired.version, False)
    offered = entries.choices(people[Role.INTAKE], "vocational_enrolment", "vocational_courses")
    assert [code for code, _label in offered] == [str(kept)]
    assert "May công nghiệp" in offered[0][1] and "Tam Đường" in offered[0][1]
    with pytest.raises(PermissionDenied):
        entries.choices(people[Role.NURSE], "vocational_enrolment", "vocational_courses")
    with pytest.raises(NotFound):
        entries.choices(people[Role.INTAKE], "school_enrolment", "vocational_courses")


def test_a_nurse_cannot_reach_schooling_entries(installed: Installed, people: dict[Role, Actor]) -> None:
    entries = installed.centre.entries
    nurse = people[Role.NURSE]
    rid = _resident(installed)
    course_id = course(installed)
    saved = {code: entries.save(people[Role.INTAKE], code, rid, None, None, EntryInput(WHEN, full(code, course_id)))
             for code in KINDS if code != "school_term_result"}  # fmt: skip
    assert not {k.code for k in entries.kinds_for(nurse)} & set(KINDS)
    for code, row in saved.items():
        with pytest.raises(PermissionDenied):
            entries.page(nurse, code, rid)
        with pytest.raises(PermissionDenied):
            entries.get(nurse, code, row.id)
        with pytest.raises(PermissionDenied):
            entries.revisions(nurse, code, row.id)
        with pytest.raises(PermissionDenied):
            entries.save(nurse, code, rid, None, None, EntryInput(WHEN, full(code, course_id)))
    line = entries.timeline(nurse, rid).items
    assert not [i for i in line if i.kind in KINDS]
    assert "Tả Lèng" not in " ".join(i.text for i in line)
    with pytest.raises(PermissionDenied):
        installed.centre.schooling.courses(nurse)
