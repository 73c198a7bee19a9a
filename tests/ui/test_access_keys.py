"""Access keys (Alt+letter) are unique within each window, in Vietnamese, and every one does something.

For every window of the catalogue (tests/ui/windows.py) and every page it can show, the test collects
the underlined letter of each shown label, button, check box, radio button, group box, tab and menu
title. Every page is checked together with what stays on screen around it (the wizard's own buttons,
the main window's menus and tabs): no key may be on two controls at once. Across the pages of one
window, one text keeps one key (“Tìm &kiếm” everywhere). Pages cannot all share one set of keys —
the wizard alone has some sixty labelled fields for 36 letters and digits — and Qt only answers the
keys of the page shown. Items within one menu are unique too, a label's key must have a buddy to go
to, and the key must be a letter or digit a keyboard can type with Alt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QMenu, QTabBar, QWidget

from tests.ui.windows import Entry, Opened

SQLITE = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


def mnemonic(text: str) -> str | None:
    """The letter after the first single '&' ("Tiếp nhận &mới…" -> "m"), as Qt reads it."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class Key:
    key: str
    text: str  # what the user reads, without the '&'
    owner: str  # what carries it: "QPushButton", "tab", "menu"…
    widget_id: int


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(text with '&', kind) of what `widget` shows that can carry an access key."""
    if isinstance(widget, QAbstractButton):
        return [(widget.text(), type(widget).__name__)]
    if isinstance(widget, QLabel):
        return [(widget.text(), "QLabel")]
    if isinstance(widget, QGroupBox):
        return [(widget.title(), "QGroupBox")]
    if isinstance(widget, QTabBar):
        return [(widget.tabText(i), "tab") for i in range(widget.count()) if widget.isTabVisible(i)]
    return []


def shown_keys(window: QWidget) -> tuple[list[Key], list[str]]:
    """The access keys shown in `window` now, and the labels whose key leads nowhere."""
    keys: list[Key] = []
    dead: list[str] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        for text, kind in _texts(widget):
            key = mnemonic(text)
            if key is None:
                continue
            keys.append(Key(key, plain(text), kind, id(widget)))
            if isinstance(widget, QLabel) and widget.buddy() is None:
                dead.append(f"label {plain(text)!r} (Alt+{key.upper()}) has no buddy to focus")
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            key = mnemonic(action.text())
            if action.isVisible() and key is not None:
                keys.append(Key(key, plain(action.text()), "menu", id(action)))
    return keys, dead


def menu_problems(window: QWidget) -> list[str]:
    problems = []
    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            menu = top.menu()
            if not isinstance(menu, QMenu):
                continue
            seen: dict[str, str] = {}
            for action in menu.actions():
                key = mnemonic(action.text())
                if key is None or not action.isVisible():
                    continue
                text = plain(action.text())
                if key in seen:
                    problems.append(f"menu {plain(top.text())!r}: Alt+{key.upper()} is {seen[key]!r} and {text!r}")
                seen[key] = text
    return problems


def key_problems(views: list[list[Key]]) -> list[str]:
    problems = []
    keys_of_text: dict[str, set[str]] = defaultdict(set)
    for view in views:
        at_once: dict[str, Key] = {}
        for found in view:
            if not (found.key.isascii() and found.key.isalnum()):
                problems.append(f"{found.text!r}: Alt+{found.key.upper()} cannot be typed on a keyboard")
            other = at_once.get(found.key)
            if other is not None and other.widget_id != found.widget_id:
                both = f"{other.text!r} and {found.text!r} ({other.owner}, {found.owner})"
                problems.append(f"Alt+{found.key.upper()} is both {both}")
            at_once[found.key] = found
            keys_of_text[found.text].add(found.key)
    for text, keys in keys_of_text.items():
        if len(keys) > 1:
            problems.append(f"{text!r} has different keys on different pages: {', '.join(sorted(keys))}")
    return sorted(set(problems))


@SQLITE
def test_access_keys_are_unique_in_every_window(each_window: tuple[Entry, Opened], qtbot: QtBot) -> None:
    entry, shown = each_window
    views: list[list[Key]] = []
    problems: list[str] = []
    for view in shown.views:
        view.show()
        qtbot.wait(10)
        keys, dead = shown_keys(shown.window)
        views.append(keys)
        problems += dead
    problems = sorted(set(problems)) + key_problems(views) + menu_problems(shown.window)
    assert not problems, f"{entry.name}:\n" + "\n".join(problems)


def test_mnemonic_reads_like_qt() -> None:
    assert mnemonic("Tiếp nhận &mới…") == "m"
    assert mnemonic("Lưu && đóng") is None
    assert mnemonic("A && &B") == "b"
    problems = key_problems([[Key("t", "Tài sản", "QGroupBox", 1), Key("t", "Thêm tài sản", "QPushButton", 2)]])
    assert any("'Tài sản' and 'Thêm tài sản'" in p for p in problems)
    across_pages = key_problems([[Key("s", "Sửa", "QPushButton", 1)], [Key("s", "Lưu", "QPushButton", 2)]])
    assert across_pages == []
    inconsistent = key_problems([[Key("k", "Tìm kiếm", "QLabel", 1)], [Key("t", "Tìm kiếm", "QLabel", 2)]])
    assert inconsistent == ["'Tìm kiếm' has different keys on different pages: k, t"]
