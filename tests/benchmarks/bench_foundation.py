"""Foundation figures: initialise, back up and verify ~100 MB, verify a million audit rows.

Run:  .venv/bin/python -m tests.benchmarks.bench_foundation [--rows 1000000]
Prints figures; asserts nothing (speed goals are read, not enforced as flaky tests).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import keyring
from sqlalchemy import insert

from centre_desk.models import AuditEvent
from centre_desk.models.base import utcnow
from centre_desk.models.staff import Role
from centre_desk.security import audit as audit_module
from centre_desk.security.access import SYSTEM
from centre_desk.services.backup import verify_backup
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from tests.support.memory_keyring import MemoryKeyring


def fill_audit(centre, rows: int) -> None:  # type: ignore[no-untyped-def]
    """Append `rows` valid, chained audit rows quickly (one transaction per 50,000)."""
    log = centre.audit
    with centre.sessions() as s:
        seq, prev = log._last(s)
        s.rollback()
    start = utcnow()
    batch: list[dict[str, object]] = []
    for n in range(rows):
        seq += 1
        at = start + timedelta(microseconds=n)
        values = {
            "actor_id": 1, "actor_login": "giamdoc", "actor_role": "manager", "workstation": "PC-TIEP-NHAN-01",
            "action": "resident.viewed", "record_type": "resident", "record_id": str(n % 5000),
            "field_group": "identity", "outcome": "ok",
        }  # fmt: skip
        prev = log._mac(prev, audit_module._canonical(seq, at, (values[f] for f in audit_module._FIELDS)))
        batch.append({"seq": seq, "at_utc": at, "mac": prev, **values})
        if len(batch) == 50_000:
            with centre.sessions.begin() as s:
                s.execute(insert(AuditEvent), batch)
            batch = []
    if batch:
        with centre.sessions.begin() as s:
            s.execute(insert(AuditEvent), batch)
    if log.anchor is not None:
        log.anchor.write(seq, prev)


PASSWORD = "mật khẩu đo hiệu năng"


def rows_argument() -> int:
    """--rows from the command line; the in-memory keyring set for the run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    keyring.set_keyring(MemoryKeyring())
    return int(parser.parse_args().rows)


def new_installation(tmp: str) -> tuple[Options, Centre]:
    options = Options(Path(tmp) / "data")
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
    centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    return options, centre


def main() -> None:
    rows = rows_argument()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        _options, centre = new_installation(tmp)
        print(f"initialise (Argon2id default profile, new SQLCipher file, migrations): {time.perf_counter() - t:.2f} s")

        t = time.perf_counter()
        fill_audit(centre, rows)
        size = centre.target.path.stat().st_size if centre.target.path else 0  # type: ignore[union-attr]
        print(f"wrote {rows:,} chained audit rows in {time.perf_counter() - t:.1f} s; database {size / 1e6:.0f} MB")

        with centre.engine.connect().execution_options(deferred=True) as conn:
            t = time.perf_counter()
            report = centre.audit.verify(conn)
            print(f"verify audit chain: {report.rows:,} rows in {time.perf_counter() - t:.2f} s, ok={report.ok}")

        t = time.perf_counter()
        info = centre.backups.create(SYSTEM, Path(tmp) / "b.cdbak")
        print(f"backup + verification of {info.size_bytes / 1e6:.0f} MB: {info.seconds:.2f} s")
        t = time.perf_counter()
        ok = verify_backup(info.path, centre.keys).ok
        print(f"  of which verification alone: {time.perf_counter() - t:.2f} s (ok={ok})")
        t = time.perf_counter()
        check = centre.maintenance.check(centre.accounts.authenticate("giamdoc", PASSWORD))
        print(f"check (pages, quick_check, schema, audit chain): {time.perf_counter() - t:.2f} s, ok={check.ok}")
        centre.close()


if __name__ == "__main__":
    main()
