"""The Overview's case-work list on a real centre: a care plan waiting for approval and a legal step due this
week show for the manager (Enter opens the record); an account that may read neither gets no list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from centre_desk.models.staff import Role
from centre_desk.services.care_plan.dto import ActionInput, PlanInput
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.lodging.common import local_day
from centre_desk.ui.shell.overview_casework import CaseWorkList, casework_sources
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

pytestmark = [pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True), pytest.mark.usefixtures("english")]
NOW = datetime.now(UTC)


def test_plans_waiting_and_legal_steps_due_show_on_the_overview(installed: Installed, qtbot: QtBot) -> None:
    centre, manager = installed.centre, installed.manager
    rid = resident(centre, manager, "Giàng Thị Mai", NOW - timedelta(days=5))
    today = local_day(NOW)
    data = PlanInput("Về với gia đình", today, today + timedelta(days=60), (ActionInput("medical", "Khám sức khỏe"),))
    written = centre.care_plans.write(manager, rid, data)
    centre.care_plans.submit(manager, written.id, written.version)
    step = EntryInput(NOW, (("authority", "court"), ("step", "hearing"), ("due_on", today + timedelta(days=2))))
    centre.entries.save(manager, "legal_step", rid, None, None, step)
    board = CaseWorkList(casework_sources(centre, manager))
    qtbot.addWidget(board)
    board.show()
    board.refresh()
    qtbot.waitUntil(lambda: not board.loading and board.list.count() == 2, timeout=10_000)
    texts = [board.list.item(n).text() for n in range(2)]
    assert "waiting for approval" in texts[0] and "(LC-" in texts[0]  # more urgent than a step due in two days
    assert "legal step due" in texts[1]
    assert {board.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(2)} == {rid}
    with qtbot.waitSignal(board.open_record) as opened:
        board.list.itemActivated.emit(board.list.item(0))
    assert opened.args == [rid]
    assert casework_sources(centre, staff(installed, Role.NURSE)) == []
