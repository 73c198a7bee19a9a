"""The schooling kinds' hooks as pure functions: dates in order, the support with its school years, results only
for the years of her enrolments, the Mẫu 07 clock and decision, the course and its certificate, the placement."""

from __future__ import annotations

from datetime import date

from centre_desk.services.entries.fields import Value
from centre_desk.services.entries.kinds import Context
from centre_desk.services.schooling.kinds import APPLICATION, COURSE, ENROLMENT, JOB, RESULT
from centre_desk.services.schooling.rules import FACT_SEPARATOR, application_late
from centre_desk.services.schooling.terms import school_year

ON = date(2026, 3, 2)
YEARS = Context(19, "female", False, ON, facts={"school_years": "2024-2025\n2025-2026"})
COURSES = Context(19, "female", False, ON, facts={"courses": FACT_SEPARATOR.join(("4", "Cắt tóc", "Salon Hoa"))})


def empty(kind: object, **changes: Value) -> dict[str, Value]:
    return {f.name: f.empty() for f in kind.fields} | changes  # type: ignore[attr-defined]


def fields(problems: list[tuple[str, str]]) -> list[str]:
    return [name for name, _message in problems]


def test_school_year_turns_in_august() -> None:
    assert school_year(date(2025, 7, 31)) == "2024-2025"
    assert school_year(date(2025, 8, 1)) == "2025-2026"


def test_an_enrolment_in_order() -> None:
    base = empty(ENROLMENT, level="primary", school="Trường TH Tả Lèng", enrolled_on=date(2025, 9, 5))
    assert ENROLMENT.check(base, YEARS) == []
    assert fields(ENROLMENT.check(base | {"left_on": date(2025, 9, 1)}, YEARS)) == ["left_on"]
    assert fields(ENROLMENT.check(base | {"records_transferred": True}, YEARS)) == ["records_transferred_on"]
    assert fields(ENROLMENT.check(base | {"records_transferred_on": ON}, YEARS)) == ["records_transferred_on"]


def test_the_support_names_its_first_school_year_and_covers_the_next() -> None:
    base = empty(ENROLMENT, level="primary", school="Trường TH Tả Lèng", enrolled_on=date(2025, 9, 5))
    assert fields(ENROLMENT.check(base | {"tuition_exempt": True}, YEARS)) == ["support_from"]
    assert fields(ENROLMENT.check(base | {"support_from": "2025-2026"}, YEARS)) == ["support_from"]
    early = base | {"books_support": True, "support_from": "2024-2025"}
    assert fields(ENROLMENT.check(early, YEARS)) == ["support_from"]
    good = base | {"tuition_exempt": True, "books_support": True, "support_from": "2025-2026"}
    assert ENROLMENT.check(good, YEARS) == []
    assert ENROLMENT.summary(good) == (
        "Primary school: Trường TH Tả Lèng · from 05/09/2025 · tuition exempted, books and supplies "
        "2025–2026 and 2026–2027"
    )


def test_results_only_for_the_years_of_her_enrolments() -> None:
    result = empty(RESULT, school_year="2025-2026", term="term1", result="not_passed", days_absent=3)
    assert RESULT.check(result, YEARS) == []
    assert fields(RESULT.check(result | {"school_year": "2023-2024"}, YEARS)) == ["school_year"]
    assert fields(RESULT.check(result | {"school_year": "2026-2027"}, YEARS)) == ["school_year"]  # after the day
    assert RESULT.flag(result) and not RESULT.flag(result | {"result": "good"})
    assert RESULT.summary(result) == "First term 2025–2026 · result: Not passed · 3 days absent"


def test_the_application_clock_and_decision() -> None:
    sent = empty(APPLICATION, support="schooling", applied_on=date(2026, 2, 12), sent_on=date(2026, 2, 13))
    assert APPLICATION.check(sent, YEARS) == []
    derived = APPLICATION.derive(sent, YEARS)
    assert derived == {"decision_due_on": date(2026, 3, 5)}  # 9 working days across the Tết week
    later = sent | {"complete_on": date(2026, 2, 24)}
    assert APPLICATION.derive(later, YEARS) == {"decision_due_on": date(2026, 3, 9)}
    assert application_late(sent | derived, date(2026, 3, 6)) and not application_late(sent | derived, date(2026, 3, 5))
    assert APPLICATION.summary(sent | derived) == (
        "Schooling support: sent to the Sở Y tế 13/02/2026, decision due by 05/03/2026"
    )
    assert fields(APPLICATION.check(sent | {"outcome": "granted"}, YEARS)) == ["decision_on", "decision_number"]
    granted = sent | {"outcome": "granted", "decision_number": "215/QĐ-SYT", "decision_on": date(2026, 3, 2)}
    assert APPLICATION.check(granted, YEARS) == [] and not application_late(granted | derived, date(2026, 4, 1))
    assert APPLICATION.summary(granted) == "Schooling support: Granted by decision 215/QĐ-SYT of 02/03/2026"
    assert fields(APPLICATION.check(sent | {"decision_on": ON}, YEARS)) == ["outcome"]
    assert fields(APPLICATION.check(sent | {"sent_on": date(2026, 2, 1)}, YEARS)) == ["sent_on"]
    early = granted | {"decision_on": date(2026, 2, 10)}
    assert fields(APPLICATION.check(early, YEARS)) == ["decision_on"]


def test_a_course_from_the_catalogue_with_its_completion_and_certificate() -> None:
    base = empty(COURSE, course_id=4, started_on=date(2025, 11, 3))
    assert COURSE.check(base, COURSES) == []
    assert COURSE.derive(base, COURSES) == {"course": "Cắt tóc", "provider": "Salon Hoa"}
    assert fields(COURSE.check(base | {"course_id": 5}, COURSES)) == ["course_id"]
    assert fields(COURSE.check(base | {"status": "completed"}, COURSES)) == ["ended_on"]
    assert fields(COURSE.check(base | {"ended_on": ON}, COURSES)) == ["ended_on"]
    assert fields(COURSE.check(base | {"certificate_number": "12/CC"}, COURSES)) == ["certificate_number"]
    done = base | {"status": "completed", "ended_on": date(2026, 2, 27)}
    assert COURSE.flag(done) and COURSE.check(done, COURSES) == []
    assert fields(COURSE.check(done | {"certificate_number": "12/CC"}, COURSES)) == ["certificate_on"]
    certified = done | {"certificate_number": "12/CC", "certificate_on": ON, "course": "Cắt tóc", "hours_attended": 280}
    assert not COURSE.flag(certified) and COURSE.check(certified, COURSES) == []
    assert COURSE.summary(certified) == "Cắt tóc · Completed 27/02/2026 · 280 hours attended · certificate 12/CC"


def test_a_placement_names_the_employer_the_job_and_the_start() -> None:
    placement = empty(JOB, support="placement")
    assert fields(JOB.check(placement, YEARS)) == ["employer", "job", "start_on"]
    placed = placement | {"employer": "Công ty May", "job": "Công nhân may", "start_on": ON, "wage": 4_500_000}
    assert JOB.check(placed, YEARS) == []
    assert JOB.summary(placed) == "Job placement · Công nhân may · Công ty May · from 02/03/2026 · 4.500.000 đ a month"
    assert fields(JOB.check(empty(JOB, support="counselling", wage=1), YEARS)) == ["wage"]
