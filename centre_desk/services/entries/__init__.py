"""Dated entries on a resident's record — one foundation for every capability's notes (see kinds.py).

`EntryService` is imported when first asked for: a module that needs only the fields or the kinds (the papers,
the command line) does not load the service and what it pulls in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from centre_desk.services.entries.service import EntryService

__all__ = ["EntryService"]


def __getattr__(name: str) -> object:
    if name == "EntryService":
        from centre_desk.services.entries.service import EntryService

        return EntryService
    raise AttributeError(name)
