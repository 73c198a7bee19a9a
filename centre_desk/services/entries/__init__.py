"""Dated entries on a resident's record — one foundation for every capability's notes (see kinds.py)."""

from centre_desk.services.entries.service import EntryService

__all__ = ["EntryService"]
