"""The discharge windows for the catalogue (tests/ui/windows.py): the request form filled in full on each page
after a refused save, and the record window on the Leaving the centre tab with a request under way."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from centre_desk.services.discharge.dto import DischargeInput
from centre_desk.ui.discharge.request_dialog import RequestDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened

LONG = DischargeInput(
    "family", date(2026, 12, 20), date(2026, 12, 7), "Giàng Thị Mai", "", "Em muốn về với gia đình; bố mẹ đã đến "
    "Trung tâm gặp em hai lần và cam kết cho em đi học lại lớp 8 tại Trường PTDTBT THCS Tả Lèng",
    "Giàng A Tủa", "bố đẻ", "0123 4567", "Bản Tả Lèng, xã Tả Lèng, tỉnh Lai Châu", "0912 345 678",
    "Lò Văn Minh", "Công chức văn hóa – xã hội, phụ trách công tác trẻ em", "xã Tả Lèng", "tỉnh Lai Châu",
    condition_on_leaving="Sức khỏe ổn định, tâm lý vững vàng hơn; đã khám sức khỏe trước khi về " * 3,
    support_given="Tiền ăn đường, tiền tàu xe, trợ cấp khó khăn ban đầu theo quy định",
    follow_up_arrangements="Cán bộ xã thăm em sau 1, 3, 6 và 12 tháng; Trung tâm gọi điện hằng tháng",
)  # fmt: skip


def request_form(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    service = ctx.installed.centre.discharge
    dialog = RequestDialog(None, "Đề nghị cho đối tượng rời Trung tâm", service.check, None, LONG)
    dialog._touched.update(dialog.widgets)
    dialog.check_now()  # the CCCD of 8 digits: its message shows under the field
    views = [View(f"page {n}", lambda n=n: dialog.pages.setCurrentIndex(n)) for n in range(dialog.pages.count())]
    return Opened(dialog, views)


def leaving_tab(ctx: Context) -> Opened:
    from tests.ui.windows import Opened, View

    centre = ctx.installed.centre
    centre.discharge.request(ctx.manager, ctx.resident_id, LONG.__class__(**{**LONG.__dict__, "family_id_number": ""}))
    window = RecordWindow(centre.residents, ctx.manager, AppEvents(), ctx.resident_id, discharge=centre.discharge)
    tab = window.discharge_tab
    assert tab is not None

    def show() -> None:
        window.tabs.setCurrentWidget(tab)
        ctx.qtbot.waitUntil(lambda: tab.loaded, timeout=5000)

    return Opened(window, [View("leaving the centre", show)])


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("discharge-request", RequestDialog, request_form), Entry("record-leaving", RecordWindow, leaving_tab))
