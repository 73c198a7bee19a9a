"""Issue 8: errors as you go in the admission wizard, the age-dependent rows, the commune field, the smaller
points (Thẻ căn cước, the consent law by date) and the wizard built lazily."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.models.resident import Channel, IdDocument
from centre_desk.services import intake_terms as terms
from centre_desk.services.reference import lai_chau_communes_in_order
from centre_desk.ui.admissions import AdmissionWizard
from centre_desk.ui.admissions.care import consent_law_hint
from centre_desk.ui.admissions.payload import ID_LABELS
from centre_desk.ui.admissions.wizard import PAGE_TITLES
from tests.ui.admissions.keys import press, tab_to, type_text
from tests.ui.admissions.test_wizard import shown

REVIEW = len(PAGE_TITLES) - 1  # the last page

Make = Callable[..., AdmissionWizard]
TAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Return


def test_impossible_birth_date_is_refused_when_the_field_is_left(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    wizard.go_to(1)
    identity = wizard.pages[1]
    error = identity.boxes["birth"].error
    for typed, message in (
        ("31022011", "Tháng 02/2011 chỉ có 28 ngày."),
        ("12132011", "Không có tháng 13: tháng phải từ 01 đến 12."),
    ):
        tab_to(qtbot, identity.birth_date)
        type_text(qtbot, typed)
        assert error.isHidden() or typed != "31022011"  # nothing said while the field is typed for the first time
        press(qtbot, TAB)
        qtbot.waitUntil(lambda message=message: error.text() == message and not error.isHidden())
    tab_to(qtbot, identity.birth_date)
    type_text(qtbot, "12032011")
    press(qtbot, TAB)
    qtbot.waitUntil(error.isHidden)
    assert wizard.stack.currentIndex() == 1  # nothing jumped


def test_a_page_gets_its_mark_only_when_valid(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    arrival, identity = wizard.pages[0], wizard.pages[1]
    wizard.go_next()  # the channel is not chosen
    assert wizard.sections.item(0).text().startswith("⚠")
    assert not arrival.boxes["channel"].error.isHidden()
    wizard.go_back()
    arrival.channel.setCurrentIndex(arrival.channel.findData(Channel.POLICE.value))
    wizard.go_next()
    assert wizard.sections.item(0).text().startswith("✓")
    identity.full_name.setText("Lò Thị Xuân")  # the birth and the ethnic group are still missing
    wizard.go_next()
    assert wizard.sections.item(1).text().startswith("⚠")
    assert not identity.boxes["birth"].error.isHidden() and not identity.boxes["ethnic_code"].error.isHidden()
    identity.birth_date.setText("12/05/2000")
    identity.ethnic.setEditText("Thái (03)")
    wizard.recheck()
    assert wizard.sections.item(1).text().startswith("✓")
    assert identity.boxes["birth"].error.isHidden()
    assert wizard.sections.item(3).text().startswith("  ")  # not visited: no mark either way


def test_review_lists_every_problem_and_its_links_go_to_the_field(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    press(qtbot, ENTER, Qt.KeyboardModifier.ControlModifier)  # to the review
    press(qtbot, ENTER, Qt.KeyboardModifier.ControlModifier)  # save: refused, everything listed
    assert wizard.result_row is None and wizard.stack.currentIndex() == REVIEW
    review = wizard.pages[REVIEW]
    assert [field for field, _message in wizard.checks.problems] == ["channel", "full_name", "birth", "ethnic_code"]
    assert [link.text() for link in review.problems.links] == [
        "1. Tiếp nhận › Kênh tiếp nhận: Vui lòng chọn kênh tiếp nhận.",
        "2. Nhân thân › Họ và tên: Vui lòng nhập họ và tên.",
        "2. Nhân thân › Sinh: Vui lòng nhập ngày sinh, năm sinh hoặc tuổi ước tính (chỉ một trong ba).",
        "2. Nhân thân › Dân tộc: Vui lòng chọn dân tộc trong danh sách.",
    ]
    assert QApplication.focusWidget() is review.problems.links[0]
    press(qtbot, TAB)  # the links are reached by Tab, one after the other
    assert QApplication.focusWidget() is review.problems.links[1]
    press(qtbot, ENTER)  # and followed with Enter
    identity = wizard.pages[1]
    assert wizard.stack.currentIndex() == 1 and QApplication.focusWidget() is identity.full_name
    type_text(qtbot, "Lò Thị Xuân")
    press(qtbot, ENTER, Qt.KeyboardModifier.ControlModifier)
    assert len(wizard.pages[REVIEW].problems.links) == 3  # the name is no longer listed
    press(qtbot, Qt.Key.Key_Space)  # Space follows a link too: the channel, on page 1
    assert wizard.stack.currentIndex() == 0 and QApplication.focusWidget() is wizard.pages[0].channel


def test_quantity_with_a_unit_is_flagged_when_the_cell_is_left(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    wizard.go_to(7)
    belongings = wizard.pages[7]
    error = belongings.boxes["belongings"].error
    assert QApplication.focusWidget() is belongings.items.table
    for cell in ("Điện thoại", "1", "", "Quần áo", "3 bộ"):
        type_text(qtbot, cell)
        press(qtbot, TAB)
    qtbot.waitUntil(lambda: not error.isHidden())
    assert error.text() == (
        "Dòng 2, Số lượng: chỉ nhập số nguyên từ 1 đến 100000; đơn vị ghi vào tên tài sản (ví dụ: 3, Bộ quần áo)."
    )
    assert wizard.stack.currentIndex() == 7


def test_consent_rows_follow_the_birth_date_as_soon_as_it_is_typed(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    consent = wizard.pages[6]
    child_row = consent.rows[terms.ConsentKind.CHILD_ASSENT]
    wizard.go_to(1)
    identity = wizard.pages[1]
    assert not child_row.answer.isVisibleTo(consent)
    tab_to(qtbot, identity.birth_date)
    ten = date.today().year - 10
    type_text(qtbot, f"0101{ten}")
    press(qtbot, TAB)  # leaving the field is enough: no save, no visit to the consent page
    qtbot.waitUntil(lambda: child_row.answer.isVisibleTo(consent))
    assert consent.child_hint.isVisibleTo(consent)
    assert wizard.pages[2].guardian_hint.isVisibleTo(wizard.pages[2])
    assert "Giàng" not in wizard.payload()["consents"]  # (nothing was recorded for her)


def test_commune_suggestions_by_old_name_and_accent_folded(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    wizard.go_to(2)
    home = wizard.pages[2]
    tab_to(qtbot, home.province)
    type_text(qtbot, "lai chau")
    press(qtbot, TAB)
    assert home.province.currentText() == "Lai Châu"
    names = [home.commune.itemText(i) for i in range(home.commune.count())]
    assert names == [c.full_name for c in lai_chau_communes_in_order()]  # Vietnamese order
    assert names.index("Xã Dào San") < names.index("Phường Đoàn Kết") < names.index("Xã Hồng Thu")
    tab_to(qtbot, home.commune)
    type_text(qtbot, "hong thu")
    assert home.commune._matches.stringList()[0] == "Xã Hồng Thu"
    for _ in "hong thu":
        press(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, "Ma Quai")
    assert home.commune._matches.stringList() == ["Xã Hồng Thu (trước đây: xã Ma Quai)"]
    press(qtbot, TAB)  # leaving with the old name typed: the new unit, with its old name shown
    qtbot.wait(10)
    assert home.commune.currentText() == "Xã Hồng Thu"
    assert home.commune_note.text() == "Xã Hồng Thu (trước đây: xã Ma Quai)"
    assert wizard.payload()["legacy_commune"] == "xã Ma Quai"
    home.commune.setFocus()
    home.commune.lineEdit().selectAll()
    type_text(qtbot, "Đông Phong")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)
    qtbot.wait(10)
    tab_to(qtbot, home.village)
    assert home.commune.currentText() == "Phường Tân Phong"
    assert home.legacy_district.text() == "thành phố Lai Châu"  # filled from the map where it records it


def test_identity_card_and_the_consent_law_by_date(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = make_wizard()
    identity, consent = wizard.pages[1], wizard.pages[6]
    kinds = [identity.id_document.itemData(i) for i in range(identity.id_document.count())]
    assert kinds[:2] == [IdDocument.ID_CARD.value, IdDocument.CCCD.value]  # both: old cards stay valid
    assert identity.id_document.itemText(0).startswith("Thẻ căn cước")
    assert IdDocument.ID_CARD in ID_LABELS
    assert "91/2025/QH15" in consent_law_hint(date(2026, 1, 1))
    assert "13/2023" in consent_law_hint(date(2025, 12, 31))
    wizard.pages[0].arrived.setText("20/12/2025 10:00")
    wizard.go_to(6)
    assert "13/2023" in consent.law_hint.text() and "17" in consent.basis.placeholderText()
    consent.rows[terms.ConsentKind.PROCESSING].on.setText("02/01/2026")
    assert "91/2025/QH15" in consent.law_hint.text() and "91/2025" in consent.basis.placeholderText()


def test_the_wizard_opens_with_only_its_first_page(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = make_wizard()
    assert [index for index, _page in wizard.pages.built()] == [0]
    shown(qtbot, wizard)
    qtbot.waitUntil(lambda: len(wizard.pages.built()) == REVIEW + 1)  # the others follow the first paint
    assert [wizard.stack.widget(i) for i in range(REVIEW + 1)] == list(wizard.pages)
    assert wizard.stack.currentIndex() == 0 and QApplication.focusWidget() is wizard.pages[0].arrived
