"""The record window: header flags, what each role sees, editing with audit, conflicts, consents, keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.audit_view import AuditFilter
from centre_desk.services.intake_terms import ConsentKind
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow, open_record
from centre_desk.ui.record.conflict import ConflictChoice, ConflictDialog, Difference
from centre_desk.ui.record.consent_dialogs import WithdrawConsentDialog
from tests.conftest import Installed
from tests.ui.record.support import Admitted, admit_readmitted_pupil, staff


@pytest.fixture
def admitted(installed: Installed) -> Admitted:
    return admit_readmitted_pupil(installed.centre, installed.manager)


def _window(
    qtbot: QtBot, installed: Installed, resident_id: int, actor: Actor | None = None, **kw: object
) -> RecordWindow:
    window = RecordWindow(installed.centre.residents, actor or installed.manager, AppEvents(), resident_id, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    return window


def _audited(installed: Installed, action: str) -> int:
    return len(installed.centre.audit_view.search(installed.manager, AuditFilter(action=action)))


def test_header_shows_minor_pupil_readmission_and_days(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    header = window.header
    names = {label.objectName(): label.text() for label in header.badge_labels}
    assert {"childBadge", "pupilBadge", "statusBadge"} <= names.keys()
    assert header.readmission_flag.isVisibleTo(window)
    assert admitted.earlier_code in header.readmission_flag.text()
    assert "34" in header.presence_label.text()
    assert header.has_photo
    record = window.record
    assert record is not None
    assert window.windowTitle() == f"Sùng Thị Dợ – {record.code}"
    assert "15" in header.facts_label.text()
    assert window.tabs.count() == 10  # Profile, Admission and eight later capabilities


def test_nurse_sees_no_narrative_and_cannot_edit(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    nurse = staff(installed.centre, installed.manager, "yta", "Lò Thị Hoa", Role.NURSE)
    window = _window(qtbot, installed, admitted.resident_id, nurse)
    window.show()
    window.tabs.setCurrentWidget(window.stay_tab)
    form = window.stay_form
    assert form.injured.isVisibleTo(window)
    assert not form.narrative.isVisibleTo(window) and form.narrative.toPlainText() == ""
    assert not form.exploitation_country.isVisibleTo(window)  # trafficking history is not hers either
    assert form.pregnancy_frame.isVisibleTo(window)  # sensitive health is
    assert not window.profile_tab.edit_button.isVisibleTo(window)
    assert "statusBadge" not in {label.objectName() for label in window.header.badge_labels}
    manager_window = _window(qtbot, installed, admitted.resident_id)
    manager_window.show()
    manager_window.tabs.setCurrentWidget(manager_window.stay_tab)
    assert manager_window.stay_form.narrative.isVisibleTo(manager_window)
    assert "Facebook" in manager_window.stay_form.narrative.toPlainText()


def test_profile_edit_saves_once_and_is_audited(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    events = AppEvents()
    window = RecordWindow(installed.centre.residents, installed.manager, events, admitted.resident_id)
    qtbot.addWidget(window)
    window.profile_tab.edit_button.click()
    assert window.editing and not window.profile_form.school_grade.isReadOnly()
    window.profile_form.school_grade.setText("Lớp 9")
    before = _audited(installed, "resident.updated")
    with qtbot.waitSignal(events.data_changed) as changed:
        window.profile_tab.save_button.click()
    assert changed.args == ["resident"]
    assert not window.editing and window.profile_form.school_grade.isReadOnly()
    stored = installed.centre.residents.record(installed.manager, admitted.resident_id)
    assert stored.person.school_grade == "Lớp 9"
    assert _audited(installed, "resident.updated") == before + 1


def test_refused_field_is_shown_inline_and_input_kept(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    window.show()
    window.start_edit(window.profile_tab)
    form = window.profile_form
    form.guardian_name.setText("")
    form.religion.setText("Tin Lành")
    window.save()
    assert window.editing
    assert "18" in form.errors.message("guardian_name")
    assert form.religion.text() == "Tin Lành"
    stored = installed.centre.residents.record(installed.manager, admitted.resident_id)
    assert stored.person.religion == ""
    window.cancel_edit()


def test_stay_edit_saves_belongings(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    window.start_edit(window.stay_tab)
    model = window.stay_form.belongings.model
    row = model.add_row()
    assert model.setData(model.index(row, 0), "Chứng minh thư cũ")
    window.stay_form.money_vnd.setText("400.000")
    window.save()
    assert not window.editing
    stored = installed.centre.residents.record(installed.manager, admitted.resident_id)
    assert [b.item for b in stored.stay.belongings][-1] == "Chứng minh thư cũ"
    assert stored.stay.money_vnd == 400_000
    assert stored.stay.narrative.startswith("Em được")  # the manager may not edit it: kept as stored
    assert _audited(installed, "admission.updated") == 1


def test_conflict_shows_both_versions_and_keeps_input(
    qtbot: QtBot, installed: Installed, admitted: Admitted, monkeypatch: pytest.MonkeyPatch
) -> None:
    residents = installed.centre.residents
    window = _window(qtbot, installed, admitted.resident_id)
    behind = residents.record(installed.manager, admitted.resident_id)
    residents.update_person(
        installed.manager, behind.resident_id, behind.resident_version, replace(behind.person, religion="Công giáo")
    )
    shown: list[list[Difference]] = []

    def ask(_parent: object, rows: list[Difference]) -> ConflictChoice:
        shown.append(rows)
        return ConflictChoice.KEEP

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, p, rows: ask(p, rows)))
    window.start_edit(window.profile_tab)
    window.profile_form.school_grade.setText("Lớp 9")
    window.save()
    assert shown, "the conflict dialog was not shown"
    rows = {d.field: d for d in shown[0]}
    assert rows["religion"].stored == "Công giáo" and rows["religion"].yours == "—"
    assert rows["school_grade"].stored == "Lớp 8" and rows["school_grade"].yours == "Lớp 9"
    assert window.editing and window.profile_form.school_grade.text() == "Lớp 9"
    window.save()  # saving again after "keep editing" replaces the stored values
    assert not window.editing
    assert residents.record(installed.manager, admitted.resident_id).person.school_grade == "Lớp 9"


def test_conflict_reload_shows_the_stored_version(
    qtbot: QtBot, installed: Installed, admitted: Admitted, monkeypatch: pytest.MonkeyPatch
) -> None:
    residents = installed.centre.residents
    window = _window(qtbot, installed, admitted.resident_id)
    behind = residents.record(installed.manager, admitted.resident_id)
    residents.update_stay(
        installed.manager,
        behind.admission_id,
        behind.admission_version,
        replace(behind.stay, border_gate="Cửa khẩu Pa Nậm Cúm"),
    )
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, p, rows: ConflictChoice.RELOAD))
    window.start_edit(window.stay_tab)
    window.stay_form.referring_officer.setText("Đại úy Vàng A Sử")
    window.save()
    assert not window.editing
    assert window.stay_form.border_gate.text() == "Cửa khẩu Pa Nậm Cúm"
    assert window.stay_form.referring_officer.text() == "Thiếu tá Lò Văn Thắng"


def test_withdrawing_photo_consent_removes_the_photo(
    qtbot: QtBot, installed: Installed, admitted: Admitted, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    assert window.header.has_photo

    def ask(cls: object, parent: object, what: str, given_on: date, submit: Callable[[date], object]) -> date:
        submit(date.today())
        return date.today()

    monkeypatch.setattr(WithdrawConsentDialog, "ask", classmethod(ask))
    window.consents.select_kind(ConsentKind.PHOTO)
    assert window.consents.withdraw_button.isEnabled()
    window.consents.withdraw_button.click()
    assert not window.header.has_photo
    assert not window.consents.photo_button.isEnabled()
    record = window.record
    assert record is not None and record.photo is None
    assert _audited(installed, "consent.withdrawn") == 1


def test_table_models(qtbot: QtBot, qtmodeltester: object, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    qtmodeltester.check(window.consents.model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.stay_form.contacts.model)  # type: ignore[attr-defined]
    window.start_edit(window.stay_tab)
    qtmodeltester.check(window.stay_form.belongings.model)  # type: ignore[attr-defined]
    window.cancel_edit()
    dialog = ConflictDialog(window, [Difference("religion", "Tôn giáo", "Công giáo", "—")])
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert window.consents.model.rowCount() == 4


def test_keyboard_edit_save_and_cancel(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.editing
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and not focused.isReadOnly()
    window.profile_form.religion.setText("Không")
    qtbot.keyClick(window.profile_form.religion, Qt.Key.Key_Escape)
    assert not window.editing and window.profile_form.religion.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    window.profile_form.religion.setText("Không")
    qtbot.keyClick(window.profile_form.religion, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.editing
    assert installed.centre.residents.record(installed.manager, admitted.resident_id).person.religion == "Không"


def test_documents_only_with_callback_and_print_right(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    printed: list[str] = []
    window = _window(qtbot, installed, admitted.resident_id, print_document=printed.append)
    assert set(window.document_actions) == {"admission-record", "admission-decision", "belongings-receipt"}
    window.document_actions["belongings-receipt"].trigger()
    assert printed == ["belongings-receipt"]
    assert _window(qtbot, installed, admitted.resident_id).document_actions == {}
    nurse = staff(installed.centre, installed.manager, "yta", "Lò Thị Hoa", Role.NURSE)
    assert _window(qtbot, installed, admitted.resident_id, nurse, print_document=printed.append).document_actions == {}


def test_open_record_reuses_the_window_and_refreshes(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    events = AppEvents()
    first = open_record(None, installed.centre, installed.manager, events, admitted.resident_id)
    qtbot.addWidget(first)
    assert open_record(None, installed.centre, installed.manager, events, admitted.resident_id) is first
    other = open_record(None, installed.centre, installed.manager, events, admitted.earlier_id)
    qtbot.addWidget(other)
    assert other is not first
    stored = installed.centre.residents.record(installed.manager, admitted.resident_id)
    installed.centre.residents.update_person(
        installed.manager, stored.resident_id, stored.resident_version, replace(stored.person, religion="Phật giáo")
    )
    events.data_changed.emit("resident")
    assert first.profile_form.religion.text() == "Phật giáo"
