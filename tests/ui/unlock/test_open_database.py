"""The questions before sign-in: the database passphrase (three tries, then the recovery key), the
recovery key (masked, any dashes), Cancel (says what happens first), against real installations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QLineEdit

from centre_desk import i18n
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.security.credentials import CHEAP_ARGON2, KeyStoreUnreachable
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise, open_centre, passphrase_file
from centre_desk.ui.shell.demo_marker import DemoMarker, demo_mark
from centre_desk.ui.unlock import OpenDatabaseDialog
from centre_desk.ui.unlock.dialog import MAX_TRIES, NEW_PASSPHRASE_NO_KEY_STORE, NEW_PASSPHRASE_REFUSED, Stage
from centre_desk.ui.unlock.flow import KEYRING_LOCKED, recovery_reason
from tests.conftest import MANAGER_PASSWORD
from tests.support.memory_keyring import LockedKeyring, MemoryKeyring

PASSPHRASE = "khóa cơ sở dữ liệu của Trung tâm"
NEW_PASSPHRASE = "mật khẩu mới sau khi mất mật khẩu cũ"
CENTRE = "Trung tâm Công tác xã hội tỉnh Lai Châu"


@dataclass
class Made:
    options: Options  # a fresh start: nobody has given the passphrase yet
    recovery_key: str
    opened: list[Centre]

    def keys_file(self) -> Path:
        found = passphrase_file(self.options)
        assert found is not None
        return found.path


def _options(data: Path) -> Options:
    return Options(data, passwords=Passwords(cheap_hasher()), argon2=CHEAP_ARGON2)


def _initialise(data: Path) -> str:
    options = _options(data)
    options.give_passphrase(PASSPHRASE)
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    centre, recovery_key = initialise(options, manager, CENTRE)
    centre.close()
    return recovery_key


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Made]:
    """A database in passphrase mode: this computer has no secure keyring (no Secret Service)."""
    keyring.set_keyring(fail.Keyring())
    data = tmp_path / "data"
    holder = Made(_options(data), _initialise(data), [])
    yield holder
    for centre in holder.opened:
        centre.close()


def _dialog(qtbot: QtBot, made: Made, problem: str = "", start_with_passphrase: bool = True) -> OpenDatabaseDialog:
    keys = passphrase_file(made.options) if start_with_passphrase else None
    dialog = OpenDatabaseDialog(made.options, keys, problem)
    dialog.opened.connect(made.opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _try(qtbot: QtBot, dialog: OpenDatabaseDialog, passphrase: str) -> str:
    """Type the passphrase, press Enter, wait for the answer; the message shown ("" once opened)."""
    messages: list[str] = []
    dialog.attempt_failed.connect(messages.append)
    dialog.passphrase.edit.setText(passphrase)  # QTest types Latin-1 only
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    assert dialog.is_busy() and not dialog.passphrase.isEnabled()
    assert dialog.busy_label.isVisible() and dialog.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: bool(messages) or dialog.centre() is not None, timeout=10_000)
    dialog.attempt_failed.disconnect(messages.append)
    assert not dialog.is_busy()
    return messages[0] if messages else ""


def _texts(dialog: QDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def test_the_question_says_what_the_passphrase_is_and_where_it_was_set(qtbot: QtBot, made: Made) -> None:
    dialog = _dialog(qtbot, made)
    assert dialog.stage() == Stage.PASSPHRASE
    explanation = dialog.findChild(QLabel, "passphraseExplanation")
    assert explanation is not None and explanation.isVisible()
    assert explanation.text() == _(
        "This computer has no secure key store, so the key of this database is protected by the "
        "database passphrase: the passphrase chosen when this database was created on this computer. "
        "It is not the password you sign in with."
    )
    folder = dialog.findChild(QLabel, "dataFolder")
    assert folder is not None and folder.toolTip() == str(made.options.data_dir)
    set_on = dialog.findChild(QLabel, "passphraseSetOn")
    assert set_on is not None and set_on.text() == format_date(date.today())
    assert dialog.passphrase.is_masked() and dialog.focusWidget() is dialog.passphrase.edit
    assert dialog.open_button.isDefault()
    dialog.passphrase.toggle.click()
    assert dialog.passphrase.edit.echoMode() == QLineEdit.EchoMode.Normal
    dialog.passphrase.toggle.click()
    assert dialog.passphrase.is_masked()


def test_three_wrong_passphrases_count_down_then_the_recovery_key_is_offered(qtbot: QtBot, made: Made) -> None:
    dialog = _dialog(qtbot, made)
    first = _try(qtbot, dialog, "không phải mật khẩu này")
    assert first == _("The passphrase is not correct. {count} tries left before the recovery key is offered.").format(
        count=2
    )
    assert dialog.passphrase_error.text() == first and dialog.stage() == Stage.PASSPHRASE
    assert dialog.passphrase.text() == "không phải mật khẩu này"  # kept, selected, to be corrected
    assert dialog.focusWidget() is dialog.passphrase.edit
    second = _try(qtbot, dialog, "cũng không phải")
    assert second == _("The passphrase is not correct. One try left before the recovery key is offered.")
    assert dialog.recovery_key.isHidden() or not dialog.recovery_key.isVisible()
    third = _try(qtbot, dialog, "vẫn sai nốt lần này")
    assert dialog.stage() == Stage.RECOVERY and dialog.tries_left() == MAX_TRIES
    assert third == dialog.reason_label.text() and dialog.reason_label.isVisible()
    assert dialog.recovery_key.is_masked() and dialog.focusWidget() is dialog.recovery_key.edit
    assert dialog.recover_button.isDefault() and dialog.back_button.isVisible()
    assert made.opened == [] and dialog.centre() is None
    dialog.back_button.click()  # found the note after all: back to the passphrase, three more tries
    assert dialog.stage() == Stage.PASSPHRASE
    assert _try(qtbot, dialog, PASSPHRASE) == ""
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_right_passphrase_on_the_second_try_opens(qtbot: QtBot, made: Made) -> None:
    dialog = _dialog(qtbot, made)
    assert _try(qtbot, dialog, "khóa sai một chữ") != ""
    assert _try(qtbot, dialog, PASSPHRASE) == ""
    assert dialog.result() == QDialog.DialogCode.Accepted
    centre = dialog.centre()
    assert centre is not None and made.opened == [centre]
    assert centre.centre_name() == CENTRE
    assert made.options.ask_passphrase(False) == PASSPHRASE  # a reopen after a restore needs it again


def test_an_empty_passphrase_is_explained_without_an_attempt(qtbot: QtBot, made: Made) -> None:
    dialog = _dialog(qtbot, made)
    dialog.open_button.click()
    assert not dialog.is_busy()
    assert dialog.passphrase_error.text() == _("Please type the database passphrase.")
    assert dialog.tries_left() == MAX_TRIES


def test_the_recovery_key_is_masked_takes_any_dashes_and_sets_a_new_passphrase(qtbot: QtBot, made: Made) -> None:
    dialog = _dialog(qtbot, made, _("The database passphrase was not accepted three times."), False)
    assert dialog.stage() == Stage.RECOVERY and not dialog.back_button.isVisible()
    explanation = dialog.findChild(QLabel, "recoveryExplanation")
    assert explanation is not None and explanation.isVisible()
    assert dialog.recovery_key.is_masked()
    dialog.recovery_key.toggle.click()
    assert dialog.recovery_key.edit.echoMode() == QLineEdit.EchoMode.Normal
    dialog.recovery_key.toggle.click()
    assert dialog.recovery_key.is_masked()
    assert dialog.new_passphrase.isVisible() and dialog.new_repeat.isVisible()  # no secure keyring here
    assert dialog.new_passphrase_intro.text() == _(NEW_PASSPHRASE_NO_KEY_STORE)
    assert dialog.new_passphrase.is_masked() and dialog.new_repeat.is_masked()
    dialog.new_passphrase.toggle.click()  # one box shows both new fields
    assert not dialog.new_passphrase.is_masked() and not dialog.new_repeat.is_masked()
    dialog.new_passphrase.toggle.click()

    typed = made.recovery_key.replace("-", "").lower()
    dialog.recovery_key.edit.setText(typed[:-1] + ("a" if typed[-1] != "a" else "b"))  # one letter wrong
    dialog.recover_button.click()
    assert not dialog.is_busy()
    assert dialog.recovery_error.text() == _("The recovery key contains a typing mistake. Please check it again.")
    dialog.recovery_key.edit.setText(" ".join(typed[i : i + 4] for i in range(0, len(typed), 4)))
    dialog.new_passphrase.edit.setText("ngắn")
    dialog.new_repeat.edit.setText("ngắn")
    dialog.recover_button.click()
    assert dialog.recovery_error.text() == _("The database passphrase must have at least 12 characters.")
    assert dialog.focusWidget() is dialog.new_passphrase.edit
    dialog.new_passphrase.edit.setText(NEW_PASSPHRASE)
    dialog.new_repeat.edit.setText(NEW_PASSPHRASE + "!")
    dialog.recover_button.click()
    assert dialog.recovery_error.text() == _("The two passphrases differ.")
    dialog.new_repeat.edit.setText(NEW_PASSPHRASE)
    dialog.recover_button.click()
    assert dialog.is_busy()
    qtbot.waitUntil(lambda: dialog.centre() is not None, timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.centre().close()  # type: ignore[union-attr]
    made.opened.clear()
    again = _options(made.options.data_dir)  # the next start: the new passphrase opens it
    again.give_passphrase(NEW_PASSPHRASE)
    open_centre(again, migrate=False).close()


def test_cancel_says_what_happens_before_closing(qtbot: QtBot, made: Made) -> None:
    keys_file = made.keys_file()
    before = keys_file.read_bytes()
    dialog = _dialog(qtbot, made)
    dialog.passphrase.edit.setText("đang gõ dở")
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.stage() == Stage.CLOSING
    closing = dialog.findChild(QLabel, "closingExplanation")
    assert closing is not None and closing.isVisible()
    assert closing.text() == _(
        "The program closes without opening the database. Nothing has been changed: the database, "
        "its keys and the recovery key stay as they are. The program can be started again at any time."
    )
    dialog.stay_button.click()  # "Go back": the passphrase typed so far is still there
    assert dialog.stage() == Stage.PASSPHRASE and dialog.passphrase.text() == "đang gõ dở"
    dialog.close()  # the window's close button asks the same question
    assert dialog.isVisible() and dialog.stage() == Stage.CLOSING
    assert dialog.close_button.isDefault()
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.centre() is None and made.opened == []
    assert keys_file.read_bytes() == before


def test_the_demo_mark_is_on_the_question_too(qtbot: QtBot, made: Made) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    marker = DemoMarker.install(app)
    try:
        dialog = _dialog(qtbot, made)
        assert demo_mark() in dialog.windowTitle()
    finally:
        app.removeEventFilter(marker)


@pytest.mark.expect_log_warnings  # the keyring's refusals are logged
def test_a_locked_keyring_recovers_into_the_passphrase_mode(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    options = _options(tmp_path / "data")
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    centre, recovery_key = initialise(options, manager, CENTRE)  # keys in the (memory) keyring
    centre.close()
    keyring.set_keyring(LockedKeyring(refuse_reads=True))  # the next morning its collection is locked
    again = _options(options.data_dir)
    with pytest.raises(KeyStoreUnreachable) as unreachable:
        open_centre(again)
    reason = recovery_reason(unreachable.value)
    assert reason == _(KEYRING_LOCKED)
    holder = Made(again, recovery_key, [])
    dialog = _dialog(qtbot, holder, reason, start_with_passphrase=False)
    assert dialog.reason_label.text() == reason
    assert not dialog.new_passphrase.isVisible()  # the keyring looks secure: it is tried first
    dialog.recovery_key.edit.setText(recovery_key)
    dialog.recover_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.new_passphrase.isVisible() and dialog.focusWidget() is dialog.new_passphrase.edit
    assert dialog.new_passphrase_intro.text() == _(NEW_PASSPHRASE_REFUSED)
    dialog.new_passphrase.edit.setText(NEW_PASSPHRASE)
    dialog.new_repeat.edit.setText(NEW_PASSPHRASE)
    dialog.recover_button.click()
    qtbot.waitUntil(lambda: dialog.centre() is not None, timeout=10_000)
    for opened in holder.opened:
        opened.close()
    later = _options(options.data_dir)
    assert passphrase_file(later) is not None  # in passphrase mode now, whatever the keyring says
    later.give_passphrase(NEW_PASSPHRASE)
    open_centre(later, migrate=False).close()


def _access_keys(dialog: QDialog) -> list[str]:
    """The Alt+letter of every visible label and button (a doubled && is a plain ampersand)."""
    keys = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        text = widget.text().replace("&&", "")
        if widget.isVisible() and "&" in text:
            keys.append(text[text.index("&") + 1].lower())
    return keys


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    before = i18n.language()
    i18n.install(str(request.param))
    yield str(request.param)
    i18n.install(before)


def test_every_page_fits_the_office_screen_with_unique_access_keys(qtbot: QtBot, made: Made, language: str) -> None:
    dialog = _dialog(qtbot, made)
    dialog.show_recovery(_("The database passphrase was not accepted three times."))  # the tallest page
    everything: list[str] = []
    for stage in (Stage.PASSPHRASE, Stage.RECOVERY, Stage.CLOSING):
        dialog._show(stage)
        qtbot.wait(10)
        keys = _access_keys(dialog)
        assert len(keys) == len(set(keys)), (stage, keys)
        everything += keys
        frame = dialog.frameGeometry()
        assert frame.width() <= 1366 and frame.height() <= 728, (stage, frame)
        assert dialog.minimumSizeHint().height() <= 728
    assert len(everything) == len(set(everything)), everything  # unique across the whole dialog too
