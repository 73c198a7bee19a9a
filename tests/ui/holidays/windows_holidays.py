"""The holiday calendar's window for the catalogue (tests/ui/windows.py): the dialog correcting a day, as opened
and refused with every message. The page itself is walked with the main window's Administration tabs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from centre_desk.ui.administration.holidays.day_dialog import DayDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def day_dialog(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    holidays = ctx.installed.centre.holidays
    dialog = DayDialog(None, date(2027, 2, 12), "off", "Nghỉ bù Tết Đinh Mùi theo Thông báo số 01/TB-BNV",
                       lambda c: holidays.set_day(ctx.manager, *c))  # fmt: skip

    def refused() -> None:
        dialog.day.set_value(date(2027, 2, 6))  # a Saturday
        dialog.note.clear()
        dialog.accept()

    return Opened(dialog, [View("as opened"), View("refused", refused)])


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("holiday-day", DayDialog, day_dialog),)
