"""The admission wizard's bed step: skipped (she is without a bed), a bed chosen by keyboard (placed with the
admission), a room rule broken (refused for an intake officer, a manager's exception accepted)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.ui.admissions import AdmissionWizard, dialogs
from centre_desk.ui.admissions.bed_page import BedPage
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.ui.admissions.keys import press
from tests.ui.lodging.board_support import LodgingCentre, bed_of, lodging_centre, refuse_message_boxes
from tests.ui.record.support import staff

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
BED_PAGE = 9


@pytest.fixture
def made(installed: Installed) -> LodgingCentre:
    return lodging_centre(installed.centre, installed.manager, people=3)


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_message_boxes(monkeypatch)
    monkeypatch.setattr(dialogs, "ask_keep_draft", lambda _parent: dialogs.CloseChoice.DISCARD)
    monkeypatch.setattr(dialogs, "ask_open_record", lambda _parent, _row: False)


@pytest.fixture
def wizards(qtbot: QtBot, installed: Installed) -> Iterator[list[AdmissionWizard]]:
    made: list[AdmissionWizard] = []
    yield made
    for wizard in made:
        if shiboken6.isValid(wizard):
            wizard._autosave.stop()


def open_wizard(qtbot: QtBot, installed: Installed, actor: Actor, made: list[AdmissionWizard]) -> AdmissionWizard:
    centre = installed.centre
    wizard = AdmissionWizard(centre.admissions, centre.drafts, actor, AppEvents(), None, None, centre.lodging)
    qtbot.addWidget(wizard)
    made.append(wizard)
    wizard.show()
    qtbot.waitActive(wizard)
    arrival, identity, home = wizard.pages[0], wizard.pages[1], wizard.pages[2]
    arrival.channel.setCurrentIndex(1)
    identity.full_name.setText("Lò Thị Xuân")
    identity.birth_date.setText("12/05/2013")  # 13
    identity.ethnic.setEditText("Thái (03)")
    home.guardian_name.setText("Lò Văn Pọm")
    return wizard


def bed_page(qtbot: QtBot, wizard: AdmissionWizard) -> BedPage:
    wizard.go_to(BED_PAGE)
    page = wizard.pages[BED_PAGE]
    assert isinstance(page, BedPage)
    qtbot.waitUntil(lambda: bool(page.choice.beds()))
    return page


def test_skipped_she_is_without_a_bed(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, wizards: list[AdmissionWizard]
) -> None:
    wizard = open_wizard(qtbot, installed, installed.manager, wizards)
    page = bed_page(qtbot, wizard)
    assert wizard.heading.text() == "10. Giường"
    assert page.skip_radio.isChecked() and page.values() == {"bed_id": None, "bed_override_reason": ""}
    row = wizard.save()
    assert row is not None, wizard.checks.problems
    assert bed_of(installed, row.resident_id) is None
    unplaced = installed.centre.lodging.board(installed.manager).unplaced
    assert row.resident_id in {p.resident_id for p in unplaced}


def test_a_bed_chosen_by_keyboard_is_given_with_the_admission(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, wizards: list[AdmissionWizard]
) -> None:
    intake = staff(installed.centre, installed.manager, "tiepnhan", "Lò Thị Mai", Role.INTAKE)
    wizard = open_wizard(qtbot, installed, intake, wizards)
    page = bed_page(qtbot, wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.skip_radio)
    press(qtbot, Qt.Key.Key_Down)  # the radio buttons: "Chọn giường"
    assert page.choose_radio.isChecked()
    page.choice.tree.setFocus()
    girls = made.bed(3, "G1")  # Phòng 201, Nhà A: girls under 18
    for _ in range(40):
        if page.choice.bed_id() == girls:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert page.choice.bed_id() == girls
    assert page.choice.problems.text() == "Giường này phù hợp với mọi quy định của phòng."
    assert page.values() == {"bed_id": girls, "bed_override_reason": ""}
    row = wizard.save()
    assert row is not None, wizard.checks.problems
    assert bed_of(installed, row.resident_id) == girls


def test_a_broken_rule_needs_a_managers_exception(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, wizards: list[AdmissionWizard]
) -> None:
    women = made.bed(0, "G4")  # Phòng 101: adults only
    intake = staff(installed.centre, installed.manager, "tiepnhan", "Lò Thị Mai", Role.INTAKE)
    wizard = open_wizard(qtbot, installed, intake, wizards)
    page = bed_page(qtbot, wizard)
    assert page.choice.select_bed(women)
    assert page.choose_radio.isChecked()
    assert "Phòng chỉ dành cho người từ đủ 18 tuổi." in page.choice.problems.text()
    assert "Chỉ lãnh đạo Trung tâm" in page.choice.problems.text()
    assert not page.override_edit.isVisibleTo(page)
    assert wizard.save() is None  # the service refuses: the problem is shown under the bed, and listed
    assert "18" in page.boxes["bed_id"].error.text()
    assert wizard.stack.currentIndex() == len(wizard.pages) - 1

    manager_wizard = open_wizard(qtbot, installed, installed.manager, wizards)
    page = bed_page(qtbot, manager_wizard)
    assert page.choice.select_bed(women)
    assert page.override_edit.isVisibleTo(page)
    page.override_edit.setText("Đi cùng chị gái, Giám đốc đồng ý")
    row = manager_wizard.save()
    assert row is not None, manager_wizard.checks.problems
    stay = installed.centre.lodging.resident_lodging(installed.manager, row.resident_id).bed
    assert stay is not None and stay.bed_id == women and stay.override_reason == "Đi cùng chị gái, Giám đốc đồng ý"


def test_a_chosen_bed_is_kept_in_the_draft(
    qtbot: QtBot, installed: Installed, made: LodgingCentre, wizards: list[AdmissionWizard]
) -> None:
    wizard = open_wizard(qtbot, installed, installed.manager, wizards)
    page = bed_page(qtbot, wizard)
    girls = made.bed(4, "G1")
    page.choice.select_bed(girls)
    draft = wizard.save_draft()
    assert draft is not None
    wizard.done(0)  # closed as after a crash: the draft stays
    again = AdmissionWizard(
        installed.centre.admissions, installed.centre.drafts, installed.manager, AppEvents(), None, draft.id,
        installed.centre.lodging,
    )  # fmt: skip
    qtbot.addWidget(again)
    wizards.append(again)
    again.show()
    restored = bed_page(qtbot, again)
    assert restored.choose_radio.isChecked() and restored.choice.bed_id() == girls
