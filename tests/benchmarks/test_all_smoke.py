"""`python -m tests.benchmarks.all` runs end to end on a tiny database (the figures themselves are not tested)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_on_300_residents(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CENTRE_DESK_BENCH_CACHE": str(tmp_path)}
    command = [sys.executable, "-m", "tests.benchmarks.all", "--residents", "300", "--rounds", "2",
               "--startup-rounds", "1", "--heavy-entries", "300"]  # fmt: skip
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for expected in ("search 'huong'", "present only", "record open", "Timeline", "audit chain, 3,", "statistics",
                     "registry scrolled", "cold start", "bench_papers", "goals met"):  # fmt: skip
        assert expected in out, out
    assert "(BROKEN)" not in out
    assert list(tmp_path.glob("sqlite-300-300-*/built.json"))  # cached for the next run
