"""The idle lock hides every data widget and title, keeps unsaved input, and lets
another user in only by signing the first one out."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.i18n import _
from centre_desk.models.staff import Role
from centre_desk.services.accounts import LOGIN_FAILED
from centre_desk.services.dto import NewAccount
from centre_desk.ui.lock.idle import IdleMonitor
from centre_desk.ui.lock.screen import LockController, OtherUserDialog, UnlockDialog, locked_title
from centre_desk.ui.login.dialog import SignIn
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from tests.conftest import MANAGER_PASSWORD, Installed

SECRET = "Nguyễn Thị Hường — HIV dương tính"


def _window(qtbot: QtBot, installed: Installed) -> tuple[MainWindow, QLineEdit]:
    page = QWidget()
    field = QLineEdit()
    field.setObjectName("caseField")
    label = QLabel("Sùng Thị Dợ")
    layout = QVBoxLayout(page)
    layout.addWidget(field)
    layout.addWidget(label)
    window = MainWindow("Trung tâm CTXH Lai Châu", "centre.db", installed.manager, [PageSpec("p", "Trang", page)])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setText(SECRET)
    return window, field


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLineEdit | QLabel):
            texts.append(w.text())
    return texts


def test_lock_covers_every_window_and_title(qtbot: QtBot, installed: Installed) -> None:
    window, _field = _window(qtbot, installed)
    side = QDialog(window)
    side.setWindowTitle("Hồ sơ Sùng Thị Dợ")
    QVBoxLayout(side).addWidget(QLineEdit("Bản Sì Thâu Chải"))
    side.show()
    lock = LockController(installed.centre.accounts, installed.manager)
    lock.lock()
    assert lock.is_locked
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and not isinstance(top, UnlockDialog):
            assert top.windowTitle() == locked_title()
            texts = " ".join(_visible_texts(top))
            assert "Nguyễn" not in texts and "Sùng" not in texts and "Sì Thâu" not in texts
    assert isinstance(QApplication.activeModalWidget() or lock.dialog, UnlockDialog)
    assert "Nguyễn" not in lock.dialog.windowTitle()  # type: ignore[union-attr]
    lock.dialog.try_unlock(MANAGER_PASSWORD)  # type: ignore[union-attr]
    assert not lock.is_locked
    assert side.windowTitle() == "Hồ sơ Sùng Thị Dợ"


def test_unlocking_restores_unsaved_input(qtbot: QtBot, installed: Installed) -> None:
    window, field = _window(qtbot, installed)
    lock = LockController(installed.centre.accounts, installed.manager)
    lock.lock()
    assert not field.isVisible()
    assert lock.dialog is not None
    assert not lock.dialog.try_unlock("sai mật khẩu")
    assert lock.is_locked and lock.dialog.error.text()
    assert lock.dialog.try_unlock(MANAGER_PASSWORD)
    assert field.isVisible() and field.text() == SECRET
    assert window.windowTitle() == "CentreDesk — Trung tâm CTXH Lai Châu"


def test_open_modal_dialog_survives_a_lock(qtbot: QtBot, installed: Installed) -> None:
    window, _field = _window(qtbot, installed)
    dialog = QDialog(window)
    typed = QLineEdit()
    QVBoxLayout(dialog).addWidget(typed)
    lock = LockController(installed.centre.accounts, installed.manager)

    def during_exec() -> None:
        typed.setText("đang nhập dở")
        lock.lock()
        assert not typed.isVisible()
        assert lock.dialog is not None and lock.dialog.try_unlock(MANAGER_PASSWORD)
        assert typed.isVisible()
        dialog.accept()

    QTimer.singleShot(0, during_exec)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert typed.text() == "đang nhập dở"


def test_a_wrong_password_on_the_lock_screen_speaks_of_the_password_only(qtbot: QtBot, installed: Installed) -> None:
    _window(qtbot, installed)
    lock = LockController(installed.centre.accounts, installed.manager)
    lock.lock()
    assert lock.dialog is not None
    assert not lock.dialog.try_unlock("sai mật khẩu")
    assert lock.dialog.error.text() == _("The password is not correct.")
    assert lock.dialog.error.text() != _(LOGIN_FAILED)  # the login is fixed here: never in doubt
    assert lock.dialog.try_unlock(MANAGER_PASSWORD)


def test_signing_in_as_another_user_keeps_a_temporary_password_for_its_change(
    qtbot: QtBot, installed: Installed
) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", "y tá trực đêm 2026", frozenset({Role.NURSE}))
    )
    window, _field = _window(qtbot, installed)
    dialog = OtherUserDialog(window, installed.centre.accounts)
    qtbot.addWidget(dialog)
    dialog.login.setText("yta")
    dialog.password.setText("sai mật khẩu")
    dialog._on_accepted()
    assert dialog.error.text() == _(LOGIN_FAILED)  # here the login is typed too
    dialog.password.setText("y tá trực đêm 2026")
    dialog._on_accepted()
    assert dialog.signed is not None and dialog.signed.temporary_password == "y tá trực đêm 2026"


def test_idle_timeout_locks(qtbot: QtBot, installed: Installed) -> None:
    _window(qtbot, installed)
    lock = LockController(installed.centre.accounts, installed.manager)
    idle = IdleMonitor(5)
    idle.idle.connect(lock.lock)
    idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    idle.stop()
    assert lock.dialog is not None and lock.dialog.try_unlock(MANAGER_PASSWORD)


def test_another_user_signs_in_only_after_the_first_is_signed_out(
    qtbot: QtBot, installed: Installed, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from centre_desk.ui.lock import screen

    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", "y tá trực đêm 2026", frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", "y tá trực đêm 2026")
    _window(qtbot, installed)
    lock = LockController(installed.centre.accounts, installed.manager)
    switched: list[object] = []
    lock.switch_user.connect(switched.append)
    lock.lock()
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert lock.dialog is not None
    lock.dialog.other_button.click()
    assert switched == [] and lock.is_locked  # declined the warning: still locked
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(screen.OtherUserDialog, "ask", classmethod(lambda cls, parent, accounts: SignIn(nurse)))
    lock.dialog.other_button.click()
    assert switched == [SignIn(nurse)]
    assert not lock.is_locked


def test_ctrl_l_locks_even_while_a_modal_dialog_is_open(qtbot: QtBot, installed: Installed) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, _field = _window(qtbot, installed)
    lock = LockController(installed.centre.accounts, installed.manager)
    lock.watch_hotkey()
    dialog = QDialog(window)
    typed = QLineEdit()
    QVBoxLayout(dialog).addWidget(typed)

    def during_exec() -> None:
        QTest.keyClick(typed, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert lock.is_locked
        assert lock.dialog is not None and lock.dialog.try_unlock(MANAGER_PASSWORD)
        dialog.accept()

    QTimer.singleShot(0, during_exec)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    lock.dispose()
