"""The census's actions go through the real service and the screen follows: presence (GONE confirmed first),
a leave pass (the service's refusals under their fields), the return (a Conflict said and reloaded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from centre_desk.errors import Conflict
from centre_desk.i18n import _
from centre_desk.models.lodging import Presence
from centre_desk.services.lodging.dto import LeaveInput, LeaveRow
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging import census_actions, census_dialogs
from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.census_dialogs import PresenceDialog
from centre_desk.ui.lodging.leave_dialog import LeaveDialog
from tests.conftest import Installed
from tests.services.lodging.support import at
from tests.ui.lodging.census_support import Lodged, small_centre

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture
def lodged(installed: Installed) -> Lodged:
    return small_centre(installed.centre, installed.manager)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def view(qtbot: QtBot, installed: Installed, lodged: Lodged, events: AppEvents) -> Iterator[CensusView]:
    view = CensusView(lodged.service, installed.manager, events, clock=lodged.clock)
    qtbot.addWidget(view)
    view.resize(1166, 640)
    view.show()
    qtbot.waitUntil(lambda: view.census is not None and not view.loading, timeout=10_000)
    yield view


def presence_of(view: CensusView, resident_id: int) -> Presence | None:
    assert view.census is not None
    return {r.resident_id: r.presence for r in view.census.rows}.get(resident_id)


def reloaded(qtbot: QtBot, view: CensusView, check: Callable[[], bool]) -> None:
    qtbot.waitUntil(lambda: not view.loading and check(), timeout=10_000)


def answer_presence(monkeypatch: pytest.MonkeyPatch, status: Presence, note: str, seen: list[PresenceDialog]) -> None:
    """The real dialog, filled in and OK pressed, instead of waiting for a user."""

    def ask(parent: QWidget | None, who: str, current: Presence, submit: Callable[[Presence, str], object]) -> bool:
        dialog = PresenceDialog(parent, who, current, submit)
        seen.append(dialog)
        dialog.choices[status].setChecked(True)
        dialog.note.setText(note)
        dialog.accept()
        return dialog.result() == PresenceDialog.DialogCode.Accepted

    monkeypatch.setattr(census_actions.PresenceDialog, "ask", staticmethod(ask))


def test_setting_presence_goes_through_the_service(
    view: CensusView, qtbot: QtBot, lodged: Lodged, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    mai = lodged.ids[0]
    changed: list[str] = []
    events.data_changed.connect(changed.append)
    seen: list[PresenceDialog] = []
    answer_presence(monkeypatch, Presence.HOSPITAL, "Bệnh viện Đa khoa tỉnh", seen)
    reads: list[object] = []
    census = lodged.service.census
    monkeypatch.setattr(lodged.service, "census", lambda *a, **k: reads.append(a) or census(*a, **k))
    assert view.select_resident(mai)
    view.presence_button.click()
    reloaded(qtbot, view, lambda: presence_of(view, mai) is Presence.HOSPITAL)
    assert changed == ["lodging"] and len(reads) == 1  # read again once, on its own event
    assert lodged.service.resident_lodging(view._actor, mai).presence is Presence.HOSPITAL
    assert view.totals.value("hospital") == "1" and view.totals.value("present") == "2"
    row = view.selected_row()  # still hers
    assert row is not None and row.resident_id == mai and row.note == "Bệnh viện Đa khoa tỉnh"


def test_gone_is_confirmed_first_and_ends_her_bed_stay(
    view: CensusView, qtbot: QtBot, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    my = lodged.ids[1]
    answers = [False]
    monkeypatch.setattr(census_dialogs, "confirm_gone", lambda _parent, who: answers.pop(0))
    seen: list[PresenceDialog] = []
    answer_presence(monkeypatch, Presence.GONE, "Về với gia đình", seen)
    view.select_resident(my)
    view.presence_button.click()  # "no": nothing is recorded, the dialog stays open
    assert seen[-1].result() != PresenceDialog.DialogCode.Accepted and not answers
    assert lodged.service.resident_lodging(view._actor, my).bed is not None
    answers.append(True)
    view.presence_button.click()
    reloaded(qtbot, view, lambda: presence_of(view, my) is None)
    lodging = lodged.service.resident_lodging(view._actor, my)
    assert lodging.presence is Presence.GONE and lodging.bed is None
    assert view.totals.value("left") == "1" and view.totals.value("all") == "3"


def fill_leave(monkeypatch: pytest.MonkeyPatch, fill: Callable[[LeaveDialog], None], seen: list[LeaveDialog]) -> None:
    def ask(
        parent: QWidget | None, resident_id: int, who: str, now: datetime, submit: Callable[[LeaveInput], LeaveRow]
    ) -> LeaveRow | None:
        dialog = LeaveDialog(parent, resident_id, who, now, submit)
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.granted

    monkeypatch.setattr(census_actions.LeaveDialog, "ask", staticmethod(ask))


def test_granting_leave_and_recording_the_return(
    view: CensusView, qtbot: QtBot, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    mai = lodged.ids[0]
    back = (lodged.clock.now + timedelta(days=2)).astimezone().replace(tzinfo=None, hour=17, minute=0)

    def fill(dialog: LeaveDialog) -> None:
        dialog.reason.setText("Về dự đám cưới của chị gái")
        dialog.companion.setText("Lò Thị Ban (mẹ)")
        dialog.destination.setText("Xã Bum Nưa, Mường Tè")
        dialog.expected_back_at.set_value(back)

    seen: list[LeaveDialog] = []
    fill_leave(monkeypatch, fill, seen)
    view.select_resident(mai)
    assert view.leave_button.isEnabled() and not view.return_button.isEnabled()
    view.leave_button.click()
    reloaded(qtbot, view, lambda: presence_of(view, mai) is Presence.ON_LEAVE)
    row = view.selected_row()
    assert row is not None and row.leave is not None
    assert (row.leave.reason, row.leave.companion, row.leave.destination) == (
        "Về dự đám cưới của chị gái", "Lò Thị Ban (mẹ)", "Xã Bum Nưa, Mường Tè",
    )  # fmt: skip
    assert row.leave.expected_back_at.astimezone().replace(tzinfo=None) == back
    assert view.totals.value("on_leave") == "2" and not view.leave_button.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(census_actions, "confirm_return", lambda _parent, who: asked.append(who) or True)
    lodged.clock.now += timedelta(hours=3)
    assert view.return_button.isEnabled()
    view.return_button.click()
    reloaded(qtbot, view, lambda: presence_of(view, mai) is Presence.PRESENT)
    assert asked == ["Lò Thị Mai"]
    assert lodged.service.resident_lodging(view._actor, mai).leaves[0].returned_at == lodged.clock.now


def test_the_services_refusals_appear_under_their_fields(
    view: CensusView, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: LeaveDialog) -> None:
        dialog.reason.setText("   ")
        dialog.expected_back_at.set_value((lodged.clock.now - timedelta(hours=3)).astimezone().replace(tzinfo=None))

    seen: list[LeaveDialog] = []
    fill_leave(monkeypatch, fill, seen)
    view.select_resident(lodged.ids[0])
    view.leave_button.click()
    dialog = seen[0]
    assert dialog.granted is None and dialog.result() != LeaveDialog.DialogCode.Accepted
    assert dialog.errors.message("expected_back_at") == _("The expected return must be after the departure.")
    assert dialog.errors.message("reason")  # required: the service says so, under the reason
    assert dialog.errors.message("companion") == ""
    assert lodged.service.resident_lodging(view._actor, lodged.ids[0]).leaves == ()


def test_a_date_that_is_not_one_is_shown_under_its_field(qtbot: QtBot, lodged: Lodged) -> None:
    calls: list[LeaveInput] = []
    dialog = LeaveDialog(None, lodged.ids[0], "Lò Thị Mai", lodged.clock.now, lambda data: calls.append(data))  # type: ignore[arg-type, func-returns-value]
    qtbot.addWidget(dialog)
    dialog.reason.setText("Khám bệnh")
    dialog.expected_back_at.setText("31/02/2026 17:00")
    dialog.accept()
    assert calls == [] and dialog.errors.message("expected_back_at")
    assert dialog.errors.message("leaves_at") == ""


def test_a_return_recorded_meanwhile_is_a_conflict_then_the_census_is_read_again(
    view: CensusView, qtbot: QtBot, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    do = lodged.overdue
    monkeypatch.setattr(census_actions, "confirm_return", lambda _parent, _who: True)
    errors: list[BaseException] = []
    monkeypatch.setattr(census_actions, "show_error", lambda _parent, exc: errors.append(exc))
    view.select_resident(do)
    row = view.selected_row()
    assert row is not None and row.leave is not None
    lodged.service.record_return(view._actor, row.leave.id, row.leave.version)  # someone else, at another desk
    view.return_button.click()
    assert len(errors) == 1 and isinstance(errors[0], Conflict)
    reloaded(qtbot, view, lambda: presence_of(view, do) is Presence.PRESENT)
    assert view.totals.value("overdue") == "0"


def test_a_change_after_the_roll_call_shows_at_once(
    view: CensusView, qtbot: QtBot, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    my = lodged.ids[1]
    lodged.clock.now = at(lodged.day, 22, 30)  # after the 21:00 roll-call: today's screen is as of now
    answer_presence(monkeypatch, Presence.ABSENT, "Không có mặt lúc 22:30", [])
    view.select_resident(my)
    view.presence_button.click()
    reloaded(qtbot, view, lambda: presence_of(view, my) is Presence.ABSENT)
    assert "22:30" in view.moment_label.text()
