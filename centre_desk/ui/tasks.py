"""run_task: slow work off the UI thread, results delivered back on it.

`fn` runs on a pool thread and must not touch widgets; it calls a service, which opens
its own session there. Database writes go to a single-worker pool so they are serialised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread without a parent, so its signals are delivered there; it never
    owns the widget's callbacks' lifetime (a parented relay could delete its own parent)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


_live: set[_Relay] = set()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the UI thread, which decides how to show it
            self._deliver(self._relay.failed, exc)
        else:
            self._deliver(self._relay.finished, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the program is quitting: the relay went with the application, nobody waits
            log.debug("a task finished after the program quit; its result is dropped")


_writer_pool: QThreadPool | None = None


def _pool(writes_db: bool) -> QThreadPool:
    global _writer_pool
    if not writes_db:
        return QThreadPool.globalInstance()
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)
    return _writer_pool


def run_task(
    parent: QObject,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    writes_db: bool = False,
) -> None:
    relay = _Relay()
    _live.add(relay)
    parent.destroyed.connect(relay.cancel)  # the screen went away: drop the result

    def done(result: object) -> None:
        _live.discard(relay)
        if not relay.cancelled:
            on_done(result)

    def failed(exc: BaseException) -> None:
        _live.discard(relay)
        if on_error is not None and not relay.cancelled:
            on_error(exc)
        else:
            log.error("background task failed: %s", type(exc).__name__, exc_info=exc)

    relay.finished.connect(done)
    relay.failed.connect(failed)
    _pool(writes_db).start(_Job(fn, relay))


def wait_for_writes(msecs: int = 30_000) -> bool:
    """Let queued database writes finish (at shutdown)."""
    return _writer_pool is None or _writer_pool.waitForDone(msecs)
