"""The registry page: lazy model, search as you type by keyboard, filters, columns, aliases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton

from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security import permissions
from centre_desk.security.access import Actor
from centre_desk.security.permissions import FieldGroup
from centre_desk.services import registry as registry_module
from centre_desk.services.dto import NewAccount
from centre_desk.services.registry import AgeBand, RegistryFilter, RegistryService
from centre_desk.ui.events import AppEvents
from centre_desk.ui.registry import RegistryPage
from centre_desk.ui.registry import model as model_module
from centre_desk.ui.registry import page as page_module
from centre_desk.ui.registry.model import COLUMN_KEYS, NAME_COLUMN, RegistryModel
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import admit, bulk_residents

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


def registry(installed: Installed) -> RegistryService:
    c = installed.centre
    return RegistryService(c.sessions, c.read_sessions, c.audit, c.access)


def open_page(qtbot: QtBot, installed: Installed, actor: Actor | None = None, **kwargs: object) -> RegistryPage:
    page = RegistryPage(registry(installed), actor or installed.manager, kwargs.pop("events", AppEvents()), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    return page


def shown_names(page: RegistryPage) -> list[str]:
    return [page.model.index(r, NAME_COLUMN).data() for r in range(page.model.rowCount())]


def _account(installed: Installed, login: str, role: Role) -> Actor:
    installed.centre.accounts.create(
        installed.manager, NewAccount(login, "Lò Thị Lan", MANAGER_PASSWORD, frozenset({role}))
    )
    return installed.centre.accounts.authenticate(login, MANAGER_PASSWORD)


def test_lazy_model_passes_the_model_tester_and_fetches_blocks_on_demand(
    installed: Installed, qtmodeltester: ModelTester
) -> None:
    bulk_residents(installed.centre, 450)
    service, actor = registry(installed), installed.manager
    calls: list[int] = []

    def fetch(offset: int, limit: int) -> list:  # type: ignore[type-arg]
        calls.append(offset)
        return service.page(actor, RegistryFilter(), offset, limit)

    model = RegistryModel(fetch)
    model.reset(fetch, service.count(actor, RegistryFilter()), service.page(actor, RegistryFilter(), 0, 200))
    assert model.rowCount() == 450 and calls == []
    assert model.index(10, 0).data()  # the first block came with the count
    assert calls == []
    model.index(420, 0).data()
    assert calls == [400] and model.cached_blocks() == 2
    qtmodeltester.check(model)


def test_beyond_the_counted_rows_the_table_grows_as_it_scrolls(
    installed: Installed, qtbot: QtBot, qtmodeltester: ModelTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk_residents(installed.centre, 450)
    monkeypatch.setattr(registry_module, "COUNT_LIMIT", 250)
    monkeypatch.setattr(model_module, "COUNT_LIMIT", 250)
    monkeypatch.setattr(page_module, "COUNT_LIMIT", 250)
    page = open_page(qtbot, installed)
    assert page.count_label.text() == _("More than {count} residents").format(count="250")
    model = page.model
    assert model.rowCount() == 200 and model.canFetchMore() and not model.is_complete()
    page.table.scrollToBottom()  # the view asks for more at its end
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=5_000)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450 and model.is_complete()
    assert shown_names(page)[-1] and len(set(model.index(r, 0).data() for r in range(450))) == 450  # codes
    qtmodeltester.check(model)


def test_type_ahead_by_keyboard_and_enter_opens_the_record(installed: Installed, qtbot: QtBot) -> None:
    admit(installed.centre, installed.manager, "Nguyễn Thị Hường", ethnic_code="01")
    wanted = admit(installed.centre, installed.manager, "Đặng Đức Độ", ethnic_code="01", sex="male")
    admit(installed.centre, installed.manager, "Giàng Thị Mỷ", birth_year=2012, is_pupil=True)
    page = open_page(qtbot, installed)
    assert page.count_label.text() == _("{count} residents").format(count="3")
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "dang duc do")
    qtbot.waitUntil(lambda: shown_names(page) == ["Đặng Đức Độ"], timeout=5_000)
    assert page.count_label.text() == _("{count} residents").format(count="1")
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert opened.args == [wanted.resident_id]
    # Down moves into the table, Enter there opens the row too
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.table.currentIndex().row() == 0
    with qtbot.waitSignal(page.open_record) as again:
        qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert again.args == [wanted.resident_id]


def test_filters_marks_and_refresh_on_data_changed(installed: Installed, qtbot: QtBot) -> None:
    first = admit(installed.centre, installed.manager, "Giàng Thị Mỷ", birth_year=2012, is_pupil=True)
    admit(installed.centre, installed.manager, "Lò Thị Hương", ethnic_code="03")
    admit(installed.centre, installed.manager, "Sùng Thị Dợ", previous_resident_id=first.resident_id)
    events = AppEvents()
    page = open_page(qtbot, installed, events=events)
    assert shown_names(page) == ["Sùng Thị Dợ", "Lò Thị Hương", "Giàng Thị Mỷ"]
    marks = page.model.index(0, COLUMN_KEYS.index("marks"))
    assert marks.data() == _("Readmitted") and marks.data(Qt.ItemDataRole.ForegroundRole) is not None
    font = page.model.index(2, NAME_COLUMN).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()  # a minor
    child_marks = page.model.index(2, COLUMN_KEYS.index("marks")).data()
    assert child_marks.split(" · ")[0] == (_("Child") if date.today().year - 2012 < 16 else _("Under 18"))
    page.age_combo.setCurrentIndex(page.age_combo.findData(AgeBand.UNDER_18))
    qtbot.waitUntil(lambda: shown_names(page) == ["Giàng Thị Mỷ"], timeout=5_000)
    page.age_combo.setCurrentIndex(page.age_combo.findData(AgeBand.CHILD))
    children = ["Giàng Thị Mỷ"] if date.today().year - 2012 < 16 else []  # a child is under 16
    qtbot.waitUntil(lambda: shown_names(page) == children, timeout=5_000)
    page.age_combo.setCurrentIndex(0)
    page.year_combo.setCurrentIndex(page.year_combo.count() - 1)  # an old year: nobody
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5_000)
    page.year_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5_000)
    admit(installed.centre, installed.manager, "Vàng Thị Ban")
    events.data_changed.emit("resident")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5_000)
    assert shown_names(page)[0] == "Vàng Thị Ban"
    assert page.model.index(0, COLUMN_KEYS.index("arrived_at")).data().count("/") == 2  # dd/mm/yyyy


def test_columns_are_chosen_and_remembered(installed: Installed, qtbot: QtBot, tmp_path: Path) -> None:
    admit(installed.centre, installed.manager, "Lò Thị Hương")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = open_page(qtbot, installed, settings=settings)
    assert "ethnic_group" in page.shown_columns() and "alias" not in page.shown_columns()
    menu = page.columns_menu()
    titles = {a.text(): a for a in menu.actions()}
    titles[_("Ethnic group")].setChecked(False)
    titles[_("Alias")].setChecked(True)
    assert page.table.isColumnHidden(COLUMN_KEYS.index("ethnic_group"))
    assert not titles[_("Full name")].isEnabled()
    again = open_page(qtbot, installed, settings=settings)
    assert "ethnic_group" not in again.shown_columns() and "alias" in again.shown_columns()


def test_without_identity_access_aliases_are_shown(
    installed: Installed, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = admit(installed.centre, installed.manager, "Nguyễn Thị Hường", ethnic_code="01")
    nurse = _account(installed, "yta", Role.NURSE)
    monkeypatch.setitem(
        permissions.PERMISSIONS, Role.NURSE, {**permissions.PERMISSIONS[Role.NURSE], FieldGroup.IDENTITY: frozenset()}
    )
    page = open_page(qtbot, installed, nurse)
    assert shown_names(page) == [row.alias]
    assert page.model.headerData(NAME_COLUMN, Qt.Orientation.Horizontal) == _("Alias")
    assert not page.new_button.isVisibleTo(page)
    qtbot.keyClicks(page.search_edit, "huong")
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0, timeout=5_000)


def test_new_admission_button_and_administrator(installed: Installed, qtbot: QtBot) -> None:
    page = open_page(qtbot, installed)
    assert page.new_button.isVisibleTo(page)
    with qtbot.waitSignal(page.new_admission):
        page.new_button.click()
    admin = _account(installed, "quantri", Role.ADMINISTRATOR)
    refused = open_page(qtbot, installed, admin)
    assert refused.not_allowed_note.isVisibleTo(refused) and not refused.content.isVisibleTo(refused)
    assert refused.model.rowCount() == 0


def test_the_shell_can_add_a_button_beside_new_admission(installed: Installed, qtbot: QtBot) -> None:
    page = open_page(qtbot, installed)
    extra = QPushButton("Resume")
    page.add_top_button(extra)
    assert page._top.indexOf(extra) == page._top.indexOf(page.new_button) - 1
