"""Registry figures: count + first page of a search over N residents, beside the same SQL raw.

Run:  .venv/bin/python -m tests.benchmarks.bench_registry [--residents 100000] [--db postgresql+psycopg://…]
Prints p50/p95 in ms; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
from sqlalchemy import event

from centre_desk.models.resident import Channel
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from centre_desk.services.registry import AgeBand, Presence, RegistryFilter, RegistryService
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import bulk_residents

PASSWORD = "mật khẩu đo hiệu năng 2026"
SEARCHES = ["huong", "lo thi", "nguyen thi huong", "dang duc do", "mỷ", "tả", "lb-2019", "zzz", "a"]


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def captured(centre: Centre, fn: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements `fn` sends (to replay them raw)."""
    sent: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        sent.append((statement, parameters))

    event.listen(centre.engine, "before_cursor_execute", grab)
    try:
        fn()
    finally:
        event.remove(centre.engine, "before_cursor_execute", grab)
    return sent


def replay(centre: Centre, statements: list[tuple[str, Any]]) -> Callable[[], None]:
    """The SELECTs `statements` sent (and the plan settings of their transaction), on one raw connection."""
    wanted = [(q, p) for q, p in statements if q.lstrip().upper().startswith(("SELECT", "SET LOCAL"))]

    def run() -> None:
        con = centre.engine.raw_connection()
        try:
            cur = con.cursor()
            for query, params in wanted:
                cur.execute(query, params)
                if cur.description is not None:  # a SELECT (a SET returns nothing)
                    cur.fetchall()
        finally:
            con.close()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--cache-mb", type=int, default=0, help="SQLite page cache per connection (0: the engine's)")
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        start = time.perf_counter()
        bulk_residents(centre, args.residents)
        print(f"{args.residents} residents inserted in {time.perf_counter() - start:.1f} s ({centre.engine.name})")
        with centre.engine.connect() as conn:  # the statistics autovacuum or PRAGMA optimize keep in use
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        if args.cache_mb and centre.engine.name == "sqlite":
            pragma = f"PRAGMA cache_size = -{args.cache_mb * 1024}"
            event.listen(centre.engine, "connect", lambda con, _record: con.execute(pragma))
            centre.engine.dispose()
            print(pragma)
        registry = RegistryService(centre.sessions, centre.read_sessions, centre.audit, centre.access)
        print(f"{'search':20} {'count+page 0 (audited)':>24} {'count+page 1':>14} {'same SQL raw':>14} {'rows':>6}")
        for text in SEARCHES:
            f = RegistryFilter(text)

            def first(f: RegistryFilter = f) -> None:
                registry.count(actor, f)
                registry.page(actor, f, 0, 200)

            def second(f: RegistryFilter = f) -> None:  # the same queries, without the audit row
                registry.count(actor, f)
                registry.page(actor, f, 200, 200)

            s50, s95 = timed(first, args.rounds)
            q50, q95 = timed(second, args.rounds)
            r50, r95 = timed(replay(centre, captured(centre, second)), args.rounds)
            found = registry.count(actor, f)
            print(f"{text!r:20} {s50:13.1f} / {s95:6.1f}  {q50:6.1f} / {q95:5.1f}  {r50:6.1f} / {r95:5.1f} {found:6}")
        print("p50 / p95 in ms")
        last = args.residents - 200
        for label, f, offset in (
            ("no search, first page", RegistryFilter(), 0),
            ("no search, last page", RegistryFilter(), last),
            ("'huong', last page", RegistryFilter("huong"), 7000),
            ("present only", RegistryFilter(presence=Presence.PRESENT), 0),
            ("minors, year 2019", RegistryFilter(age=AgeBand.UNDER_18, year=2019), 0),
            ("pupils, border guard", RegistryFilter(pupils_only=True, channel=Channel.BORDER_GUARD), 200),
        ):
            p50, p95 = timed(
                lambda f=f, offset=offset: (registry.count(actor, f), registry.page(actor, f, offset, 200)), 10
            )
            print(f"{label:24} count+page  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
        centre.close()


if __name__ == "__main__":
    main()
