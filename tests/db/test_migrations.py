"""Migrations: models equal migrations, a newer database is refused, a backup precedes migrating."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from centre_desk.db import migrate
from centre_desk.db.engine import make_engine
from centre_desk.db.location import DatabaseTarget
from centre_desk.errors import StorageError
from centre_desk.security.keys import derive_keys, new_salt, new_secret
from centre_desk.services.installation import open_centre
from tests.conftest import Installed


def _items(sql: str) -> tuple[str, ...]:
    """A CREATE statement as its head and its sorted top-level items: Alembic's batch mode writes a rebuilt
    table's constraints in no fixed order (the same migration gives `resident` its UNIQUE first or last)."""
    if "(" not in sql:
        return (sql,)
    head, body = sql.split("(", 1)
    body = body.rsplit(")", 1)[0]
    items, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            items.append(body[start:i].strip())
            start = i + 1
    items.append(body[start:].strip())
    return (head.strip(), *sorted(items))


def _sqlite_schema(engine: Engine) -> set[tuple[str, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master")).all()
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        user_version = conn.execute(text("PRAGMA user_version")).scalar_one()
    schema = {(kind, name, table, *_items(sql)) for kind, name, table, sql in rows}
    return schema | {("alembic_version", version), ("user_version", str(user_version))}


@pytest.mark.parametrize("engine_kind", ["sqlite"])
def test_installed_starts_from_what_the_migrations_make(installed: Installed, tmp_path: Path) -> None:
    """tests/conftest.py's `installed` copies a file migrated once per session into each new file instead of
    migrating every test's database (PostgreSQL: CREATE DATABASE … TEMPLATE, an exact copy): the copy has the
    schema that migrating the new file itself makes."""
    fresh = make_engine(
        DatabaseTarget(tmp_path, path=tmp_path / "fresh.db"),
        key=derive_keys(new_secret()).database,
        salt=new_salt(),
        create=True,
    )
    try:
        migrate.upgrade(fresh)
        assert _sqlite_schema(installed.centre.engine) == _sqlite_schema(fresh)
    finally:
        fresh.dispose()


def test_models_match_migrations(installed: Installed) -> None:
    """`alembic check`: autogenerate finds no difference between models and the migrated schema."""
    with installed.centre.engine.connect() as conn:
        command.check(migrate.alembic_config(conn))


def test_the_known_head_is_alembics_head(installed: Installed) -> None:
    """migrate.HEAD lets a database at head open without loading Alembic: it must name the newest migration."""
    assert migrate.HEAD == migrate.head_revision() == migrate.current_revision(installed.centre.engine)


def test_database_newer_than_the_program_is_refused(installed: Installed) -> None:
    with installed.centre.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    installed.centre.close()
    with pytest.raises(StorageError, match=r"newer|mới hơn"):
        open_centre(installed.options)


def test_prepare_backs_up_before_migrating(installed: Installed) -> None:
    engine = installed.centre.engine
    with engine.connect() as conn:
        cfg = migrate.alembic_config(conn)
        command.downgrade(cfg, "base")
        conn.commit()
    assert "staff_account" not in inspect(engine).get_table_names()
    calls: list[str] = []
    assert migrate.prepare(engine, lambda: calls.append("backup")) is True
    assert calls == ["backup"]
    assert "staff_account" in inspect(engine).get_table_names()
    assert migrate.prepare(engine, lambda: calls.append("again")) is False
    assert calls == ["backup"]


def test_audit_table_is_append_only_after_migration(installed: Installed) -> None:
    name = installed.centre.engine.dialect.name
    with installed.centre.engine.connect() as conn:
        if name == "sqlite":
            triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
            assert {"audit_event_no_update", "audit_event_no_delete"} <= triggers
        else:
            triggers = {r[0] for r in conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))}
            assert "audit_event_no_change" in triggers


def test_the_register_is_append_only(installed: Installed) -> None:
    """An issued number is never changed or removed, not even with SQL (migration 0005)."""
    from tests.services.test_documents import admit, service, set_centre

    set_centre(installed)
    resident_id, _code = admit(installed)
    docs = service(installed)
    docs.issue(installed.manager, "admission-record", resident_id)
    docs.issue(installed.manager, "admission-record", resident_id)
    for statement in (
        "UPDATE outgoing_document SET number = 99",
        "DELETE FROM outgoing_document",
        "UPDATE outgoing_copy SET sha256 = ''",
        "DELETE FROM outgoing_copy",
    ):
        with pytest.raises(Exception, match="append-only"), installed.centre.engine.begin() as conn:
            conn.execute(text(statement))
    with installed.centre.engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM outgoing_document")).scalar() == 1
