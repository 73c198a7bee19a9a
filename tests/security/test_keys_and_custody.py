"""Recovery-key format, which keyring backends may hold keys, and the passphrase mode."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import keyring
import pytest
from hypothesis import given
from hypothesis import strategies as st
from keyring.backends import chainer, fail, null

from centre_desk.errors import KeyUnavailable, ValidationError
from centre_desk.i18n import _
from centre_desk.security.credentials import (
    CHEAP_ARGON2,
    KEYRING_REFUSED,
    KeyringCustody,
    KeyStoreRefused,
    KeyStoreUnreachable,
    LayeredCustody,
    PassphraseCustody,
    WrongPassphrase,
    backend_is_secure,
)
from centre_desk.security.keys import (
    SECRET_BYTES,
    derive_keys,
    format_recovery_key,
    new_secret,
    parse_recovery_key,
)
from centre_desk.security.password_policy import check_passphrase
from tests.support.memory_keyring import LockedKeyring, MemoryKeyring


@given(st.binary(min_size=SECRET_BYTES, max_size=SECRET_BYTES))
def test_recovery_key_round_trips(secret: bytes) -> None:
    text = format_recovery_key(secret)
    assert len(text.replace("-", "")) == 40
    assert parse_recovery_key(text) == secret
    assert parse_recovery_key(" " + text.lower().replace("-", " ") + "\n") == secret


@given(
    st.binary(min_size=SECRET_BYTES, max_size=SECRET_BYTES),
    st.integers(0, 39),
    st.sampled_from("ABCDEFGHJKMNPQRSTUVWXYZ234567"),
)
def test_a_single_typo_is_caught(secret: bytes, position: int, letter: str) -> None:
    chars = list(format_recovery_key(secret).replace("-", ""))
    if chars[position] == letter:
        return
    chars[position] = letter
    with pytest.raises(ValidationError):
        parse_recovery_key("".join(chars))


def test_lookalike_digits_are_forgiven() -> None:
    secret = bytes(range(SECRET_BYTES))
    text = format_recovery_key(secret)
    assert parse_recovery_key(text.replace("O", "0").replace("I", "1").replace("B", "8")) == secret


def test_derived_keys_are_independent() -> None:
    keys = derive_keys(new_secret())
    assert len({keys.database, keys.audit, keys.backup}) == 3
    assert "hidden" in repr(keys) and keys.database.hex() not in repr(keys)


class _PlaintextLike(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (not installed: never a dependency)."""


_PlaintextLike.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize(
    ("backend", "secure"),
    [
        (MemoryKeyring(), True),
        (fail.Keyring(), False),
        (null.Keyring(), False),
        (_PlaintextLike(), False),
    ],
)
def test_backend_security(backend: keyring.backend.KeyringBackend, secure: bool) -> None:
    assert backend_is_secure(backend) is secure


def test_a_chain_is_only_as_secure_as_its_weakest_member(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = chainer.ChainerBackend()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [MemoryKeyring(), _PlaintextLike()])
    assert not backend_is_secure(chain)
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [MemoryKeyring()])
    assert backend_is_secure(chain)


@pytest.mark.parametrize("insecure", [null.Keyring(), fail.Keyring(), _PlaintextLike()])
def test_insecure_backends_never_store_keys(insecure: keyring.backend.KeyringBackend, tmp_path: Path) -> None:
    keyring.set_keyring(insecure)
    asked: list[bool] = []

    def ask(confirm: bool) -> str:
        asked.append(confirm)
        return "cụm mật khẩu dài của trung tâm"

    custody = LayeredCustody(PassphraseCustody(tmp_path, ask, CHEAP_ARGON2))
    keys = derive_keys(new_secret())
    custody.save("abc123", keys)
    assert asked == [True]
    if isinstance(insecure, MemoryKeyring):
        assert insecure.entries == {}
    wrapped = (tmp_path / "abc123.json").read_text()
    assert keys.database.hex() not in wrapped
    assert custody.load("abc123") == keys
    assert asked == [True, False]


def test_wrong_passphrase_fails_closed(tmp_path: Path) -> None:
    answers = iter(["cụm mật khẩu đúng của trung tâm", "cụm sai"])
    custody = PassphraseCustody(tmp_path, lambda _confirm: next(answers), CHEAP_ARGON2)
    custody.save("db1", derive_keys(new_secret()))
    with pytest.raises(KeyUnavailable):
        custody.load("db1")


