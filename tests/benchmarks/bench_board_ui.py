"""How long the "Phòng ở" page takes to show the bed board of 200 beds with 10 years of moves (issue 10: ≤ 150 ms).

Run:  .venv/bin/python -m tests.benchmarks.bench_board_ui [--beds 200] [--years 10] [--rounds 15] [--profile]

Times, in one run on one installation (tests/support/lodging_data.py bulk-inserts the history):
* the page opened: LodgingPage built and shown, the board read on a worker thread (LodgingService.board), every
  room card and bed tile made and the first room card painted;
* the drawing alone: `BoardView.show_board` with a board already read, to the first card painted;
* the floor: the service call alone (the same query on the UI thread) and a bare widget of the page's size shown
  and painted; the ratio shows what the page costs above reading the board and painting any window.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring

from centre_desk.models.staff import Role
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from tests.support.lodging_data import bulk_lodging
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "mật khẩu đo hiệu năng 2026"
SIZE = (1160, 660)  # the page inside the main window on a 1366×728 screen


def _never(_confirm: bool) -> str:
    raise AssertionError("no passphrase in the benchmark")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--beds", type=int, default=200)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest calls of one opening")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from centre_desk import i18n
    from centre_desk.ui.events import AppEvents
    from centre_desk.ui.lodging.board_tiles import RoomCardWidget
    from centre_desk.ui.lodging.page import LodgingPage

    app = QApplication.instance() or QApplication([])
    i18n.install("vi")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        custody = LayeredCustody(PassphraseCustody(data / "keys", _never, CHEAP_ARGON2))
        options = Options(data, None, passwords=Passwords(cheap_hasher()), custody=custody)
        manager = NewAccount("giamdoc", "Nguyễn Văn An", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        built = time.perf_counter()
        bulk_lodging(centre, args.beds, args.years)
        print(f"{args.beds} beds, {args.years:g} years of moves (built in {time.perf_counter() - built:.1f} s)")
        service = centre.lodging

        class FirstPaint(QObject):
            """The time of the first paint of a widget of `kind`."""

            def __init__(self, kind: type[QWidget]) -> None:
                super().__init__()
                self.kind = kind
                self.at: float | None = None

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if self.at is None and event.type() == QEvent.Type.Paint and isinstance(watched, self.kind):
                    self.at = time.perf_counter()
                return False

        def until_painted(start: float, kind: type[QWidget], act: Callable[[], QWidget]) -> float:
            spy = FirstPaint(kind)
            app.installEventFilter(spy)
            try:
                shown = act()
                deadline = time.perf_counter() + 30
                while spy.at is None and time.perf_counter() < deadline:
                    app.processEvents()
            finally:
                app.removeEventFilter(spy)
            assert spy.at is not None, "never painted"
            shown.close()
            shown.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
            return (spy.at - start) * 1000

        def open_page() -> QWidget:
            page = LodgingPage(service, actor, AppEvents())
            page.resize(*SIZE)
            page.show()
            return page

        def draw_once() -> float:
            """A page already showing the board draws it again from a board read before (no service call)."""
            holder = LodgingPage(service, actor, AppEvents())
            holder.resize(*SIZE)
            holder.show()
            while holder.board.loading or holder.board.board is None:  # the page's own first read, not timed
                app.processEvents()
            app.processEvents()
            spy = FirstPaint(RoomCardWidget)
            app.installEventFilter(spy)
            try:
                start = time.perf_counter()
                holder.board.show_board(board)
                while spy.at is None:
                    app.processEvents()
            finally:
                app.removeEventFilter(spy)
            holder.close()
            holder.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
            return (spy.at - start) * 1000

        def bare() -> QWidget:
            widget = QWidget()
            widget.resize(*SIZE)
            widget.show()
            return widget

        board = service.board(actor)
        beds = board.beds
        until_painted(time.perf_counter(), RoomCardWidget, open_page)  # cold: the first cards, fonts, enum classes
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            until_painted(time.perf_counter(), RoomCardWidget, open_page)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        opened, drawn, reads, floors = [], [], [], []
        for _round in range(args.rounds):
            opened.append(until_painted(time.perf_counter(), RoomCardWidget, open_page))
            drawn.append(draw_once())
            begun = time.perf_counter()
            service.board(actor)
            reads.append((time.perf_counter() - begun) * 1000)
            floors.append(until_painted(time.perf_counter(), QWidget, bare))
        centre.close()

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    page, draw, read, floor = (statistics.median(v) for v in (opened, drawn, reads, floors))
    print(f"cores: {os.cpu_count()}, rounds: {args.rounds}, platform: {app.platformName()}, {beds} beds on the board")
    print(f"page opened → first card painted: median {page:7.1f} ms, p95 {p95(opened):7.1f} ms (goal ≤ 150)")
    print(f"drawing alone (show_board → paint): median {draw:7.1f} ms, p95 {p95(drawn):7.1f} ms")
    print(f"floor: LodgingService.board      median {read:7.1f} ms, p95 {p95(reads):7.1f} ms")
    print(f"floor: a bare widget painted     median {floor:7.1f} ms, p95 {p95(floors):7.1f} ms")
    print(f"ratio page / (board read + bare widget): {page / (read + floor):5.1f}×")


if __name__ == "__main__":
    main()
