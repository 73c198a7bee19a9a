"""The exception hierarchy shared by every layer.

`UserError` and its subclasses are expected problems with a translated, user-safe
message; anything else is a bug. Messages never contain personal data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class CentreDeskError(Exception):
    """Base of every error this program raises on purpose."""


class UserError(CentreDeskError):
    """An expected problem whose message can be shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that cannot be accepted; `field` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ValidationErrors(ValidationError):
    """Several inputs that cannot be accepted, all found in one pass: `problems` lists (field, message) pairs in
    the order of the form. `field` and `message` are the first problem's, so a caller that shows one message
    keeps working."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        if not problems:
            raise ValueError("ValidationErrors needs at least one problem")
        super().__init__(*problems[0])
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)


class NotFound(UserError):
    """The record asked for does not exist (any more)."""


class Conflict(UserError):
    """Someone else saved the record after it was loaded.

    `current` is the record as now stored, `attempted` what the user tried to save,
    so the UI can show both and lose neither.
    """

    def __init__(self, message: str, *, current: Any = None, attempted: Any = None) -> None:
        super().__init__(message)
        self.current = current
        self.attempted = attempted


class StorageError(UserError):
    """The database or the disk refused: locked, full, read-only, damaged."""


class DatabaseDamaged(StorageError):
    """The database file has a damaged page (found opening it, or by the quick check at start): a restore is due."""


class KeyUnavailable(StorageError):
    """The key of an existing database is missing or wrong: recovery is needed."""


class AuthenticationFailed(UserError):
    """Login failed; the message is the same whatever the reason."""


class PermissionDenied(UserError):
    """The signed-in account may not do this."""


class NotInitialised(StorageError):
    """There is no database yet at the chosen place."""
