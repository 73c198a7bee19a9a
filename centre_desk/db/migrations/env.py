"""Alembic environment. The program always passes its own connection
(`config.attributes["connection"]`); migrations never open one themselves."""

from __future__ import annotations

from alembic import context

from centre_desk.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("centre_desk migrations run only through centre_desk.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
