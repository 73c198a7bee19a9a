"""Key custody: the only module that talks to `keyring`.

Keys live in the operating system's keyring (Windows Credential Manager, macOS
Keychain, Secret Service). Where only an insecure backend exists (keyring's
fail/null backends, anything from keyrings.alt), or where the keyring refused to
keep them, no key is ever stored there: the keys are wrapped with AES-256-GCM under
a key derived with Argon2id from a database passphrase the user types at start
("passphrase mode"; the wrapped keys live in <data>/keys/<database id>.json).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from centre_desk.errors import KeyUnavailable, StorageError
from centre_desk.i18n import N_, _
from centre_desk.paths import private_dir, write_atomic
from centre_desk.security.keys import KEY_BYTES, KeySet
from centre_desk.security.password_policy import check_passphrase
from centre_desk.text import nfc

log = logging.getLogger(__name__)

SERVICE = "CentreDesk"
_INSECURE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
KEYRING_REFUSED = N_(
    "The system keyring of this computer refused to keep the key of the database: it may be locked, or its "
    "service is not running."
)


class KeyStoreRefused(StorageError):
    """The system keyring would not keep the keys (a locked collection, no Secret Service, an
    error while storing): nothing was kept there; the passphrase mode is the way forward."""


class KeyStoreUnreachable(KeyUnavailable):
    """The system keyring cannot be read (locked, or no keyring service is running): the keys
    may well be there, so unlocking the keyring may be all that is needed."""

    def __init__(self, message: str, *, no_service: bool = False) -> None:
        super().__init__(message)
        self.no_service = no_service  # no keyring service at all (no D-Bus), rather than a locked one


class KeyMissing(KeyUnavailable):
    """The keyring answers but holds no key for this database (the entry is missing)."""


class WrongPassphrase(KeyUnavailable):
    """The database passphrase typed does not unwrap the keys."""


def backend_is_secure(backend: keyring.backend.KeyringBackend | None = None) -> bool:
    """True when the backend (default: keyring's current one) may hold secrets."""
    backend = backend if backend is not None else keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if chained is not None:
        return bool(chained) and all(backend_is_secure(b) for b in chained)
    module = type(backend).__module__
    return not module.startswith(_INSECURE_PREFIXES)


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


class KeyCustody(Protocol):
    def load(self, db_id: str) -> KeySet | None: ...
    def save(self, db_id: str, keys: KeySet) -> None: ...
    def forget(self, db_id: str) -> None: ...


_NAMES = ("database", "audit", "backup")


class KeyringCustody:
    """The three keys as three keyring entries named after the database id.

    Backends raise more than KeyringError (Secret Service reports D-Bus errors of its own),
    hence the broad catches: whatever the backend says, the caller gets one of our errors.
    """

    def load(self, db_id: str) -> KeySet | None:
        try:
            values = [keyring.get_password(SERVICE, f"{name}-key:{db_id}") for name in _NAMES]
        except Exception as exc:
            log.warning("the keyring could not be read: %s", type(exc).__name__)
            raise KeyStoreUnreachable(
                _(
                    "The system keyring of this computer cannot be read: it may be locked, or its service "
                    "is not running. Nothing has been changed. Unlock the keyring (for example by signing in "
                    "to the computer again) and start again, or restore access with the recovery key: "
                    "centre-desk recover."
                )
            ) from exc
        if any(v is None for v in values):
            return None
        try:
            raw = [bytes.fromhex(v) for v in values if v is not None]
        except ValueError:
            return None
        if any(len(r) != KEY_BYTES for r in raw):
            return None
        return KeySet(*raw)

    def save(self, db_id: str, keys: KeySet) -> None:
        try:
            for name in _NAMES:
                keyring.set_password(SERVICE, f"{name}-key:{db_id}", getattr(keys, name).hex())
        except Exception as exc:
            log.warning("the keyring refused to store the key: %s", type(exc).__name__)
            self.forget(db_id)  # no half-stored set of keys
            raise KeyStoreRefused(_(KEYRING_REFUSED)) from exc

    def forget(self, db_id: str) -> None:
        """Best effort (it cleans up after a failure): a keyring that cannot delete is left as it is."""
        for name in _NAMES:
            with contextlib.suppress(Exception):
                keyring.delete_password(SERVICE, f"{name}-key:{db_id}")


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


CHEAP_ARGON2 = Argon2Params(time_cost=1, memory_kib=8, parallelism=1)


class PassphraseCustody:
    """The keys wrapped under Argon2id(passphrase) in <data_dir>/keys/<db_id>.json."""

    def __init__(
        self, directory: Path, ask_passphrase: Callable[[bool], str], params: Argon2Params | None = None
    ) -> None:
        self._dir = directory
        self._ask = ask_passphrase
        self._params = params or Argon2Params()

    def file(self, db_id: str) -> Path:
        return self._dir / f"{db_id}.json"

    def exists(self, db_id: str) -> bool:
        return self.file(db_id).exists()

    def written_at(self, db_id: str) -> datetime | None:
        """When the keys file was last written (the passphrase chosen), local time; None without one."""
        try:
            return datetime.fromtimestamp(self.file(db_id).stat().st_mtime).astimezone()
        except OSError:
            return None

    def _kek(self, passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )

    def load(self, db_id: str) -> KeySet | None:
        path = self.file(db_id)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        params = Argon2Params(data["time_cost"], data["memory_kib"], data["parallelism"])
        salt, nonce, blob = (base64.b64decode(data[k]) for k in ("salt", "nonce", "ciphertext"))
        typed = self._ask(False)
        # Saved in NFC; a passphrase typed by an input method that composes differently still opens.
        for passphrase in dict.fromkeys((nfc(typed), typed)):
            kek = self._kek(passphrase, salt, params)
            with contextlib.suppress(InvalidTag):
                plain = AESGCM(kek).decrypt(nonce, blob, db_id.encode("ascii"))
                return KeySet(plain[:KEY_BYTES], plain[KEY_BYTES : 2 * KEY_BYTES], plain[2 * KEY_BYTES :])
        raise WrongPassphrase(_("The database passphrase is not correct."))

    def save(self, db_id: str, keys: KeySet) -> None:
        """Wrap the keys under a new passphrase; the one passphrase rule applies to every way of
        typing it (ValidationError before anything is written)."""
        passphrase = check_passphrase(self._ask(True))
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = self._kek(passphrase, salt, self._params)
        blob = AESGCM(kek).encrypt(nonce, keys.database + keys.audit + keys.backup, db_id.encode("ascii"))
        data = {
            "format": "centre-desk passphrase-wrapped keys 1",
            "kdf": "argon2id",
            "time_cost": self._params.time_cost,
            "memory_kib": self._params.memory_kib,
            "parallelism": self._params.parallelism,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "ciphertext": base64.b64encode(blob).decode(),
        }
        private_dir(self._dir)
        write_atomic(self.file(db_id), json.dumps(data, indent=1).encode())  # mode 0600

    def forget(self, db_id: str) -> None:
        self.file(db_id).unlink(missing_ok=True)


class LayeredCustody:
    """A database whose keys file is here is in passphrase mode, whatever the keyring; otherwise
    its keys are in the keyring when that is secure. New keys go to a secure keyring unless the
    keyring is not allowed (the person chose the passphrase mode after the keyring refused)."""

    def __init__(
        self,
        passphrase: PassphraseCustody,
        keyring_custody: KeyringCustody | None = None,
        *,
        keyring_allowed: bool = True,
    ) -> None:
        self.passphrase = passphrase
        self._keyring = keyring_custody or KeyringCustody()
        self.keyring_allowed = keyring_allowed

    @property
    def uses_keyring(self) -> bool:
        """Whether new keys would be kept in the system keyring."""
        return self.keyring_allowed and backend_is_secure()

    def needs_passphrase(self, db_id: str) -> bool:
        """Whether opening this database asks for its passphrase."""
        return self.passphrase.exists(db_id)

    def load(self, db_id: str) -> KeySet | None:
        if self.passphrase.exists(db_id):
            return self.passphrase.load(db_id)
        if backend_is_secure():
            return self._keyring.load(db_id)
        log.info("no secure keyring (%s) and no passphrase file", backend_name())
        raise KeyStoreUnreachable(
            _(
                "No secure system keyring is available on this computer (its service may not be running), "
                "and no key file protected by a database passphrase is here. Nothing has been changed. "
                "Start the keyring service and start again, or restore access with the recovery key: "
                "centre-desk recover."
            ),
            no_service=True,
        )

    def save(self, db_id: str, keys: KeySet) -> None:
        if self.uses_keyring:
            self._keyring.save(db_id, keys)
            self.passphrase.forget(db_id)  # a recovery moved the keys to the keyring: no stale file
        else:
            log.info("keys kept under a passphrase (keyring backend %s)", backend_name())
            self.passphrase.save(db_id, keys)

    def forget(self, db_id: str) -> None:
        if self.uses_keyring:
            self._keyring.forget(db_id)
        self.passphrase.forget(db_id)


def get_secret(name: str) -> str | None:
    """A secret such as a PostgreSQL password, from a secure keyring only."""
    if not backend_is_secure():
        return None
    try:
        value: str | None = keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError:
        return None
    return value


def set_secret(name: str, value: str) -> None:
    if not backend_is_secure():
        raise StorageError(_("No secure system keyring is available to keep this password."))
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:  # locked collection, no D-Bus, access refused
        raise StorageError(
            _(
                "The system keyring is locked or cannot be reached, so nothing was stored. "
                "Unlock it (sign in to this computer's desktop session) and try again."
            )
        ) from exc
