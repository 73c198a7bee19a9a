"""The audit trail page: filters on real rows, failures marked, safe CSV export, refusals."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QFileDialog, QMessageBox

from centre_desk.errors import AuthenticationFailed
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.audit_terms import describe_action, describe_roles
from centre_desk.services.audit_view import AuditFilter, AuditRow
from centre_desk.services.dto import NewAccount
from centre_desk.ui.administration.audit import AuditPage
from centre_desk.ui.administration.audit.model import (
    ACTION_COLUMN,
    FAILED_COLOUR,
    LOGIN_COLUMN,
    OUTCOME_COLUMN,
    RECORD_COLUMN,
    ROLE_COLUMN,
)
from centre_desk.ui.administration.audit.page import export_file_name
from centre_desk.ui.events import AppEvents
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.dates import type_date

NURSE_PASSWORD = "Hoa ban trắng nở 2026"


def _fail_sign_in(installed: Installed, login: str) -> None:
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate(login, "đoán bừa mà thôi")


@pytest.fixture
def nurse(installed: Installed) -> Actor:
    row = installed.centre.accounts.create(
        installed.manager, NewAccount("yta.lan", "Lò Thị Lan", NURSE_PASSWORD, frozenset({Role.NURSE}))
    )
    return Actor(row.id, row.login, row.roles, row.full_name)


@pytest.fixture
def trail(installed: Installed, nurse: Actor) -> Installed:
    """Sign-ins, failed sign-ins (one typed as a formula), a new account."""
    installed.centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    _fail_sign_in(installed, "ke-la")
    _fail_sign_in(installed, "=cmd")
    return installed


def _page(qtbot: QtBot, installed: Installed, actor: Actor | None = None) -> AuditPage:
    page = AuditPage(installed.centre.audit_view, actor or installed.manager, AppEvents())
    qtbot.addWidget(page)
    page.resize(1100, 600)
    return page


def _shown(qtbot: QtBot, page: AuditPage) -> list[AuditRow]:
    """Show the page (which searches once) and wait for the rows."""
    page.show()
    qtbot.waitUntil(lambda: not page.searching and page.model.rowCount() > 0, timeout=10_000)
    return page.model.rows()


def _search(qtbot: QtBot, page: AuditPage) -> list[AuditRow]:
    page.search_button.click()
    assert not page.search_button.isEnabled()  # disabled while the search runs
    qtbot.waitUntil(lambda: not page.searching, timeout=10_000)
    assert page.search_button.isEnabled()
    return page.model.rows()


def test_search_with_each_filter(qtbot: QtBot, trail: Installed, nurse: Actor) -> None:
    page = _page(qtbot, trail)
    everything = _shown(qtbot, page)
    assert {"giamdoc", "ke-la", "=cmd"} <= {r.login for r in everything}
    assert "5.000" in page.count_label.text()

    page.login_edit.setText("ke-la")
    rows = _search(qtbot, page)
    assert rows and {r.login for r in rows} == {"ke-la"} and {r.outcome for r in rows} == {"failed"}

    page.login_edit.clear()
    page.action_combo.setCurrentIndex(page.action_combo.findText(_("Created a staff account")))
    rows = _search(qtbot, page)
    assert rows and {r.action for r in rows} == {"account.created"}

    page.action_combo.setCurrentIndex(0)
    page.outcome_combo.setCurrentIndex(page.outcome_combo.findData("failed"))
    rows = _search(qtbot, page)
    assert rows and {r.outcome for r in rows} == {"failed"} and {"ke-la", "=cmd"} <= {r.login for r in rows}

    page.outcome_combo.setCurrentIndex(0)
    for typed in (nurse.login, f"staff_account:{nurse.account_id}"):  # the login, or the stored reference
        page.record_edit.setText(typed)
        rows = _search(qtbot, page)
        assert rows and {(r.record_type, r.record_id) for r in rows} == {("staff_account", str(nurse.account_id))}
        assert {page.model.data(page.model.index(i, RECORD_COLUMN)) for i in range(len(rows))} == {nurse.login}

    page.record_edit.clear()
    today = date.today()
    type_date(qtbot, page.from_edit, today + timedelta(days=1))  # digits only: the field shows dd/mm/yyyy
    assert page.from_edit.text() == f"{today + timedelta(days=1):%d/%m/%Y}"
    assert _search(qtbot, page) == []
    assert re.search(r"(?<![\d.])0(?![\d.])", page.count_label.text())  # "0 rows" in either language

    type_date(qtbot, page.from_edit, today)
    type_date(qtbot, page.to_edit, today)
    assert len(_search(qtbot, page)) >= len(everything)

    type_date(qtbot, page.from_edit, None)  # an empty field: no bound
    type_date(qtbot, page.to_edit, today - timedelta(days=1))
    assert _search(qtbot, page) == []


def test_enter_in_a_filter_searches_and_clear_resets(qtbot: QtBot, trail: Installed) -> None:
    page = _page(qtbot, trail)
    _shown(qtbot, page)
    page.login_edit.setText("=cmd")
    qtbot.keyClick(page.login_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: {r.login for r in page.model.rows()} == {"=cmd"}, timeout=10_000)
    type_date(qtbot, page.to_edit, date.today() - timedelta(days=3))
    qtbot.keyClick(page.to_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.searching, timeout=10_000)

    page.clear_button.click()
    assert page.login_edit.text() == "" and page.to_edit.text() == "" and page.dates.value() == (None, None)
    qtbot.waitUntil(lambda: len({r.login for r in page.model.rows()}) >= 3, timeout=10_000)


def test_dates_the_wrong_way_round_are_explained(qtbot: QtBot, trail: Installed) -> None:
    page = _page(qtbot, trail)
    _shown(qtbot, page)
    before = page.model.rows()
    type_date(qtbot, page.from_edit, date.today())
    type_date(qtbot, page.to_edit, date.today() - timedelta(days=1))
    page.search_button.click()
    assert not page.searching and page.search_button.isEnabled()
    assert page.filter_error.isVisible() and page.filter_error.text() == _("The start date is after the end date.")
    assert page.model.rows() == before

    type_date(qtbot, page.to_edit, "31022026")  # no such day: told under the range, nothing searched
    qtbot.keyClick(page.to_edit, Qt.Key.Key_Return)
    assert not page.searching and page.model.rows() == before
    assert page.filter_error.isVisible() and page.filter_error.text().startswith(_("T&o date:").replace("&", ""))
    assert "28" in page.filter_error.text()

    type_date(qtbot, page.to_edit, date.today())
    qtbot.keyClick(page.to_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.searching and page.model.rowCount() > 0, timeout=10_000)
    assert page.filter_error.isHidden()


def test_failed_rows_are_marked(qtbot: QtBot, trail: Installed, qtmodeltester: ModelTester) -> None:
    page = _page(qtbot, trail)
    rows = _shown(qtbot, page)
    model = page.model
    failed = next(i for i, r in enumerate(rows) if r.login == "ke-la")
    ok = next(i for i, r in enumerate(rows) if r.login == "giamdoc" and r.action == "login")
    brush = model.data(model.index(failed, LOGIN_COLUMN), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == FAILED_COLOUR
    assert model.data(model.index(ok, LOGIN_COLUMN), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(failed, OUTCOME_COLUMN)) == _("Failed")
    assert model.data(model.index(failed, OUTCOME_COLUMN), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(failed, ACTION_COLUMN)) == _("Failed sign-in")
    assert model.data(model.index(ok, ACTION_COLUMN)) == _("Signed in")
    tip = model.data(model.index(ok, ACTION_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [_("Signed in"), _("Code: {code}").format(code="login")]
    assert model.data(model.index(ok, RECORD_COLUMN)) == ""  # the account signed in is the row's login
    assert model.data(model.index(failed, ROLE_COLUMN)) == ""  # no role for a failed sign-in
    assert model.data(model.index(ok, ROLE_COLUMN)) == describe_roles("manager")
    assert len(model.data(model.index(ok, 1))) == len("dd/mm/yyyy HH:MM:SS")
    qtmodeltester.check(model)
    qtmodeltester.check(page.proxy)


def test_sorting_uses_values_not_text(qtbot: QtBot, trail: Installed) -> None:
    for attempt in range(4):
        _fail_sign_in(trail, f"khach{attempt}")
    page = _page(qtbot, trail)
    rows = _shown(qtbot, page)
    assert len(rows) >= 10  # the sequence numbers need two digits for a text sort to differ
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [int(page.proxy.index(i, 0).data()) for i in range(page.proxy.rowCount())]
    assert shown == sorted(shown)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    times = [page.model.row(page.proxy.mapToSource(page.proxy.index(i, 1)).row()).at for i in range(len(rows))]
    assert times == sorted(times, reverse=True)


def test_descriptions() -> None:
    assert describe_action("view.denied", "denied") == _("Not allowed to {action}").format(action=_("view"))
    assert describe_action("teleport.denied", "denied") == _("Not allowed to {action}").format(action="teleport")
    assert describe_action("login", "locked") == _("Sign-in refused: login locked")
    assert describe_action("backup.restored") == _("Restored a backup")
    assert describe_action("something.new") == "something.new"
    assert describe_roles("") == ""
    assert describe_roles("manager,nurse").count(",") == 1
    assert describe_roles("ghost") == "ghost"


def test_export_writes_a_safe_csv(
    qtbot: QtBot, trail: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    told: list[str] = []

    def save_name(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "nhat-ky"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    page = _page(qtbot, trail)
    _shown(qtbot, page)
    assert page.export_button.isVisible() and page.export_button.isEnabled()
    page.export_button.click()
    assert page.exporting and not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert not page.exporting and page.export_button.isEnabled()
    assert Path(asked[0]).name == export_file_name(date.today())
    assert export_file_name(date(2026, 3, 9)) == "nhat-ky-truy-cap-20260309.csv"

    written = tmp_path / "nhat-ky.csv"
    with written.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert str(len(lines) - 1) in told[0] and str(written) in told[0]
    cells = [c for line in lines[1:] for c in line]
    assert "'=cmd" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    exported = trail.centre.audit_view.search(trail.manager, AuditFilter(action="audit.exported"))
    assert exported and exported[0].login == "giamdoc"


def test_cancelled_export_writes_nothing(
    qtbot: QtBot, trail: Installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    page = _page(qtbot, trail)
    _shown(qtbot, page)
    page.export_button.click()
    assert not page.exporting
    assert trail.centre.audit_view.search(trail.manager, AuditFilter(action="audit.exported")) == []


def test_nurse_sees_the_not_allowed_note(qtbot: QtBot, trail: Installed, nurse: Actor) -> None:
    page = _page(qtbot, trail, nurse)
    page.show()
    qtbot.waitExposed(page)
    assert page.not_allowed_note.isVisible() and not page.content.isVisible()
    assert not page.export_button.isVisible()
    page.search()
    assert not page.searching and page.model.rowCount() == 0
    by_nurse = trail.centre.audit_view.search(trail.manager, AuditFilter(login=nurse.login))
    assert all(not r.action.startswith("view") and not r.action.startswith("audit.") for r in by_nurse)


def test_a_refused_search_shows_the_message(qtbot: QtBot, trail: Installed, monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    gone = Actor(9999, "da.nghi", frozenset({Role.MANAGER}))  # an account removed since sign-in
    page = _page(qtbot, trail, gone)
    page.show()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings == [_("This account has been disabled. Please sign in again.")]
    assert page.search_button.isEnabled() and page.model.rowCount() == 0
    page.login_edit.setText("giamdoc")
    page.search_button.click()
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=10_000)
    assert page.login_edit.text() == "giamdoc"  # what was typed is kept


def test_the_filters_speak_in_phrases(qtbot: QtBot, trail: Installed) -> None:
    page = _page(qtbot, trail)
    combo = page.action_combo
    entries = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count()) if combo.itemText(i)]
    assert entries[0] == (_("Any action"), "")
    assert (_("Issued and printed the admission decision"), "document.issued.admission-decision") in entries
    assert (_("Papers: any preview, issue or print"), "document.") in entries
    assert all(text != code and "." not in text.split()[0] for text, code in entries[1:])
    assert combo.count() > len(entries)  # separators between the blocks
    assert "staff_account" not in page.record_edit.placeholderText() + page.record_edit.toolTip()
    outcomes = [page.outcome_combo.itemData(i) for i in range(page.outcome_combo.count())]
    assert outcomes[0] == "" and {"ok", "failed", "denied"} <= set(outcomes)
