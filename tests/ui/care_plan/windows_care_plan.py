"""The care-plan windows for the catalogue (tests/ui/windows.py): the plan editor with a full plan of actions, after
a refused save, and the progress dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from centre_desk.services.care_plan.dto import ActionInput
from centre_desk.ui.care_plan.editor import PlanDialog, ProgressDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened

ACTIONS = (
    ("medical", "Khám phụ khoa, điều trị viêm da tại Bệnh viện Đa khoa tỉnh"),
    ("psychological", "Tư vấn tâm lý cá nhân hằng tuần, theo dõi giấc ngủ"),
    ("legal_aid", "Làm thủ tục cấp lại căn cước công dân và giấy khai sinh"),
    ("schooling", "Liên hệ Trường THCS Tả Lèng để em học lại lớp 8"),
    ("vocational", "Học nghề may công nghiệp 3 tháng tại Trung tâm GDNN-GDTX"),
    ("initial_allowance", "Lập hồ sơ trợ cấp khó khăn ban đầu"),
)


def plan_editor(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    plans = ctx.installed.centre.care_plans
    state = plans.state(ctx.manager, ctx.resident_id)
    dialog = PlanDialog(None, "Kế hoạch mới", state.categories, state.staff, None)
    dialog.objectives.setPlainText("Ổn định sức khỏe và tâm lý, có giấy tờ tùy thân, học lại hoặc học nghề " * 2)
    dialog.period_from.set_value(date(2026, 12, 7))
    dialog.period_to.set_value(date(2027, 3, 7))
    for n, (category, text) in enumerate(ACTIONS):
        row = dialog.rows[0] if n == 0 else dialog.add_row()
        row.load(ActionInput(category, text, None, date(2027, 1, n + 1)))
    dialog.add_row()  # an empty one: its message shows under the table
    dialog.accept()  # refused: the messages show
    return Opened(dialog)


def progress(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    dialog = ProgressDialog(None, ACTIONS[2][1], "in_progress", "Đã nộp hồ sơ tại Công an xã", None)
    return Opened(dialog)


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("care-plan-editor", PlanDialog, plan_editor), Entry("care-plan-progress", ProgressDialog, progress))
