"""The follow-up windows for the catalogue (tests/ui/windows.py): the schedule dialog of a case (her own months, a
refused save with every message) and of the centre's default."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from centre_desk.errors import ValidationErrors
from centre_desk.services.follow_up.dto import Schedule
from centre_desk.ui.follow_up.schedule_dialog import ScheduleDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened

DEFAULT = (1, 3, 6, 12)
OWN = Schedule(1, 1, date(2026, 9, 10), (1, 2, 3, 6, 12), (), True, "Gia đình nợ nhiều, cần thăm nắm tình hình sát hơn",
               "Lò Thị Hoa", None, 1, (), 0, DEFAULT)  # fmt: skip
REFUSED = ValidationErrors([("dates", "Các ngày phải sau ngày rời Trung tâm."),
                            ("reason", "Ghi lý do lịch theo dõi khác lịch mặc định của Trung tâm.")])  # fmt: skip


def case_schedule(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    dialog = ScheduleDialog(None, OWN, DEFAULT, None)
    return Opened(dialog, [View("as opened"), View("refused", lambda: dialog.show_problems(REFUSED))])


def default_schedule(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    return Opened(ScheduleDialog(None, None, DEFAULT, None))


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("follow-up-schedule", ScheduleDialog, case_schedule),
            Entry("follow-up-default", ScheduleDialog, default_schedule))  # fmt: skip
