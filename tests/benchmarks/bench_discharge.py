"""What the read-only guard (services/discharge/guard.py) costs every write.

Run:  .venv/bin/python -m tests.benchmarks.bench_discharge [--rounds 60] [--db postgresql+psycopg://…]

Measured as p50/p95 in ms: saving one nursing note (EntryService.save: access, checks, audit row, the guard's one
query in its flush) with the guard attached, against the same save with the guard's listener taken off in the same
run (the floor), and the ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import keyring
from sqlalchemy import event

from centre_desk.models.base import utcnow
from centre_desk.models.staff import Role
from centre_desk.services.discharge import guard
from centre_desk.services.dto import NewAccount
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.installation import Options, initialise
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import admit

PASSWORD = "mật khẩu đo hiệu năng 2026"
VITALS = {"temperature": Decimal("36.8"), "pulse": 78, "systolic": 112, "diastolic": 70, "resp_rate": 16,
          "spo2": 98, "consciousness": "A"}  # fmt: skip


def spread(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        boss = centre.accounts.authenticate("giamdoc", PASSWORD)
        rid = admit(centre, boss, "Giàng Thị Mai", arrived_at=utcnow() - timedelta(days=10)).resident_id
        note = EntryInput(utcnow() - timedelta(minutes=5), tuple(VITALS.items()))

        def save() -> None:
            centre.entries.save(boss, "nursing_note", rid, None, None, note)

        def without() -> None:
            for factory in (centre.sessions, centre.read_sessions):
                event.remove(factory, "before_flush", guard._before_flush)
            try:
                save()
            finally:
                for factory in (centre.sessions, centre.read_sessions):
                    event.listen(factory, "before_flush", guard._before_flush)

        save()
        without()
        times: dict[str, list[float]] = {"guarded": [], "floor": []}
        for _round in range(args.rounds):  # in turns, so neither gets the warmer cache or the smaller table
            for name, fn in (("guarded", save), ("floor", without)):
                start = time.perf_counter()
                fn()
                times[name].append((time.perf_counter() - start) * 1000)
        guarded, floor = spread(times["guarded"]), spread(times["floor"])
        print(f"save a nursing note, guarded: p50 {guarded[0]:.1f} ms, p95 {guarded[1]:.1f} ms")
        print(f"the same without the guard (floor): p50 {floor[0]:.1f} ms, p95 {floor[1]:.1f} ms")
        print(f"ratio p50: {guarded[0] / floor[0]:.2f}")
        centre.close()


if __name__ == "__main__":
    main()
