"""The Support payments page with pytest-qt: the list of a period ticked and recorded as signed, the totals, the
rates (the manager may enter one, the intake officer only reads); the record's Support payments tab comes from the
declaration (no placeholder), and a nurse has neither."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.ui.events import AppEvents
from centre_desk.ui.payments.page import PaymentsPage
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.payments.support import People, pay, people, rate

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
JULY, END = date(2025, 7, 1), date(2025, 7, 31)


def _centre(installed: Installed) -> People:
    centre, manager = installed.centre, installed.manager
    rate(centre, manager, "essential", 50_000, "per_day", JULY)
    here = people(centre, manager)
    pay(centre, manager, here.victim, END, period_from=JULY, period_to=END)
    pay(centre, manager, here.child, END, quantity=10)
    return here


def _page(qtbot: QtBot, installed: Installed, actor: Actor) -> PaymentsPage:
    page = PaymentsPage(installed.centre.payments, installed.centre.payment_papers, actor, AppEvents())
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_list_ticked_and_recorded(qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    _centre(installed)
    page = _page(qtbot, installed, installed.manager)
    tab = page.list_tab
    tab.dates.set_value(JULY, END)
    tab.category.setCurrentIndex(tab.category.findData("essential"))
    tab.load()
    assert tab.model.rowCount() == 2
    assert tab.model.setData(tab.model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    tab.table.selectRow(1)
    tab.missed_button.click()
    assert "1.550.000 đ" in tab.totals.text() and "500.000 đ" in tab.totals.text()
    monkeypatch.setattr(QDialog, "exec", lambda dialog: (dialog.accept(), int(dialog.result()))[1])
    tab.record_button.click()
    assert [tab.model.line(r).status for r in range(2)] == ["paid", "not_collected"]
    assert tab.signed.text()  # "Recorded as signed on …"


def test_the_totals_and_the_rates(qtbot: QtBot, installed: Installed) -> None:
    _centre(installed)
    page = _page(qtbot, installed, installed.manager)
    page.setCurrentWidget(page.totals_tab)
    page.totals_tab.dates.set_value(JULY, END)
    page.totals_tab.load()
    (line,) = page.totals_tab.model.rows()
    assert (line.key, line.count, line.planned) == ("essential", 2, 2_050_000)
    page.setCurrentWidget(page.rates_tab)
    assert page.rates_tab.model.rowCount() == 1 and page.rates_tab.new_button.isVisibleTo(page)
    intake = _page(qtbot, installed, staff(installed, Role.INTAKE))
    intake.setCurrentWidget(intake.rates_tab)
    assert intake.rates_tab.model.rowCount() == 1 and not intake.rates_tab.new_button.isVisibleTo(intake)


def test_the_record_tab_and_the_nurse(qtbot: QtBot, installed: Installed) -> None:
    here = _centre(installed)
    titles, codes = [], []
    for actor in (staff(installed, Role.INTAKE), staff(installed, Role.NURSE)):
        window = RecordWindow(installed.centre.residents, actor, AppEvents(), here.victim,
                              entries=installed.centre.entries)  # fmt: skip
        qtbot.addWidget(window)
        titles.append([window.tabs.tabText(i) for i in range(window.tabs.count())])
        codes.append([t.record_tab.code for t in window.entry_tabs])
    assert titles[0].count("Chi trả hỗ trợ") == 1 and "payments" in codes[0]  # the declared tab, not a placeholder
    assert "Chi trả hỗ trợ" not in titles[1] and "payments" not in codes[1]
