"""The record's Schooling and training tab comes from the declarations: the intake officer gets its five lists and
the course catalogue (read only), and writes a course taken through its own form, the course chosen from the
catalogue; the manager keeps the catalogue from the same tab; the nurse has no such tab, not even the placeholder."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.ui.entries.panel import EntryPanel
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.record.extras import record_extras
from centre_desk.ui.schooling.catalogue_panel import CataloguePanel
from centre_desk.ui.schooling.course_dialog import CourseDialog, read_number
from centre_desk.ui.schooling.course_form import CourseEntryDialog
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident
from tests.services.schooling.support import TAILORING

TITLE = "Học văn hóa – Học nghề"
CODES = ("school_enrolment", "school_term_result", "support_application", "vocational_enrolment", "course_catalogue",
         "job_support")  # fmt: skip


def _window(qtbot: QtBot, installed: Installed, rid: int, actor: Actor) -> RecordWindow:
    centre = installed.centre
    window = RecordWindow(centre.residents, actor, AppEvents(), rid, entries=centre.entries,
                          entry_extras=record_extras(centre))  # fmt: skip
    qtbot.addWidget(window)
    return window


def _titles(window: RecordWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_the_tab_writes_a_course_chosen_from_the_catalogue(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    course = installed.centre.schooling.save_course(installed.manager, None, None, TAILORING)
    intake = staff(installed, Role.INTAKE)
    window = _window(qtbot, installed, rid, intake)
    assert _titles(window).count(TITLE) == 1
    tab = next(t for t in window.entry_tabs if t.record_tab.code == "schooling")
    assert tab.codes == CODES
    window.tabs.setCurrentWidget(tab)
    window.show()
    catalogue = tab.show_page("course_catalogue")
    assert isinstance(catalogue, CataloguePanel)
    qtbot.waitUntil(lambda: catalogue.loaded)
    assert catalogue.model.rowCount() == 1 and not catalogue.add_button.isVisibleTo(catalogue)
    courses = tab.show_page("vocational_enrolment")
    assert isinstance(courses, EntryPanel)
    qtbot.waitUntil(lambda: courses.loaded)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CourseEntryDialog)
        dialog.course_combo.setCurrentIndex(dialog.course_combo.findData(str(course.id)))
        assert dialog.fields["course"].text() == "May công nghiệp"
        dialog.fields["started_on"].set_text("03/11/2026")

    monkeypatch.setattr(QDialog, "exec", lambda dialog: (fill(dialog), dialog.accept(), int(dialog.result()))[2])
    courses.new_entry()
    assert courses.model.rowCount() == 1
    written = courses.model.row(0)
    assert (written.value("course_id"), written.value("provider")) == (course.id, TAILORING.provider)
    assert written.value("started_on") == date(2026, 11, 3)


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_the_manager_keeps_the_catalogue_from_the_tab(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    window = _window(qtbot, installed, rid, installed.manager)
    tab = next(t for t in window.entry_tabs if t.record_tab.code == "schooling")
    window.tabs.setCurrentWidget(tab)
    window.show()
    panel = tab.show_page("course_catalogue")
    assert isinstance(panel, CataloguePanel)
    qtbot.waitUntil(lambda: panel.loaded)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CourseDialog)
        dialog.trade.setText("Cắt tóc, gội đầu")
        dialog.level.setCurrentIndex(dialog.level.findData("short"))
        dialog.numbers["cost"].setText("1.800.000")
        dialog.provider.setText("Salon tóc Hoa, phường Tân Phong")

    monkeypatch.setattr(QDialog, "exec", lambda dialog: (fill(dialog), dialog.accept(), int(dialog.result()))[2])
    panel.add_course()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert (panel.model.row(0).trade, panel.model.row(0).cost) == ("Cắt tóc, gội đầu", 1_800_000)
    panel.table.selectRow(0)
    panel.toggle_offered()
    qtbot.waitUntil(lambda: not panel.loading and not panel.model.row(0).active)
    assert read_number("cost", "2.400.000 đ") == 2_400_000 and read_number("cost", "") is None


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_a_nurse_has_no_schooling_tab(qtbot: QtBot, installed: Installed) -> None:
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", datetime(2026, 11, 1, tzinfo=UTC))
    window = _window(qtbot, installed, rid, staff(installed, Role.NURSE))
    assert TITLE not in _titles(window)
    assert "Tư vấn tâm lý" in _titles(window)  # the other tabs as before
