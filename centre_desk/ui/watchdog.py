"""A watchdog for the UI thread: every stall of the Qt event loop longer than a threshold (100 ms) is logged
with the Python stack the UI thread was in.

A QTimer on the UI thread beats every 20 ms; a monitor thread wakes every 10 ms, and when no beat has come for
longer than the threshold it samples the UI thread's frames (`sys._current_frames`) once for that stall. When
the beats resume, the stall is logged (WARNING by default) with its length and the code locations of that
stack: file, line and function only, never a value, so no personal data reaches the log.

On in `centre-desk --debug` and in the Qt tests (tests/ui/conftest.py prints a summary; nothing fails on it).
Outside an event loop (test code between two waits) the timer cannot beat either: tests read such stalls as
"the UI thread was busy that long", which is what a user would meet if the same code ran in the program.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

THRESHOLD_S = 0.100
BEAT_MS = 20
POLL_S = 0.010
_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class Stall:
    """One stall: how long the loop did not turn, and where the UI thread was (innermost frame last)."""

    seconds: float
    stack: tuple[str, ...]

    def where(self) -> str:
        """The innermost location in this program's code (or the innermost at all)."""
        ours = [line for line in self.stack if line.startswith("centre_desk/")]
        return (ours or list(self.stack) or ["?"])[-1]


def code_locations(frame: FrameType | None, limit: int = 40) -> tuple[str, ...]:
    """`file:line function` for each frame, outermost first; paths relative to the source tree."""
    lines: list[str] = []
    while frame is not None and len(lines) < limit:
        code = frame.f_code
        name = code.co_filename
        if name.startswith(_ROOT):
            name = name[len(_ROOT) + 1 :]
        lines.append(f"{name}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return tuple(reversed(lines))


class Watchdog(QObject):
    """Start on the UI thread (the thread of the QApplication); `stop` before the application goes."""

    def __init__(
        self,
        threshold_s: float = THRESHOLD_S,
        on_stall: Callable[[Stall], None] | None = None,
        parent: QObject | None = None,
        level: int = logging.WARNING,
    ) -> None:
        super().__init__(parent)
        self.threshold_s = threshold_s
        self.level = level
        self.stalls: list[Stall] = []
        self._on_stall = on_stall
        self._ui_ident = threading.get_ident()
        self._last_beat = time.monotonic()
        self._lock = threading.Lock()
        self._sample: tuple[str, ...] | None = None
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._watch, name="ui-watchdog", daemon=True)

    def start(self) -> Watchdog:
        self._last_beat = time.monotonic()
        self._timer.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._timer.stop()
        if self._thread.is_alive():
            self._thread.join(1.0)

    def rearm(self) -> None:
        """Forget the time since the last beat (a test starts; the program resumes after a modal wait)."""
        with self._lock:
            self._last_beat = time.monotonic()
            self._sample = None

    def _beat(self) -> None:
        now = time.monotonic()
        with self._lock:
            gap, sample = now - self._last_beat, self._sample
            self._last_beat, self._sample = now, None
        if gap > self.threshold_s and sample is not None:
            self._report(Stall(gap, sample))

    def _report(self, stall: Stall) -> None:
        self.stalls.append(stall)
        log.log(
            self.level,
            "UI thread stalled %.0f ms at %s; stack:\n  %s",
            stall.seconds * 1000,
            stall.where(),
            "\n  ".join(stall.stack),
        )
        if self._on_stall is not None:
            self._on_stall(stall)

    def _watch(self) -> None:
        while not self._stop.wait(POLL_S):
            with self._lock:
                late = self._sample is None and time.monotonic() - self._last_beat > self.threshold_s
            if late:
                stack = code_locations(sys._current_frames().get(self._ui_ident))
                with self._lock:
                    if self._sample is None:
                        self._sample = stack
