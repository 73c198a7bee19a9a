"""Staff passwords: Argon2id hashes, verification and the length rule."""

from __future__ import annotations

import argon2
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from centre_desk.errors import ValidationError
from centre_desk.i18n import _

MIN_LENGTH = 8
MAX_LENGTH = 128


def default_hasher() -> PasswordHasher:
    """argon2-cffi's RFC 9106 low-memory profile (t=3, 64 MiB, p=4): above OWASP's minimum."""
    return PasswordHasher()


def cheap_hasher() -> PasswordHasher:
    """For tests only."""
    return PasswordHasher.from_parameters(CHEAPEST)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError("password", _("The password must have at least 8 characters."))
    if len(password) > MAX_LENGTH:
        raise ValidationError("password", _("The password may have at most 128 characters."))


class Passwords:
    def __init__(self, hasher: PasswordHasher) -> None:
        self._hasher = hasher
        # A real hash to verify against when the login is unknown, so both cases cost the same.
        self._dummy = hasher.hash("centre-desk timing equaliser")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
