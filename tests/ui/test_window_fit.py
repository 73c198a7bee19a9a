"""Every window fits a 1366×768 office screen with its taskbar (1366×728), in Vietnamese.

Each window of the catalogue (tests/ui/windows.py) is opened offscreen with every page it can show;
the test fails when its minimum size or its opening size does not fit, or when a visible button or
input is cut off by the window (unless it sits in a scroll area, where it is reached by scrolling).
With SHOTS=1 every view is also saved as a PNG under /tmp/fit-shots/.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

import centre_desk.ui
from centre_desk.models.staff import Role
from centre_desk.security.actor import Actor
from centre_desk.ui.shell.main_window import MainWindow, PageSpec
from centre_desk.ui.shell.placeholder import PlaceholderPage
from centre_desk.ui.widgets import window_fit
from centre_desk.ui.widgets.elided_label import ElidedLabel
from tests.ui.windows import CATALOGUE, SCREEN, Entry, Opened

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)
LIMIT = QSize(*SCREEN) - window_fit.FRAME
SHOTS = Path("/tmp/fit-shots")

SQLITE = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        outer = parent.parentWidget()
        if isinstance(outer, QAbstractScrollArea) and outer.viewport() is parent:
            return True
        parent = outer
    return False


def _shown_part(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` not cut off by its parents or the window, in window coordinates."""
    shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown = shown.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return shown.intersected(window.rect())


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r}".replace(" ''", "")


def _clipped_label(widget: QWidget) -> bool:
    """A one-line label narrower than its text (a wrapped one grows taller instead)."""
    if not isinstance(widget, QLabel) or not widget.text() or widget.wordWrap() or not widget.pixmap().isNull():
        return False
    return widget.width() < widget.minimumSizeHint().width() - 1


def fit_problems(window: QWidget) -> list[str]:
    problems = []
    for name, size in (("minimum size hint", window.minimumSizeHint()), ("minimum size", window.minimumSize()),
                       ("size", window.size())):  # fmt: skip
        if size.width() > LIMIT.width() or size.height() > LIMIT.height():
            problems.append(f"{name} {size.width()}×{size.height()} exceeds {LIMIT.width()}×{LIMIT.height()}")
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            content, viewport = widget.widget(), widget.viewport()
            if content.minimumSizeHint().width() > viewport.width():
                problems.append(
                    f"{_describe(content)} scrolls sideways: {content.minimumSizeHint().width()} > {viewport.width()}"
                )
        if _in_scroll_area(widget, window):
            continue
        whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if isinstance(widget, CONTROLS) and (whole.isEmpty() or _shown_part(widget, window) != whole):
            problems.append(f"{_describe(widget)} is cut off: {whole} in a {window.width()}×{window.height()} window")
        elif _clipped_label(widget):
            problems.append(f"{_describe(widget)} is clipped: {widget.width()} < {widget.minimumSizeHint().width()}")
    return problems


@SQLITE
def test_window_fits_the_office_screen(each_window: tuple[Entry, Opened], qtbot: QtBot) -> None:
    entry, shown = each_window
    window = shown.window
    assert isinstance(window, entry.cls)
    problems: list[str] = []
    for number, view in enumerate(shown.views):
        view.show()
        qtbot.wait(30)
        found = fit_problems(window)
        for _settle in range(20):  # a page filled off the UI thread lays out when its data comes: a real clip stays
            if not found:
                break
            qtbot.wait(50)
            found = fit_problems(window)
        problems += [f"{entry.name} / {view.name}: {problem}" for problem in found]
        if os.environ.get("SHOTS"):
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = "".join(c if c.isalnum() else "-" for c in view.name)[:40]
            window.grab().save(str(SHOTS / f"{entry.name}-{number:02d}-{name}.png"))
    assert not problems, "\n".join(problems)


def _window_classes() -> set[type]:
    for module in pkgutil.walk_packages(centre_desk.ui.__path__, "centre_desk.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo: list[type] = [QDialog, QMainWindow]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("centre_desk.ui.") and not sub.__name__.startswith("_"):
                found.add(sub)
    return found


def test_every_window_of_the_program_is_in_the_catalogue() -> None:
    missing = {cls.__qualname__ for cls in _window_classes()} - {entry.cls.__qualname__ for entry in CATALOGUE}
    assert not missing, f"add these windows to tests/ui/windows.py: {sorted(missing)}"


def test_remembered_geometry_is_brought_back_onto_the_screen(qtbot: QtBot, office_screen: None) -> None:
    """A window last closed on a bigger screen (or a second monitor) opens whole on the office screen."""
    big = QMainWindow()
    qtbot.addWidget(big)
    window_fit.fit_window(big, QSize(800, 600), "somewhere")
    big.setGeometry(1500, 900, 1900, 1000)  # off the 1366×728 screen, and larger than it
    big.show()
    big.hide()  # the keeper writes the geometry on hide
    again = QMainWindow()
    qtbot.addWidget(again)
    window_fit.fit_window(again, QSize(800, 600), "somewhere")
    assert again.width() <= LIMIT.width() and again.height() <= LIMIT.height()
    frame = QRect(again.pos(), again.size() + window_fit.FRAME)
    assert QRect(0, 0, *SCREEN).contains(frame), frame
    fresh = QMainWindow()
    qtbot.addWidget(fresh)
    window_fit.fit_window(fresh, QSize(3000, 2000))  # nothing remembered: the preferred size, bounded
    assert fresh.size() == LIMIT


def test_a_long_database_location_is_shortened_not_widening_the_window(qtbot: QtBot, office_screen: None) -> None:
    where = "postgresql://trungtam@may-chu-so-lieu.soyte.laichau.gov.vn:5432/" + "ho_so_doi_tuong_" * 20
    pages = [PageSpec("rooms", "Phòng ở", PlaceholderPage("Phòng ở", "…"))]
    actor = Actor(1, "giamdoc", frozenset({Role.MANAGER}), "Nguyễn Thị Hường")
    window = MainWindow("Trung tâm Công tác xã hội tỉnh Lai Châu", where, actor, pages)
    qtbot.addWidget(window)
    window.show()
    label = window.findChild(ElidedLabel, "databaseLocation")
    assert label is not None and where in label.toolTip()
    assert window.minimumSizeHint().width() < 800
