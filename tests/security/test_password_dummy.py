"""The timing equaliser for unknown logins: ready-made for the default parameters, made afresh otherwise."""

from __future__ import annotations

from centre_desk.security.passwords import DEFAULT_DUMMY, Passwords, cheap_hasher, default_hasher


def test_the_ready_dummy_has_the_default_parameters() -> None:
    hasher = default_hasher()
    assert not hasher.check_needs_rehash(DEFAULT_DUMMY)  # same cost as a real password's hash
    passwords = Passwords(hasher)
    assert not passwords.verify(None, "centre-desk timing equaliser")  # an unknown login never signs in


def test_other_parameters_get_their_own_dummy() -> None:
    cheap = cheap_hasher()
    passwords = Passwords(cheap)
    assert cheap.check_needs_rehash(DEFAULT_DUMMY)
    assert not passwords.verify(None, "x")
    assert passwords.verify(passwords.hash("đúng rồi"), "đúng rồi")
