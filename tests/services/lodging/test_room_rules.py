"""The room rules as pure functions: every rule, what may be overridden and what never."""

from __future__ import annotations

from dataclasses import replace

import pytest

from centre_desk import i18n
from centre_desk.models.lodging import BedState, RoomAge, RoomSex
from centre_desk.services.lodging.rules import Person, Target, problems_text, room_problems

WOMAN = Person(1, "female", 30)
FREE_ROOM = Target(RoomSex.ANY, RoomAge.ANY, 4, BedState.FREE, None, 0, False)


def codes(person: Person, target: Target) -> list[tuple[str, bool]]:
    return [(p.code, p.overridable) for p in room_problems(person, target)]


def test_a_free_bed_in_a_fitting_room_breaks_nothing() -> None:
    assert room_problems(WOMAN, FREE_ROOM) == ()
    assert room_problems(WOMAN, replace(FREE_ROOM, sex_rule=RoomSex.FEMALE, age_rule=RoomAge.ADULTS)) == ()


@pytest.mark.parametrize(
    ("person", "sex_rule", "broken"),
    [
        (Person(1, "male", 30), RoomSex.FEMALE, True),
        (Person(1, "female", 30), RoomSex.MALE, True),
        (Person(1, "other", 30), RoomSex.FEMALE, True),
        (Person(1, "other", 30), RoomSex.MALE, True),
        (Person(1, "other", 30), RoomSex.ANY, False),
        (Person(1, "male", 30), RoomSex.MALE, False),
    ],
)
def test_sex_rule(person: Person, sex_rule: RoomSex, broken: bool) -> None:
    assert codes(person, replace(FREE_ROOM, sex_rule=sex_rule)) == ([("sex", True)] if broken else [])


@pytest.mark.parametrize(
    ("sex", "age", "rule", "broken"),
    [
        ("female", 17, RoomAge.CHILDREN, False),
        ("female", 18, RoomAge.CHILDREN, True),
        ("female", 17, RoomAge.ADULTS, True),
        ("female", 18, RoomAge.ADULTS, False),
        ("male", 30, RoomAge.MOTHERS_CHILDREN, True),
        ("male", 10, RoomAge.MOTHERS_CHILDREN, False),
        ("female", 30, RoomAge.MOTHERS_CHILDREN, False),
        ("female", None, RoomAge.MOTHERS_CHILDREN, False),
        ("male", None, RoomAge.MOTHERS_CHILDREN, True),
        ("female", None, RoomAge.CHILDREN, True),
        ("female", None, RoomAge.ADULTS, True),
        ("female", None, RoomAge.ANY, False),
    ],
)
def test_age_rule(sex: str, age: int | None, rule: RoomAge, broken: bool) -> None:
    assert codes(Person(1, sex, age), replace(FREE_ROOM, age_rule=rule)) == ([("age", True)] if broken else [])


def test_unknown_age_is_its_own_overridable_problem() -> None:
    i18n.install("vi")
    (problem,) = room_problems(Person(1, "female", None), replace(FREE_ROOM, age_rule=RoomAge.CHILDREN))
    assert problem.overridable and "tuổi" in problem.message.casefold()


def test_capacity_counts_the_others_and_her() -> None:
    assert codes(WOMAN, replace(FREE_ROOM, capacity=2, sharing=1)) == []
    assert codes(WOMAN, replace(FREE_ROOM, capacity=2, sharing=2)) == [("capacity", True)]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (replace(FREE_ROOM, keep_apart=True), [("keep_apart", True)]),
        (replace(FREE_ROOM, bed_state=BedState.RESERVED, reserved_for=2), [("reserved", True)]),
        (replace(FREE_ROOM, bed_state=BedState.RESERVED, reserved_for=1), []),
        (replace(FREE_ROOM, bed_state=BedState.CLEANING), [("cleaning", True)]),
        (replace(FREE_ROOM, bed_state=BedState.OUT_OF_SERVICE), [("out_of_service", False)]),
        (replace(FREE_ROOM, bed_state=BedState.OCCUPIED), [("occupied", False)]),
    ],
)
def test_bed_and_link_rules(target: Target, expected: list[tuple[str, bool]]) -> None:
    assert codes(WOMAN, target) == expected


def test_every_problem_is_listed_in_one_vietnamese_message() -> None:
    i18n.install("vi")
    target = Target(RoomSex.MALE, RoomAge.CHILDREN, 1, BedState.CLEANING, None, 1, True)
    problems = room_problems(WOMAN, target)
    assert [p.code for p in problems] == ["sex", "age", "capacity", "keep_apart", "cleaning"]
    text = problems_text(problems)
    assert all(p.message in text for p in problems)
    assert "Phòng chỉ dành cho nam." in text
