"""The first-run wizard, driven through its fields and keys against the real `initialise`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel, QWizard

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.reports.recovery_sheet import write_recovery_sheet
from centre_desk.security.credentials import CHEAP_ARGON2, KEYRING_REFUSED, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise, open_centre, passphrase_file
from centre_desk.services.settings import CentreDetails
from centre_desk.ui.first_run import FirstRunWizard
from centre_desk.ui.first_run.pages import REFUSED_KEYRING_INTRO, PageId
from centre_desk.ui.first_run.recovery import RecoveryPage, render_pdf
from tests.support import pdf
from tests.support.memory_keyring import LockedKeyring

CENTRE = "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"
AGENCY = "SỞ Y TẾ TỈNH LAI CHÂU"
PASSWORD = "suối Nậm Na chảy qua bản"
PASSPHRASE = "khóa cơ sở dữ liệu của Trung tâm"
Next = QWizard.WizardButton.NextButton
Back = QWizard.WizardButton.BackButton
Cancel = QWizard.WizardButton.CancelButton
Commit = QWizard.WizardButton.CommitButton
Finish = QWizard.WizardButton.FinishButton


class Creator:
    """The `create` callable the program passes: initialise() with the test's cheap Options."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.calls: list[tuple[NewAccount, CentreDetails, str | None]] = []
        self.centres: list[Centre] = []

    def __call__(self, manager: NewAccount, details: CentreDetails, passphrase: str | None) -> tuple[Centre, str]:
        self.calls.append((manager, details, passphrase))
        if passphrase is not None:
            self.options.custody = PassphraseCustody(
                self.options.data_dir / "keys", lambda _c: passphrase, CHEAP_ARGON2
            )
        centre, key = initialise(self.options, manager, details)
        self.centres.append(centre)
        return centre, key

    def close(self) -> None:
        for centre in self.centres:
            centre.close()


@pytest.fixture
def creator(options: Options) -> Iterator[Creator]:
    made = Creator(options)
    yield made
    made.close()


