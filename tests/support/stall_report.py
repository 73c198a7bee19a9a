"""The UI watchdog in the Qt tests: each stall of the UI thread over 100 ms is noted against the test it
happened in, and a summary is printed at the end of the run. Tests never fail on it (the machine is shared and
its load varies); CENTRE_DESK_WATCHDOG=0 turns it off."""

from __future__ import annotations

import logging
import os
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.ui.watchdog import Stall, Watchdog

ENABLED = os.environ.get("CENTRE_DESK_WATCHDOG", "1") != "0"
STALLS: dict[str, list[Stall]] = defaultdict(list)
_current = [""]


def _note(stall: Stall) -> None:
    if _current[0]:  # a Qt test is running (not a later test of another folder)
        STALLS[_current[0]].append(stall)


@pytest.fixture(scope="session")
def ui_watchdog(qapp: object) -> Iterator[Watchdog | None]:
    if not ENABLED:
        yield None
        return
    dog = Watchdog(on_stall=_note, level=logging.DEBUG).start()  # DEBUG: a stall is noted, never a failure
    yield dog
    dog.stop()


@pytest.fixture(autouse=True)
def stalls_per_test(request: pytest.FixtureRequest, qtbot: QtBot, ui_watchdog: Watchdog | None) -> Iterator[None]:
    _current[0] = request.node.nodeid
    if ui_watchdog is not None:
        ui_watchdog.rearm()
    yield
    _current[0] = ""


def summary(limit: int = 15) -> list[str]:
    """Lines for the terminal: the count and longest stall, the tests with most stall time, the hot spots."""
    every = [s for stalls in STALLS.values() for s in stalls]
    if not every:
        return []
    longest = max(s.seconds for s in every) * 1000
    lines = [f"UI watchdog: {len(every)} stalls over 100 ms in {len(STALLS)} tests; longest {longest:.0f} ms"]
    worst = sorted(STALLS.items(), key=lambda kv: -sum(s.seconds for s in kv[1]))[:limit]
    lines += [f"  {sum(s.seconds for s in v) * 1000:6.0f} ms in {len(v):3} stalls  {k}" for k, v in worst]
    spots = Counter(s.where() for s in every).most_common(limit)
    lines += ["  where (innermost program frame):"] + [f"    {n:4}×  {where}" for where, n in spots]
    return lines
