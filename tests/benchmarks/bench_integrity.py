"""Issue 9 figures: the tail check at sign-in on a million audit rows, the per-write file check,
the lease, and `check` with the backups' copies of the audit trail's end.

Run:  .venv/bin/python -m tests.benchmarks.bench_integrity [--rows 1000000]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from centre_desk.db.engine import FileGuard
from centre_desk.db.lease import FileLease
from centre_desk.security.access import SYSTEM
from centre_desk.services.installation import open_centre
from tests.benchmarks.bench_foundation import PASSWORD, fill_audit, new_installation, rows_argument


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    rows = rows_argument()
    with tempfile.TemporaryDirectory() as tmp:
        options, centre = new_installation(tmp)
        fill_audit(centre, rows)
        for _n in range(5):
            centre.backups.create(SYSTEM, kind="daily")
            time.sleep(1.01)  # one name per second
        centre.close()

        firsts, seconds, heads, warm = [], [], [], []
        for _n in range(5):
            t = time.perf_counter()
            opened = open_centre(options, migrate=False)
            opened_at = time.perf_counter() - t
            with opened.sessions() as s:
                t = time.perf_counter()
                last, mac = opened.audit._last(s)
                opened.audit._durable_head(s, last, mac)
                heads.append(time.perf_counter() - t)
                t = time.perf_counter()
                last, mac = opened.audit._last(s)
                opened.audit._durable_head(s, last, mac)
                warm.append(time.perf_counter() - t)
            t = time.perf_counter()
            opened.accounts.authenticate("giamdoc", PASSWORD)  # first write: tail check included
            firsts.append(time.perf_counter() - t)
            t = time.perf_counter()
            opened.accounts.authenticate("giamdoc", PASSWORD)
            seconds.append(time.perf_counter() - t)
            opened.close()
        print(f"audit rows: {rows:,}; open_centre incl. lease: {_ms(opened_at)}")
        print(
            f"tail check alone (copies read, chain's end and restore row looked up): first after opening "
            f"{_ms(statistics.median(heads))}, again {_ms(statistics.median(warm))}"
        )
        print(
            f"sign-in, first of the run (with the tail check): {_ms(statistics.median(firsts))}; "
            f"second: {_ms(statistics.median(seconds))} (Argon2id default profile in both)"
        )

        assert centre.target.path is not None
        guard = FileGuard(centre.target.path)
        guard.opened()
        n = 100_000
        t = time.perf_counter()
        for _i in range(n):
            guard.check()
        print(f"file identity check before each write transaction: {(time.perf_counter() - t) / n * 1e6:.2f} µs")

        t = time.perf_counter()
        for _i in range(100):
            FileLease.acquire(centre.target.path).release()
        print(f"lease taken and given back: {_ms((time.perf_counter() - t) / 100)}")

        opened = open_centre(options, migrate=False)
        actor = opened.accounts.authenticate("giamdoc", PASSWORD)
        t = time.perf_counter()
        witnesses = opened.backups.audit_witnesses()
        print(f"reading the audit end of {len(witnesses)} backups: {_ms(time.perf_counter() - t)}")
        t = time.perf_counter()
        found = opened.maintenance.inspect()
        print(f"check (pages, structure, schema, chain of {rows:,} rows, copies): {time.perf_counter() - t:.2f} s")
        print("  problems:", found.problems or "none")
        opened.maintenance.check(actor, found)
        opened.close()


if __name__ == "__main__":
    main()
