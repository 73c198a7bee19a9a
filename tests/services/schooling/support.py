"""What the schooling tests share: a course in the catalogue, a full entry of each kind."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from centre_desk.services.entries.fields import Value
from centre_desk.services.schooling.dto import CourseInput
from tests.conftest import Installed

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
DAY = WHEN.astimezone().date()
TAILORING = CourseInput("May công nghiệp", "elementary", "Trung tâm GDNN-GDTX huyện Tam Đường", months=3, hours=300,
                        cost=3_600_000, provider_contact="Thầy Lò Văn Tính, 0213 3875 120")  # fmt: skip


def course(installed: Installed, data: CourseInput = TAILORING) -> int:
    return installed.centre.schooling.save_course(installed.manager, None, None, data).id


def school_year_of(day: date) -> str:
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def full(code: str, course_id: int = 0) -> tuple[tuple[str, Value], ...]:
    year = school_year_of(DAY)
    values: dict[str, tuple[tuple[str, Value], ...]] = {
        "school_enrolment": (
            ("level", "lower_secondary"), ("school", "Trường PTDTBT THCS Tả Lèng"), ("class_name", "7A"),
            ("enrolled_on", DAY - timedelta(days=400)), ("left_on", None), ("records_transferred", True),
            ("records_transferred_on", DAY - timedelta(days=390)), ("tuition_exempt", True), ("books_support", True),
            ("support_from", school_year_of(DAY - timedelta(days=400))),
            ("school_contact", "Cô Lò Thị Hoa, 0912 345 678"), ("note", "Em học chăm"),
        ),
        "school_term_result": (
            ("school_year", year), ("term", "term1"), ("result", "fair"), ("conduct", "good"), ("days_absent", 2),
            ("note", "Tiến bộ môn Toán"),
        ),
        "support_application": (
            ("support", "schooling"), ("applicant", "family"), ("applied_on", DAY - timedelta(days=3)),
            ("sent_on", DAY - timedelta(days=2)), ("complete_on", None), ("outcome", "waiting"),
            ("decision_number", ""), ("decision_on", None), ("note", "Gia đình làm đơn"),
        ),
        "vocational_enrolment": (
            ("course_id", course_id), ("course", "May công nghiệp"),
            ("provider", "Trung tâm GDNN-GDTX huyện Tam Đường"),
            ("started_on", DAY - timedelta(days=100)), ("hours_attended", 300), ("status", "completed"),
            ("ended_on", DAY - timedelta(days=10)), ("certificate_number", "125/CC-GDNN"),
            ("certificate_on", DAY - timedelta(days=5)), ("note", "Em khéo tay"),
        ),
        "job_support": (
            ("support", "placement"), ("employer", "Công ty TNHH May Tân Uyên"), ("job", "Công nhân may"),
            ("start_on", DAY), ("wage", 4_500_000), ("loan", False), ("note", "Ở ký túc xá của công ty"),
        ),
    }  # fmt: skip
    return values[code]
