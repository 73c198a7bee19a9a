"""Schema migrations at start-up: refuse a newer database, back up, migrate, check keys.

A database already at `HEAD` is recognised with one query, without loading Alembic (about 0.15 s of imports
that a command-line print would otherwise pay every time); Alembic is imported when there is work for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from centre_desk.errors import StorageError
from centre_desk.i18n import N_, _

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0021"  # the newest revision in migrations/versions (tests/db checks it against Alembic's head)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # loaded only when migrating (see the module docstring)

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory  # loaded only when migrating

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


NEWER = N_("This database was written by a newer version of the program. Please install the newer version.")
NO_VERSION_ROW = N_(
    "The database has lost its schema version record, so this program cannot tell which version wrote it. "
    "The database was damaged or altered; it has not been changed. Restore a recent backup, or ask for help."
)


def current_revision(bind: Engine | Connection) -> str | None:
    """The database's revision (None before the first migration), read with plain SQL; a connection is
    used as it is (inside its transaction), an engine lends one."""
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return current_revision(conn)
    if not bind.dialect.has_table(bind, "alembic_version"):
        return None
    revision = bind.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if revision is None else str(revision)


def check_revision(revision: str | None) -> bool:
    """True when a migration is needed; StorageError when the database is newer than this program."""
    if revision is None:
        return True
    if revision == HEAD:
        return False
    from alembic.script import ScriptDirectory  # loaded only when migrating

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise StorageError(_(NEWER))
    return revision != script.get_current_head()


def has_data(conn: Connection) -> bool:
    """True when the schema holds this program's tables (a database that has been set up)."""
    return inspect(conn).has_table("installation")


def check_version_row(engine: Engine) -> str | None:
    """The stored revision; StorageError when a database that has been set up has lost it.

    An empty database has no revision and is migrated from scratch; a set-up database without one
    is damaged or altered and must not be taken for an old one (that would start a backup and a
    migration over a schema nobody knows)."""
    with engine.connect() as conn:
        revision = current_revision(conn)
        if revision is None and has_data(conn):
            raise StorageError(_(NO_VERSION_ROW))
    return revision


def upgrade(engine: Engine) -> None:
    """Migrate to head on one connection, with foreign keys off during batch copies on SQLite."""
    from alembic import command  # loaded only when migrating

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    check_foreign_keys(engine)


def check_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL enforces foreign keys during the migration itself
    with engine.connect() as conn:
        broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        log.error("foreign key check found %d broken references", len(broken))
        raise StorageError(_("The database has broken references after the update. Please restore a backup."))


def prepare(engine: Engine, backup: Callable[[], object]) -> bool:
    """Bring an existing database to head: refuse newer or unversioned, back up, migrate, check.
    True if migrated."""
    if not check_revision(check_version_row(engine)):
        return False
    log.info("database schema is behind the program: backing up, then migrating")
    backup()
    upgrade(engine)
    return True
