"""How long the admission wizard takes to open, from the click to its first paint (issue 8: ≤ 300 ms).

Run:  .venv/bin/python -m tests.benchmarks.bench_wizard_open [--rounds 15] [--profile]

A button in a window is clicked (a real mouse press and release through QTest); its handler opens the wizard
modally exactly as the Residents page does (`AdmissionWizard.start`). The time runs from just before the click
to the first paint event of the wizard, which then closes itself. The floor is a bare QDialog opened the same
way in the same run; the ratio shows what the wizard costs above what Qt needs for any dialog. The first
opening (cold: reference data, icons and PySide's enum classes used for the first time) is printed apart; the
translations are loaded before it, as the program does at start-up. Asserts nothing.
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
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "mật khẩu đo hiệu năng 2026"


def _never(_confirm: bool) -> str:
    raise AssertionError("no passphrase in the benchmark")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--profile", choices=("cold", "warm"), help="print the 25 costliest calls of the first or of a later opening"
    )
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())

    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout, QWidget

    from centre_desk import i18n
    from centre_desk.ui.admissions.wizard import AdmissionWizard
    from centre_desk.ui.events import AppEvents

    app = QApplication.instance() or QApplication([])
    i18n.install("vi")  # as app.py does at start-up, long before any click
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        custody = LayeredCustody(PassphraseCustody(data / "keys", _never, CHEAP_ARGON2))
        options = Options(data, None, passwords=Passwords(cheap_hasher()), custody=custody)
        manager = NewAccount("giamdoc", "Nguyễn Văn An", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        events = AppEvents()

        window = QWidget()
        window.resize(1366, 728)
        button = QPushButton("Tiếp nhận mới…", window)
        QVBoxLayout(window).addWidget(button)
        window.show()

        class FirstPaint(QObject):
            """Notes the time of the first paint of a dialog of `kind`, then closes that dialog."""

            def __init__(self, kind: type[QDialog]) -> None:
                super().__init__()
                self.kind = kind
                self.at: float | None = None

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if self.at is None and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                    dialog = watched.window()
                    if isinstance(dialog, self.kind):
                        self.at = time.perf_counter()
                        QTimer.singleShot(0, lambda: dialog.done(0))
                return False

        def bare_dialog() -> None:
            dialog = QDialog(window)
            dialog.resize(1180, 700)
            dialog.exec()
            dialog.deleteLater()

        def wizard() -> None:
            AdmissionWizard.start(window, centre, actor, events)

        def opening(handler: Callable[[], None], kind: type[QDialog]) -> float:
            spy = FirstPaint(kind)
            app.installEventFilter(spy)
            button.clicked.connect(handler)
            try:
                start = time.perf_counter()
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                app.processEvents()
            finally:
                button.clicked.disconnect(handler)
                app.removeEventFilter(spy)
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the dialog is gone before the
                app.processEvents()  # next opening, whose time must not include this one's clean-up
            assert spy.at is not None, "the dialog was never painted"
            return (spy.at - start) * 1000

        profile = cProfile.Profile()
        if args.profile == "cold":
            profile.enable()
        cold = opening(wizard, AdmissionWizard)
        profile.disable()
        opening(bare_dialog, QDialog)
        if args.profile == "warm":
            profile.enable()
            opening(wizard, AdmissionWizard)
            profile.disable()
        if args.profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        floor, timed = [], []
        for _round in range(args.rounds):
            floor.append(opening(bare_dialog, QDialog))
            timed.append(opening(wizard, AdmissionWizard))
        centre.close()

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    wizard_median, floor_median = statistics.median(timed), statistics.median(floor)
    print(f"cores: {os.cpu_count()}, rounds: {args.rounds}, platform: {app.platformName()}")
    print(f"wizard, first opening (cold): {cold:7.1f} ms")
    print(f"wizard, click → first paint:  median {wizard_median:7.1f} ms, p95 {p95(timed):7.1f} ms (goal ≤ 300)")
    print(f"bare QDialog (the floor):     median {floor_median:7.1f} ms, p95 {p95(floor):7.1f} ms")
    print(f"ratio wizard / floor (median): {wizard_median / floor_median:5.1f}×")


if __name__ == "__main__":
    main()
