"""The entry screens come from the declarations: a kind declared by a test gets its record tab, list, form,
restricted lines and Timeline lines with no screen code of its own; the health form checks as one types."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog, QLineEdit

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import EntryKind
from centre_desk.ui.entries.form import EntryDialog
from centre_desk.ui.entries.panel import EntryPanel
from centre_desk.ui.entries.tab import EntriesTab
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident


def _resident(installed: Installed, age: int = 30) -> int:
    return resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC),
                    birth_year=2026 - age)  # fmt: skip


def _window(qtbot: QtBot, installed: Installed, rid: int, actor: Actor) -> RecordWindow:
    window = RecordWindow(installed.centre.residents, actor, AppEvents(), rid, entries=installed.centre.entries)
    qtbot.addWidget(window)
    return window


def _tab_titles(window: RecordWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _accept_dialogs(monkeypatch: pytest.MonkeyPatch, fill: object) -> None:
    """Dialogs opened by a panel are filled by `fill(dialog)` and accepted instead of waiting for a person."""

    def run(dialog: QDialog) -> int:
        fill(dialog)  # type: ignore[operator]
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", run)


def test_a_declared_kind_gets_a_tab_a_list_and_a_form(
    qtbot: QtBot, installed: Installed, phone_kind: EntryKind, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _resident(installed)
    first = EntryInput(datetime(2026, 11, 3, 9, tzinfo=UTC), (("who", "Mẹ"), ("minutes", 10)))
    installed.centre.entries.save(installed.manager, phone_kind.code, rid, None, None, first)
    window = _window(qtbot, installed, rid, installed.manager)
    tab = next(t for t in window.entry_tabs if t.record_tab.code == "test_calls")
    assert "test_calls" in _tab_titles(window) and "Dòng thời gian" in _tab_titles(window)
    window.tabs.setCurrentWidget(tab)
    window.show()
    panel = tab.panel(phone_kind.code)
    qtbot.waitUntil(lambda: panel.loaded)
    assert panel.model.rowCount() == 1 and panel.model.text(panel.model.row(0), 1) == "Mẹ"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.fields["who"].set_text("Chị gái")
        dialog.fields["minutes"].set_text("7")

    _accept_dialogs(monkeypatch, fill)
    panel.new_entry()
    assert panel.model.rowCount() == 2 and panel.model.row(0).value("who") == "Chị gái"
    assert "2" in panel.count_label.text()
    window.tabs.setCurrentWidget(window.timeline_tab)
    assert window.timeline_tab is not None
    qtbot.waitUntil(lambda: window.timeline_tab is not None and window.timeline_tab.loaded)
    texts = [i.text for i in window.timeline_tab.model.items]
    assert "Chị gái (7 min)" in texts and "Mẹ (10 min)" in texts


def test_a_restricted_entry_is_a_bare_line_and_the_glass_can_be_broken(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _resident(installed)
    nurse, counsellor = staff(installed, Role.NURSE), staff(installed, Role.COUNSELLOR)
    installed.centre.entries.save(nurse, "health_test", rid, None, None,
                                  EntryInput(datetime(2026, 11, 3, 9, tzinfo=UTC),
                                             (("test", "hiv"), ("result", "positive"),
                                              ("result_on", datetime(2026, 11, 4).date()))))  # fmt: skip
    tab = EntriesTab(installed.centre.entries, counsellor, next(t for t in _tabs() if t.code == "health"), rid)
    qtbot.addWidget(tab)
    panel = tab.show_page("health_test")
    assert isinstance(panel, EntryPanel)
    tab.show()
    qtbot.waitUntil(lambda: panel.loaded)
    row = panel.model.row(0)
    assert row.hidden and panel.model.text(row, 1) == "Mục hạn chế"
    assert not panel.new_button.isVisible() and panel.glass_button.isEnabled()
    assert "Dương tính" not in panel.detail.toPlainText()

    def fill(dialog: QDialog) -> None:
        dialog.reason.setPlainText("Em ấy sốt cao, bác sĩ cần biết kết quả")  # type: ignore[attr-defined]

    _accept_dialogs(monkeypatch, fill)
    panel.break_glass()
    assert "Dương tính" in panel.detail.toPlainText()
    assert panel.model.row(0).hidden  # opened once, not kept in the list
    assert len(installed.centre.entries.glass_breaks(installed.manager)) == 1


def _tabs():  # type: ignore[no-untyped-def]
    from centre_desk.services.entries.kinds import tabs

    return tabs()


def test_the_nursing_form_checks_as_one_types_and_shows_news2(qtbot: QtBot, installed: Installed) -> None:
    rid = _resident(installed)
    nurse = staff(installed, Role.NURSE)
    entries = installed.centre.entries
    saved: list[object] = []
    from centre_desk.services.entries.kinds import kind

    dialog = EntryDialog(kind("nursing_note"), nurse, None,
                         lambda data: saved.append(entries.save(nurse, "nursing_note", rid, None, None, data)),
                         preview=lambda data: entries.preview(nurse, "nursing_note", rid, data))  # fmt: skip
    qtbot.addWidget(dialog)
    temperature = dialog.fields["temperature"].editor
    assert isinstance(temperature, QLineEdit)
    temperature.setText("47")
    temperature.editingFinished.emit()
    assert "30" in dialog.errors.message("temperature")  # "Từ 30 đến 45 °C."
    temperature.setText("39,2")
    assert dialog.errors.message("temperature") == ""
    for name, text in (("pulse", "118"), ("systolic", "98"), ("diastolic", "60"), ("resp_rate", "22"),
                       ("spo2", "94"), ("consciousness", "A")):  # fmt: skip
        dialog.fields[name].set_text(text)
    dialog.update_preview()
    assert "NEWS2 9" in dialog.preview_label.text()
    dialog.accept()
    assert saved and dialog.result() == QDialog.DialogCode.Accepted


def test_the_intake_check_is_offered_right_after_admission(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _resident(installed)
    window = _window(qtbot, installed, rid, staff(installed, Role.INTAKE))
    opened: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        opened.append(dialog.kind.code)
        dialog.fields["injuries"].set_text("Vết bầm ở cánh tay trái")
        dialog.fields["insurance"].set_text("none_first_year")

    _accept_dialogs(monkeypatch, fill)
    window.show()
    window.offer_health_check()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["health_check"]
    assert installed.centre.entries.page(installed.manager, "health_check", rid).total == 1
