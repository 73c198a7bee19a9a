"""The desktop shell: bundled fonts draw every Vietnamese letter; the window shows no case data."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel

from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.shell import MainWindow


def test_bundled_fonts_cover_vietnamese(qtbot: QtBot) -> None:
    load_fonts()
    assert missing_letters(UI_FAMILY) == {}
    assert missing_letters("Liberation Serif") == {}


def test_placeholder_window(qtbot: QtBot, tmp_path: Path) -> None:
    load_fonts()
    window = MainWindow("Trung tâm Công tác xã hội tỉnh Lai Châu", "/dữ liệu/centre.db")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "CentreDesk — Trung tâm Công tác xã hội tỉnh Lai Châu"
    location = window.statusBar().findChild(QLabel, "databaseLocation")
    assert location is not None and "/dữ liệu/centre.db" in location.text()
    shot = tmp_path / "shell.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 1000
