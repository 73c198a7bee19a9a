"""The census screen on a real test centre and the real lodging service: totals and rows, a past day, the
filters, the overdue highlight, opening a record, printing the roll-call sheet, and who may do what."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.lodging import Presence
from centre_desk.models.staff import Role
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.census_model import COLUMN_KEYS, PRESENCE_COLUMN
from centre_desk.ui.lodging.census_terms import OVERDUE_TINT
from tests.conftest import Installed
from tests.ui.lodging.census_support import Lodged, small_centre
from tests.ui.record.support import staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.fixture
def lodged(installed: Installed) -> Lodged:
    return small_centre(installed.centre, installed.manager)


def shown(qtbot: QtBot, view: CensusView) -> CensusView:
    qtbot.addWidget(view)
    view.resize(1166, 640)
    view.show()
    qtbot.waitUntil(lambda: view.census is not None and not view.loading, timeout=10_000)
    return view


@pytest.fixture
def view(qtbot: QtBot, installed: Installed, lodged: Lodged) -> Iterator[CensusView]:
    yield shown(qtbot, CensusView(lodged.service, installed.manager, clock=lodged.clock))


def cell(view: CensusView, row: int, key: str) -> str:
    return str(view.model.index(row, COLUMN_KEYS.index(key)).data())


def test_the_census_shows_its_totals_and_rows_room_by_room(view: CensusView, lodged: Lodged) -> None:
    mai, my, do, sua = lodged.ids
    assert view.census is not None and view.census.day == lodged.day
    assert [view.model.row(n).resident_id for n in range(view.model.rowCount())] == [mai, my, do, sua]
    assert [cell(view, n, "room") for n in range(4)] == ["Nhà A · Phòng 101", "", "", _("No bed assigned")]
    assert [cell(view, n, "bed") for n in range(4)] == ["G1", "G2", "G3", ""]
    assert cell(view, 0, "label") == "Lò Thị Mai"  # a manager sees names
    totals = {key: view.totals.value(key) for key in ("all", "present", "on_leave", "overdue", "hospital", "unplaced")}
    assert totals == {"all": "4", "present": "3", "on_leave": "1", "overdue": "1", "hospital": "0", "unplaced": "1"}
    assert view.count_label.text() == _("{shown} of {count} shown").format(shown=4, count=4)
    assert _("Census of today, {date}, as of {time}").split(",")[0] in view.moment_label.text()


def test_an_overdue_pass_is_highlighted_with_words_and_colour(view: CensusView, lodged: Lodged) -> None:
    row = [view.model.row(n).resident_id for n in range(view.model.rowCount())].index(lodged.overdue)
    presence = view.model.index(row, PRESENCE_COLUMN)
    assert _("Overdue return") in str(presence.data())
    assert _("On leave") in str(presence.data())
    for column in (0, PRESENCE_COLUMN, COLUMN_KEYS.index("note")):
        brush = view.model.index(row, column).data(Qt.ItemDataRole.BackgroundRole)
        assert isinstance(brush, QBrush) and brush.color().name() == OVERDUE_TINT.background
    assert "Sùng A Páo (bố)" in cell(view, row, "note") and cell(view, row, "back")
    calm = view.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert not isinstance(calm, QBrush) or calm.color().name() != OVERDUE_TINT.background


def test_filters_and_an_accent_blind_search(view: CensusView, qtbot: QtBot, lodged: Lodged) -> None:
    mai, my, do, sua = lodged.ids

    def ids() -> list[int]:
        return [view.model.row(n).resident_id for n in range(view.model.rowCount())]

    view.search_edit.setText("my")  # finds "Giàng Thị Mỷ"
    qtbot.waitUntil(lambda: ids() == [my], timeout=2_000)
    view.search_edit.setText("SUNG THI DO")
    qtbot.waitUntil(lambda: ids() == [do], timeout=2_000)
    view.search_edit.clear()
    for key, wanted in (("overdue", [do]), ("unplaced", [sua]), ("on_leave", [do]), ("present", [mai, my, sua]),
                        ("hospital", []), ("all", [mai, my, do, sua])):  # fmt: skip
        view.filter_combo.setCurrentIndex(view.filter_combo.findData(key))
        assert ids() == wanted, key
    assert view.totals.value("all") == "4"  # the totals are the day's, whatever the filter


def test_a_past_day_shows_the_past_census_read_only(view: CensusView, qtbot: QtBot, lodged: Lodged) -> None:
    mai = lodged.ids[0]
    lodged.service.set_presence(view._actor, mai, Presence.HOSPITAL, "Sốt cao")
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading and view.census is not None and view.census.count(Presence.HOSPITAL) == 1)
    view.select_resident(mai)
    assert view.presence_button.isEnabled()
    before = lodged.day - timedelta(days=2)
    view.day_edit.set_value(before)
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading and view.shown_day() == before, timeout=10_000)
    assert view.census is not None
    assert {r.resident_id: r.presence for r in view.census.rows}[mai] is Presence.PRESENT  # rebuilt
    assert view.totals.value("on_leave") == "0"  # the pass was granted the next day
    assert format_date(before) in view.moment_label.text() and "21:00" in view.moment_label.text()
    view.select_resident(mai)
    assert not view.presence_button.isEnabled() and not view.leave_button.isEnabled()
    assert view.read_only_note.text() == _("A past day is shown as it was: changes are recorded on today's census.")
    view.today_button.click()
    qtbot.waitUntil(lambda: not view.loading and view.shown_day() == lodged.day, timeout=10_000)
    assert view.read_only_note.text() == ""


def test_a_future_day_is_refused_with_the_services_message(view: CensusView, qtbot: QtBot, lodged: Lodged) -> None:
    view.day_edit.set_value(lodged.day + timedelta(days=1))
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading and view.day_error.isVisibleTo(view), timeout=10_000)
    assert view.day_error.text() == _("The census of a future day cannot be taken.")
    assert view.census is None and view.model.rowCount() == 0 and not view.print_button.isEnabled()


def test_enter_on_a_row_opens_the_record(view: CensusView, qtbot: QtBot, lodged: Lodged) -> None:
    opened: list[int] = []
    view.open_record.connect(opened.append)
    view.hide()
    view.show()  # the button appears once someone listens
    assert view.open_button.isVisibleTo(view)
    view.search_edit.setFocus()
    view.search_edit.setText("mỷ")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2_000)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Down)
    assert view.focusWidget() is view.table and view.table.currentIndex().row() == 0
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [lodged.ids[1]]


def test_the_roll_call_sheet_is_made_off_the_ui_thread_and_previewed(
    view: CensusView, qtbot: QtBot, lodged: Lodged, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    shown_papers: list[tuple[str, bytes, str]] = []

    def roll_call_pdf(actor: object, day: object = None, room_ids: object = ()) -> bytes:
        asked.append(day)
        return b"%PDF-1.4 sheet"

    monkeypatch.setattr(lodged.service, "roll_call_pdf", roll_call_pdf)

    def show_document(cls: object, parent: object, title: str, pdf: bytes, name: str, *_rest: object) -> None:
        shown_papers.append((title, pdf, name))

    monkeypatch.setattr(DocumentPreviewDialog, "show_document", classmethod(show_document))
    assert view.print_button.isVisibleTo(view)
    view.print_button.click()
    qtbot.waitUntil(lambda: bool(shown_papers), timeout=10_000)
    assert asked == [lodged.day]
    title, pdf, name = shown_papers[0]
    assert pdf == b"%PDF-1.4 sheet" and name == f"danh-sach-diem-danh-{lodged.day:%Y-%m-%d}.pdf"
    assert format_date(lodged.day) in title
    assert view.print_button.isEnabled()


def test_a_counsellor_sees_the_census_read_only(installed: Installed, qtbot: QtBot, lodged: Lodged) -> None:
    counsellor = staff(installed.centre, installed.manager, "tuvan", "Lường Thị Ún", Role.COUNSELLOR)
    view = shown(qtbot, CensusView(lodged.service, counsellor, clock=lodged.clock))
    assert view.model.rowCount() == 4
    for button in (view.presence_button, view.leave_button, view.return_button, view.print_button):
        assert not button.isVisibleTo(view)
    assert view.read_only_note.text() == _("Your account can only view the census.")


def test_an_account_without_lodging_sees_a_note_only(installed: Installed, qtbot: QtBot, lodged: Lodged) -> None:
    admin = staff(installed.centre, installed.manager, "quantri", "Vũ Minh Tuấn", Role.ADMINISTRATOR)
    view = CensusView(lodged.service, admin, clock=lodged.clock)
    qtbot.addWidget(view)
    view.show()
    qtbot.wait(50)
    assert view.not_allowed_note.isVisibleTo(view) and not view.content.isVisibleTo(view)
    assert view.census is None and not view.loading


def test_a_nurse_who_may_not_print_has_no_print_button(installed: Installed, qtbot: QtBot, lodged: Lodged) -> None:
    nurse = staff(installed.centre, installed.manager, "ytaxa", "Lò Thị Hoa", Role.NURSE)  # view, edit, print
    view = shown(qtbot, CensusView(lodged.service, nurse, clock=lodged.clock))
    assert view.print_button.isVisibleTo(view) and view.presence_button.isVisibleTo(view)
