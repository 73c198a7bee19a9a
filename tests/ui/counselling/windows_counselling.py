"""The counselling windows for the catalogue (tests/ui/windows.py): the wellbeing scale's form — PHQ-9 answered
with the self-harm alert, PHQ-A with question 9 still to ask, GAD-7, and a child's note without a scale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from centre_desk.errors import ValidationErrors
from centre_desk.services.entries.kinds import kind
from centre_desk.ui.counselling.scale_dialog import ScaleDialog
from centre_desk.ui.entries.forms import FormRequest

REFUSED = ValidationErrors([("answers", "Chưa trả lời câu hỏi nào."), ("item_3", "Câu 3: câu trả lời phải là 0, 1, 2 "
                             "hoặc 3."), ("note", "Tối đa 2000 ký tự.")])  # fmt: skip

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def scale_form(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    adult = ScaleDialog(FormRequest(kind("wellbeing_score"), ctx.manager, None, None, age_on=lambda _day: None))

    def choose(code: str, answers: tuple[int | None, ...]) -> None:
        adult.scale.setCurrentIndex(adult.scale.findData(code))
        for row, answer in zip(adult.rows, answers, strict=False):
            row.set_value(answer)
        adult.note.setPlainText("Em trả lời chậm, cần đọc to từng câu; " * 4)

    views = [
        View("PHQ-9 with the alert", lambda: choose("PHQ-9", (2, 2, 1, 3, 1, 2, 1, 0, 1))),
        View("PHQ-A, question 9 to ask", lambda: choose("PHQ-A", (1, 1, 2, 0, 1, 1, 0, 0, None))),
        View("GAD-7", lambda: choose("GAD-7", (1, 2, 1, 1, 0, 2, 1))),
        View("refused", lambda: (choose("GAD-7", (None,) * 7), adult.show_problems(REFUSED))),
    ]
    choose("PHQ-9", (2, 2, 1, 3, 1, 2, 1, 0, 1))
    return Opened(adult, views)


def child_form(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    child = ScaleDialog(FormRequest(kind("wellbeing_score"), ctx.manager, None, None, age_on=lambda _day: 9))
    return Opened(child)


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("wellbeing-scale", ScaleDialog, scale_form), Entry("wellbeing-scale-child", ScaleDialog, child_form))
