"""Issue 4 "must show": a walk through the admission wizard by keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.models.resident import Channel, Sex
from centre_desk.security.access import Actor
from centre_desk.services import intake_terms as terms
from centre_desk.ui.admissions import AdmissionWizard
from centre_desk.ui.admissions.payload import channels_for
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.ui.admissions.keys import press, tab_to, type_text

ENTER = Qt.Key.Key_Return
MONG = "08"  # the statistics office code of the Mông


def test_admit_a_15_year_old_by_keyboard_alone(
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
    born = date(today.year - 15, 1, 2) if today >= date(today.year, 1, 2) else date(today.year - 16, 1, 2)
    arrival, identity, home, school, story, status, consent, belongings, _condition, review = wizard.pages

    # 1 Arrival: the time stays "now"; the third channel of today's list; the referral; two papers.
    assert QApplication.focusWidget() is arrival.arrived
    tab_to(qtbot, arrival.channel)
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

    # 2 Identity: name, birth date, ethnicity typed by its old name "Mèo" and picked from the suggestions.
    assert wizard.stack.currentIndex() == 1
    assert QApplication.focusWidget() is identity.full_name
    type_text(qtbot, "Giàng Thị Mỷ")
    tab_to(qtbot, identity.birth_date)
    type_text(qtbot, born.strftime("%d/%m/%Y"))
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

    # 3 Home: Lai Châu, the old commune Nậm Khao (now xã Mường Tè), the guardian.
    assert wizard.stack.currentIndex() == 2
    assert home.guardian_hint.isVisibleTo(home)  # she is 15: a guardian is required
    tab_to(qtbot, home.province)
    type_text(qtbot, "Lai Châu")
    press(qtbot, Qt.Key.Key_Tab)
    tab_to(qtbot, home.commune)
    type_text(qtbot, "Nậm Khao")
    press(qtbot, Qt.Key.Key_Tab)
    assert home.commune.currentText() == "Xã Mường Tè"
    tab_to(qtbot, home.village)
    type_text(qtbot, "Bản Nậm Hạ")
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
    type_text(qtbot, "Trường PTDTBT THCS Mường Tè")
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

    # 7 Consent: processing, the child's agreement and the guardian's consent are given; photo refused.
    assert wizard.stack.currentIndex() == 6
    assert consent.child_hint.isVisibleTo(consent)
    rows = consent.rows
    tab_to(qtbot, rows[terms.ConsentKind.PROCESSING].answer)
    press(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, rows[terms.ConsentKind.PROCESSING].by)
    type_text(qtbot, "Giàng Thị Mỷ")
    tab_to(qtbot, rows[terms.ConsentKind.CHILD_ASSENT].answer)
    press(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, rows[terms.ConsentKind.CHILD_ASSENT].by)
    type_text(qtbot, "Giàng Thị Mỷ")
    tab_to(qtbot, rows[terms.ConsentKind.GUARDIAN_CONSENT].answer)
    press(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, rows[terms.ConsentKind.GUARDIAN_CONSENT].by)
    type_text(qtbot, "Giàng A Páo")
    tab_to(qtbot, rows[terms.ConsentKind.PHOTO].answer)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)

    # 8 Belongings: two items typed in the grid, and money.
    assert wizard.stack.currentIndex() == 7
    for item, quantity, state in (("Điện thoại Oppo", "1", "Vỡ màn hình"), ("Áo khoác", "2", "Cũ")):
        tab_to(qtbot, belongings.items.add_button)
        press(qtbot, Qt.Key.Key_Space)
        type_text(qtbot, item)
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, quantity)
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, state)
        press(qtbot, ENTER)
        qtbot.wait(10)  # the cell is committed on the next turn of the event loop
        assert wizard.stack.currentIndex() == 7
    tab_to(qtbot, belongings.money)
    type_text(qtbot, "150000")
    press(qtbot, Qt.Key.Key_Tab)
    assert belongings.money.text() == "150.000"
    press(qtbot, ENTER)

    # 9 Condition, 10 Review: nothing earlier to link; Ctrl+Enter saves.
    assert wizard.stack.currentIndex() == 8
    press(qtbot, ENTER)
    assert wizard.stack.currentIndex() == 9
    assert review.model.rowCount() == 0
    assert "Giàng Thị Mỷ" in review.summary.toPlainText()
    press(qtbot, ENTER, Qt.KeyboardModifier.ControlModifier)

    row = wizard.result_row
    assert row is not None, wizard.message.text()
    assert not row.is_readmission and changed == ["resident"]
    assert wizard.draft is None and installed.centre.drafts.mine(intake) == []
    record = installed.centre.residents.record(installed.manager, row.resident_id)
    person, stay = record.person, record.stay
    assert (person.full_name, person.sex, person.birth_date) == ("Giàng Thị Mỷ", Sex.FEMALE, born)
    assert person.ethnic_code == MONG
    assert person.mother_tongue == "Tiếng Mông" and person.interpreter_needed
    assert (person.home_province, person.home_commune, person.home_village) == ("Lai Châu", "Xã Mường Tè", "Bản Nậm Hạ")
    assert (person.guardian_name, person.guardian_relation) == ("Giàng A Páo", "Bố")
    assert person.guardian_phone == "0987 654 321"
    assert person.is_pupil and person.school_grade == "Lớp 8"
    assert stay.channel == channels_for(today)[2]
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
    assert consents[terms.ConsentKind.CHILD_ASSENT].given
    assert consents[terms.ConsentKind.GUARDIAN_CONSENT].given_by == "Giàng A Páo"
    assert not consents[terms.ConsentKind.PHOTO].given
    assert row.code.startswith("LC-") and row.alias == f"G.T.M. {row.code}"
    assert Channel(stay.channel) in channels_for(today)
