"""Sequence counters shared by several computers: create the row if it is missing, then lock it.

The counter row is created with INSERT … ON CONFLICT DO NOTHING (SQLite ≥ 3.24 and PostgreSQL both speak
it, so no dialect module is imported), then read with FOR UPDATE, so a second transaction wanting the same
counter waits until the first commits and then sees its number. On SQLite the writer already holds the
database lock (BEGIN IMMEDIATE); on PostgreSQL the row lock does it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from centre_desk.models.base import Base

C = TypeVar("C", bound=Base)


def locked_counter(s: Session, model: type[C], **key: Any) -> C:
    """The counter row of `model` with primary key `key` (created with `last` = 0), locked for this
    transaction. `model` has the key columns and an integer `last`."""
    table: str = model.__tablename__
    names = [*key, "last"]
    columns = ", ".join(names)
    values = ", ".join(f":{n}" for n in names)
    s.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING"),  # noqa: S608
        {**key, "last": 0},
    )
    identity = tuple(key[column.name] for column in inspect(model).primary_key)
    row = s.get(model, identity, with_for_update=True, populate_existing=True)
    assert row is not None
    return row
