"""The UI watchdog (centre_desk/ui/watchdog.py): a stall of the event loop is caught with the UI thread's stack."""

from __future__ import annotations

import logging
import time

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer

from centre_desk.ui.watchdog import Stall, Watchdog, code_locations


def _slow_slot() -> None:
    time.sleep(0.3)  # a deliberate 300 ms stall on the UI thread


def test_a_300_ms_sleep_on_the_ui_thread_is_caught_with_its_stack(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caught: list[Stall] = []
    dog = Watchdog(on_stall=caught.append, level=logging.INFO).start()
    try:
        qtbot.wait(100)  # the beats run
        dog.rearm()
        caught.clear()
        with caplog.at_level(logging.INFO, logger="centre_desk.ui.watchdog"):
            QTimer.singleShot(0, _slow_slot)
            qtbot.waitUntil(lambda: bool(caught), timeout=3000)
    finally:
        dog.stop()
    stall = caught[0]
    assert 0.25 <= stall.seconds < 2.0
    assert any(line.startswith("tests/ui/test_watchdog.py:") and line.endswith(" _slow_slot") for line in stall.stack)
    assert stall.stack[-1].endswith(" _slow_slot")  # the sample is taken while the UI thread is in the sleep
    message = caplog.records[-1].getMessage()
    assert "UI thread stalled" in message and "_slow_slot" in message


def test_a_loop_that_keeps_turning_reports_nothing(qtbot: QtBot) -> None:
    caught: list[Stall] = []
    dog = Watchdog(threshold_s=0.5, on_stall=caught.append).start()
    try:
        dog.rearm()
        for _ in range(10):
            QTimer.singleShot(0, lambda: time.sleep(0.01))
        qtbot.wait(300)
    finally:
        dog.stop()
    assert caught == []


def test_the_stack_holds_code_locations_only() -> None:
    secret = "Hoàng Thị Mỷ"  # a local value: never part of a stack line
    lines = code_locations(__import__("sys")._getframe())
    assert lines[-1].startswith("tests/ui/test_watchdog.py:") and lines[-1].endswith(
        " test_the_stack_holds_code_locations_only"
    )
    assert not any(secret in line for line in lines)


def test_debug_flag_is_accepted_before_and_means_the_desktop_program() -> None:
    from centre_desk.cli import build_parser
    from centre_desk.launcher import wants_desktop

    assert build_parser().parse_args(["--debug"]).debug
    assert wants_desktop(["--debug", "--lang", "en"])
