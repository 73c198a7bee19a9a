"""The care plan's page in the record window: the writer writes and submits through the dialog, the manager sees
Approve / Return, a returned plan shows the comment, progress is recorded on the plan in force; the editor checks
as one types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.care_plan.terms import PlanStatus
from centre_desk.ui.care_plan.editor import PlanDialog, ProgressDialog
from centre_desk.ui.care_plan.panel import CarePlanPanel, care_plan_extras
from centre_desk.ui.entries.reason_dialog import ReasonDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

pytestmark = pytest.mark.usefixtures("english")


def _accept_dialogs(monkeypatch: pytest.MonkeyPatch, fill: object) -> None:
    def run(dialog: QDialog) -> int:
        fill(dialog)  # type: ignore[operator]
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", run)


def _panel(qtbot: QtBot, installed: Installed, actor: Actor, rid: int) -> CarePlanPanel:
    window = RecordWindow(installed.centre.residents, actor, AppEvents(), rid, entries=installed.centre.entries,
                          entry_extras=care_plan_extras(installed.centre.care_plans))  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    tab = next(t for t in window.entry_tabs if t.record_tab.code == "care_plan")
    window.tabs.setCurrentWidget(tab)
    assert tab.codes[:2] == ("needs_assessment", "care_plan")  # the plan follows the assessments
    panel = tab.show_page("care_plan")
    assert isinstance(panel, CarePlanPanel)
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    return panel


def _fill_plan(dialog: QDialog) -> None:
    if isinstance(dialog, PlanDialog):
        dialog.objectives.setPlainText("Ổn định sức khỏe, về với gia đình")
        dialog.rows[0].action.setText("Khám sức khỏe tổng quát")


def test_write_submit_return_and_approve_from_the_page(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:

    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime.now(UTC) - timedelta(days=2))
    worker = staff(installed, Role.INTAKE)
    panel = _panel(qtbot, installed, worker, rid)
    assert "No care plan yet" in panel.heading.text()
    assert panel.buttons["write"].isVisibleTo(panel) and not panel.buttons["approve"].isVisibleTo(panel)
    _accept_dialogs(monkeypatch, _fill_plan)
    panel.write()
    qtbot.waitUntil(lambda: panel.loaded and panel.shown is not None, timeout=5000)
    assert panel.shown is not None and panel.shown.status == PlanStatus.DRAFT
    assert panel.model.rowCount() == 1 and panel.buttons["submit"].isVisibleTo(panel)
    panel.submit()
    qtbot.waitUntil(lambda: panel.shown is not None and panel.shown.status == PlanStatus.SUBMITTED, timeout=5000)
    assert not panel.buttons["approve"].isVisibleTo(panel)  # not for the writer

    boss = _panel(qtbot, installed, installed.manager, rid)
    assert boss.buttons["approve"].isVisibleTo(boss) and boss.buttons["return"].isVisibleTo(boss)

    def comment(dialog: QDialog) -> None:
        if isinstance(dialog, ReasonDialog):
            dialog.reason.setPlainText("Thêm hoạt động tư vấn tâm lý")

    _accept_dialogs(monkeypatch, comment)
    boss.return_plan()
    qtbot.waitUntil(lambda: boss.shown is not None and boss.shown.status == PlanStatus.RETURNED, timeout=5000)
    assert boss.comment.isVisibleTo(boss) and "Thêm hoạt động tư vấn tâm lý" in boss.comment.text()
    plans = installed.centre.care_plans
    current = plans.state(worker, rid).current
    assert current is not None
    plans.submit(worker, current.id, current.version)
    boss.reload()
    qtbot.waitUntil(lambda: boss.shown is not None and boss.shown.status == PlanStatus.SUBMITTED, timeout=5000)
    boss.approve()
    qtbot.waitUntil(lambda: boss.shown is not None and boss.shown.status == PlanStatus.APPROVED, timeout=5000)
    assert "next review" in boss.heading.text() and boss.buttons["write"].text() == "&New version…"

    def progress(dialog: QDialog) -> None:
        if isinstance(dialog, ProgressDialog):
            dialog.status.setCurrentIndex(dialog.status.findData("done"))

    _accept_dialogs(monkeypatch, progress)
    boss.table.selectRow(0)
    boss.record_progress()
    qtbot.waitUntil(lambda: boss.shown is not None and boss.shown.actions[0].status == "done", timeout=5000)


def test_the_editor_checks_as_one_types(qtbot: QtBot, installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Lò Thị Xuân", datetime.now(UTC) - timedelta(days=2))
    state = installed.centre.care_plans.state(installed.manager, rid)
    sent: list[object] = []
    dialog = PlanDialog(None, "New", state.categories, state.staff, sent.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.errors.message("objectives") == ""  # an empty new plan is not shouted at
    dialog.objectives.setPlainText("Về với gia đình")
    dialog.period_to.setText("01/01/2020")
    assert "cannot end before it starts" in dialog.errors.message("period_to")
    dialog.rows[0].action.setText("Khám sức khỏe")
    dialog.period_to.setText("01/01/2099")
    assert dialog.errors.message("period_to") == ""
    dialog.add_row()
    dialog.accept()
    assert sent == [] and "Action 2" in dialog.actions_problems.text()  # the empty action keeps the dialog open
    dialog.table.setCurrentCell(1, 1)
    dialog.remove_row()
    dialog.accept()
    assert len(sent) == 1 and dialog.result() == QDialog.DialogCode.Accepted
