"""UI tests keep the per-user Qt settings (window sizes, last folder) in a fresh folder of their own;
`office_screen` shows windows as on the centre's PCs: a 1366×728 screen, Vietnamese, the bundled font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtCore import QRect, QSettings

from centre_desk.ui.widgets import window_fit
from tests.ui.windows import SCREEN, vietnamese_ui


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
