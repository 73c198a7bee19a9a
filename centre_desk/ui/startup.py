"""The sign of life at start: a small window with the program's (and the centre's) name, shown
before the database layer, the papers and the services are imported.

Before it is painted only QtWidgets and the `Qt` namespace (for the window flags) are touched;
the settings file (for the centre's name), the catalogue (for its one line of text) and the busy
cursor come just after the first paint. Not a QSplashScreen: its show() waits up to a second for
the window to be exposed, which some platforms (offscreen) never report. The window closes itself
as soon as another window (the sign-in, a question, the first-run wizard, a message) shows.
"""

from __future__ import annotations

import html
import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from centre_desk import APP_NAME, ORG_NAME

PROBE_ENV = "CENTRE_DESK_STARTUP_PROBE"
"""For tests/benchmarks/bench_startup.py: "first" prints when the first window is painted and ends
the process; "ready" does so for the first window after this one (the sign-in, a question)."""

CENTRE_NAME_KEY = "centre_name"  # remembered in ui.ini at sign-in, for this window (not personal data)

_shown: list[StartupWindow] = []  # a reference while it is up (Qt would otherwise lose it to the GC)


class StartupWindow(QLabel):
    """Frameless and centred; closes itself (restoring the cursor) when another window appears.
    One rich-text label, the window itself: the least there is to build before the first paint."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("startupWindow")
        self.setStyleSheet("#startupWindow { background: #ffffff; border: 1px solid #8a8a8a; padding: 20px; }")
        self.setWordWrap(True)
        self.resize(440, 150)
        self._closed = False
        self._cursor = False
        self.describe()

    def describe(self, centre_name: str = "", message: str = "") -> None:
        lines = [f'<p align="center" style="font-size: 20pt"><b>{html.escape(APP_NAME)}</b></p>']
        lines += [f'<p align="center">{html.escape(text)}</p>' for text in (centre_name, message) if text]
        self.setText("".join(lines))

    def start(self, app: QApplication) -> None:
        app.installEventFilter(self)
        screen = app.primaryScreen()
        if screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())
        self.show()
        app.processEvents()  # painted now: the slow imports come next and block the event loop

    def show_busy_cursor(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._cursor = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and watched is not self
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            self.finish_now()
        return False

    def finish_now(self) -> None:
        if self._closed:
            return
        self._closed = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._cursor:
            QApplication.restoreOverrideCursor()
        self.close()
        self.deleteLater()
        if self in _shown:
            _shown.remove(self)


HEAVY_MODULES = (
    "sqlalchemy", "reportlab", "alembic", "argon2", "keyring", "sqlcipher3", "psycopg",
    "centre_desk.models", "centre_desk.services", "centre_desk.db.engine", "centre_desk.security.credentials",
)  # fmt: skip
"""Not imported before the sign-in window is on screen (issue 15): the worker opening the database loads them."""


class StartupProbe(QObject):
    """Prints "startup-probe <monotonic seconds> <window class> heavy=<modules>" on the first paint
    of a window (skipping the start-up window in "ready" mode), then ends the process at once.
    `heavy` lists which of HEAVY_MODULES were imported by then."""

    def __init__(self, mode: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = mode

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
            if self.mode == "ready" and isinstance(watched, StartupWindow):
                return False
            heavy = ",".join(name for name in HEAVY_MODULES if name in sys.modules)
            print(f"startup-probe {time.monotonic():.6f} {type(watched).__name__} heavy={heavy}", flush=True)
            os._exit(0)
        return False


def _option(argv: Sequence[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def show_sign_of_life(argv: Sequence[str]) -> StartupWindow:
    """Create the QApplication and show the start-up window; then its text in the saved (or --lang)
    language and the busy cursor."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    probe = os.environ.get(PROBE_ENV)
    if probe:
        app.installEventFilter(StartupProbe(probe, app))
    window = StartupWindow()
    _shown.append(window)
    window.start(app)

    from PySide6.QtCore import QSettings

    from centre_desk.i18n import _, install
    from centre_desk.paths import data_dir

    settings = QSettings(str(data_dir(_option(argv, "--data-dir")) / "ui.ini"), QSettings.Format.IniFormat)
    install(_option(argv, "--lang") or str(settings.value("language", "vi")))
    window.describe(str(settings.value(CENTRE_NAME_KEY, "")), _("Starting…"))
    window.show_busy_cursor()
    app.processEvents()
    return window
