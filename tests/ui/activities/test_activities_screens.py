"""The Group sessions page and its dialog with pytest-qt: the attendance chooser lists only the residents present
when the session started, filters as one types, ticks with Space and counts; Save records the session, which the
page lists; a nurse sees the list without New, Change or Strike out; the list model passes the model tester."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from centre_desk.models.activities import ActivityKind
from centre_desk.models.staff import Role
from centre_desk.ui.activities.page import ActivitiesPage
from centre_desk.ui.activities.session_dialog import SessionDialog
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.services.activities.support import START, people, residents

pytestmark = pytest.mark.usefixtures("english")


def _page(qtbot: QtBot, installed: Installed, role: Role = Role.MANAGER) -> ActivitiesPage:
    actor = installed.manager if role is Role.MANAGER else people(installed)[role]
    page = ActivitiesPage(installed.centre.activities, actor, AppEvents())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    return page


def test_tick_attendance_with_the_keyboard_and_save(qtbot: QtBot, installed: Installed, qtmodeltester: object) -> None:
    who = residents(installed)
    page = _page(qtbot, installed)
    assert page.model.rowCount() == 0 and page.new_button.isVisible()
    dialog = page._dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert dialog.chooser.model.rowCount() == 4  # everyone present now
    local = START.astimezone().replace(tzinfo=None)
    dialog.starts_at.set_value(local)
    dialog.reload_choices()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    listed = [dialog.chooser.model.item(r).text() for r in range(dialog.chooser.model.rowCount())]
    assert len(listed) == 1 and listed[0].startswith("Giàng Thị Mai — LC-")  # Xuân on leave, Dua in hospital
    assert "2 on leave, in hospital or absent then" in dialog.chooser.counts.text()
    dialog.starts_at.set_value(local + timedelta(days=1, hours=7))
    dialog.reload_choices()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    dialog.chooser.filter.setFocus()
    qtbot.keyClicks(dialog.chooser.filter, "xuan")  # accents may be left out
    assert dialog.chooser.proxy.rowCount() == 1
    qtbot.keyClick(dialog.chooser.filter, Qt.Key.Key_Down)
    assert dialog.chooser.list.hasFocus()
    qtbot.keyClick(dialog.chooser.list, Qt.Key.Key_Space)
    assert dialog.chooser.ticked() == (who["xuan"],)
    assert dialog.chooser.counts.text().startswith("1 ticked of 4 present")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ActivityKind.PREVENTION))
    assert dialog.topic.itemText(1) == "Safe migration and work abroad"  # the usual topics of the kind offered
    dialog.topic.setCurrentText("Di cư an toàn")
    dialog.outside_name.setText("Bộ đội Biên phòng tỉnh")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.loading, timeout=10_000)
    row = page.model.row(0)
    assert (row.topic, row.attendance, row.kind_name) == ("Di cư an toàn", 1, "Prevention talk")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_a_resident_on_leave_cannot_be_saved(qtbot: QtBot, installed: Installed) -> None:
    who = residents(installed)
    service, actor = installed.centre.activities, installed.manager
    dialog = SessionDialog(None, lambda at: service.choices(actor, at, None), START,
                           lambda data: service.create(actor, data))  # fmt: skip
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    dialog.topic.setCurrentText("Kỹ năng sống")
    dialog.outside_name.setText("Hội Phụ nữ")
    value = dialog.value()
    assert value.attendees == ()
    dialog.accept()  # nobody ticked, nobody from outside: refused, stays open
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Tick the residents" in dialog.errors._labels["attendees"].text()
    assert who["xuan"] not in [int(dialog.chooser.model.item(r).data(Qt.ItemDataRole.UserRole + 1))
                               for r in range(dialog.chooser.model.rowCount())]  # fmt: skip


def test_a_nurse_reads_the_list_only(qtbot: QtBot, installed: Installed) -> None:
    who = residents(installed)
    from tests.services.activities.support import session

    installed.centre.activities.create(installed.manager, session(who["mai"]))
    page = _page(qtbot, installed, Role.NURSE)
    assert page.model.rowCount() == 1
    assert not page.new_button.isVisible() and not page.change_button.isVisible()
    assert not page.strike_button.isVisible() and not page.print_button.isVisible()
