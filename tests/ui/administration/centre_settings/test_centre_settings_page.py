"""The centre's dated details: history, a new version, corrections with conflicts; the screen-lock delay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.services.settings import CentreDetails, SettingsService
from centre_desk.ui.administration.centre_settings.page import CentreSettingsPage
from centre_desk.ui.administration.centre_settings.version_dialog import NewVersionDialog
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.support.dates import type_date

OLD_AGENCY = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LAI CHÂU"
NEW_AGENCY = "SỞ Y TẾ TỈNH LAI CHÂU"


def dated_2020(installed: Installed) -> CentreDetails:
    """The installation's first details, moved to 01/01/2020 under the old parent agency."""
    settings = installed.centre.settings
    (first,) = settings.centre_history(installed.manager)
    return settings.save_centre(
        installed.manager,
        replace(
            first,
            effective_from=date(2020, 1, 1),
            parent_agency=OLD_AGENCY,
            place_name="Lai Châu",
            director_name="Hoàng Văn Thắng",
            director_title="GIÁM ĐỐC",
        ),
    )


def make_page(qtbot: QtBot, installed: Installed, actor: Actor | None = None) -> tuple[CentreSettingsPage, list[str]]:
    events = AppEvents()
    emitted: list[str] = []
    events.data_changed.connect(emitted.append)
    page = CentreSettingsPage(installed.centre.settings, actor or installed.manager, events)
    qtbot.addWidget(page)
    return page, emitted


def history_dates(page: CentreSettingsPage) -> list[date]:
    return [page._details_at(r).effective_from for r in range(page.proxy.rowCount())]


def history_dates_of(settings: SettingsService, installed: Installed) -> list[date]:
    return [d.effective_from for d in settings.centre_history(installed.manager)]


