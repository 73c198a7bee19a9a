"""The schooling windows for the catalogue (tests/ui/windows.py): the course dialog of the catalogue (new, and a
change refused with every message) and the form of a vocational course taken, with the catalogue's courses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from centre_desk.errors import ValidationErrors
from centre_desk.services.entries.kinds import kind
from centre_desk.services.schooling.dto import CourseInput
from centre_desk.ui.entries.forms import FormRequest
from centre_desk.ui.schooling.course_dialog import CourseDialog
from centre_desk.ui.schooling.course_form import CourseEntryDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened

PROVIDER = "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Tam Đường"
COURSE = CourseInput("Sửa chữa xe máy", "short", PROVIDER, 2, 240, 2_400_000, "Thầy Lò Văn Tính, 0213 3875 120",
                     "Học tại xưởng của trung tâm")  # fmt: skip
REFUSED = ValidationErrors([("trade", "Vui lòng điền trường này."), ("cost", "Chỉ gõ chữ số, ví dụ 3.600.000."),
                            ("provider", "Vui lòng điền trường này.")])  # fmt: skip


def course_dialog(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    row = ctx.installed.centre.schooling.save_course(ctx.manager, None, None, COURSE)
    dialog = CourseDialog(None, row, None)
    return Opened(dialog, [View("as opened"), View("refused", lambda: dialog.show_problems(REFUSED))])


def course_form(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    schooling = ctx.installed.centre.schooling
    schooling.save_course(ctx.manager, None, None, COURSE)
    entries = ctx.installed.centre.entries
    request = FormRequest(kind("vocational_enrolment"), ctx.manager, None, None,
                          choices=lambda name: entries.choices(ctx.manager, "vocational_enrolment", name))  # fmt: skip
    dialog = CourseEntryDialog(request)
    dialog.course_combo.setCurrentIndex(1)
    return Opened(dialog)


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("course-dialog", CourseDialog, course_dialog), Entry("course-entry-form", CourseEntryDialog,
                                                                       course_form))  # fmt: skip
