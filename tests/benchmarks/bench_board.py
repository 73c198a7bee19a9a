"""The bed board: 200 beds and 10 years of moves, now and at past moments, through LodgingService.board.

Run:  .venv/bin/python -m tests.benchmarks.bench_board [--beds 200] [--years 10] [--rounds 20] [--db postgresql+psycopg://…]

Builds an encrypted installation, bulk-inserts the history (tests/support/lodging_data.py), then times the
board now and at moments spread over the years (one service call each: access check, the queries, the
audit row). Prints the median and the worst in ms and the number of SQL statements per call. Goal (issue
10): ≤ 150 ms. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import keyring
from sqlalchemy import event, func, select

from centre_desk.models.lodging import BedStateChange, BedStay
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Options, initialise
from tests.support.lodging_data import bulk_lodging
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "mật khẩu đo hiệu năng 2026"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--beds", type=int, default=200)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Văn An", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        built = time.perf_counter()
        start = bulk_lodging(centre, args.beds, args.years)
        with centre.sessions() as s:
            stays = s.scalar(select(func.count()).select_from(BedStay))
            changes = s.scalar(select(func.count()).select_from(BedStateChange))
        print(f"{args.beds} beds, {args.years:g} years: {stays} stays, {changes} bed state changes "
              f"(built in {time.perf_counter() - built:.1f} s)")  # fmt: skip
        statements = 0

        def count(*_args: Any) -> None:
            nonlocal statements
            statements += 1

        event.listen(centre.engine, "before_cursor_execute", count)
        lodging = centre.lodging
        span = datetime.now(start.tzinfo) - start
        for name, at in [("now", None), *((f"{k}/4 of the way", start + span * k / 4) for k in (1, 2, 3))]:
            lodging.board(actor, at)  # warm
            times, statements = [], 0
            for _ in range(args.rounds):
                begun = time.perf_counter()
                board = lodging.board(actor, at)
                times.append((time.perf_counter() - begun) * 1000)
            occupied, unplaced = sum(r.occupied for r in board.rooms), len(board.unplaced)
            print(f"board {name:>16}: median {statistics.median(times):6.1f} ms, worst {max(times):6.1f} ms, "
                  f"{statements // args.rounds} statements, {occupied} occupied, {unplaced} without a bed")  # fmt: skip
        centre.close()


if __name__ == "__main__":
    main()
