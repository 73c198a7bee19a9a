"""An in-memory keyring backend for tests (never a real key store)."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    """A secure-looking keyring that refuses: a locked Secret Service collection, or one whose
    service went away. `refuse_reads` also makes reading fail (the same keyring at the next start)."""

    def __init__(self, refuse_reads: bool = False) -> None:
        super().__init__()
        self.refuse_reads = refuse_reads

    def get_password(self, service: str, username: str) -> str | None:
        if self.refuse_reads:
            raise KeyringLocked("Failed to unlock the collection!")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")
