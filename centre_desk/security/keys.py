"""The key hierarchy.

One random recovery secret (160 bits, shown once as the recovery key and kept in
the director's safe) is the root. Three independent keys are derived from it with
HKDF-SHA256: the SQLCipher database key, the audit-chain HMAC key and the backup
master key. Knowing the recovery key is therefore enough to rebuild every key of
the installation, even after the PC's keyring is lost.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from centre_desk.errors import ValidationError
from centre_desk.i18n import _

SECRET_BYTES = 20
CHECK_BYTES = 5
KEY_BYTES = 32
SALT_BYTES = 16
_HKDF_SALT = b"centre-desk key hierarchy v1"


@dataclass(frozen=True, repr=False)
class KeySet:
    """The three working keys of one installation. Never printed, never logged."""

    database: bytes
    audit: bytes
    backup: bytes

    def __repr__(self) -> str:
        return "KeySet(<hidden>)"


def _hkdf(material: bytes, info: bytes, salt: bytes = _HKDF_SALT) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(material)


def derive_keys(secret: bytes) -> KeySet:
    return KeySet(
        database=_hkdf(secret, b"database"),
        audit=_hkdf(secret, b"audit"),
        backup=_hkdf(secret, b"backup"),
    )


def key_check(keys: KeySet) -> str:
    """The fingerprint the database keeps of its keys (reveals nothing about them)."""
    return hmac.new(keys.audit, b"key check", hashlib.sha256).hexdigest()


def backup_file_key(keys: KeySet, salt: bytes) -> bytes:
    """The key of one backup file, bound to the salt stored in that file's first bytes."""
    return _hkdf(keys.backup, b"backup file", salt=salt)


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def _checksum(secret: bytes) -> bytes:
    return hashlib.sha256(b"centre-desk recovery" + secret).digest()[:CHECK_BYTES]


def format_recovery_key(secret: bytes) -> str:
    """40 base32 characters in groups of four, e.g. "ABCD-EFGH-…"."""
    text = base64.b32encode(secret + _checksum(secret)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def parse_recovery_key(text: str) -> bytes:
    """Read a typed recovery key: case, spaces, dashes and 0/O 1/I 8/B mix-ups are forgiven."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    if len(raw) != SECRET_BYTES + CHECK_BYTES:
        raise ValidationError(
            "recovery_key", _("The recovery key must have 40 letters and digits. Please check it again.")
        )
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if not hmac.compare_digest(check, _checksum(secret)):
        raise ValidationError("recovery_key", _("The recovery key contains a typing mistake. Please check it again."))
    return secret


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)
