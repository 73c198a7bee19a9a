"""Staff passwords: Argon2id hashing and verification (the rules live in password_policy)."""

from __future__ import annotations

import argon2
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST


def default_hasher() -> PasswordHasher:
    """argon2-cffi's RFC 9106 low-memory profile (t=3, 64 MiB, p=4): above OWASP's minimum."""
    return PasswordHasher()


def cheap_hasher() -> PasswordHasher:
    """For tests only."""
    return PasswordHasher.from_parameters(CHEAPEST)


# A real hash (of a phrase nobody types) with default_hasher()'s parameters, made once in advance: verifying
# against it costs what verifying a real password costs. Hashing it afresh at every start would add ~0.15 s
# to each command-line call.
DEFAULT_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$xlIOSVbet4p+1Z1WIz90UQ$hg26f7MURIZPQH6ni+Xw4MV1c9gZ7Dp/qPVO/I/TvT0"


class Passwords:
    def __init__(self, hasher: PasswordHasher) -> None:
        self._hasher = hasher
        # A hash to verify against when the login is unknown, so both cases cost the same; the ready one
        # when its parameters are the hasher's.
        if hasher.check_needs_rehash(DEFAULT_DUMMY):
            self._dummy = hasher.hash("centre-desk timing equaliser")
        else:
            self._dummy = DEFAULT_DUMMY

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
