"""The group-session windows for the catalogue (tests/ui/windows.py): the session dialog with residents present to
tick (its start in the morning, a long topic), after a refused save; the page is one of the main window's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from centre_desk.ui.activities.session_dialog import SessionDialog
from tests.support.registry_data import sample_residents

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def session_dialog(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    centre = ctx.installed.centre
    sample_residents(centre, ctx.manager, 18)
    service, actor = centre.activities, ctx.manager
    dialog = SessionDialog(None, lambda at: service.choices(actor, at), datetime.now(UTC) - timedelta(hours=1),
                           lambda data: service.create(actor, data))  # fmt: skip
    ctx.qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    dialog.topic.setCurrentText("Di cư an toàn, đi làm việc ở nước ngoài hợp pháp, nhận biết lời mời đi làm xa")
    dialog.outside_name.setText("Cán bộ Đồn Biên phòng Ma Lù Thàng")
    dialog.chooser.filter.setText("thi")
    dialog.accept()  # refused: nobody ticked, nobody from outside
    return Opened(dialog)


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("group-session", SessionDialog, session_dialog),)
