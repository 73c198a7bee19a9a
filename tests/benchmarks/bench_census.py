"""Census, stay alerts and the Overview's figures over years of lodging history.

A centre of 200 beds with `--years` of history: about one admission a day staying 10–150 days, each with one to
three bed stays, presence changes (hospital, absent, back) and two leave passes. Measures the census tonight,
the census of a day years ago (rebuilt from the history), the stay alerts and the Overview's figures.

Run:  .venv/bin/python -m tests.benchmarks.bench_census [--years 10] [--db postgresql+psycopg://…]
Prints p50/p95 in ms and the number of queries; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import keyring
from sqlalchemy import event, insert, select, update

from centre_desk.models.base import utcnow
from centre_desk.models.lodging import Bed, BedState, BedStay, LeavePass, Presence, PresenceChange, Room
from centre_desk.models.resident import Admission
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from centre_desk.services.lodging import LodgingService
from centre_desk.services.lodging.census import overdue_passes
from centre_desk.services.lodging.stay import alert_counts
from centre_desk.services.overview import OverviewService
from tests.benchmarks.bench_registry import timed
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import bulk_residents

PASSWORD = "mật khẩu đo hiệu năng 2026"


def _beds(centre: Centre, count: int) -> list[int]:
    with centre.sessions.begin() as s:
        rooms = [
            Room(version=1, building=f"Nhà {'ABCD'[n % 4]}", floor=f"Tầng {n % 3 + 1}", name=f"Phòng {100 + n}",
                 sex_rule="any", age_rule="any", capacity=10, position=n)
            for n in range(count // 10)
        ]  # fmt: skip
        s.add_all(rooms)
        s.flush()
        beds = [Bed(version=1, room_id=r.id, label=f"G{i + 1}", state=BedState.FREE) for r in rooms for i in range(10)]
        s.add_all(beds)
        s.flush()
        return [b.id for b in beds]


def history(centre: Centre, years: int, beds: int, seed: int = 3) -> int:
    """Residents with `years` of lodging history; returns the number of admissions."""
    rng = random.Random(seed)
    now = utcnow()
    count = years * 365
    with centre.sessions() as s:
        first = (s.scalar(select(Admission.id).order_by(Admission.id.desc()).limit(1)) or 0) + 1
    bulk_residents(centre, count, seed=seed)
    bed_ids = _beds(centre, beds)
    start = now - timedelta(days=years * 365)
    stays: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    passes: list[dict[str, Any]] = []
    with centre.sessions.begin() as s:
        admissions = s.execute(select(Admission.id, Admission.resident_id).where(Admission.id >= first)).all()
        for n, (admission_id, rid) in enumerate(admissions):
            arrived = start + timedelta(days=n * years * 365 / count, hours=rng.randint(0, 12))
            left = arrived + timedelta(days=rng.randint(10, 150))
            gone = left if left < now else None
            s.execute(
                update(Admission).where(Admission.id == admission_id).values(arrived_at=arrived, discharged_at=gone)
            )
            end = gone or now
            cuts = sorted(arrived + (end - arrived) * rng.random() for _ in range(rng.randint(0, 2)))
            for a, b in zip([arrived, *cuts], [*cuts, gone], strict=True):
                stays.append({"version": 1, "resident_id": rid, "bed_id": rng.choice(bed_ids), "start_at": a,
                              "end_at": b, "reason": "", "end_reason": "", "override_reason": ""})  # fmt: skip
            for _k in range(3):
                at = arrived + (end - arrived) * rng.random()
                status = rng.choice([Presence.HOSPITAL, Presence.ABSENT])
                changes.append({"resident_id": rid, "status": str(status), "at": at, "note": ""})
                changes.append({"resident_id": rid, "status": "present", "at": at + timedelta(hours=30), "note": ""})
            for _k in range(2):
                at = arrived + (end - arrived) * rng.random()
                back = at + timedelta(days=2, hours=rng.randint(-20, 20))
                passes.append({"version": 1, "resident_id": rid, "reason": "Về thăm nhà", "companion": "",
                               "destination": "", "leaves_at": at, "expected_back_at": at + timedelta(days=2),
                               "returned_at": back if back < now else None, "note": ""})  # fmt: skip
        s.execute(insert(BedStay), stays)
        s.execute(insert(PresenceChange), changes)
        s.execute(insert(LeavePass), passes)
        for p in s.execute(select(LeavePass.id, LeavePass.resident_id, LeavePass.leaves_at, LeavePass.returned_at)):
            pid, rid, out, back = p
            changes_for = [
                {"resident_id": rid, "status": str(Presence.ON_LEAVE), "at": out, "note": "", "leave_id": pid}
            ]
            if back is not None:
                changes_for.append({"resident_id": rid, "status": "present", "at": back, "note": "", "leave_id": pid})
            s.execute(insert(PresenceChange), changes_for)
    return count


def lodging_counts(centre: Centre) -> tuple[dict[str, int], int]:
    """The Overview's lodging part alone (its own read transaction)."""
    with centre.read_sessions() as s:
        now = utcnow()
        return alert_counts(s, now.astimezone().date(), now), len(overdue_passes(s, now))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--beds", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        actor = centre.accounts.authenticate("giamdoc", PASSWORD)
        started = time.perf_counter()
        admissions = history(centre, args.years, args.beds)
        print(f"{admissions} admissions, {args.years} years inserted in {time.perf_counter() - started:.1f} s")
        if centre.engine.name == "postgresql":
            with centre.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        lodging = LodgingService(centre.sessions, centre.read_sessions, centre.audit, centre.access)
        overview = OverviewService(centre.read_sessions, centre.access)
        today = utcnow().astimezone().date()
        past = today - timedelta(days=5 * 365)
        queries = [0]

        def count(*_args: object) -> None:
            queries[0] += 1

        event.listen(centre.engine, "before_cursor_execute", count)
        for name, fn in (
            ("census tonight", lambda: lodging.census(actor)),
            ("census 5 years ago", lambda: lodging.census(actor, past)),
            ("stay alerts", lambda: lodging.stay_alerts(actor)),
            ("overdue leave passes", lambda: lodging.overdue_leaves(actor)),
            ("overview figures", lambda: overview.figures(actor)),
            ("  of which lodging", lambda: lodging_counts(centre)),
        ):
            queries[0] = 0
            result = fn()
            sent = queries[0]
            p50, p95 = timed(fn, args.rounds)
            size = len(result.rows) if hasattr(result, "rows") else len(result) if isinstance(result, tuple) else ""
            print(f"{name:22} {p50:7.1f} / {p95:6.1f} ms   {sent:3} queries   {size}")
        print(f"({centre.engine.name}; p50 / p95; the audited calls include their audit row)")
        centre.close()


if __name__ == "__main__":
    main()
