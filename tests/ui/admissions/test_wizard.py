"""The admission wizard: validation next to the field, drafts that survive a crash, readmissions,
the ethnicity type-ahead, the effective-dated channels, closing, and the list models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from centre_desk.models.resident import Channel, IdDocument, Sex
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import AdmissionInput, ResidentInput
from centre_desk.ui.admissions import AdmissionWizard, DraftsDialog, dialogs
from centre_desk.ui.admissions.payload import CHANNEL_LABELS, channels_for, draft_label, page_of_field
from centre_desk.ui.admissions.wizard import PAGE_TITLES
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed
from tests.ui.admissions.keys import press, tab_to, type_text

REVIEW = len(PAGE_TITLES) - 1  # the last page

Make = Callable[..., AdmissionWizard]


def shown(qtbot: QtBot, wizard: AdmissionWizard) -> AdmissionWizard:
    wizard.show()
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    qtbot.wait(10)  # the first field takes the focus on the next turn of the event loop
    return wizard


def fill_minor(wizard: AdmissionWizard, name: str = "Lò Thị Xuân", born: str = "12/05/2012") -> None:
    """A 13/14-year-old Thái girl brought by the border guard (setters: these tests are about what happens after
    typing)."""
    arrival = wizard.pages[0]
    arrival.channel.setCurrentIndex(arrival.channel.findData(Channel.BORDER_GUARD.value))
    identity = wizard.pages[1]
    identity.full_name.setText(name)
    identity.birth_date.setText(born)
    identity.ethnic.setEditText("Thái (03)")
    identity.full_name.textEdited.emit(name)  # as if typed: starts the autosave


def test_save_shows_every_problem_at_once_and_keeps_what_was_typed(
    qtbot: QtBot, make_wizard: Make, installed: Installed, intake: Actor
) -> None:
    wizard = shown(qtbot, make_wizard())
    fill_minor(wizard)  # 13 or 14: a guardian is needed, and none is given
    identity, home, belongings, review = wizard.pages[1], wizard.pages[2], wizard.pages[7], wizard.pages[REVIEW]
    identity.id_document.setCurrentIndex(identity.id_document.findData(IdDocument.ID_CARD.value))
    identity.id_number.setText("0352")
    home.village.setText("Bản Hua Bum")
    belongings.items.append(["Điện thoại", "1", ""])
    belongings.items.append(["Áo khoác", "3 bộ", "Cũ"])
    wizard.go_to(REVIEW)
    wizard.save()
    assert wizard.result_row is None
    assert wizard.stack.currentIndex() == REVIEW  # no jumping from page to page: everything is listed here
    fields = [field for field, _text in wizard.checks.problems]
    assert fields == ["id_number", "guardian_name", "belonging_1.quantity"]
    links = [link.text() for link in review.problems.links]
    assert links[0] == "2. Nhân thân › Số giấy tờ: Số thẻ căn cước gồm đúng 12 chữ số."
    assert links[1].startswith("3. Nơi cư trú và gia đình › ") and "18" in links[1]
    assert links[2].startswith("8. Tài sản giữ hộ › Tài sản: Dòng 2, Số lượng: ")
    assert review.problems.title.text() == "Cần sửa trước khi lưu (3): mỗi dòng dẫn đến ô cần sửa."
    # each message is also under its field, on every page
    assert identity.boxes["id_number"].error.text() == "Số thẻ căn cước gồm đúng 12 chữ số."
    assert "18" in home.boxes["guardian_name"].error.text()
    assert belongings.boxes["belongings"].error.text().startswith("Dòng 2, Số lượng: ")
    assert [wizard.sections.item(i).text()[:1] for i in (1, 2, 7)] == ["⚠", "⚠", "⚠"]
    assert wizard.focusWidget() is review.problems.links[0]
    # nothing typed is lost
    assert identity.id_number.text() == "0352" and home.village.text() == "Bản Hua Bum"
    # fixing them and saving again clears the messages and admits
    identity.id_number.setText("035209001234")
    home.guardian_name.setText("Lò Văn Pọm")
    belongings.items.model.item(1, 1).setText("3")
    wizard.save()
    assert wizard.result_row is not None, wizard.checks.problems
    assert not home.boxes["guardian_name"].error.isVisibleTo(wizard)


def test_child_consent_problem_is_shown_under_the_childs_row(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = shown(qtbot, make_wizard())
    fill_minor(wizard)
    wizard.pages[2].guardian_name.setText("Lò Văn Pọm")
    consent = wizard.pages[6]
    consent.rows[terms.ConsentKind.PROCESSING].answer.setCurrentIndex(1)  # given, but not the child's
    wizard.save()
    assert wizard.stack.currentIndex() == REVIEW
    error = consent.rows[terms.ConsentKind.CHILD_ASSENT].error
    assert "7" in error.text() and not error.isHidden()
    assert wizard.sections.item(6).text().startswith("⚠")


def test_draft_survives_a_crash(
    qtbot: QtBot, make_wizard: Make, installed: Installed, intake: Actor, events: AppEvents
) -> None:
    wizard = AdmissionWizard(installed.centre.admissions, installed.centre.drafts, intake, events)  # not closed
    shown(qtbot, wizard)
    wizard.pages[0].agency.setText("Công an xã Mường Tè")
    wizard.pages[0].document_boxes["declaration"].setChecked(True)
    fill_minor(wizard)
    wizard.pages[1].alias.setText("Xuân")
    wizard.go_next()  # page 1 → 2 saves the draft
    wizard.go_next()
    assert wizard.draft is not None
    draft_id = wizard.draft.id
    wizard.pages[2].guardian_name.setText("Lò Văn Pọm")
    wizard.pages[2].guardian_name.textEdited.emit("Lò Văn Pọm")
    qtbot.waitUntil(lambda: not wizard._dirty, timeout=5000)  # the 3-second autosave
    wizard._autosave.stop()
    shiboken6.delete(wizard)  # the program dies: no close, no question

    [row] = installed.centre.drafts.mine(intake)
    assert (row.id, row.label) == (draft_id, "Xuân")
    again = shown(qtbot, make_wizard(draft_id))
    assert again.pages[0].agency.text() == "Công an xã Mường Tè"
    assert again.pages[0].document_boxes["declaration"].isChecked()
    assert again.pages[1].full_name.text() == "Lò Thị Xuân" and again.pages[1].birth_date.text() == "12/05/2012"
    assert again.pages[1].ethnic.code() == "03"
    assert again.pages[2].guardian_name.text() == "Lò Văn Pọm"
    assert again.stack.currentIndex() == 2  # back where she or he was


def test_closing_asks_and_keeps_or_discards(
    qtbot: QtBot, make_wizard: Make, installed: Installed, intake: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [dialogs.CloseChoice.CANCEL, dialogs.CloseChoice.KEEP]
    monkeypatch.setattr(dialogs, "ask_keep_draft", lambda _parent: answers.pop(0))
    wizard = shown(qtbot, make_wizard())
    fill_minor(wizard)
    press(qtbot, Qt.Key.Key_Escape)
    assert wizard.isVisible() and answers == [dialogs.CloseChoice.KEEP]  # cancelled: still open
    press(qtbot, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert [d.label for d in installed.centre.drafts.mine(intake)] == ["Lò Thị Xuân"]

    monkeypatch.setattr(dialogs, "ask_keep_draft", lambda _parent: dialogs.CloseChoice.DISCARD)
    [row] = installed.centre.drafts.mine(intake)
    again = shown(qtbot, make_wizard(row.id))
    again.reject()
    assert installed.centre.drafts.mine(intake) == []


def test_untouched_wizard_closes_without_asking(qtbot: QtBot, make_wizard: Make, no_questions: list[str]) -> None:
    wizard = shown(qtbot, make_wizard())
    press(qtbot, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and no_questions == []


def test_readmission_is_listed_and_linked(qtbot: QtBot, make_wizard: Make, installed: Installed, intake: Actor) -> None:
    earlier = installed.centre.admissions.admit(
        intake,
        AdmissionInput(
            resident=ResidentInput(
                "Sùng Thị Dở", Sex.FEMALE, "08", birth_year=2004, guardian_name="", home_commune="Xã Pa Tần"
            ),
            arrived_at=datetime.now().astimezone() - timedelta(days=400),
            channel=Channel.BORDER_GUARD,
        ),
    )
    wizard = shown(qtbot, make_wizard())
    identity = wizard.pages[1]
    identity.full_name.setText("Sung Thi Do")  # typed without accents
    identity.birth_modes.buttons()[1].setChecked(True)
    identity.birth_year.setText("2005")
    identity.ethnic.setEditText("Mông (08)")
    wizard.pages[0].channel.setCurrentIndex(0)
    wizard.go_to(REVIEW)
    review = wizard.pages[REVIEW]
    assert review.model.rowCount() == 1
    assert review.model.row(0).code == earlier.code
    shown_cells = [review.model.index(0, c).data() for c in range(review.model.columnCount())]
    assert shown_cells[:3] == [earlier.code, "Sùng Thị Dở", "2004"]
    tab_to(qtbot, review.same_person)
    press(qtbot, Qt.Key.Key_Space)
    assert review.linked_id == earlier.resident_id
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = wizard.result_row
    assert row is not None and row.is_readmission
    assert installed.centre.residents.record(installed.manager, row.resident_id).previous_code == earlier.code


@pytest.mark.parametrize(("typed", "expected"), [("Mèo", "Mông (08)"), ("Mán", "Dao (09)"), ("meo", "Mông (08)")])
def test_ethnicity_found_by_alias(qtbot: QtBot, make_wizard: Make, typed: str, expected: str) -> None:
    wizard = shown(qtbot, make_wizard())
    wizard.go_to(1)
    identity = wizard.pages[1]
    tab_to(qtbot, identity.ethnic)
    type_text(qtbot, typed)
    suggestions = identity.ethnic._matches.stringList()
    assert suggestions[0] == expected
    press(qtbot, Qt.Key.Key_Tab) if QApplication.activePopupWidget() is None else None
    identity.ethnic.lineEdit().editingFinished.emit()
    assert identity.ethnic.currentText() == expected


def test_ethnic_list_starts_with_lai_chau_groups(qtbot: QtBot, make_wizard: Make) -> None:
    combo = make_wizard().pages[1].ethnic
    assert combo.count() >= 54
    assert combo.itemText(0).startswith("Thái") or combo.itemText(0).startswith("Mông")


def test_channels_follow_the_arrival_date_and_none_is_chosen_for_the_user(qtbot: QtBot, make_wizard: Make) -> None:
    wizard = make_wizard()
    arrival = wizard.pages[0]

    def offered() -> list[str]:
        return [arrival.channel.itemData(i) for i in range(arrival.channel.count())]

    assert arrival.channel.currentIndex() == -1 and arrival.channel.placeholderText()
    assert ("channel", "Vui lòng chọn kênh tiếp nhận.") in wizard.recheck()
    arrival.arrived.setText("01/03/2025 09:00")
    assert Channel.DISTRICT_LABOUR_OFFICE in offered() and Channel.HEALTH_DEPARTMENT not in offered()
    arrival.channel.setCurrentIndex(arrival.channel.findData(Channel.POLICE.value))
    arrival.arrived.setText("01/07/2025 09:00")
    assert Channel.DISTRICT_LABOUR_OFFICE not in offered() and Channel.HEALTH_DEPARTMENT in offered()
    assert arrival.channel.currentData() == Channel.POLICE  # still valid: kept
    arrival.arrived.setText("30/06/2025 09:00")
    arrival.channel.setCurrentIndex(arrival.channel.findData(Channel.DISTRICT_LABOUR_OFFICE.value))
    arrival.arrived.setText("05/01/2026 09:00")
    assert arrival.channel.currentIndex() == -1  # no longer exists: the user chooses again
    assert offered() == [c.value for c in channels_for(date(2026, 1, 5))]
    assert len(CHANNEL_LABELS) == len(Channel)


def test_models_and_drafts_dialog(
    qtbot: QtBot, qtmodeltester: object, make_wizard: Make, installed: Installed, intake: Actor
) -> None:
    wizard = make_wizard()
    fill_minor(wizard)
    assert wizard.save_draft() is not None
    drafts = installed.centre.drafts.mine(intake)
    dialog = DraftsDialog(drafts)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    qtmodeltester.check(wizard.pages[REVIEW].model)  # type: ignore[attr-defined]
    assert dialog.value() == drafts[0].id
    assert dialog.model.index(0, 0).data() == "Lò Thị Xuân"


def test_choose_draft_uses_the_dialog(
    qtbot: QtBot, installed: Installed, intake: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def pick(_parent: object, drafts: list[object]) -> int | None:
        seen.append(len(drafts))
        return None

    monkeypatch.setattr(DraftsDialog, "ask", pick)
    assert dialogs.choose_draft(None, installed.centre.drafts, intake) is None
    assert seen == [0]


def test_sensitive_boxes_follow_permissions(qtbot: QtBot, make_wizard: Make, installed: Installed) -> None:
    nurse_like = Actor(account_id=None, login="x", roles=frozenset({Role.INTAKE}))
    for actor in (installed.manager, nurse_like):
        wizard = make_wizard(actor=actor)
        narrative = actor.can(Action.CREATE, FieldGroup.NARRATIVE)
        pregnancy = actor.can(Action.CREATE, FieldGroup.SENSITIVE_HEALTH)
        assert wizard.pages[4].narrative_frame.isVisibleTo(wizard.pages[4]) == narrative
        assert wizard.pages[8].sensitive.isVisibleTo(wizard.pages[8]) == pregnancy
        assert ("narrative" in wizard.payload()) == narrative
        assert ("pregnancy_suspected" in wizard.payload()) == pregnancy
    only_identity = Actor(account_id=None, login="y", roles=frozenset({Role.COUNSELLOR}))
    wizard = make_wizard(actor=only_identity)
    assert not wizard.pages[4].narrative_frame.isVisibleTo(wizard.pages[4])
    assert not wizard.pages[8].sensitive.isVisibleTo(wizard.pages[8])
    assert "injured" not in wizard.payload()


def test_payload_helpers() -> None:
    assert draft_label({"alias": "  ", "full_name": "Lò  Thị Xuân"}) == "Lò Thị Xuân"
    assert draft_label({"alias": "Xuân"}) == "Xuân"
    assert page_of_field("contact_2.phone") == 2 and page_of_field("belonging_0.quantity") == 7
    assert page_of_field("consent_child") == 6 and page_of_field("guardian_name") == 2
    assert page_of_field("unknown") is None


def test_every_wizard_page_saves_and_restores_its_own_fields() -> None:
    """WizardPage.values/_load are meant to be overridden by each page: a forgotten one would lose input."""
    from centre_desk.ui.admissions import care, home, identity, review, story
    from centre_desk.ui.admissions.fields import WizardPage

    pages = [cls for module in (care, home, identity, review, story) for cls in vars(module).values()
             if isinstance(cls, type) and issubclass(cls, WizardPage) and cls is not WizardPage]  # fmt: skip
    assert len(pages) == 10
    for cls in pages:
        assert cls.values is not WizardPage.values and cls._load is not WizardPage._load, cls.__name__
