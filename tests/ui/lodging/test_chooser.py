"""The record's "Move to another bed…": the board's move dialog for one resident, outside the board."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.chooser import choose_bed
from tests.conftest import Installed
from tests.ui.lodging.board_support import LodgingCentre, bed_of, refuse_message_boxes

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.mark.parametrize(("alias", "first"), [("Hoa Ban", False), ("Xuân Hồng", True)])
def test_the_record_moves_her_or_gives_her_first_bed(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, monkeypatch: pytest.MonkeyPatch, alias: str, first: bool
) -> None:
    refuse_message_boxes(monkeypatch)
    parent, events = QWidget(), AppEvents()
    qtbot.addWidget(parent)
    heard: list[str] = []
    events.data_changed.connect(heard.append)
    rid, target = made.residents[alias], made.bed(9, "G3")  # Nhà B · Phòng 202: anyone, any age
    dialog = choose_bed(parent, installed.centre.lodging, installed.manager, events, rid)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == ("Bố trí giường" if first else "Chuyển giường")
    assert dialog.choice.select_bed(target)
    dialog.reason_edit.setText("Chuyển theo đề nghị của cán bộ tư vấn")
    dialog.accept()
    assert not dialog.isVisible()
    assert bed_of(installed, rid) == target
    assert heard == ["lodging"]  # the board, the census and her record read again


def test_a_resident_no_longer_in_the_centre_is_told(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr("centre_desk.ui.lodging.chooser.show_error", lambda _parent, exc: told.append(str(exc)))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_bed(parent, installed.centre.lodging, installed.manager, AppEvents(), 999_999) is None
    assert told == ["Đối tượng không còn ở Trung tâm."]