def test_history_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: Any, installed: Installed) -> None:
    dated_2020(installed)
    page, _emitted = make_page(qtbot, installed)
    assert page.proxy.index(0, 0).data() == "01/01/2020"
    assert page.proxy.index(0, 2).data() == OLD_AGENCY
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_adding_a_version_shows_it_in_the_history(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = dated_2020(installed)
    page, emitted = make_page(qtbot, installed)
    bases: list[CentreDetails | None] = []

    def fake_ask(_parent: Any, base: CentreDetails | None, submit: Any) -> CentreDetails:
        bases.append(base)
        assert base is not None
        new = replace(base, effective_from=date(2025, 3, 1), parent_agency=NEW_AGENCY, id=None, version=0)
        submit(new)
        return new

    monkeypatch.setattr(NewVersionDialog, "ask", fake_ask)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert bases == [first]
    assert history_dates(page) == [date(2025, 3, 1), date(2020, 1, 1)]  # newest first
    selected = page.selected()
    assert selected is not None and selected.parent_agency == NEW_AGENCY
    assert page.form.edits["parent_agency"].text() == NEW_AGENCY
    assert emitted == ["centre"]
    settings = installed.centre.settings
    before, after = settings.centre_on(date(2025, 2, 28)), settings.centre_on(date(2025, 3, 1))
    assert before is not None and before.parent_agency == OLD_AGENCY
    assert after is not None and after.parent_agency == NEW_AGENCY


def test_new_version_dialog_keeps_input_on_a_taken_date(qtbot: QtBot, installed: Installed) -> None:
    first = dated_2020(installed)
    settings = installed.centre.settings
    dialog = NewVersionDialog(None, first, lambda d: settings.save_centre(installed.manager, d))
    qtbot.addWidget(dialog)
    assert dialog.form.value(None, 0).effective_from == date.today()
    type_date(qtbot, dialog.form.date_edit, "01012020")  # digits only
    assert dialog.form.date_edit.text() == "01/01/2020"
    dialog.form.edits["parent_agency"].setText(NEW_AGENCY)
    dialog.accept()
    assert dialog.result() != NewVersionDialog.DialogCode.Accepted
    assert dialog.form.errors.message("effective_from") == _("There are already centre details from this date.")
    assert dialog.form.edits["parent_agency"].text() == NEW_AGENCY
    dialog.form.edits["centre_name"].setText("   ")
    type_date(qtbot, dialog.form.date_edit, "01032025")
    dialog.accept()
    assert dialog.form.errors.message("centre_name") and not dialog.form.errors.message("effective_from")
    assert len(settings.centre_history(installed.manager)) == 1


def test_the_valid_from_date_is_required_and_real(qtbot: QtBot, installed: Installed) -> None:
    first = dated_2020(installed)
    settings = installed.centre.settings
    dialog = NewVersionDialog(None, first, lambda d: settings.save_centre(installed.manager, d))
    qtbot.addWidget(dialog)
    errors, edit = dialog.form.errors, dialog.form.date_edit
    type_date(qtbot, edit, "29022025")
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    assert errors.message("effective_from") == _("{month:02d}/{year:04d} has only {days} days.").format(
        month=2, year=2025, days=28
    )  # said as soon as the field is left
    dialog.accept()
    assert dialog.result() != NewVersionDialog.DialogCode.Accepted and errors.message("effective_from")
    type_date(qtbot, edit, None)
    assert not errors.message("effective_from")  # typing again takes the note away
    dialog.accept()
    assert errors.message("effective_from") == _("Please fill in the date.")
    assert len(settings.centre_history(installed.manager)) == 1
    type_date(qtbot, edit, "28022025")
    dialog.accept()
    assert dialog.result() == NewVersionDialog.DialogCode.Accepted
    assert history_dates_of(settings, installed) == [date(2025, 2, 28), date(2020, 1, 1)]


def test_a_correction_with_an_impossible_date_is_not_saved(qtbot: QtBot, installed: Installed) -> None:
    first = dated_2020(installed)
    page, emitted = make_page(qtbot, installed)
    type_date(qtbot, page.form.date_edit, "3113202")
    page.save_correction()
    assert page.form.errors.message("effective_from") and emitted == []
    assert installed.centre.settings.centre_history(installed.manager) == [first]
    type_date(qtbot, page.form.date_edit, "02012020")
    page.save_correction()
    assert not page.form.errors.message("effective_from") and emitted == ["centre"]
    assert history_dates(page) == [date(2020, 1, 2)]


def test_stale_correction_shows_the_conflict(qtbot: QtBot, installed: Installed) -> None:
    first = dated_2020(installed)
    settings = installed.centre.settings
    page, emitted = make_page(qtbot, installed)
    settings.save_centre(installed.manager, replace(first, director_name="Lò Văn Pâng"))  # someone else
    page.form.edits["director_name"].setText("Hoàng Văn Thắng (sửa)")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.conflict_box.isHidden()
    assert page.conflict_box.message_label.text() != ""
    assert "Lò Văn Pâng" in page.conflict_box.stored_label.text()
    assert page.form.edits["director_name"].text() == "Hoàng Văn Thắng (sửa)"
    assert emitted == []
    assert settings.centre_history(installed.manager)[0].director_name == "Lò Văn Pâng"

    page.conflict_box.keep_button.click()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.conflict_box.isHidden()
    assert settings.centre_history(installed.manager)[0].director_name == "Hoàng Văn Thắng (sửa)"
    assert emitted == ["centre"]


def test_conflict_reload_shows_the_saved_version(qtbot: QtBot, installed: Installed) -> None:
    first = dated_2020(installed)
    page, _emitted = make_page(qtbot, installed)
    installed.centre.settings.save_centre(installed.manager, replace(first, address="Phường Tân Phong, Lai Châu"))
    page.form.edits["address"].setText("Đường 30/4")
    page.save_correction()
    page.conflict_box.reload_button.click()
    assert page.form.edits["address"].text() == "Phường Tân Phong, Lai Châu"
    assert page.conflict_box.isHidden()


def test_validation_error_is_shown_under_the_field(qtbot: QtBot, installed: Installed) -> None:
    page, emitted = make_page(qtbot, installed)
    page.form.edits["centre_name"].setText("")
    page.form.edits["director_name"].setText("Hoàng Văn Thắng")
    page.save_correction()
    assert page.form.errors.message("centre_name")
    assert page.form.edits["director_name"].text() == "Hoàng Văn Thắng"
    assert emitted == []


def test_idle_minutes_saved_and_refused_outside_the_range(qtbot: QtBot, installed: Installed) -> None:
    settings = installed.centre.settings
    page, emitted = make_page(qtbot, installed)
    assert (page.idle_spin.minimum(), page.idle_spin.maximum()) == (1, 15)
    assert page.idle_spin.value() == settings.idle_minutes()
    page.idle_spin.setValue(10)
    qtbot.mouseClick(page.idle_save_button, Qt.MouseButton.LeftButton)
    assert settings.idle_minutes() == 10
    assert "10" in page.idle_status.text() and page.idle_error.isHidden()
    assert emitted == ["settings"]

    page.idle_spin.setRange(0, 99)  # what the service says when a value outside 1–15 reaches it
    for wrong in (0, 16):
        page.idle_spin.setValue(wrong)
        qtbot.mouseClick(page.idle_save_button, Qt.MouseButton.LeftButton)
        assert not page.idle_error.isHidden() and page.idle_error.text()
        assert settings.idle_minutes() == 10
    assert emitted == ["settings"]


def test_read_only_without_the_edit_right(qtbot: QtBot, installed: Installed) -> None:
    dated_2020(installed)
    nurse = installed.centre.accounts.create(
        installed.manager, NewAccount("mai.lt", "Lò Thị Mai", "Bản Giang mùa mưa 2026", frozenset({Role.NURSE}))
    )
    page, _emitted = make_page(qtbot, installed, Actor(nurse.id, nurse.login, frozenset({Role.NURSE})))
    assert page.model.rowCount() == 0 and not page.notice_label.isHidden()
    assert not page.save_button.isEnabled() and not page.add_button.isEnabled()
    assert not page.idle_save_button.isEnabled() and not page.idle_spin.isEnabled()

    stale = Actor(installed.manager.account_id, installed.manager.login, frozenset({Role.NURSE}))
    page, _emitted = make_page(qtbot, installed, stale)
    assert page.model.rowCount() == 1
    assert page.form.edits["parent_agency"].text() == OLD_AGENCY and page.form.edits["parent_agency"].isReadOnly()
    assert not page.save_button.isEnabled() and not page.add_button.isEnabled()
    assert not page.idle_save_button.isEnabled()
    assert page.notice_label.text() == _("You can see these settings but not change them.")


def test_an_empty_founding_decision_is_flagged(qtbot: QtBot, installed: Installed) -> None:
    from centre_desk import i18n

    i18n.install("vi")
    page, _emitted = make_page(qtbot, installed)
    form = page.form
    gaps = form.gaps_label
    assert not gaps.isHidden() and "quyết định thành lập" in gaps.text().lower()
    assert "b00020" in gaps.styleSheet() and "b00020" in form.edits["founding_decision"].styleSheet()
    form.edits["founding_decision"].setText("Quyết định số 32/2014/QĐ-UBND ngày 25/9/2014 của UBND tỉnh Lai Châu")
    assert "thành lập" not in gaps.text() and "b00020" not in gaps.styleSheet()
    assert "đề nghị" in gaps.text().lower()  # the proposing unit is still empty: a hint, not a flag
    form.edits["proposing_unit"].setText("Trưởng phòng Công tác xã hội")
    form.edits["officer_title"].setText("Nhân viên công tác xã hội")
    assert gaps.isHidden()
    page.save_correction()
    saved = installed.centre.settings.centre_on(date.today())
    assert saved is not None and saved.proposing_unit == "Trưởng phòng Công tác xã hội"
    assert saved.officer_title == "Nhân viên công tác xã hội" and not saved.paper_gaps()