def test_keyring_custody_round_trip(memory_keyring: MemoryKeyring) -> None:
    keys = derive_keys(new_secret())
    custody = KeyringCustody()
    assert custody.load("x") is None
    custody.save("x", keys)
    assert custody.load("x") == keys
    custody.forget("x")
    assert memory_keyring.entries == {}


def test_keyrings_alt_is_not_a_dependency() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "keyrings.alt" not in pyproject and "keyrings-alt" not in pyproject


def test_the_passphrase_rule_is_one_function() -> None:
    check_passphrase("mười hai chữ")  # 12 characters
    with pytest.raises(ValidationError, match="12") as short:
        check_passphrase("mười một ch")
    assert short.value.field == "passphrase"
    with pytest.raises(ValidationError) as differ:
        check_passphrase("cụm mật khẩu dài", "cụm mật khẩu dai")
    assert differ.value.field == "passphrase_repeat"


def test_a_wrong_passphrase_is_told_apart_and_an_nfd_one_still_opens(tmp_path: Path) -> None:
    right = "khóa của Trung tâm Lai Châu"
    answers = iter([right, "khóa sai của ai đó", unicodedata.normalize("NFD", right)])
    custody = PassphraseCustody(tmp_path, lambda _confirm: next(answers), CHEAP_ARGON2)
    keys = derive_keys(new_secret())
    custody.save("db1", keys)
    with pytest.raises(WrongPassphrase):
        custody.load("db1")
    assert custody.load("db1") == keys  # typed by an input method that decomposes the accents
    written = custody.written_at("db1")
    assert written is not None and written.date() == date.today()


@pytest.mark.expect_log_warnings
def test_a_keyring_refusing_to_store_leaves_nothing_half_stored(tmp_path: Path) -> None:
    locked = LockedKeyring()
    keyring.set_keyring(locked)
    custody = LayeredCustody(PassphraseCustody(tmp_path, _never, CHEAP_ARGON2))
    assert custody.uses_keyring  # it looks secure until it is asked to store
    with pytest.raises(KeyStoreRefused) as refused:
        custody.save("db1", derive_keys(new_secret()))
    assert refused.value.message == _(KEYRING_REFUSED)
    assert locked.entries == {} and not any(tmp_path.iterdir())


@pytest.mark.expect_log_warnings
def test_unreachable_keyring_is_told_apart_from_a_missing_entry(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    custody = LayeredCustody(PassphraseCustody(tmp_path, _never, CHEAP_ARGON2))
    assert custody.load("db1") is None  # the keyring answers: no entry (open_centre says KeyMissing)
    keyring.set_keyring(LockedKeyring(refuse_reads=True))
    with pytest.raises(KeyStoreUnreachable) as locked:
        custody.load("db1")
    assert not locked.value.no_service  # a locked keyring: unlocking it may be all that is needed
    keyring.set_keyring(fail.Keyring())  # no Secret Service (no D-Bus): keyring falls back to this
    with pytest.raises(KeyStoreUnreachable) as absent:
        custody.load("db1")
    assert absent.value.no_service and absent.value.message != locked.value.message


def test_a_database_in_passphrase_mode_never_asks_the_keyring(tmp_path: Path) -> None:
    passphrase = "cụm mật khẩu khi khóa hệ thống bị khóa"
    keys = derive_keys(new_secret())
    keyring.set_keyring(LockedKeyring(refuse_reads=True))
    custody = LayeredCustody(PassphraseCustody(tmp_path, lambda _c: passphrase, CHEAP_ARGON2), keyring_allowed=False)
    assert not custody.uses_keyring
    custody.save("db1", keys)
    reopened = LayeredCustody(PassphraseCustody(tmp_path, lambda _c: passphrase, CHEAP_ARGON2))
    assert reopened.needs_passphrase("db1") and reopened.load("db1") == keys


def test_keys_moved_to_a_secure_keyring_leave_no_stale_passphrase_file(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    keys = derive_keys(new_secret())
    wrapped = PassphraseCustody(tmp_path, lambda _c: "cụm mật khẩu cũ đã quên", CHEAP_ARGON2)
    wrapped.save("db1", keys)
    LayeredCustody(PassphraseCustody(tmp_path, _never, CHEAP_ARGON2)).save("db1", keys)  # a recovery
    assert not wrapped.exists("db1") and len(memory_keyring.entries) == 3


def _never(confirm: bool) -> str:
    raise AssertionError("no passphrase is asked here")
