"""Every window of a demo session says DỮ LIỆU MẪU."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from centre_desk import i18n
from centre_desk.ui.shell.demo_marker import DemoTitleMarker


def test_windows_and_later_dialogs_carry_the_mark(qtbot: QtBot) -> None:
    i18n.install("vi")
    window = QMainWindow()
    window.setWindowTitle("centre_desk")
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    marker = DemoTitleMarker.install(app)
    try:
        window.show()
        assert window.windowTitle() == "centre_desk — DỮ LIỆU MẪU"
        window.setWindowTitle("Hồ sơ LC-2026-0001")  # a later retitle keeps the mark
        assert window.windowTitle().endswith("DỮ LIỆU MẪU")
        dialog = QDialog(window)
        dialog.setWindowTitle("Tiếp nhận đối tượng")
        dialog.show()
        assert dialog.windowTitle() == "Tiếp nhận đối tượng — DỮ LIỆU MẪU"
        dialog.close()
    finally:
        app.removeEventFilter(marker)
        marker.deleteLater()
