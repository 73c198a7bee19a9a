"""The stay limit on the record: the header's badge (text and level at 14, 3 and 0 days, extended, over, gone),
and the extension dialog (every refusal under its field; a decision moves the deadline in the tab and header)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from centre_desk import i18n
from centre_desk.i18n import _
from centre_desk.services.lodging import rules
from centre_desk.services.lodging.dto import ExtensionInput, ExtensionRow
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from centre_desk.ui.record.extension_dialog import ExtensionDialog
from centre_desk.ui.record.header import RecordHeader
from centre_desk.ui.record.opening import registry_search
from tests.conftest import Installed
from tests.ui.record.support import admit_readmitted_pupil


@pytest.fixture(autouse=True)
def _language_back() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.install(before)


@pytest.fixture
def english() -> None:
    i18n.install("en")


SQLITE = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
TODAY = date(2026, 3, 2)
ADMITTED = date(2025, 11, 3)  # the limit (120 days) ends on 02/03/2026


def _extension(until: date) -> ExtensionRow:
    return ExtensionRow(
        1, "15/QĐ-TTCTXH", date(2026, 2, 20), "Giám đốc", until, "", datetime(2026, 2, 20, tzinfo=UTC), ""
    )


@pytest.mark.parametrize(
    ("days_left", "level", "text"),
    [
        (73, "ok", "Day 47/120 · 73 days left (deadline 02/03/2026)"),
        (14, "soon", "Deadline soon: Day 106/120 · 14 days left (deadline 02/03/2026)"),
        (3, "urgent", "Deadline very close: Day 117/120 · 3 days left (deadline 02/03/2026)"),
        (0, "urgent", "Deadline very close: Day 120/120 · today is the last day (deadline 02/03/2026)"),
        (-5, "over", "Day 125/120 · 5 days over the limit (deadline 02/03/2026)"),
    ],
)
def test_badge_text_and_level(qtbot: QtBot, english: None, days_left: int, level: str, text: str) -> None:
    header = RecordHeader()
    qtbot.addWidget(header)
    today = TODAY - timedelta(days=days_left)
    header.set_stay_clock(rules.stay_clock(1, ADMITTED, today))
    assert (header.stay_level, header.stay_badge.text()) == (level, text)
    assert not header.stay_badge.isHidden()
    assert "Nghị định số 162/2025/NĐ-CP" in header.stay_badge.toolTip()


def test_badge_in_vietnamese(qtbot: QtBot) -> None:
    i18n.install("vi")
    header = RecordHeader()
    qtbot.addWidget(header)
    header.set_stay_clock(rules.stay_clock(1, date(2026, 11, 14), date(2026, 12, 30)))
    assert header.stay_badge.text() == "Ngày thứ 47/120 · còn 73 ngày (hạn 13/03/2027)"
    header.set_stay_clock(rules.stay_clock(1, date(2026, 11, 14), date(2027, 3, 13)))
    assert header.stay_badge.text() == "Sắp hết hạn – gấp: Ngày thứ 120/120 · hôm nay là ngày cuối (hạn 13/03/2027)"


def test_badge_extended_and_gone(qtbot: QtBot, english: None) -> None:
    header = RecordHeader()
    qtbot.addWidget(header)
    header.set_stay_clock(rules.stay_clock(1, ADMITTED, TODAY, (_extension(date(2026, 4, 30)),)))
    assert header.stay_badge.text() == "Day 120 · extended to 30/04/2026 · 59 days left"
    assert header.stay_level == "ok"
    header.set_stay_clock(rules.stay_clock(1, ADMITTED, TODAY, ended_on=TODAY - timedelta(days=1)))
    assert header.stay_badge.isHidden() and header.stay_level == ""


@SQLITE
def test_the_header_counts_down_from_the_admission(qtbot: QtBot, installed: Installed) -> None:
    admitted = admit_readmitted_pupil(installed.centre, installed.manager, days=105)  # day 106 of 120
    window = RecordWindow(
        installed.centre.residents, installed.manager, AppEvents(), admitted.resident_id,
        lodging=installed.centre.lodging,
    )  # fmt: skip
    qtbot.addWidget(window)
    assert window.header.stay_level == "soon"
    clock = _("Day {used}/{limit} · {left} days left (deadline {deadline})").format(
        used=106, limit=120, left=14, deadline=(date.today() + timedelta(days=14)).strftime("%d/%m/%Y")
    )
    assert window.header.stay_badge.text() == _("Deadline soon: {clock}").format(clock=clock)


@SQLITE
def test_extension_refusals_under_their_fields_then_success(qtbot: QtBot, installed: Installed) -> None:
    admitted = admit_readmitted_pupil(installed.centre, installed.manager, days=110)
    centre, manager = installed.centre, installed.manager
    window = RecordWindow(
        centre.residents, manager, AppEvents(), admitted.resident_id, lodging=centre.lodging,
        search_residents=registry_search(centre.registry, manager),
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    tab = window.lodging_tab
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.is_loaded, timeout=10_000)
    clock = tab.data.clock if tab.data else None
    assert clock is not None and clock.level == "soon"
    new_deadline = clock.deadline + timedelta(days=60)
    sent: list[ExtensionInput] = []

    def submit(data: ExtensionInput) -> None:
        sent.append(data)
        centre.lodging.extend_stay(manager, data)

    dialog = ExtensionDialog(window, clock, submit)
    qtbot.addWidget(dialog)
    dialog.accept()  # nothing typed: the dates are refused here, nothing is sent
    assert dialog.errors.message("decision_date") == _("Please fill in the date.")
    assert dialog.errors.message("until") == _("Please fill in the date.")
    assert sent == [] and dialog.result() == 0
    dialog.decision_date.set_value(date.today() + timedelta(days=3))
    dialog.until.set_value(clock.deadline)
    dialog.accept()  # the service refuses everything at once, each under its field
    assert dialog.errors.message("decision_number") != ""
    assert dialog.errors.message("decided_by") != ""
    assert dialog.errors.message("decision_date") == _("The date of the decision cannot be in the future.")
    assert dialog.errors.message("until") == _("The extension must end after the current deadline ({day}).").format(
        day=clock.deadline.strftime("%d/%m/%Y")
    )
    assert dialog.result() == 0
    dialog.decision_number.setText("27/QĐ-TTCTXH")
    dialog.decision_date.set_value(date.today())
    dialog.decided_by.setText("Giám đốc Nguyễn Văn An")
    dialog.until.set_value(new_deadline)
    dialog.reason.setText("Chờ xác minh gia đình để hồi gia")
    dialog.accept()
    assert dialog.result() == 1 and dialog.accepted_value == sent[-1]
    assert dialog.errors.message("until") == ""


@SQLITE
def test_an_extension_moves_the_deadline_in_tab_and_header(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    admitted = admit_readmitted_pupil(installed.centre, installed.manager, days=117)  # 3 days left: urgent
    centre = installed.centre
    events = AppEvents()
    seen: list[str] = []
    events.data_changed.connect(seen.append)
    window = RecordWindow(centre.residents, installed.manager, events, admitted.resident_id, lodging=centre.lodging)
    qtbot.addWidget(window)
    assert window.header.stay_level == "urgent"
    window.show()
    tab = window.lodging_tab
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.is_loaded, timeout=10_000)
    until = date.today() + timedelta(days=45)

    def fill(dialog: ExtensionDialog) -> int:
        dialog.decision_number.setText("31/QĐ-TTCTXH")
        dialog.decision_date.set_value(date.today())
        dialog.decided_by.setText("KT. Giám đốc – Phó Giám đốc Lò Thị Mai")
        dialog.until.set_value(until)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExtensionDialog, "exec", fill)
    tab.extend_button.click()
    qtbot.waitUntil(lambda: not tab.loading, timeout=10_000)
    shown = until.strftime("%d/%m/%Y")
    assert tab.clock_box.deadline_label.text().startswith(shown)
    assert window.header.stay_badge.text() == _("Day {used} · extended to {deadline} · {left} days left").format(
        used=118, deadline=shown, left=45
    )
    assert window.header.stay_level == "ok"
    assert tab.clock_box.extension_table.isVisibleTo(window)
    extensions = tab.clock_box.extension_model
    assert extensions.rowCount() == 1 and extensions.index(0, 0).data() == "31/QĐ-TTCTXH"
    assert seen == ["lodging"]
