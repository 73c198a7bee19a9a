"""Shared fixtures: offscreen Qt, an in-memory keyring, and an installation on each engine.

Every service test runs twice: on an encrypted SQLite file and on a real PostgreSQL
server (TEST_DATABASE_URL, started by installer/dev.sh test). With
CENTRE_DESK_REQUIRE_PG=1 (set in CI) a missing server is an error, not a skip.

`installed` does not run the migrations for every test (about 0.2 s on SQLite, 0.5 s on PostgreSQL, times
some 1,500 tests): the migrations bring one template database per engine to head once per session, and each
test's database starts as a copy of its schema (tests/db/test_migrations.py checks the migrations themselves).
Everything else of `initialise` (keys, salt, installation id, first manager, audit chain) is new per test.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from centre_desk.db import migrate
from centre_desk.db.engine import make_engine
from centre_desk.db.location import DatabaseTarget
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.keys import derive_keys, new_salt, new_secret
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services import installation
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


def _pg_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class SqliteTemplate:
    """An encrypted file the migrations brought to head (with a key of its own)."""

    path: Path
    key_sql: str  # the ATTACH … KEY expression: the raw key and salt, as db/engine.py gives them


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    folder = tmp_path_factory.mktemp("schema-template")
    path = folder / "template.db"
    key, salt = derive_keys(new_secret()).database, new_salt()
    engine = make_engine(DatabaseTarget(folder, path=path), key=key, salt=salt, create=True)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return SqliteTemplate(path, f"\"x'{key.hex()}{salt.hex()}'\"")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """The name of a PostgreSQL database the migrations brought to head; dropped at the end of the session."""
    admin = pg_admin_url()
    if not admin:
        yield None
        return
    name = _pg_name("cd_template")
    server = create_engine(admin, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
        engine = make_engine(DatabaseTarget(Path(), url=url))
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        yield name
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def pg_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database for one test; dropped afterwards. Empty, except for a test that uses
    `installed`: its database is a copy of the migrated template (CREATE DATABASE … TEMPLATE)."""
    admin = pg_admin_url()
    if not admin:
        pytest.skip("no PostgreSQL server (set TEST_DATABASE_URL)")
    template = request.getfixturevalue("pg_template") if "installed" in request.fixturenames else None
    name = _pg_name("cd_test")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
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
def installed(options: Options, request: pytest.FixtureRequest) -> Iterator[Installed]:
    manager = NewAccount("giamdoc", "Nguyễn Thị Hường", MANAGER_PASSWORD, frozenset({Role.MANAGER}))
    with pytest.MonkeyPatch.context() as patch:  # only around initialise: a test's own initialise migrates
        if options.db is None:
            patch.setattr(installation, "upgrade", _copy_schema(request.getfixturevalue("sqlite_template")))
        # PostgreSQL: pg_database made the database from the migrated template; upgrade() finds it at head.
        centre, recovery_key = initialise(options, manager, "Trung tâm Công tác xã hội tỉnh Lai Châu")
    actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    holder = Installed(centre, recovery_key, actor, options)
    yield holder
    _wait_for_screens()
    holder.centre.close()


def _copy_schema(template: SqliteTemplate) -> Callable[[Engine], None]:
    """In place of migrate.upgrade for `installed`: the template's schema and rows (alembic_version) are
    exported into the new, empty file (encrypted under the new file's own key), then checked as upgrade does."""

    def upgrade(engine: Engine) -> None:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                raw.execute(f"ATTACH DATABASE ? AS template KEY {template.key_sql}", (str(template.path),))
                raw.execute("SELECT sqlcipher_export('main', 'template')")
                raw.execute("DETACH DATABASE template")
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
        migrate.check_foreign_keys(engine)
        assert migrate.current_revision(engine) == migrate.HEAD

    return upgrade


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
