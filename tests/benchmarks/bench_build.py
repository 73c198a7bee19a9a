"""The benchmark's database: N residents with years of dated entries and 10 audit rows each, built once.

An encrypted SQLite build is kept under $CENTRE_DESK_BENCH_CACHE (default ~/.cache/centre-desk-bench), one
folder per (N, schema HEAD), with the keyring entries of its fake data beside it (a benchmark database only:
invented people, never a centre's data); a PostgreSQL build is made afresh in the database given.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
from sqlalchemy import create_engine

from centre_desk.db import migrate
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise, open_centre
from tests.benchmarks.bench_entries import entry_rows, fill, insert_entries
from tests.benchmarks.bench_foundation import fill_audit
from tests.support.memory_keyring import MemoryKeyring
from tests.support.registry_data import admit, bulk_residents

PASSWORD = "mật khẩu đo hiệu năng 2026"
ENTRIES_EACH = 10  # dated entries per resident: a million at 100,000 residents
AUDIT_EACH = 10  # audit rows per resident
HEAVY_ENTRIES = 10_000  # the heavy resident's Timeline
CACHE = Path(os.environ.get("CENTRE_DESK_BENCH_CACHE", Path.home() / ".cache" / "centre-desk-bench"))


@dataclass
class Built:
    options: Options
    centre: Centre
    actor: Actor  # the manager
    heavy_id: int  # the resident with HEAVY_ENTRIES entries
    seconds: float | None  # the build's time, None when the cached build was reused


def built(residents: int, db: str | None, heavy_entries: int = HEAVY_ENTRIES) -> Built:
    """The cached build (an older schema's is copied, or on PostgreSQL taken over, and upgraded), else a new one."""
    store = MemoryKeyring()
    keyring.set_keyring(store)
    if db is not None and residents < 10_000:  # small: afresh each time (the CI smoke test)
        return _build(Options(Path(tempfile.mkdtemp()) / "data", db), residents, heavy_entries)
    kind = "sqlite" if db is None else "pg-" + re.sub(r"\W+", "_", db.rsplit("@", 1)[-1])
    folder = CACHE / f"{kind}-{residents}-{heavy_entries}-{migrate.HEAD}"
    meta = folder / "built.json"
    if not meta.exists():
        _carry_forward(folder, f"{kind}-{residents}-{heavy_entries}-", db)
    if meta.exists():
        saved = json.loads(meta.read_text(encoding="utf-8"))
        store.entries = {(service, user): value for service, user, value in saved["keyring"]}
        options = Options(folder / "data", db)
        centre = open_centre(options)  # upgrades an older schema
        return Built(options, centre, centre.accounts.authenticate("giamdoc", PASSWORD), saved["heavy"], None)
    if folder.exists():
        shutil.rmtree(folder)  # an unfinished build
    made = _build(Options(folder / "data", db), residents, heavy_entries)
    keys = [[service, user, value] for (service, user), value in store.entries.items()]
    meta.write_text(json.dumps({"keyring": keys, "heavy": made.heavy_id}), encoding="utf-8")
    return made


def _carry_forward(folder: Path, prefix: str, db: str | None) -> None:
    """The newest finished build of an older schema, copied (SQLite: the older branch keeps its own) or moved
    (PostgreSQL: the server holds one database) to `folder`, for open_centre to upgrade (minutes, not a rebuild)."""
    older = sorted(p for p in CACHE.glob(prefix + "*") if (p / "built.json").exists() and p != folder)
    if not older:
        return
    copy = db is None
    if folder.exists():
        shutil.rmtree(folder)
    (shutil.copytree if copy else shutil.move)(older[-1], folder)
    if db is not None:  # upgraded here: open_centre's pre-migration backup of a million rows takes too long (fake data)
        engine = create_engine(db)
        migrate.upgrade(engine)
        engine.dispose()


def _build(options: Options, residents: int, heavy_entries: int) -> Built:
    started = time.perf_counter()
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", PASSWORD, frozenset({Role.MANAGER}))
    centre, _key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    actor = centre.accounts.authenticate("giamdoc", PASSWORD)
    bulk_residents(centre, residents)
    if centre.engine.name == "postgresql":  # the ids were given: the sequences moved past them for what follows
        with centre.engine.begin() as conn:
            for table in ("resident", "admission"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
    rng = random.Random(11)
    with centre.sessions.begin() as s:  # one transaction, executemany in chunks of 2,000
        rows: dict[Any, list[dict[str, Any]]] | None = None
        for resident_id in range(1, residents + 1):
            rows = entry_rows(rng, resident_id, ENTRIES_EACH, rows)
            if resident_id % 5000 == 0:
                insert_entries(s, rows)
                rows = None
        if rows:
            insert_entries(s, rows)
    heavy = admit(centre, actor, "Sùng Thị Dợ").resident_id
    fill(centre, heavy, heavy_entries)
    fill_audit(centre, residents * AUDIT_EACH)
    with centre.engine.connect() as conn:  # the statistics autovacuum (PostgreSQL) or PRAGMA optimize keep in use
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return Built(options, centre, actor, heavy, time.perf_counter() - started)