def _wizard(qtbot: QtBot, create: object, needs_passphrase: bool | None = False) -> FirstRunWizard:
    """None: the wizard decides from the keyring, as at a real first run."""
    wizard = FirstRunWizard(create, needs_passphrase=needs_passphrase)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _enter(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Press Enter where the cursor is: the wizard's default button (Next, Create, Finish)."""
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def _fill_centre(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.centre_page
    assert wizard.currentId() == PageId.CENTRE
    assert not wizard.button(Next).isEnabled()  # required fields are empty
    page.fields["centre_name"].setText(CENTRE)  # QTest types Latin-1 only
    page.fields["parent_agency"].setText(AGENCY)
    assert not wizard.button(Next).isEnabled()
    page.fields["place_name"].setText("Lai Châu")
    page.fields["director_name"].setText("Nguyễn Thị Hường")
    page.fields["director_title"].setText("Giám đốc")
    assert wizard.button(Next).isEnabled()


def _fill_account(qtbot: QtBot, wizard: FirstRunWizard, password: str = PASSWORD) -> None:
    page = wizard.account_page
    assert wizard.currentId() == PageId.ACCOUNT
    page.fields["login"].setFocus()
    qtbot.keyClicks(page.fields["login"], "giamdoc")
    qtbot.keyClick(page.fields["login"], Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.fields["full_name"]
    page.fields["full_name"].setText("Nguyễn Thị Hường")
    page.fields["password"].setText(password)
    assert not wizard.button(Next).isEnabled()
    page.fields["repeat"].setText(password)
    page.fields["repeat"].setFocus()


def _to_the_create_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    wizard.next()
    _fill_centre(qtbot, wizard)
    wizard.next()
    _fill_account(qtbot, wizard)
    wizard.next()


def _create(qtbot: QtBot, wizard: FirstRunWizard, expect_created: bool = True) -> None:
    assert wizard.currentId() == PageId.CREATE
    assert wizard.button(Commit).text() == _("Create the database")
    _enter(qtbot, wizard)
    assert wizard.is_busy()
    assert not wizard.button(Back).isEnabled() and not wizard.button(Cancel).isEnabled()
    assert not wizard.button(Commit).isEnabled()
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=30_000)
    assert (wizard.centre() is not None) == expect_created


def test_new_database_end_to_end(
    qtbot: QtBot, creator: Creator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = _wizard(qtbot, creator)
    assert wizard.wizardStyle() == QWizard.WizardStyle.ClassicStyle
    assert wizard.currentId() == PageId.WELCOME
    _enter(qtbot, wizard)
    _fill_centre(qtbot, wizard)
    wizard.centre_page.fields["director_title"].setFocus()
    _enter(qtbot, wizard)
    _fill_account(qtbot, wizard)
    _enter(qtbot, wizard)  # no passphrase page: this computer's key store is secure
    summary = [wizard.create_page.summary.itemAt(i).widget().text() for i in range(wizard.create_page.summary.count())]
    assert CENTRE in summary and "giamdoc — Nguyễn Thị Hường" in summary
    _create(qtbot, wizard)

    assert wizard.currentId() == PageId.RECOVERY
    manager, details, passphrase = creator.calls[0]
    assert (manager.login, details.centre_name, details.parent_agency, details.place_name) == (
        "giamdoc",
        CENTRE,
        AGENCY,
        "Lai Châu",
    )
    assert passphrase is None
    page = wizard.recovery_page
    key_text = page.key_label.text()
    assert len(key_text.split()) == 10 and all(len(group) == 4 for group in key_text.split())
    assert not wizard.button(Finish).isEnabled()
    assert not wizard.button(Back).isEnabled()

    printed: list[tuple[Path, str]] = []

    def fake_print(self: RecoveryPage, path: Path) -> bool:
        printed.append((path, pdf.text(path)))
        return True

    monkeypatch.setattr(RecoveryPage, "print_sheet", fake_print)
    page.print_button.click()
    assert len(printed) == 1
    sheet_path, sheet_text = printed[0]
    assert key_text.split()[0] in sheet_text and CENTRE in sheet_text
    assert not sheet_path.exists()  # the temporary PDF is gone
    assert page.status_label.text()

    saved = tmp_path / "ma-khoi-phuc"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(saved), "PDF"))
    page.save_button.click()
    assert key_text.split()[-1] in pdf.text(saved.with_suffix(".pdf"))

    wizard.reject()  # Esc / close: refused while the key is not confirmed
    assert wizard.isVisible() and page.error_label.text()
    page.confirm_box.setFocus()
    qtbot.keyClick(page.confirm_box, Qt.Key.Key_Space)
    assert page.confirm_box.isChecked() and wizard.button(Finish).isEnabled()
    wizard.button(Finish).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    centre = wizard.centre()
    assert centre is not None
    actor = centre.accounts.authenticate("giamdoc", PASSWORD)
    assert actor.account_id is not None
    assert centre.centre_name() == CENTRE


def test_refused_password_returns_to_the_account_page_with_input_kept(qtbot: QtBot, creator: Creator) -> None:
    wizard = _wizard(qtbot, creator)
    wizard.next()
    _fill_centre(qtbot, wizard)
    wizard.next()
    _fill_account(qtbot, wizard, password="password123")
    wizard.next()
    _create(qtbot, wizard, expect_created=False)
    page = wizard.account_page
    assert wizard.currentId() == PageId.ACCOUNT
    assert page.error_label.text() == _("This password is too common and easy to guess. Please choose another one.")
    assert wizard.focusWidget() is page.fields["password"]
    typed = {name: edit.text() for name, edit in page.fields.items()}
    assert typed == {
        "login": "giamdoc",
        "full_name": "Nguyễn Thị Hường",
        "password": "password123",
        "repeat": "password123",
    }
    assert wizard.centre_page.fields["centre_name"].text() == CENTRE
    page.fields["password"].setText(PASSWORD)
    page.fields["repeat"].setText(PASSWORD)
    wizard.next()
    _create(qtbot, wizard)  # the second attempt works: nothing was left behind
    assert wizard.currentId() == PageId.RECOVERY and len(creator.calls) == 2


def test_centre_field_errors_return_to_the_centre_page(qtbot: QtBot) -> None:
    def refuse(_manager: NewAccount, _details: CentreDetails, _passphrase: str | None) -> tuple[Centre, str]:
        raise ValidationError("place_name", "Tên địa danh quá dài.")

    wizard = _wizard(qtbot, refuse)
    _to_the_create_page(qtbot, wizard)
    _create(qtbot, wizard, expect_created=False)
    assert wizard.currentId() == PageId.CENTRE
    assert wizard.centre_page.error_label.text() == "Tên địa danh quá dài."
    assert wizard.focusWidget() is wizard.centre_page.fields["place_name"]
    assert wizard.centre_page.fields["place_name"].text() == "Lai Châu"
    assert wizard.account_page.fields["password"].text() == PASSWORD


def test_passphrase_page_when_the_key_store_is_not_secure(qtbot: QtBot, creator: Creator) -> None:
    wizard = _wizard(qtbot, creator, needs_passphrase=True)
    wizard.next()
    _fill_centre(qtbot, wizard)
    wizard.next()
    _fill_account(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == PageId.PASSPHRASE
    page = wizard.passphrase_page
    page.fields["passphrase"].setText("ngắn quá")
    page.fields["passphrase_repeat"].setText("ngắn quá")
    wizard.next()
    assert wizard.currentId() == PageId.PASSPHRASE
    assert page.error_label.text() == _("The database passphrase must have at least 12 characters.")
    page.fields["passphrase"].setText(PASSPHRASE)
    page.fields["passphrase_repeat"].setText(PASSPHRASE + ".")
    wizard.next()
    assert page.error_label.text() == _("The two passphrases differ.")
    page.fields["passphrase_repeat"].setText(PASSPHRASE)
    wizard.next()
    _create(qtbot, wizard)
    assert creator.calls[0][2] == PASSPHRASE
    assert any((creator.options.data_dir / "keys").glob("*.json"))  # the key is wrapped under the passphrase
    reopened = open_centre(creator.options, migrate=False)
    reopened.close()


def test_cancel_before_creating_returns_none(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def never(_manager: NewAccount, _details: CentreDetails, _passphrase: str | None) -> tuple[Centre, str]:
        calls.append("create")
        raise AssertionError("nothing is created when the wizard is cancelled")

    def cancel(wizard: FirstRunWizard) -> int:
        wizard.next()
        assert wizard.button(Cancel).isEnabled()
        wizard.reject()
        return int(wizard.result())

    monkeypatch.setattr(FirstRunWizard, "exec", cancel)
    assert FirstRunWizard.run(None, never) is None
    assert calls == []


def test_render_pdf_prints_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.pdf"
    write_recovery_sheet(sheet, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH", CENTRE, "centre.db")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    assert render_pdf(sheet, printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000


@pytest.mark.expect_log_warnings  # the keyring's refusal is logged
def test_a_keyring_that_refuses_the_key_leads_to_the_passphrase_mode(qtbot: QtBot, tmp_path: Path) -> None:
    from centre_desk import app

    locked = LockedKeyring()  # looks secure (a Secret Service), but its collection is locked
    keyring.set_keyring(locked)
    options = Options(tmp_path / "data", passwords=Passwords(cheap_hasher()))
    wizard = _wizard(qtbot, app.database_creator(options), needs_passphrase=None)
    assert not wizard.needs_passphrase
    _to_the_create_page(qtbot, wizard)
    _create(qtbot, wizard, expect_created=False)
    page = wizard.create_page
    assert page.error_label.text() == _(KEYRING_REFUSED)
    assert page.passphrase_offer.isVisible() and wizard.focusWidget() is page.use_passphrase_button
    _enter(qtbot, wizard)  # the offer has the focus: Enter takes it
    assert wizard.currentId() == PageId.PASSPHRASE and wizard.needs_passphrase
    passphrase_page = wizard.passphrase_page
    assert passphrase_page.intro_label.text() == _(REFUSED_KEYRING_INTRO)
    passphrase_page.fields["passphrase"].setText("mười một ch")  # 11: one short of the rule
    passphrase_page.fields["passphrase_repeat"].setText("mười một ch")
    wizard.next()
    assert passphrase_page.error_label.text() == _("The database passphrase must have at least 12 characters.")
    passphrase_page.fields["passphrase"].setText(PASSPHRASE)
    passphrase_page.fields["passphrase_repeat"].setText(PASSPHRASE)
    wizard.next()
    assert _("a database passphrase, asked at every start") in [
        label.text() for label in page.findChildren(QLabel) if label.isVisible()
    ]
    assert not page.passphrase_offer.isVisible()
    _create(qtbot, wizard)
    centre = wizard.centre()
    assert centre is not None
    centre.close()
    assert locked.entries == {} and len(list((options.data_dir / "keys").glob("*.json"))) == 1
    again = Options(options.data_dir, passwords=Passwords(cheap_hasher()))  # the next start
    assert passphrase_file(again) is not None
    again.give_passphrase(PASSPHRASE)
    open_centre(again, migrate=False).close()
