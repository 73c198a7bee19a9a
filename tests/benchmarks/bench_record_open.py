"""Opening a record from a double-click in the registry, measured from the event to the window's first paint.

Run:  .venv/bin/python -m tests.benchmarks.bench_record_open [--rounds 15] [--residents 500] [--db postgresql+psycopg://…]

Builds an encrypted installation with N sample residents and the readmitted pupil of the record tests,
shows the Residents page as the program does (ResidentsFlow, Vietnamese, the bundled font), then
double-clicks the pupil's row and waits for the record window to paint. The floor is a bare QWidget
window opened the same way (a double-click on the same table) in the same run. Prints the first
(cold) open, the median and best of the following rounds, the floor and the ratio. Goal (issue 8):
≤ 300 ms from the click. Asserts nothing. `--profile cold|warm` prints where the first or the second
open spends its time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import keyring

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget

from centre_desk import i18n
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from centre_desk.ui.events import AppEvents
from centre_desk.ui.fonts import UI_FAMILY, load_fonts
from centre_desk.ui.record.window import RecordWindow
from centre_desk.ui.registry.model import ID_ROLE
from centre_desk.ui.shell.residents import ResidentsFlow
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import sample_residents
from tests.ui.record.support import admit_readmitted_pupil

PASSWORD = "mật khẩu đo hiệu năng 2026"


class FirstPaint(QObject):
    """Notes the time of the first Paint event in a new window of `kind`.

    Watching every event of the application would slow the opening down, so the application is
    watched only until the window exists; then the window, and at its Show its widgets, are watched.
    """

    def __init__(self, app: QApplication, kind: type[QWidget]) -> None:
        super().__init__()
        self.app = app
        self.kind = kind
        self.window: QWidget | None = None
        self.painted_at: float | None = None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.window is None:
            if isinstance(watched, self.kind):
                self.window = watched
                self.app.removeEventFilter(self)
                watched.installEventFilter(self)
            return False
        if kind == QEvent.Type.Show and watched is self.window:
            for child in self.window.findChildren(QWidget):
                child.installEventFilter(self)
        elif kind == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False

    def stop(self) -> None:
        self.app.removeEventFilter(self)


class DoubleClickSeen(QObject):
    """Notes when the table's viewport receives the double-click: the clock starts at the event itself,
    not at the test driver's call (QTest builds its own events first)."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__()
        self.at: float | None = None
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.at = time.perf_counter()
        return False


def timed_open(app: QApplication, table: QTableView, cell: QPoint, kind: type[QWidget]) -> float:
    """Milliseconds from the double-click event to the first paint of the window it opens."""
    watcher = FirstPaint(app, kind)
    seen = DoubleClickSeen(table.viewport())
    try:
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cell)
        while watcher.painted_at is None and seen.at is not None and time.perf_counter() - seen.at < 10:
            app.processEvents()
        assert seen.at is not None and watcher.painted_at is not None, "the window never painted"
        return (watcher.painted_at - seen.at) * 1000
    finally:
        watcher.stop()
        table.viewport().removeEventFilter(seen)


def close_all(app: QApplication, kind: type[QWidget]) -> None:
    for widget in app.topLevelWidgets():
        if isinstance(widget, kind):
            widget.close()
            widget.deleteLater()
    for _ in range(3):
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class BareWindow(QWidget):
    """The floor: a window with nothing in it."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--residents", type=int, default=500)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    parser.add_argument(
        "--profile", choices=("cold", "warm"), help="print where the first or a later open spends its time"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keyring.set_keyring(MemoryKeyring())
    app = QApplication(sys.argv)
    i18n.install("vi")
    load_fonts()
    app.setFont(QFont(UI_FAMILY, 10))
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Văn An", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        sample_residents(centre, actor, args.residents)
        pupil = admit_readmitted_pupil(centre, actor).resident_id
        flow = ResidentsFlow(
            centre, actor, AppEvents(), QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        )
        window = QMainWindow()
        window.setCentralWidget(flow.page)
        window.resize(1350, 689)
        window.show()
        while flow.page.loading:
            app.processEvents()
        flow.page.search_edit.setText("Sùng Thị Dợ")
        while flow.page.loading or flow.page.model.rowCount() > 5:
            app.processEvents()
        table, model = flow.page.table, flow.page.model
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == pupil)
        cell = table.visualRect(model.index(row, 1)).center()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cell)
        QTest.qWait(500)  # the row is selected, as when the user double-clicks after looking at it

        def rounds(kind: type[QWidget]) -> list[float]:
            times = []
            for number in range(args.rounds + 1):
                profiled = kind is RecordWindow and args.profile == ("cold" if number == 0 else "warm") and number < 2
                profiler = cProfile.Profile()
                if profiled:
                    profiler.enable()
                times.append(timed_open(app, table, cell, kind))
                if profiled:
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
                close_all(app, kind)
            return times

        record = rounds(RecordWindow)
        flow.page.open_record.disconnect()
        bare: list[BareWindow] = []

        def open_bare(_resident_id: int) -> None:
            widget = BareWindow()
            widget.resize(1280, 689)
            widget.show()
            bare.append(widget)

        flow.page.open_record.connect(open_bare)
        floor = rounds(BareWindow)
        warm, floor_warm = statistics.median(record[1:]), statistics.median(floor[1:])
        print(f"record window, double-click to first paint ({centre.engine.name}, {args.residents} residents):")
        print(f"  first (cold)   {record[0]:7.0f} ms    floor {floor[0]:5.0f} ms")
        print(f"  median warm    {warm:7.0f} ms    floor {floor_warm:5.0f} ms    ratio {warm / floor_warm:5.1f}")
        print(f"  best           {min(record[1:]):7.0f} ms    floor {min(floor[1:]):5.0f} ms")
        print("  goal: ≤ 300 ms")
        window.close()
        centre.close()


if __name__ == "__main__":
    main()
