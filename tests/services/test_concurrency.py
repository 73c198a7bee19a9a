"""Optimistic locking: a stale copy is refused on both engines and nothing is overwritten."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from centre_desk.errors import Conflict
from centre_desk.models import Base, StaffAccount
from centre_desk.models.base import Versioned
from centre_desk.services.concurrency import stale_guard
from centre_desk.services.dto import AccountRow
from tests.conftest import Installed


def _stored_name(installed: Installed, account_id: int) -> str:
    with installed.centre.sessions() as s:
        return str(s.scalar(select(StaffAccount.full_name).where(StaffAccount.id == account_id)))


def test_stale_write_raises_conflict_and_keeps_the_first(installed: Installed) -> None:
    accounts, actor = installed.centre.accounts, installed.manager
    assert actor.account_id is not None
    loaded = accounts.get(actor, actor.account_id)
    first = accounts.rename(actor, loaded.id, loaded.version, "Nguyễn Thị Hường (y tá trưởng)")
    assert first.version == loaded.version + 1
    with pytest.raises(Conflict) as caught:
        accounts.rename(actor, loaded.id, loaded.version, "Tên ghi đè")
    assert isinstance(caught.value.current, AccountRow)
    assert caught.value.current.full_name == "Nguyễn Thị Hường (y tá trưởng)"
    assert _stored_name(installed, loaded.id) == "Nguyễn Thị Hường (y tá trưởng)"


def test_racing_flush_is_caught_by_the_version_counter(installed: Installed, engine_kind: str) -> None:
    """Two sessions load the same version; the second flush matches no row and is refused.

    Only PostgreSQL lets two writers interleave like this: on SQLite every write
    transaction starts with BEGIN IMMEDIATE and holds the write lock from its first read.
    """
    if engine_kind == "sqlite":
        pytest.skip("SQLite serialises writers from BEGIN IMMEDIATE: this interleaving cannot happen")
    sessions, account_id = installed.centre.sessions, installed.manager.account_id
    with sessions() as s1:
        a1 = s1.get(StaffAccount, account_id)
        assert a1 is not None
        with sessions.begin() as s2:
            a2 = s2.get(StaffAccount, account_id)
            assert a2 is not None
            a2.full_name = "Người sửa thứ nhất"
        a1.full_name = "Người sửa thứ hai"
        with pytest.raises(Conflict), stale_guard():
            s1.commit()
    assert _stored_name(installed, int(account_id or 0)) == "Người sửa thứ nhất"


def test_every_editable_table_has_a_version_counter() -> None:
    # append-only, written once, or security counters no user edits
    append_only_or_immutable = {
        "audit_event", "installation", "login_throttle", "resident_code_counter",
        "document_counter", "outgoing_document", "outgoing_copy",  # the register: counters and append-only lines
        "bed_state_change", "presence_change",  # lodging histories: append-only (triggers in migration 0006)
        "entry_revision", "glass_break", "glass_review", "dose_record",  # append-only (migration 0007)
        "care_plan_decision",  # a plan's history: append-only (migration 0009)
        "discharge_reopening",  # a discharge undone: append-only (migration 0017)
        "payment_rate",  # a rate is superseded by a newer one, never changed: append-only (migration 0015)
        "resident_suffix",  # the registry's search index: derived from the resident row in its flush (migration 0020)
        "activity_attendance",  # changed only with its session, under the session's version counter
    }  # fmt: skip
    missing = [
        mapper.class_.__name__
        for mapper in Base.registry.mappers
        if mapper.local_table.name not in append_only_or_immutable
        and (mapper.version_id_col is None or not issubclass(mapper.class_, Versioned))
    ]
    assert missing == []


def test_concurrent_renames_lose_nothing(installed: Installed) -> None:
    """Eight threads race with the same loaded version: exactly one wins, the rest get Conflict."""
    accounts, actor = installed.centre.accounts, installed.manager
    assert actor.account_id is not None
    loaded = accounts.get(actor, actor.account_id)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def worker(n: int) -> None:
        barrier.wait()
        try:
            accounts.rename(actor, loaded.id, loaded.version, f"Tên số {n}")
            outcomes.append(f"won:{n}")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [o for o in outcomes if o.startswith("won")]
    assert len(winners) == 1 and outcomes.count("conflict") == 7
    assert _stored_name(installed, loaded.id) == f"Tên số {winners[0].split(':')[1]}"
