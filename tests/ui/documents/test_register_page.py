"""The outgoing-document register page: what it lists, its filters, the file check, its place in the window."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from centre_desk import i18n
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.ui.documents.register_page import RegisterPage
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.services.test_documents import LAI_CHAU, admit, service, set_centre
from tests.support.dates import type_date


def filled(installed: Installed) -> tuple[str, bytes]:
    """Two residents with their papers issued (one copy printed); the first resident's code and decision."""
    set_centre(installed)
    docs = service(installed)
    first, code = admit(installed, datetime(2025, 12, 30, 9, 0, tzinfo=LAI_CHAU))
    second, _code = admit(installed, datetime(2026, 1, 5, 9, 0, tzinfo=LAI_CHAU))
    decision = docs.issue(installed.manager, "admission-decision", first).pdf
    docs.issue(installed.manager, "admission-record", first)
    docs.issue(installed.manager, "admission-decision", second)
    docs.issue(installed.manager, "admission-decision", second)  # a copy
    return code, decision


def make_page(qtbot: QtBot, installed: Installed, actor: Actor | None = None) -> RegisterPage:
    page = RegisterPage(service(installed), actor or installed.manager)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def column(page: RegisterPage, index: int) -> list[str]:
    return [page.proxy.index(row, index).data() for row in range(page.proxy.rowCount())]


def test_lists_filters_and_counts(qtbot: QtBot, qtmodeltester: Any, installed: Installed) -> None:
    i18n.install("vi")
    code, _decision = filled(installed)
    page = make_page(qtbot, installed)  # read once when first shown
    assert page.proxy.rowCount() == 3 and "3" in page.count_label.text()
    qtmodeltester.check(page.model)
    assert sorted(column(page, 0)) == ["01/BB-CSBTXH", "01/QĐ-CSBTXH", "01/QĐ-CSBTXH"]  # numbers restart each year
    assert "Sùng Thị Dợ" in column(page, 3)[0]  # names for those with identity access
    rows = zip(column(page, 0), column(page, 1), column(page, 7), strict=True)
    copies = {(number, day[-4:]): count for number, day, count in rows}
    assert copies[("01/QĐ-CSBTXH", "2026")] == "1" and copies[("01/QĐ-CSBTXH", "2025")] == "0"
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    page.search()
    assert column(page, 1) == ["30/12/2025", "30/12/2025"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("BB"))
    page.search()
    assert column(page, 0) == ["01/BB-CSBTXH"] and column(page, 2) == [i18n._("Admission record")]
    page.clear_button.click()
    page.code_edit.setText(code.lower())
    page.search()
    assert page.proxy.rowCount() == 2 and all(code in text for text in column(page, 3))


def test_the_dates_are_typed_and_checked(qtbot: QtBot, installed: Installed) -> None:
    filled(installed)
    page = make_page(qtbot, installed)
    wanted = page.current_filter()
    assert wanted is not None and (wanted.date_from, wanted.date_to) == (None, None)  # empty: no bound
    type_date(qtbot, page.dates.from_edit, "02012026")
    type_date(qtbot, page.dates.to_edit, "01012026")
    assert page.current_filter() is None and not page.dates.error.isHidden()
    type_date(qtbot, page.dates.to_edit, "30022026")  # no such day
    assert page.current_filter() is None and "28" in page.dates.error.text()
    type_date(qtbot, page.dates.to_edit, "31122025")
    qtbot.keyClick(page.dates.to_edit, Qt.Key.Key_Return)  # Enter searches: still the wrong way round
    assert page.proxy.rowCount() == 3 and not page.dates.error.isHidden()
    type_date(qtbot, page.dates.from_edit, "30122025")
    qtbot.keyClick(page.dates.from_edit, Qt.Key.Key_Return)
    assert page.dates.error.isHidden() and column(page, 1) == ["30/12/2025", "30/12/2025"]
    wanted = page.current_filter()
    assert wanted is not None and (wanted.date_from, wanted.date_to) == (date(2025, 12, 30), date(2025, 12, 31))
    page.clear_button.click()
    assert page.dates.from_edit.text() == "" and page.proxy.rowCount() == 3


def test_a_pdf_file_is_checked(
    qtbot: QtBot, installed: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _code, decision = filled(installed)
    page = make_page(qtbot, installed)
    good, bad = tmp_path / "qd.pdf", tmp_path / "sua.pdf"
    good.write_bytes(decision)
    bad.write_bytes(decision + b"% edited afterwards\n")
    assert "01/QĐ-CSBTXH" in page.check_file(good)
    assert "01/QĐ-CSBTXH" not in page.check_file(bad)
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(good), "PDF"))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    page.check_button.click()
    assert shown and "01/QĐ-CSBTXH" in shown[0]


def test_only_those_allowed_see_the_page(installed: Installed) -> None:
    from centre_desk.security.permissions import Action, FieldGroup

    accounts = installed.centre.accounts
    for login, role in (("yta", Role.NURSE), ("tiepnhan", Role.INTAKE)):
        accounts.create(installed.manager, NewAccount(login, "Lò Thị Mai", MANAGER_PASSWORD, frozenset({role})))
    nurse = accounts.authenticate("yta", MANAGER_PASSWORD)
    intake = accounts.authenticate("tiepnhan", MANAGER_PASSWORD)
    assert intake.can(Action.VIEW, FieldGroup.REGISTER) and not nurse.can(Action.VIEW, FieldGroup.REGISTER)
