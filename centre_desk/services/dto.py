"""Frozen dataclasses passed from services to the UI, the CLI and reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from centre_desk.models.staff import Role, StaffAccount


@dataclass(frozen=True)
class AccountRow:
    id: int
    login: str
    full_name: str
    roles: frozenset[Role]
    active: bool
    version: int
    must_change_password: bool = False
    locked: bool = False

    @classmethod
    def from_model(cls, account: StaffAccount, locked_logins: frozenset[str] = frozenset()) -> AccountRow:
        return cls(
            id=account.id,
            login=account.login,
            full_name=account.full_name,
            roles=account.role_set(),
            active=account.active,
            version=account.version,
            must_change_password=account.must_change_password,
            locked=account.login in locked_logins,
        )


@dataclass(frozen=True)
class AccountUpdate:
    """What an administrator changes on an account, with the version they loaded."""

    id: int
    version: int
    full_name: str
    roles: frozenset[Role]
    active: bool


@dataclass(frozen=True)
class NewAccount:
    login: str
    full_name: str
    password: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class BackupReport:
    """What verifying one backup file found."""

    path: Path
    size_bytes: int
    revision: str | None
    installation_id: str | None
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size_bytes: int
    seconds: float
    counts: dict[str, int]
    created_at: datetime


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str  # daily, pre-migration, manual, before-restore
    size_bytes: int
    created_at: datetime  # UTC


@dataclass(frozen=True)
class RestoreInfo:
    restored_from: Path
    replaced_copy: Path | None
    migrated: bool


@dataclass(frozen=True)
class CheckReport:
    """One line per check; `problems` empty means all is well."""

    passed: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems
