"""The record's Legal aid tab comes from the declarations: the intake officer gets it with its four lists and writes
a case through the form (the consent rule answered under the field as she types); the nurse has no such tab,
not even the placeholder of a part not built yet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import kind
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.entries.panel import EntryPanel
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

TITLE = "Trợ giúp pháp lý"


def _window(qtbot: QtBot, installed: Installed, rid: int, actor: Actor) -> RecordWindow:
    window = RecordWindow(installed.centre.residents, actor, AppEvents(), rid, entries=installed.centre.entries)
    qtbot.addWidget(window)
    return window


def _titles(window: RecordWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_the_legal_aid_tab_lists_and_writes_cases(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    intake = staff(installed, Role.INTAKE)
    step = (("authority", "court"), ("step", "hearing"), ("due_on", datetime(2026, 12, 10).date()))
    installed.centre.entries.save(intake, "legal_step", rid, None, None,
                                  EntryInput(datetime(2026, 11, 3, 9, tzinfo=UTC), step))  # fmt: skip
    window = _window(qtbot, installed, rid, intake)
    assert _titles(window).count(TITLE) == 1 and "Pháp lý" not in _titles(window)
    tab = next(t for t in window.entry_tabs if t.record_tab.code == "legal")
    assert tab.codes == ("legal_info_session", "legal_aid_case", "legal_paper", "legal_step")
    window.tabs.setCurrentWidget(tab)
    window.show()
    steps = tab.show_page("legal_step")
    assert isinstance(steps, EntryPanel)
    qtbot.waitUntil(lambda: steps.loaded)
    assert steps.model.rowCount() == 1 and steps.model.row(0).flag  # not done, with a due date
    cases = tab.show_page("legal_aid_case")
    assert isinstance(cases, EntryPanel)
    qtbot.waitUntil(lambda: cases.loaded)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.fields["matter"].set_text("identity")
        dialog.fields["request"].set_text("Làm thẻ căn cước")
        dialog.fields["status"].set_text("requested")

    monkeypatch.setattr(QDialog, "exec", lambda dialog: (fill(dialog), dialog.accept(), int(dialog.result()))[2])
    cases.new_entry()
    assert cases.model.rowCount() == 1 and cases.model.row(0).value("consent") == "not_asked"


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_the_case_form_answers_the_consent_rule(qtbot: QtBot, installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    intake = staff(installed, Role.INTAKE)
    entries = installed.centre.entries
    dialog = EntryDialog(kind("legal_aid_case"), intake, None,
                         lambda data: entries.save(intake, "legal_aid_case", rid, None, None, data))  # fmt: skip
    qtbot.addWidget(dialog)
    for name, text in (("matter", "identity"), ("request", "Làm thẻ căn cước"), ("provider_type", "lawyer"),
                       ("status", "in_progress")):  # fmt: skip
        dialog.fields[name].set_text(text)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "đồng ý" in dialog.errors.message("status")
    assert entries.page(intake, "legal_aid_case", rid).total == 0


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_a_nurse_has_no_legal_aid_tab(qtbot: QtBot, installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    window = _window(qtbot, installed, rid, staff(installed, Role.NURSE))
    assert TITLE not in _titles(window) and "Pháp lý" not in _titles(window)
    assert "Tư vấn tâm lý" in _titles(window)  # the other tabs as before
