"""A resident with 10,000 dated entries: her Health tab and Timeline, and a round of vitals for 40 residents.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_entries [--entries 10000] [--rounds 15]
      [--db postgresql+psycopg://…]

One resident gets `--entries` entries over ten years (70 % nursing notes with vitals, the rest intake checks,
referrals, medication plans and restricted tests). Measured for a nurse, each as p50/p95 in ms:
* the service reads: the first page of her nursing notes, the first page of her Timeline;
* the screens: the record's Health tab (EntriesTab) and the Timeline tab, from construction to their first page
  shown (the event loop spun until loaded), against the floor of an empty QWidget shown in the same run;
* a round of vitals for 40 residents saved in one transaction (EntryService.save_many).
Goal (issue 11): Health tab and Timeline ≤ 150 ms. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import keyring
from sqlalchemy import insert, text

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from centre_desk import i18n
from centre_desk.models.base import utcnow
from centre_desk.models.health import HealthCheck, HealthTest, MedicationPlan, NursingNote, Referral
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import tabs
from centre_desk.services.installation import Centre, Options, initialise
from centre_desk.ui.entries.tab import EntriesTab
from centre_desk.ui.entries.timeline import TimelineTab
from tests.benchmarks.bench_registry import timed
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import admit

PASSWORD = "mật khẩu đo hiệu năng 2026"


def fill(centre: Centre, resident_id: int, count: int, seed: int = 5) -> None:
    rows = entry_rows(random.Random(seed), resident_id, count)
    with centre.sessions.begin() as s:
        insert_entries(s, rows)


def insert_entries(s: Any, rows: dict[Any, list[dict[str, Any]]]) -> None:
    for model, values in rows.items():
        for start in range(0, len(values), 2000):
            s.execute(insert(model.__table__), values[start : start + 2000])


def entry_rows(
    rng: random.Random, resident_id: int, count: int, rows: dict[Any, list[dict[str, Any]]] | None = None
) -> dict[Any, list[dict[str, Any]]]:
    """`count` health entries of one resident over ten years, added to `rows` (model → column values)."""
    now = utcnow()
    common = {"resident_id": resident_id, "version": 1, "restricted": False, "struck_reason": ""}
    if rows is None:
        rows = {m: [] for m in (NursingNote, HealthCheck, Referral, MedicationPlan, HealthTest)}
    for n in range(count):
        at = now - timedelta(minutes=rng.randint(1, 10 * 365 * 24 * 60))
        base = common | {"occurred_at": at, "recorded_at": at}
        pick = rng.random()
        if pick < 0.7:
            rows[NursingNote].append(base | {
                "temperature": Decimal("36.5") + Decimal(rng.randint(0, 30)) / 10, "pulse": rng.randint(60, 110),
                "systolic": rng.randint(95, 140), "diastolic": rng.randint(55, 90), "resp_rate": rng.randint(12, 24),
                "spo2": rng.randint(93, 100), "on_oxygen": False, "consciousness": "A", "evolution": "same",
                "notify_manager": False, "note": f"Ghi chép số {n}", "news2": rng.randint(0, 6), "news2_alert": False,
            })  # fmt: skip
        elif pick < 0.8:
            rows[HealthCheck].append(base | {"history": "", "injuries": "Vết bầm cũ", "allergies": "",
                "chronic_conditions": "", "disability": "", "current_medicines": "", "mental_state": "Lo âu",
                "urgent_referral": False, "insurance": "none_first_year", "insurance_number": "",
                "insurance_place": "", "note": ""})  # fmt: skip
        elif pick < 0.9:
            rows[Referral].append(base | {"facility": "Bệnh viện đa khoa tỉnh", "reason": "Đau bụng", "urgent": False,
                "accompanied_by": "", "result": "", "documents": "", "closed": True})  # fmt: skip
        elif pick < 0.95:
            rows[MedicationPlan].append(base | {"medicine": "Paracetamol", "strength": "500 mg", "unit": "tablet",
                "route": "oral", "frequency": "as_needed", "times": "", "as_needed": True,
                "start_on": at.date(), "end_on": at.date() + timedelta(days=3), "reason": "",
                "prescriber": ""})  # fmt: skip
        else:
            rows[HealthTest].append(base | {"restricted": True, "test": "hiv", "other_name": "", "result": "negative",
                "result_on": at.date(), "counselled": True, "note": ""})  # fmt: skip
    return rows


def dispose(app: Any, widget: QWidget) -> None:
    """Delete the widget here, on the UI thread: left to Python's cycle collector it could be deleted on a
    worker thread, which Qt does not allow."""
    widget.close()
    widget.deleteLater()
    app.processEvents()
    gc.collect()


def spread(times: list[float]) -> tuple[float, float]:
    """p50 and p95 of times measured by the caller (the first, cold, round is left out by the caller)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def spin_until(app: Any, done: Any) -> None:
    while not done():
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: an encrypted SQLite file)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication([])
    i18n.install("vi")
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(Path(tmp) / "data", args.db)
        manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
        centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
        boss = centre.accounts.authenticate("giamdoc", PASSWORD)
        centre.accounts.create(boss, NewAccount("yta", "Lò Thị Hoa", PASSWORD, frozenset({Role.NURSE})))
        nurse = centre.accounts.authenticate("yta", PASSWORD)
        rid = admit(centre, boss, "Sùng Thị Dợ").resident_id
        started = time.perf_counter()
        fill(centre, rid, args.entries)
        print(f"{args.entries} entries inserted in {time.perf_counter() - started:.1f} s ({centre.engine.name})")
        if centre.engine.name == "postgresql":
            with centre.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        entries = centre.entries
        with centre.read_sessions() as s:
            floor_db = timed(lambda: s.execute(text("SELECT 1")).all(), args.rounds)
        page = timed(lambda: entries.page(nurse, "nursing_note", rid), args.rounds)
        line = timed(lambda: entries.timeline(nurse, rid), args.rounds)
        print(f"floor (SELECT 1): p50 {floor_db[0]:.2f} ms")
        print(f"nursing notes, first page: p50 {page[0]:.1f} ms, p95 {page[1]:.1f} ms")
        print(f"timeline, first page:      p50 {line[0]:.1f} ms, p95 {line[1]:.1f} ms")
        health_tab = next(t for t in tabs() if t.code == "health")

        def empty() -> None:  # the floor: a table of 100 plain rows shown, as Qt does it without us
            model = QStandardItemModel(100, 6)
            for row in range(100):
                for column in range(6):
                    model.setItem(row, column, QStandardItem(f"ô {row}.{column}"))
            table = QTableView()
            table.setModel(model)
            table.resize(1200, 600)
            table.show()
            table.resizeColumnsToContents()
            app.processEvents()
            table.close()

        def open_tab() -> float:
            started = time.perf_counter()
            tab = EntriesTab(entries, nurse, health_tab, rid)
            tab.resize(1200, 600)
            tab.show()
            panel = tab.panel("nursing_note")
            spin_until(app, lambda: panel.loaded)
            took = (time.perf_counter() - started) * 1000
            dispose(app, tab)  # not timed: the collector's pass belongs to no user action
            return took

        def open_timeline() -> float:
            started = time.perf_counter()
            tab = TimelineTab(entries, nurse, rid)
            tab.resize(1200, 600)
            tab.show()
            spin_until(app, lambda: tab.loaded)
            took = (time.perf_counter() - started) * 1000
            dispose(app, tab)
            return took

        floor = timed(empty, args.rounds)
        shown = spread([open_tab() for _ in range(args.rounds + 1)][1:])
        timeline = spread([open_timeline() for _ in range(args.rounds + 1)][1:])
        print(f"floor (a table of 100 plain rows shown): p50 {floor[0]:.1f} ms")
        print(f"Health tab to its first page: p50 {shown[0]:.1f} ms, p95 {shown[1]:.1f} ms "
              f"({shown[0] / max(floor[0], 0.01):.1f}× the floor)")  # fmt: skip
        print(f"Timeline tab to its first page: p50 {timeline[0]:.1f} ms, p95 {timeline[1]:.1f} ms "
              f"({timeline[0] / max(floor[0], 0.01):.1f}× the floor)")  # fmt: skip
        people = [admit(centre, boss, f"Người số {n}").resident_id for n in range(40)]
        moment = utcnow() - timedelta(minutes=2)
        vitals = (("temperature", Decimal("36.8")), ("pulse", 80), ("systolic", 118), ("diastolic", 74),
                  ("resp_rate", 16), ("spo2", 98), ("consciousness", "A"))  # fmt: skip
        items = [(p, EntryInput(moment, vitals)) for p in people]
        started = time.perf_counter()
        saved = entries.save_many(nurse, "nursing_note", items)
        print(f"a round of vitals for {len(saved)} residents, one transaction: "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip
        centre.close()


if __name__ == "__main__":
    main()
