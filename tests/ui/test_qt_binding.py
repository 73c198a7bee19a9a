"""Guards against known defects of the Qt binding that would crash the program in use."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_keeps_reference_counts(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to True per emit and aborted the interpreter."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.fired.emit(n)
    assert len(received) == 200
    assert sys.getrefcount(True) >= before - 5
