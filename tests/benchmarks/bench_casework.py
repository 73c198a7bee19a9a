"""The Overview's case-work list on a demo centre: each source (care plans waiting or due for review, wellbeing
alerts, legal steps due, Mẫu 07 decisions late,
follow-ups after reintegration due or late) and the whole list as the manager reads it off the UI thread,
against the floor of the Overview's own counts read in the same run.

Run:  .venv/bin/python -m tests.benchmarks.bench_casework [--residents 3000] [--rounds 30] [--db postgresql+psycopg://…]

Each as p50/p95 in ms with its ratio to the floor's p50. Asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import keyring

from centre_desk.models.staff import Role
from centre_desk.services.demo.create import populate
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from tests.benchmarks.bench_registry import timed
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "mật khẩu đo hiệu năng 2026"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        start = time.perf_counter()
        populate(centre, args.residents)
        print(f"demo of {args.residents} residents in {time.perf_counter() - start:.1f} s ({centre.engine.name})")
        from centre_desk.ui.shell.overview_casework import casework_sources, read_lines  # a screen's module; the
        # reads themselves need no event loop

        floor = timed(lambda: centre.overview.figures(actor), args.rounds)
        sources = {
            "care plans (waiting, review due)": lambda: centre.care_plans.due(actor),
            "wellbeing alerts": lambda: centre.counselling.scale_alerts(actor),
            "legal steps due": lambda: centre.legal.steps_due(actor),
            "Mẫu 07 decisions late": lambda: centre.schooling.decisions_late(actor),
            "follow-ups due (Overview, week)": lambda: centre.follow_up.due(actor),
            "follow-ups (working list, month)": lambda: centre.follow_up.due(actor, 31),
            "the whole list": lambda: read_lines(casework_sources(centre, actor)),
        }
        print(f"{'read':34} {'p50 ms':>8} {'p95 ms':>8} {'p50 / floor':>12}")
        print(f"{'floor: the Overview counts':34} {floor[0]:8.1f} {floor[1]:8.1f} {1.0:12.1f}")
        for name, read in sources.items():
            p50, p95 = timed(read, args.rounds)
            print(f"{name:34} {p50:8.1f} {p95:8.1f} {p50 / floor[0]:12.1f}")
        centre.close()


if __name__ == "__main__":
    main()
