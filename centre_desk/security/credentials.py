"""Key custody: the only module that talks to `keyring`.

Keys live in the operating system's keyring (Windows Credential Manager, macOS
Keychain, Secret Service). Where only an insecure backend exists (keyring's
fail/null backends, anything from keyrings.alt) no key is ever stored there:
the keys are wrapped with AES-256-GCM under a key derived with Argon2id from a
database passphrase the user types at start.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from centre_desk.errors import KeyUnavailable, StorageError
from centre_desk.i18n import _
from centre_desk.paths import write_atomic
from centre_desk.security.keys import KEY_BYTES, KeySet

log = logging.getLogger(__name__)

SERVICE = "CentreDesk"
_INSECURE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


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
    """The three keys as three keyring entries named after the database id."""

    def load(self, db_id: str) -> KeySet | None:
        try:
            values = [keyring.get_password(SERVICE, f"{name}-key:{db_id}") for name in _NAMES]
        except keyring.errors.KeyringError as exc:
            raise KeyUnavailable(_("The system keyring cannot be read.")) from exc
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
        except keyring.errors.KeyringError as exc:
            raise StorageError(_("The key could not be stored in the system keyring.")) from exc

    def forget(self, db_id: str) -> None:
        for name in _NAMES:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
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

    def _file(self, db_id: str) -> Path:
        return self._dir / f"{db_id}.json"

    def exists(self, db_id: str) -> bool:
        return self._file(db_id).exists()

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
        path = self._file(db_id)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        params = Argon2Params(data["time_cost"], data["memory_kib"], data["parallelism"])
        salt, nonce, blob = (base64.b64decode(data[k]) for k in ("salt", "nonce", "ciphertext"))
        kek = self._kek(self._ask(False), salt, params)
        try:
            plain = AESGCM(kek).decrypt(nonce, blob, db_id.encode("ascii"))
        except InvalidTag as exc:
            raise KeyUnavailable(_("The database passphrase is not correct.")) from exc
        return KeySet(plain[:KEY_BYTES], plain[KEY_BYTES : 2 * KEY_BYTES], plain[2 * KEY_BYTES :])

    def save(self, db_id: str, keys: KeySet) -> None:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = self._kek(self._ask(True), salt, self._params)
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
        self._dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self._file(db_id), json.dumps(data, indent=1).encode())

    def forget(self, db_id: str) -> None:
        self._file(db_id).unlink(missing_ok=True)


class LayeredCustody:
    """Keyring first when it is secure; the passphrase file otherwise."""

    def __init__(self, passphrase: PassphraseCustody, keyring_custody: KeyringCustody | None = None) -> None:
        self._passphrase = passphrase
        self._keyring = keyring_custody or KeyringCustody()

    @property
    def uses_keyring(self) -> bool:
        return backend_is_secure()

    def load(self, db_id: str) -> KeySet | None:
        if self.uses_keyring:
            keys = self._keyring.load(db_id)
            if keys is not None:
                return keys
        elif not self._passphrase.exists(db_id):
            log.info("no secure keyring (%s) and no passphrase file", backend_name())
        return self._passphrase.load(db_id)

    def save(self, db_id: str, keys: KeySet) -> None:
        if self.uses_keyring:
            self._keyring.save(db_id, keys)
        else:
            log.info("keyring backend %s is not secure: using a passphrase", backend_name())
            self._passphrase.save(db_id, keys)

    def forget(self, db_id: str) -> None:
        if self.uses_keyring:
            self._keyring.forget(db_id)
        self._passphrase.forget(db_id)


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
