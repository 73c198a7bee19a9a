"""The record's Phòng ở tab: read when first shown; bed, moves, leave (overdue marked), keep-apart links and the
stay clock; adding and ending a link; what each role may do there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from centre_desk.i18n import _
from centre_desk.models.lodging import KeepApartReason
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.audit_view import AuditFilter
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.record.keep_apart_dialog import KeepApartDialog
from centre_desk.ui.record.lodging_tab import LodgingTab
from centre_desk.ui.record.lodging_tables import ALERT_COLOUR
from centre_desk.ui.record.lodging_terms import clock_left_text, clock_text
from centre_desk.ui.record.opening import registry_search
from tests.conftest import Installed
from tests.services.lodging.support import discharge
from tests.ui.record.lodging_support import Lodged, lodge
from tests.ui.record.support import Admitted, admit_readmitted_pupil, staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture
def admitted(installed: Installed) -> Admitted:
    return admit_readmitted_pupil(installed.centre, installed.manager)


@pytest.fixture
def lodged(installed: Installed, admitted: Admitted) -> Lodged:
    record = installed.centre.residents.record(installed.manager, admitted.resident_id)
    assert record.stay.arrived_at is not None
    return lodge(installed.centre, installed.manager, admitted.resident_id, record.stay.arrived_at)


def _window(
    qtbot: QtBot,
    installed: Installed,
    resident_id: int,
    actor: Actor | None = None,
    events: AppEvents | None = None,
    choose_bed: Callable[[int], object] | None = None,
) -> RecordWindow:
    actor = actor or installed.manager
    centre = installed.centre
    window = RecordWindow(
        centre.residents, actor, events or AppEvents(), resident_id, lodging=centre.lodging,
        choose_bed=choose_bed, search_residents=registry_search(centre.registry, actor),
    )  # fmt: skip
    qtbot.addWidget(window)
    return window


def _shown(qtbot: QtBot, window: RecordWindow) -> LodgingTab:
    tab = window.lodging_tab
    assert tab is not None
    window.show()
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.is_loaded and not tab.loading, timeout=10_000)
    return tab


def _audited(installed: Installed, action: str) -> int:
    return len(installed.centre.audit_view.search(installed.manager, AuditFilter(action=action)))


def test_the_tab_replaces_the_placeholder_and_reads_only_when_shown(
    qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged
) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    tab = window.lodging_tab
    assert tab is not None and window.tabs.indexOf(tab) == 2
    assert window.tabs.tabText(2) == _("Room")
    assert window.tabs.count() == 10
    assert not tab.is_loaded and _audited(installed, "lodging.viewed") == 0  # opening the record does not read it
    assert window.header.stay_badge.isVisibleTo(window)  # the badge is read with the record (not audited)
    _shown(qtbot, window)
    assert _audited(installed, "lodging.viewed") == 1


def test_bed_moves_leave_links_and_clock(
    qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged
) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    tab = _shown(qtbot, window)
    assert "Nhà A · Phòng 102 · G2" in tab.bed_label.text()
    assert _("On leave") in tab.presence_label.text() and _("overdue return") in tab.presence_label.text()

    moves = [tab.move_model.row(i) for i in range(tab.move_model.rowCount())]
    assert [(m.from_place, m.to_place) for m in moves] == [
        ("Nhà A · Phòng 101 · G1", "Nhà A · Phòng 102 · G2"),
        ("", "Nhà A · Phòng 101 · G1"),
    ]
    assert moves[0].reason == "Cần phòng yên tĩnh sau khám sức khỏe" and moves[0].by == "Nguyễn Thị Hường"
    assert tab.move_model.index(1, 1).data() == "—"  # her first bed: from nowhere

    model = tab.leave_model
    states = {model.row(i).reason: model.index(i, 3).data() for i in range(model.rowCount())}
    assert states == {
        "Về thăm gia đình": _("Came back"),
        "Khám thai tại Bệnh viện Đa khoa tỉnh": _("Overdue return"),
    }
    late = next(i for i in range(model.rowCount()) if model.row(i).overdue)
    assert model.index(late, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor(ALERT_COLOUR)
    assert model.index(1 - late, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(late, 4).data() == "Lò Thị Hoa (điều dưỡng)"

    link = tab.link_model.row(0)
    assert (link.other_label, link.reason, tab.link_model.index(0, 5).data()) == (
        lodged.other_name, KeepApartReason.SAME_CASE, _("Standing"),
    )  # fmt: skip
    assert tab.link_model.index(0, 2).data() == _("Same case")

    clock = tab.data.clock if tab.data else None
    assert clock is not None and clock.limit_days == 120
    assert tab.clock_box.used_label.text() == _("{days} days").format(days=35)  # 34 days ago was day 1
    assert "162/2025" in tab.clock_box.limit_label.text()
    assert tab.clock_box.deadline_label.text() == clock.deadline.strftime("%d/%m/%Y")
    assert tab.clock_box.left_label.text() == clock_left_text(clock)
    assert window.header.stay_badge.text() == clock_text(clock)
    assert not tab.clock_box.extension_table.isVisibleTo(window)  # no extension yet


def test_no_bed_says_so(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    window = _window(qtbot, installed, admitted.resident_id)
    tab = _shown(qtbot, window)
    assert tab.bed_label.text() == _("No bed assigned")
    assert tab.move_model.rowCount() == tab.leave_model.rowCount() == tab.link_model.rowCount() == 0
    for table, empty in ((tab.move_table, tab.move_empty), (tab.leave_table, tab.leave_empty),
                         (tab.link_table, tab.link_empty)):  # fmt: skip
        assert not table.isVisibleTo(window) and empty.isVisibleTo(window)


def test_adding_a_keep_apart_link(
    qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = AppEvents()
    window = _window(qtbot, installed, admitted.resident_id, events=events)
    tab = _shown(qtbot, window)
    seen: list[str] = []
    events.data_changed.connect(seen.append)

    def fill(dialog: KeepApartDialog) -> int:
        dialog.accept()  # nobody chosen yet: refused, under the list
        assert dialog.errors.message("other_id") == _("Choose in the list the resident to keep her apart from.")
        dialog.search_edit.setText("giang thi my")  # accents not needed: the one already linked
        dialog.run_search()
        assert dialog.select_resident(lodged.other_id)
        dialog.accept()  # the service refuses a second link between the same two
        assert dialog.errors.message("other_id") == _("These two residents are already kept apart.")
        dialog.search_edit.setText("vang sua")
        dialog.run_search()
        found = [dialog.chosen_at(i).resident_id for i in range(dialog.proxy.rowCount())]
        assert found == [lodged.neighbour_id]  # herself never listed; one match is chosen at once
        dialog.reason.set_key(KeepApartReason.CONFLICT)
        dialog.note.setText("Hay xô xát")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(KeepApartDialog, "exec", fill)
    tab.keep_apart_button.click()
    qtbot.waitUntil(lambda: tab.link_model.rowCount() == 2 and not tab.loading, timeout=10_000)
    labels = {tab.link_model.row(i).other_label: tab.link_model.row(i) for i in range(2)}
    assert labels[lodged.neighbour_name].reason == KeepApartReason.CONFLICT
    assert labels[lodged.neighbour_name].note == "Hay xô xát"
    assert seen == ["lodging"]
    assert _audited(installed, "lodging.keep_apart") == 4  # two links, each on both residents


def test_ending_a_link(qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged) -> None:
    tab = _shown(qtbot, _window(qtbot, installed, admitted.resident_id))
    assert not tab.end_link_button.isEnabled()  # nothing chosen
    assert tab.select_link(lodged.other_id)
    assert tab.end_link_button.isEnabled()
    tab.end_link_button.click()
    qtbot.waitUntil(lambda: not tab.loading and tab.link_model.row(0).ended_at is not None, timeout=10_000)
    today = datetime.now(UTC).astimezone().strftime("%d/%m/%Y")
    assert tab.link_model.index(0, 5).data() == _("Ended on {day}").format(day=today)
    tab.select_link(lodged.other_id)
    assert not tab.end_link_button.isEnabled()  # an ended link cannot end again


def test_a_link_broken_by_an_exception_is_marked(
    qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged
) -> None:
    beds = installed.centre.lodging.board(installed.manager).rooms
    neighbour_bed = next(b.id for r in beds if r.name == "Phòng 102" for b in r.beds if b.occupant is None)
    installed.centre.lodging.place(
        installed.manager, lodged.other_id, neighbour_bed, "Hết chỗ", override_reason="Chỉ một đêm, có cán bộ trực"
    )
    tab = _shown(qtbot, _window(qtbot, installed, admitted.resident_id))
    link = tab.link_model.row(0)
    assert link.shares_room
    assert tab.link_model.index(0, 5).data() == _("Standing – they share a room now!")
    assert tab.link_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor(ALERT_COLOUR)


def test_move_button_calls_the_chooser(qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged) -> None:
    asked: list[int] = []
    window = _window(qtbot, installed, admitted.resident_id, choose_bed=asked.append)
    tab = _shown(qtbot, window)
    assert tab.move_button.isVisibleTo(window) and tab.move_button.isEnabled()
    tab.move_button.click()
    assert asked == [admitted.resident_id]
    without = _shown(qtbot, _window(qtbot, installed, admitted.resident_id))
    assert not without.move_button.isVisibleTo(without.window())  # no chooser given: no button


def test_another_screen_reports_a_move(qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged) -> None:
    events = AppEvents()
    tab = _shown(qtbot, _window(qtbot, installed, admitted.resident_id, events=events))
    installed.centre.lodging.place(installed.manager, admitted.resident_id, lodged.first_bed, "Về lại phòng cũ")
    events.data_changed.emit("lodging")
    qtbot.waitUntil(lambda: not tab.loading and tab.move_model.rowCount() == 3, timeout=10_000)
    assert "Phòng 101 · G1" in tab.bed_label.text()


@pytest.mark.parametrize(
    ("role", "move", "keep_apart", "extend"),
    [(Role.INTAKE, True, True, False), (Role.COUNSELLOR, False, False, False), (Role.MANAGER, True, True, True)],
)
def test_what_each_role_may_do(
    qtbot: QtBot, installed: Installed, admitted: Admitted, role: Role, move: bool, keep_apart: bool, extend: bool
) -> None:
    actor = (
        installed.manager
        if role is Role.MANAGER
        else staff(installed.centre, installed.manager, "canbo", "Lò Văn Hải", role)
    )
    window = _window(qtbot, installed, admitted.resident_id, actor, choose_bed=lambda _rid: None)
    tab = _shown(qtbot, window)
    shown = {
        "move": tab.move_button.isVisibleTo(window),
        "keep_apart": tab.keep_apart_button.isVisibleTo(window),
        "end": tab.end_link_button.isVisibleTo(window),
        "extend": tab.extend_button.isVisibleTo(window),
    }
    assert shown == {"move": move, "keep_apart": keep_apart, "end": keep_apart, "extend": extend}
    assert tab.bed_label.text() == _("No bed assigned")  # every role reads the tab


def test_left_the_centre_no_badge(qtbot: QtBot, installed: Installed, admitted: Admitted) -> None:
    discharge(installed.centre, admitted.resident_id, datetime.now(UTC) - timedelta(days=2))
    window = _window(qtbot, installed, admitted.resident_id)
    assert not window.header.stay_badge.isVisibleTo(window) and window.header.stay_level == ""
    tab = _shown(qtbot, window)
    assert tab.clock_box.left_label.text() == _("Her stay has ended.")
    assert tab.clock_box.used_label.text() == _("{days} days (her stay has ended)").format(days=33)
    assert not tab.extend_button.isEnabled()


def test_without_a_lodging_service_the_placeholder_stays(
    qtbot: QtBot, installed: Installed, admitted: Admitted
) -> None:
    window = RecordWindow(installed.centre.residents, installed.manager, AppEvents(), admitted.resident_id)
    qtbot.addWidget(window)
    assert window.lodging_tab is None and window.tabs.count() == 10
    assert not window.header.stay_badge.isVisibleTo(window)


def test_later_leave_times_sort(qtbot: QtBot, installed: Installed, admitted: Admitted, lodged: Lodged) -> None:
    tab = _shown(qtbot, _window(qtbot, installed, admitted.resident_id))
    first = tab.leave_table.model().index(0, 0).data()
    assert (
        first == tab.leave_model.index(next(i for i in range(2) if tab.leave_model.row(i).overdue), 0).data()
    )  # the latest pass on top
    assert datetime.now(UTC) - timedelta(days=1) < max(tab.leave_model.row(i).leaves_at for i in range(2))
