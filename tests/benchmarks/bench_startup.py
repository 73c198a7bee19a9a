"""Issue 8 figure: the sign of life at start, measured from outside the program.

Run:  .venv/bin/python -m tests.benchmarks.bench_startup [--rounds 7] [--platform offscreen]

Each round launches, as separate processes in the same way (python, the platform plugin given,
no keyring service), one after the other:
- bare:   a bare PySide6 window (QApplication + one QLabel), the floor for any Qt program;
- first:  `python -m centre_desk --data-dir D`, to the first window painted (the start-up window);
- ready:  the same, to the first window after it: the sign-in dialog of an existing database
          (passphrase mode, given with --passphrase-file; cheap Argon2 so the key derivation does
          not hide the start-up cost).
The program prints a monotonic timestamp on that paint (CENTRE_DESK_STARTUP_PROBE) and ends; the
time is counted from just before the launch. Prints medians and minima and the ratios to the bare
window; asserts nothing (the machine is shared: read the figures, do not gate on them).
Goal (issue 8): a sign of life within 0.5 s of launch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from centre_desk.models.staff import Role
from centre_desk.security.credentials import CHEAP_ARGON2
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from centre_desk.ui.startup import PROBE_ENV

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "khóa cơ sở dữ liệu để đo thời gian"
BARE = """
import os, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
            print(f"startup-probe {time.monotonic():.6f} QLabel", flush=True)
            os._exit(0)
        return False
app = QApplication([])
app.installEventFilter(Probe(app))
window = QLabel("CentreDesk")
window.show()
app.exec()
"""


def launch(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from just before the launch to the probe's paint, and the window painted."""
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("startup-probe "):
            _tag, at, window, *_rest = line.split()
            return float(at) - started, window
    raise RuntimeError(f"no probe line from {command[1:3]}: {done.stderr[-800:]}")


def make_database(data: Path) -> Path:
    """An installation in passphrase mode and the file holding its passphrase."""
    options = Options(data, passwords=Passwords(cheap_hasher()), argon2=CHEAP_ARGON2)
    options.give_passphrase(PASSPHRASE, instead_of_keyring=True)
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", "mật khẩu đo thời gian 2026", frozenset({Role.MANAGER}))
    centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    centre.close()
    secret = data.parent / "passphrase.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    return secret


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen, or xcb under Xvfb)")
    args = parser.parse_args()
    base = {**os.environ, "QT_QPA_PLATFORM": args.platform, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    with tempfile.TemporaryDirectory() as tmp:
        empty, data = Path(tmp) / "empty", Path(tmp) / "data"
        secret = make_database(data)
        program = [sys.executable, "-m", "centre_desk"]
        existing = ["--data-dir", str(data), "--passphrase-file", str(secret)]
        runs = {
            "bare": ([sys.executable, "-c", BARE], base),
            "first": ([*program, "--data-dir", str(empty)], {**base, PROBE_ENV: "first"}),
            "ready": ([*program, *existing], {**base, PROBE_ENV: "ready"}),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        windows: dict[str, str] = {}
        launch(*runs["bare"])  # warm the page cache once
        for _round in range(args.rounds):
            for name, (command, env) in runs.items():  # interleaved: load on the machine hits all alike
                seconds, windows[name] = launch(command, env)
                times[name].append(seconds)
    bare = statistics.median(times["bare"])
    load = os.getloadavg()[0]
    print(f"start-up, {args.rounds} rounds, platform {args.platform}, {os.cpu_count()} CPUs, load average {load:.1f}")
    labels = {
        "bare": "bare PySide6 window",
        "first": "centre-desk: first window",
        "ready": "centre-desk: sign-in window",
    }
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {labels[name]:<30} median {median * 1000:6.0f} ms   min {min(values) * 1000:6.0f} ms   "
            f"× bare {median / bare:4.2f}   ({windows[name]})"
        )
    print("goal: a sign of life (the first window) within 500 ms")


if __name__ == "__main__":
    main()
