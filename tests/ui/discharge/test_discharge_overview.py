"""The Overview's case work shows a decision to end assistance that is late, in red, before one due soon."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.ui.shell.overview_casework import CaseWorkList, casework_sources
from tests.conftest import Installed
from tests.services.discharge.support import TODAY, in_bed, request

pytestmark = [pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True), pytest.mark.usefixtures("english")]


def test_decisions_late_and_due_on_the_overview(installed: Installed, qtbot: QtBot) -> None:
    centre, manager = installed.centre, installed.manager
    late, _b = in_bed(installed, "Lò Thị Xuân")
    soon, _c = in_bed(installed, "Vàng Thị Dợ")
    centre.discharge.request(manager, soon, request(application_on=TODAY - timedelta(days=8)))
    centre.discharge.request(manager, late, request(application_on=TODAY - timedelta(days=20)))
    board = CaseWorkList(casework_sources(centre, manager))
    qtbot.addWidget(board)
    board.show()
    board.refresh()
    qtbot.waitUntil(lambda: not board.loading and board.list.count() == 2, timeout=10_000)
    texts = [board.list.item(n).text() for n in range(2)]
    assert "decision to end assistance was due" in texts[0] and "working days late" in texts[0]
    assert "decision to end assistance due" in texts[1] and "working days left" in texts[1]
