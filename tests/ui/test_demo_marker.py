"""Every window of a demo session says DỮ LIỆU MẪU: in its title and in a band across its top."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from centre_desk import i18n
from centre_desk.ui.login.dialog import LoginDialog
from centre_desk.ui.shell.demo_marker import DemoMarker, band_of
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from centre_desk.ui.shell.placeholder import PlaceholderPage
from tests.conftest import Installed

BAND = "DỮ LIỆU MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


@pytest.fixture
def marker() -> Iterator[DemoMarker]:
    i18n.install("vi")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = DemoMarker.install(app)
    yield installed
    app.removeEventFilter(installed)
    installed.deleteLater()


def _assert_banded(window: QWidget) -> None:
    band = band_of(window)
    assert band is not None and band.isVisible() and band.text() == BAND
    assert band.geometry().top() == 0 and band.width() == window.width()
    for child in window.findChildren(QWidget):  # nothing of the window's own lies under the band
        if child.isVisible() and child is not band and child.parentWidget() is window and not child.isWindow():
            assert child.mapTo(window, QPoint(0, 0)).y() >= band.height(), child


def _show_banded(qtbot: QtBot, window: QWidget, name: str) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _assert_banded(window)
    if os.environ.get("SHOTS"):
        window.grab().save(f"/tmp/fit-shots/demo-{name}.png")


def test_windows_and_later_dialogs_carry_the_mark(qtbot: QtBot, marker: DemoMarker) -> None:
    window = QMainWindow()
    window.setWindowTitle("centre_desk")
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "centre_desk — DỮ LIỆU MẪU"
    window.setWindowTitle("Hồ sơ LC-2026-0001")  # a later retitle keeps the mark
    assert window.windowTitle().endswith("DỮ LIỆU MẪU")
    dialog = QDialog(window)
    QVBoxLayout(dialog).addWidget(QLabel("Tiếp nhận đối tượng mới: " + "…" * 40))
    dialog.setWindowTitle("Tiếp nhận đối tượng")
    dialog.show()
    assert dialog.windowTitle() == "Tiếp nhận đối tượng — DỮ LIỆU MẪU"
    assert band_of(dialog).text() == BAND  # type: ignore[union-attr]
    question = QMessageBox(QMessageBox.Icon.Question, "Câu hỏi", "Lưu?", QMessageBox.StandardButton.Yes, window)
    question.show()
    assert band_of(question).text() == "DỮ LIỆU MẪU"  # type: ignore[union-attr]  # too narrow for the sentence
    busy = QProgressDialog("Đang sao lưu…", "", 0, 0, window)
    busy.show()
    assert busy.windowTitle().endswith("DỮ LIỆU MẪU") and band_of(busy) is None  # no layout to make room
    for other in (question, busy):
        other.close()
    menu = QMenu(window)
    menu.addAction("Sửa")
    menu.popup(window.mapToGlobal(QPoint(10, 10)))
    assert band_of(menu) is None  # popups are not windows of their own
    menu.close()
    dialog.close()


@pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)
def test_the_band_is_inside_the_sign_in_dialog_and_the_main_window(
    qtbot: QtBot, installed: Installed, marker: DemoMarker
) -> None:
    login = LoginDialog(installed.centre.accounts, installed.centre.centre_name())
    _show_banded(qtbot, login, "login")
    assert login.findChild(QLineEdit).mapTo(login, QPoint(0, 0)).y() > band_of(login).height()  # type: ignore[union-attr]
    pages = [PageSpec("rooms", "Phòng ở", PlaceholderPage("Phòng ở", "…"))]
    window = MainWindow(installed.centre.centre_name(), "centre.db", installed.manager, pages)
    _show_banded(qtbot, window, "main-window")
    window.resize(window.width() - 100, window.height())
    assert band_of(window).width() == window.width()  # type: ignore[union-attr]
