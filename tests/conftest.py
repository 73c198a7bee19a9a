"""Shared fixtures: offscreen Qt, an in-memory keyring, and an installation on each engine.

Every service test runs twice: on an encrypted SQLite file and on a real PostgreSQL
server (TEST_DATABASE_URL, started by installer/dev.sh test). With
CENTRE_DESK_REQUIRE_PG=1 (set in CI) a missing server is an error, not a skip.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from tests.support.memory_keyring import MemoryKeyring

MANAGER_PASSWORD = "mật khẩu thử nghiệm 2026"
ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest) -> Iterator[None]:
    """Like qutebrowser's logfail: a WARNING or worse from our code fails the test unless expected."""
    yield
    if request.node.get_closest_marker("expect_log_warnings"):
        return
    bad = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING and r.name.startswith("centre_desk")]
    assert not bad, f"unexpected log records: {[r.getMessage() for r in bad]}"


def pg_admin_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url and os.environ.get("CENTRE_DESK_REQUIRE_PG"):
        raise RuntimeError("CENTRE_DESK_REQUIRE_PG is set but TEST_DATABASE_URL is not")
    return url


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    admin = pg_admin_url()
    if not admin:
        pytest.skip("no PostgreSQL server (set TEST_DATABASE_URL)")
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=ENGINES)
def engine_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _never_asked(confirm: bool) -> str:
    raise AssertionError("the passphrase path was taken although a secure keyring exists")


@pytest.fixture
def options(tmp_path: Path, engine_kind: str, request: pytest.FixtureRequest) -> Options:
    db = request.getfixturevalue("pg_database") if engine_kind == "postgresql" else None
    data = tmp_path / "data"
    custody = LayeredCustody(PassphraseCustody(data / "keys", _never_asked, CHEAP_ARGON2))
    return Options(data, db, passwords=Passwords(cheap_hasher()), custody=custody)


@dataclass
class Installed:
    centre: Centre
    recovery_key: str
    manager: Actor
    options: Options


@pytest.fixture
def installed(options: Options) -> Iterator[Installed]:
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    centre, recovery_key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    holder = Installed(centre, recovery_key, actor, options)
    yield holder
    _wait_for_screens()
    holder.centre.close()


def _wait_for_screens() -> None:
    """A screen may still be reading on a worker thread (ui/tasks.py) when its test ends: let it finish
    before the database goes, or its error lands in the next test."""
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        from centre_desk.ui.tasks import wait_for_writes

        QThreadPool.globalInstance().waitForDone(10_000)
        wait_for_writes(10_000)


@pytest.fixture
def english() -> Iterator[None]:
    """The messages and labels compared are the English source texts (the language before is put back).
    A module whose every test compares them says `pytestmark = pytest.mark.usefixtures("english")`."""
    from centre_desk import i18n

    before = i18n.language()
    i18n.install("en")
    yield
    i18n.install(before)
