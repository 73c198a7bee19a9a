"""Copies of the audit chain's head kept outside the database.

A copy is (seq, MAC of that row, when it was written), signed with the audit key. The chain in
the database must always contain every copy's row with the same MAC; a copy whose row is gone
or different means rows were cut off or rewritten. Copies live in three places:

- the anchor file ``<data>/anchors/<installation>.json``, moved forward after every commit;
- the system keyring entry ``audit-head:<installation>`` (when a secure keyring exists), moved
  forward at most every few seconds and when the program closes: deleting or putting back an
  older anchor file is then itself visible;
- every backup, which holds the chain up to the moment it was made (read by `check`).

Copies only move forward. A restore is the one legitimate move back; it is recorded in the chain
itself (a `backup.restored` row) and written into every copy explicitly.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from centre_desk.db.lease import locked_file
from centre_desk.errors import StorageError
from centre_desk.models.base import utcnow
from centre_desk.paths import write_atomic
from centre_desk.security import credentials

log = logging.getLogger(__name__)

KEYRING_INTERVAL_SECONDS = 2.0


@dataclass(frozen=True)
class Anchor:
    seq: int
    mac: str
    written_at: str

    @property
    def written(self) -> datetime:
        try:
            stamp = datetime.fromisoformat(self.written_at)
        except ValueError:
            return datetime.min.replace(tzinfo=UTC)
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


class Signer:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def _sign(self, payload: dict[str, Any]) -> str:
        body = json.dumps(payload, sort_keys=True).encode()
        return hmac.new(self._key, b"anchor" + body, hashlib.sha256).hexdigest()

    def dump(self, seq: int, mac: str) -> str:
        payload: dict[str, Any] = {"seq": seq, "mac": mac, "written_at": utcnow().isoformat()}
        payload["signature"] = self._sign(payload)
        return json.dumps(payload)

    def load(self, text: str) -> Anchor:
        """ValueError when the text was forged or damaged."""
        try:
            payload = json.loads(text)
            signature = payload.pop("signature", "")
            if not hmac.compare_digest(str(signature), self._sign(payload)):
                raise ValueError("anchor signature")
            return Anchor(int(payload["seq"]), str(payload["mac"]), str(payload["written_at"]))
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError("anchor damaged") from exc


class AnchorFile:
    """The head in a file outside the database; moved forward under a lock between processes."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._signer = Signer(key)
        self._lock = threading.Lock()
        self._written = 0  # highest seq this process wrote

    def read(self) -> Anchor | None:
        """The anchor, None when there is none; ValueError when it was forged or damaged."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return self._signer.load(text)

    def write(self, seq: int, mac: str, *, force: bool = False) -> bool:
        """Record (seq, mac) as the newest head. Never moves back (unless `force`, for a restore)
        and never overwrites a damaged or forged file (it is evidence). True when written."""
        with self._lock:
            if seq <= self._written and not force:
                return False
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with locked_file(self.path.with_suffix(".lock")):
                if not force:
                    try:
                        current = self.read()
                    except ValueError:
                        return False
                    if current is not None and current.seq >= seq:
                        self._written = max(self._written, current.seq)
                        return False
                write_atomic(self.path, self._signer.dump(seq, mac).encode())
            self._written = seq
            return True


class KeyringCopy:
    """The head in the system keyring (Credential Manager, Keychain, Secret Service).

    Writing to a keyring can take milliseconds, so the copy moves at most every
    KEYRING_INTERVAL_SECONDS and at `flush()` (when the program closes, before a backup).
    """

    def __init__(self, installation_id: str, key: bytes) -> None:
        self.name = f"audit-head:{installation_id}"
        self._signer = Signer(key)
        self._lock = threading.Lock()
        self._pending: tuple[int, str] | None = None
        self._written = 0
        self._last_write = 0.0
        self._failed = False

    @staticmethod
    def available() -> bool:
        return credentials.backend_is_secure()

    def read(self) -> Anchor | None:
        """None without a secure keyring or entry; ValueError when the entry was forged."""
        if not self.available():
            return None
        text = credentials.get_secret(self.name)
        return None if text is None else self._signer.load(text)

    def write(self, seq: int, mac: str, *, force: bool = False) -> None:
        with self._lock:
            if seq <= self._written and not force:
                return
            self._pending = (seq, mac)
            if force or time.monotonic() - self._last_write >= KEYRING_INTERVAL_SECONDS:
                self._store(force=force)

    def flush(self) -> None:
        with self._lock:
            if self._pending is not None:
                self._store()

    def _store(self, *, force: bool = False) -> None:
        assert self._pending is not None
        seq, mac = self._pending
        self._pending = None
        if not self.available():
            return
        try:
            if not force:  # another program on this computer may have moved it further already
                current = self.read()
                if current is not None and current.seq >= seq:
                    self._written = current.seq
                    return
        except ValueError:
            return  # forged or damaged: left as it is, as evidence
        try:
            credentials.set_secret(self.name, self._signer.dump(seq, mac))
        except StorageError:
            if not self._failed:
                log.warning("could not keep the audit head in the system keyring")
            self._failed = True
            return
        self._written, self._last_write = seq, time.monotonic()
