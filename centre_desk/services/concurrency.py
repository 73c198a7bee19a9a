"""Optimistic locking helpers: load what the user edited, refuse a stale copy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from centre_desk.errors import Conflict, NotFound
from centre_desk.i18n import N_, _
from centre_desk.models.base import Versioned

M = TypeVar("M", bound=Versioned)

CONFLICT_MESSAGE = N_(
    "Someone else saved this record after you opened it. Nothing was overwritten: "
    "compare your changes with the saved version and save again."
)


def load_for_edit(
    s: Session, model: type[M], record_id: int, expected_version: int, to_row: Callable[[M], object]
) -> M:
    """The record to change, or Conflict (carrying the stored version) if it moved on."""
    obj = s.get(model, record_id)
    if obj is None:
        raise NotFound(_("The record no longer exists."))
    if obj.version != expected_version:
        raise Conflict(_(CONFLICT_MESSAGE), current=to_row(obj))
    return obj


@contextmanager
def stale_guard() -> Iterator[None]:
    """Turn a version-check failure at flush (a write that raced ours) into Conflict."""
    try:
        yield
    except StaleDataError as exc:
        raise Conflict(_(CONFLICT_MESSAGE)) from exc
