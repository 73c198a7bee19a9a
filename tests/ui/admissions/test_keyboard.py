"""Issues 4 and 8 "must show": a walk through the admission wizard by keyboard alone.

Only key presses (no setText on any widget): the birth date typed straight through ("12032011"), the commune
found by its old name, two belongings typed in the grid with Tab between cells and rows, then saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.i18n import _
from centre_desk.models.resident import Channel, Sex
from centre_desk.security.access import Actor
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import CHILD_CONSENT_AGES, ResidentInput, age_on
from centre_desk.ui.admissions import AdmissionWizard
from centre_desk.ui.admissions.payload import channels_for
from centre_desk.ui.admissions.wizard import PAGE_TITLES
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.ui.admissions.keys import press, tab_to, type_text

REVIEW = len(PAGE_TITLES) - 1  # the last page

ENTER = Qt.Key.Key_Return
MONG = "08"  # the statistics office code of the Mông


def test_admit_a_child_by_keyboard_alone(
    qtbot: QtBot, installed: Installed, intake: Actor, events: AppEvents, make_wizard: Callable[..., AdmissionWizard]
) -> None:
    wizard = make_wizard()
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    qtbot.wait(10)
    changed: list[str] = []
    events.data_changed.connect(changed.append)
    today = date.today()
    born = date(2011, 3, 12)
    age = age_on(ResidentInput("x", Sex.FEMALE, "08", birth_date=born), today)
    arrival, identity, home, school, story, status, consent, belongings, _condition, _bed, review = wizard.pages

    # 1 Arrival: the time stays "now"; no channel is chosen for the user: the second of today's list.
    assert QApplication.focusWidget() is arrival.arrived
    assert arrival.channel.currentIndex() == -1
    press(qtbot, Qt.Key.Key_Tab)  # the date and time is one field: one Tab leaves it
    assert QApplication.focusWidget() is arrival.channel
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, arrival.agency)
    type_text(qtbot, "Đồn Biên phòng cửa khẩu Ma Lù Thàng")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Thiếu tá Vàng A Sử")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "0912 345 678")
    tab_to(qtbot, arrival.document_boxes["declaration"])
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, arrival.document_boxes["handover_record"])
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, ENTER)

    # 2 Identity: the birth date typed as digits only; the slashes appear; one Tab leaves the field.
    assert wizard.stack.currentIndex() == 1
    assert wizard.sections.item(0).text().startswith("✓")  # page 1 left with nothing to correct
    assert QApplication.focusWidget() is identity.full_name
    type_text(qtbot, "Giàng Thị Mỷ")
    tab_to(qtbot, identity.birth_date)
    type_text(qtbot, "12032011")
    assert identity.birth_date.text() == "12/03/2011"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not identity.birth_date
    qtbot.wait(10)
    assert not identity.boxes["birth"].error.isVisibleTo(identity)
    tab_to(qtbot, identity.ethnic)
    type_text(qtbot, "Mèo")
    assert QApplication.activePopupWidget() is not None  # the suggestions
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)
    assert identity.ethnic.currentText() == f"Mông ({MONG})"
    tab_to(qtbot, identity.mother_tongue)
    type_text(qtbot, "Tiếng Mông")
    tab_to(qtbot, identity.interpreter)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, ENTER)

    # 3 Home: Lai Châu; the commune found by its old name Ma Quai; the guardian (she is under 18).
    assert wizard.stack.currentIndex() == 2
    assert home.guardian_hint.isVisibleTo(home)
    tab_to(qtbot, home.province)
    type_text(qtbot, "Lai Châu")
    press(qtbot, Qt.Key.Key_Tab)
    tab_to(qtbot, home.commune)
    type_text(qtbot, "ma quai")
    assert QApplication.activePopupWidget() is not None
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)
    qtbot.wait(10)  # the choice replaces the suggestion's label on the next turn of the event loop
    assert home.commune.currentText() == "Xã Hồng Thu"
    tab_to(qtbot, home.village)
    assert home.commune_note.text() == _("{new} (formerly: {old})").format(new="Xã Hồng Thu", old="xã Ma Quai")
    type_text(qtbot, "Bản Phìn Hồ")
    tab_to(qtbot, home.guardian_name)
    type_text(qtbot, "Giàng A Páo")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Bố")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "0987 654 321")
    press(qtbot, ENTER)

    # 4 Schooling
    assert QApplication.focusWidget() is school.is_pupil
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Trường PTDTBT THCS Hồng Thu")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Lớp 8")
    press(qtbot, ENTER)

    # 5 Trafficking experience, with her account in the sensitive box (Enter there is a new line).
    assert wizard.stack.currentIndex() == 4
    type_text(qtbot, "Trung Quốc")
    tab_to(qtbot, story.types["forced_marriage"])
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, story.control["false_promises"])
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, story.narrative)
    type_text(qtbot, "Người quen rủ đi làm.")
    press(qtbot, ENTER)
    type_text(qtbot, "Bị bán sang bên kia biên giới.")
    assert wizard.stack.currentIndex() == 4
    press(qtbot, Qt.Key.Key_Tab)  # out of the account: the next stop is "Next"
    assert QApplication.focusWidget() is wizard.next_button
    press(qtbot, ENTER)

    # 6 Status: under identification (the default); the entitlements a–g are listed.
    assert wizard.stack.currentIndex() == 5
    entitled = terms.entitlements(confirmed=False, foreign=False, accompanying_child=False)
    assert status.entitlements.count() == len(entitled)
    press(qtbot, ENTER)

    # 7 Consent: processing given; for a child of 7–15 her agreement and the guardian's (their rows are shown
    # because the birth date was read when it was typed); photo refused.
    assert wizard.stack.currentIndex() == 6
    child = age in CHILD_CONSENT_AGES
    rows = consent.rows
    assert consent.child_hint.isVisibleTo(consent) == child
    assert rows[terms.ConsentKind.CHILD_ASSENT].answer.isVisibleTo(consent) == child
    tab_to(qtbot, rows[terms.ConsentKind.PROCESSING].answer)
    press(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, rows[terms.ConsentKind.PROCESSING].by)
    type_text(qtbot, "Giàng Thị Mỷ")
    for kind, who in (
        (terms.ConsentKind.CHILD_ASSENT, "Giàng Thị Mỷ"),
        (terms.ConsentKind.GUARDIAN_CONSENT, "Giàng A Páo"),
    ):
        if child:
            tab_to(qtbot, rows[kind].answer)
            press(qtbot, Qt.Key.Key_Down)
            tab_to(qtbot, rows[kind].by)
            type_text(qtbot, who)
    tab_to(qtbot, rows[terms.ConsentKind.PHOTO].answer)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)
    assert wizard.sections.item(6).text().startswith("✓")

    # 8 Belongings: two items typed in the grid, Tab between the cells and on to a new row; Tab on the empty
    # third row leaves the grid (and drops that row).
    assert wizard.stack.currentIndex() == 7
    tab_to(qtbot, belongings.items.table)
    for cell in ("Điện thoại Oppo", "1", "Vỡ màn hình", "Áo khoác", "2", "Cũ"):
        type_text(qtbot, cell)
        press(qtbot, Qt.Key.Key_Tab)
    assert belongings.items.rows() == [["Điện thoại Oppo", "1", "Vỡ màn hình"], ["Áo khoác", "2", "Cũ"], ["", "", ""]]
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is belongings.money
    assert belongings.items.model.rowCount() == 2
    type_text(qtbot, "150000")
    press(qtbot, Qt.Key.Key_Tab)
    assert belongings.money.text() == "150.000"
    press(qtbot, ENTER)

    # 9 Condition, 10 Bed (skipped), 11 Review: nothing left to correct, nothing earlier to link; Ctrl+Enter saves.
    assert wizard.stack.currentIndex() == 8
    press(qtbot, ENTER)
    assert wizard.stack.currentIndex() == 9
    press(qtbot, ENTER)
    assert wizard.stack.currentIndex() == REVIEW
    assert review.problems.links == [], [b.text() for b in review.problems.links]
    assert review.model.rowCount() == 0
    summary = review.summary.toPlainText()
    assert "Giàng Thị Mỷ" in summary and "12/03/2011" in summary
    press(qtbot, ENTER, Qt.KeyboardModifier.ControlModifier)

    row = wizard.result_row
    assert row is not None, wizard.checks.problems
    assert not row.is_readmission and changed == ["resident"]
    assert wizard.draft is None and installed.centre.drafts.mine(intake) == []
    record = installed.centre.residents.record(installed.manager, row.resident_id)
    person, stay = record.person, record.stay
    assert (person.full_name, person.sex, person.birth_date) == ("Giàng Thị Mỷ", Sex.FEMALE, born)
    assert person.ethnic_code == MONG
    assert person.mother_tongue == "Tiếng Mông" and person.interpreter_needed
    assert (person.home_province, person.home_commune, person.home_village) == (
        "Lai Châu",
        "Xã Hồng Thu",
        "Bản Phìn Hồ",
    )
    assert (person.guardian_name, person.guardian_relation) == ("Giàng A Páo", "Bố")
    assert person.guardian_phone == "0987 654 321"
    assert person.is_pupil and person.school_grade == "Lớp 8"
    assert stay.channel == channels_for(today)[1]
    assert stay.referring_agency == "Đồn Biên phòng cửa khẩu Ma Lù Thàng" and stay.referring_phone == "0912 345 678"
    assert stay.documents_received == {"declaration", "handover_record"}
    assert stay.exploitation_country == "Trung Quốc" and stay.exploitation_types == {"forced_marriage"}
    assert stay.control_means == {"false_promises"}
    assert [(b.item, b.quantity, b.condition) for b in stay.belongings] == [
        ("Điện thoại Oppo", 1, "Vỡ màn hình"),
        ("Áo khoác", 2, "Cũ"),
    ]
    assert stay.money_vnd == 150_000
    consents = {c.kind: c for c in record.consents}
    assert consents[terms.ConsentKind.PROCESSING].given
    assert (terms.ConsentKind.CHILD_ASSENT in consents) == child
    assert not consents[terms.ConsentKind.PHOTO].given
    assert row.code.startswith("LC-") and row.alias == f"G.T.M. {row.code}"
    assert Channel(stay.channel) in channels_for(today)
