"""The desktop shell: bundled fonts draw every Vietnamese letter; navigation, menus, status bar."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel

from centre_desk.models.staff import Role
from centre_desk.security.actor import Actor
from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from centre_desk.ui.shell.placeholder import PlaceholderPage

ACTOR = Actor(1, "giamdoc", frozenset({Role.MANAGER, Role.NURSE}), "Nguyễn Thị Hường")


def test_bundled_fonts_cover_vietnamese(qtbot: QtBot) -> None:
    load_fonts()
    assert missing_letters(UI_FAMILY) == {}
    assert missing_letters("Liberation Serif") == {}


def _pages() -> list[PageSpec]:
    return [PageSpec(key, key.title(), PlaceholderPage(key.title(), "…")) for key in ("overview", "residents", "rooms")]


def test_shell_navigation_and_status_bar(qtbot: QtBot, tmp_path: Path) -> None:
    load_fonts()
    window = MainWindow("Trung tâm Công tác xã hội tỉnh Lai Châu", "/dữ liệu/centre.db", ACTOR, _pages())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "CentreDesk — Trung tâm Công tác xã hội tỉnh Lai Châu"
    texts = {label.objectName(): label.text() for label in window.statusBar().findChildren(QLabel)}
    assert "/dữ liệu/centre.db" in texts["databaseLocation"]
    assert "giamdoc" in texts["statusUser"] and "Nguyễn Thị Hường" in texts["statusUser"]
    assert texts["statusRole"].count(",") == 1
    assert window.show_page("rooms") and window.current_page() == "rooms"
    assert not window.show_page("nothing")
    menus = [a.text() for a in window.menuBar().actions()]
    assert len(menus) == 3
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    shot = tmp_path / "shell.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 1000


def test_closing_by_the_user_asks_to_quit_but_sign_out_does_not(qtbot: QtBot) -> None:
    window = MainWindow("Trung tâm", "centre.db", ACTOR, _pages())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        window.close()
    other = MainWindow("Trung tâm", "centre.db", ACTOR, _pages())
    qtbot.addWidget(other)
    other.show()
    with qtbot.assertNotEmitted(other.quit_requested):
        other.close_for_sign_out()
