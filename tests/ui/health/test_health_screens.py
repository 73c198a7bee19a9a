"""The health screens with a nurse: the Today page (alerts, vitals due, recording a dose), the round of vitals
grid (checked per cell, saved together), the record's medication record and charts, the manager's review of
restricted entries opened."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.lodging.common import local_moment
from centre_desk.ui.entries.glass_review import GlassReviewPage
from centre_desk.ui.events import AppEvents
from centre_desk.ui.health.record_panels import ChartsPanel, MedicationPanel
from centre_desk.ui.health.round_dialog import RoundDialog
from centre_desk.ui.health.today_page import HealthTodayPage
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

NOW = datetime.now(UTC).replace(microsecond=0)


def _person(installed: Installed, name: str, age: int = 30) -> int:
    return resident(installed.centre, installed.manager, name, NOW - timedelta(days=5), birth_year=NOW.year - age)


def _fever(installed: Installed, nurse: object, rid: int) -> None:
    values = {"temperature": Decimal("39.4"), "pulse": 118, "systolic": 98, "diastolic": 60, "resp_rate": 24,
              "spo2": 94, "consciousness": "A"}  # fmt: skip
    data = EntryInput(NOW - timedelta(minutes=30), tuple(values.items()))  # type: ignore[arg-type]
    installed.centre.entries.save(nurse, "nursing_note", rid, None, None, data)  # type: ignore[arg-type]


def _plan(installed: Installed, nurse: object, rid: int) -> int:
    start = date.today() - timedelta(days=1)
    values = {"medicine": "Paracetamol", "strength": "500 mg", "dose": Decimal(1), "unit": "tablet",
              "route": "oral", "frequency": "custom", "times": "00:00 22:00", "start_on": start}  # fmt: skip
    data = EntryInput(local_moment(start, time(6)), tuple(values.items()))  # type: ignore[arg-type]
    return installed.centre.entries.save(nurse, "medication_plan", rid, None, None, data).id  # type: ignore[arg-type]


def test_today_shows_the_alert_and_records_a_dose(qtbot: QtBot, installed: Installed,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    nurse = staff(installed, Role.NURSE)
    sick, well = _person(installed, "Vàng Thị Sốt"), _person(installed, "Lò Thị Khỏe")
    _fever(installed, nurse, sick)
    _plan(installed, nurse, well)
    page = HealthTodayPage(installed.centre.health, installed.centre.entries, nurse, AppEvents())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None and not page.loading)
    texts = [page.alerts.item(i).text() for i in range(page.alerts.count())]
    assert any("Vàng Thị Sốt" in t and "NEWS2" in t for t in texts)
    assert any("Lò Thị Khỏe" in t and "Paracetamol" in t for t in texts)  # 00:00 missed (before 01:00: 22:00)
    assert page.model.rowCount() == 2
    opened: list[int] = []
    page.open_record.connect(opened.append)
    page.alerts.itemActivated.emit(page.alerts.item(0))
    assert opened == [sick]


def test_the_round_checks_each_cell_and_saves_together(qtbot: QtBot, installed: Installed) -> None:
    nurse = staff(installed, Role.NURSE)
    ids = [_person(installed, f"Người {n}") for n in range(3)]
    page = HealthTodayPage(installed.centre.health, installed.centre.entries, nurse, AppEvents())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None and not page.loading)
    assert page.view is not None
    entries = installed.centre.entries
    dialog = RoundDialog(None, page.view.rows, lambda items: entries.save_many(nurse, "nursing_note", items))
    qtbot.addWidget(dialog)
    dialog.when.set_value(datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=1))
    dialog.model.item(0, 1).setText("36,8")
    dialog.model.item(0, 2).setText("80")
    dialog.model.item(2, 1).setText("55")  # a typing slip
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.model.item(2, 1).toolTip()  # the wrong cell says why
    assert "45" in dialog.general_error.text()
    dialog.model.item(2, 1).setText("37,2")
    dialog.model.item(2, 7).setText("v")  # ACVPU typed in lower case
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [entries.page(nurse, "nursing_note", rid).total for rid in ids] == [1, 0, 1]


def test_the_medication_record_and_the_charts_of_a_record(qtbot: QtBot, installed: Installed,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    nurse = staff(installed, Role.NURSE)
    rid = _person(installed, "Lò Thị Khỏe")
    _plan(installed, nurse, rid)
    _fever(installed, nurse, rid)
    panel = MedicationPanel(installed.centre.health, nurse, rid)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded)
    assert panel.model.rowCount() == 2  # 00:00 and 22:00 today
    panel.table.selectRow(0)
    assert panel.buttons["given"].isEnabled()
    panel.buttons["given"].click()
    qtbot.waitUntil(lambda: panel.loaded and not panel.loading)
    assert {d.outcome for d in panel.model.rows()} >= {"given"}
    charts = ChartsPanel(installed.centre.health, nurse, rid)
    qtbot.addWidget(charts)
    charts.show()
    qtbot.waitUntil(lambda: charts.loaded)
    assert charts.vitals.current_code() == "temperature" and not charts.growth.isVisible()


def test_the_manager_reviews_restricted_entries_opened(qtbot: QtBot, installed: Installed) -> None:
    nurse, counsellor = staff(installed, Role.NURSE), staff(installed, Role.COUNSELLOR)
    rid = _person(installed, "Giàng Thị Mai")
    test = EntryInput(NOW - timedelta(hours=1), (("test", "hiv"),))
    made = installed.centre.entries.save(nurse, "health_test", rid, None, None, test)
    installed.centre.entries.break_glass(counsellor, "health_test", made.id, "Em ấy ngất, cần biết ngay kết quả")
    page = GlassReviewPage(installed.centre.entries, installed.manager, AppEvents())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.justified_button.click()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0)
    assert page.empty.isVisibleTo(page)


def test_the_summary_is_printed_from_the_tab_with_the_sensitive_part_only_when_ticked(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    from centre_desk.ui.documents.preview import DocumentPreviewDialog
    from centre_desk.ui.health import summary_print
    from tests.reports.test_admission_papers import pdf_text

    nurse = staff(installed, Role.NURSE)
    rid = _person(installed, "Giàng Thị Mai")
    test = EntryInput(NOW - timedelta(hours=1), (("test", "hiv"),))
    installed.centre.entries.save(nurse, "health_test", rid, None, None, test)
    shown: list[tuple[bytes, object]] = []

    def show(cls: object, parent: object, title: str, pdf: bytes, name: str, issue: object = None,
             notice: str = "") -> None:  # fmt: skip
        shown.append((pdf, issue))

    monkeypatch.setattr(DocumentPreviewDialog, "show_document", classmethod(show))
    ticks: list[bool] = []

    def choose(dialog: QDialog) -> int:
        dialog.sensitive.setChecked(bool(ticks))  # type: ignore[attr-defined]
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(summary_print.SummaryChoiceDialog, "exec", choose)
    summary_print.print_summary(None, installed.centre.health_papers, nurse, rid, "LC-2026-0001")
    ticks.append(True)
    summary_print.print_summary(None, installed.centre.health_papers, nurse, rid, "LC-2026-0001")
    (plain, no_number), (sensitive, _issue) = shown
    assert no_number is None  # the nurse previews; the management issues the number
    assert "HIV" not in pdf_text(plain) and "HIV" in pdf_text(sensitive)


def test_a_fresh_alert_shows_a_banner_over_the_notes(qtbot: QtBot, installed: Installed) -> None:
    from centre_desk.services.entries.kinds import tabs
    from centre_desk.ui.entries.tab import EntriesTab

    nurse = staff(installed, Role.NURSE)
    rid = _person(installed, "Vàng Thị Sốt")
    _fever(installed, nurse, rid)
    tab = EntriesTab(installed.centre.entries, nurse, next(t for t in tabs() if t.code == "health"), rid)
    qtbot.addWidget(tab)
    tab.show()
    panel = tab.panel("nursing_note")
    qtbot.waitUntil(lambda: panel.loaded)
    assert panel.banner.isVisible() and "NEWS2 9" in panel.banner.text()


def test_tab_in_the_round_passes_over_the_names(qtbot: QtBot, installed: Installed) -> None:
    from centre_desk.services.health.dto import TodayRow

    rows = [TodayRow(n, f"LC-{n}", f"Người {n}", 20, "", "present", None, None, False, True, None, 0, 0, 0, None)
            for n in range(2)]  # fmt: skip
    dialog = RoundDialog(None, rows, None)
    qtbot.addWidget(dialog)
    dialog.show()
    grid = dialog.grid
    grid.setFocus()
    grid.setCurrentIndex(dialog.model.index(0, 8))  # the first row's note
    grid.step(True)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, 1)  # the next row's temperature
    grid.step(False)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 8)
