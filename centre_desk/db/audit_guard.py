"""The triggers that make audit_event append-only: installed by the first migration, looked for
by `check`, put back by `check --repair`."""

from __future__ import annotations

from sqlalchemy import Connection, text

APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$",
        "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    ],
}
DROP_APPEND_ONLY = {
    "sqlite": ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"],
    "postgresql": [
        "DROP TRIGGER audit_event_no_change ON audit_event",
        "DROP FUNCTION audit_event_append_only()",
    ],
}
_SQLITE_TRIGGERS = ("audit_event_no_update", "audit_event_no_delete")


def guards_missing(conn: Connection) -> bool:
    """True when a trigger is gone (or, on PostgreSQL, switched off)."""
    if conn.dialect.name == "sqlite":
        found = {
            str(r[0])
            for r in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")
            )
        }
        return not set(_SQLITE_TRIGGERS) <= found
    enabled = conn.scalar(
        text(
            "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = 'audit_event'::regclass AND t.tgname = 'audit_event_no_change' "
            "AND t.tgenabled IN ('O', 'A') AND p.proname = 'audit_event_append_only'"
        )
    )
    return not enabled


def restore_guards(conn: Connection) -> None:
    """Put the triggers back as the first migration made them (inside the caller's transaction)."""
    if conn.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    else:
        conn.execute(text("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event"))
        conn.execute(text("DROP FUNCTION IF EXISTS audit_event_append_only()"))
    for statement in APPEND_ONLY[conn.dialect.name]:
        conn.execute(text(statement))


def append_only_sql(dialect: str, table: str) -> list[str]:
    """Triggers that refuse any UPDATE or DELETE on `table` (a register, a history): used by migrations."""
    message = f"'{table} is append-only'"
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, {message}); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, {message}); END",
        ]
    return [
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION {message}; END $$",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
    ]


def drop_append_only_sql(dialect: str, table: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER {table}_no_update", f"DROP TRIGGER {table}_no_delete"]
    return [f"DROP TRIGGER {table}_no_change ON {table}", f"DROP FUNCTION {table}_append_only()"]
