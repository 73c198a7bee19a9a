"""UI tests keep the per-user Qt settings (window sizes, last folder) in a fresh folder of their own;
`office_screen` shows windows as on the centre's PCs: a 1366×728 screen, Vietnamese, the bundled font;
the UI watchdog notes stalls of the UI thread per test and prints a summary (tests/support/stall_report.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect, QSettings

from centre_desk.ui.widgets import window_fit
from tests.conftest import Installed
from tests.support.stall_report import stalls_per_test, summary, ui_watchdog  # noqa: F401 - fixtures
from tests.ui.windows import CATALOGUE, SCREEN, Entry, Opened, context, opened, vietnamese_ui


@pytest.fixture(autouse=True)
def private_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
    yield


@pytest.fixture
def office_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(window_fit, "available_area", lambda _widget=None: QRect(0, 0, *SCREEN))
    yield from vietnamese_ui()


@pytest.fixture(params=CATALOGUE, ids=lambda entry: entry.name)
def each_window(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,  # first: it is undone last, after qtbot has closed the windows
    installed: Installed,
    qtbot: QtBot,
    tmp_path: Path,
    office_screen: None,
) -> Iterator[tuple[Entry, Opened]]:
    """Every window of the program in turn (tests/ui/windows.py), shown on the office screen."""
    entry: Entry = request.param
    with opened(entry, context(installed, qtbot, tmp_path), monkeypatch) as shown:
        yield entry, shown


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in summary():
        terminalreporter.write_line(line)
