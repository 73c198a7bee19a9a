"""One passphrase rule on every path that sets a database passphrase (issue 9, point 4)."""

from __future__ import annotations

import getpass
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from centre_desk.errors import KeyUnavailable, ValidationError
from centre_desk.i18n import _
from centre_desk.paths import tighten_data_dir
from centre_desk.security.credentials import CHEAP_ARGON2, PassphraseCustody
from centre_desk.security.keys import derive_keys, new_secret
from centre_desk.security.password_policy import check_passphrase
from tests.conftest import MANAGER_PASSWORD
from tests.test_cli import RECOVERY, cheap_passwords, run

__all__ = ["cheap_passwords"]  # the CLI's cheap hash parameters, autouse here too

SHORT = "The database passphrase must have at least 12 characters."
GOOD = "nương ngô trên đồi Sìn Hồ"


@pytest.fixture
def insecure_keyring() -> None:
    keyring.set_keyring(null.Keyring())  # the autouse memory keyring is put back afterwards


@pytest.mark.parametrize(
    ("passphrase", "field_message"),
    [
        ("abcde", SHORT),
        (unicodedata.normalize("NFD", "ngắn quá đi"), SHORT),  # 14 code points in NFD, 11 letters
        ("aaaaaaaaaaaaaaaa", None),
        ("centredesk2026", None),
        ("mật khẩu\x00 rất dài thật", None),
    ],
)
def test_weak_passphrases_are_refused(passphrase: str, field_message: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        check_passphrase(passphrase)
    assert caught.value.field == "passphrase" and caught.value.message
    if field_message is not None:
        assert caught.value.message == _(field_message)


def test_a_good_passphrase_comes_back_in_nfc() -> None:
    assert check_passphrase(unicodedata.normalize("NFD", GOOD)) == unicodedata.normalize("NFC", GOOD)


def test_custody_refuses_a_weak_passphrase_before_writing_anything(tmp_path: Path) -> None:
    custody = PassphraseCustody(tmp_path / "keys", lambda _confirm: "abcde", CHEAP_ARGON2)
    with pytest.raises(ValidationError) as caught:
        custody.save("00" * 16, derive_keys(new_secret()))
    assert caught.value.message == _(SHORT)
    assert not (tmp_path / "keys").exists()


def test_the_wrapped_keys_open_with_the_passphrase_typed_in_nfd(tmp_path: Path) -> None:
    keys = derive_keys(new_secret())
    PassphraseCustody(tmp_path, lambda _confirm: GOOD, CHEAP_ARGON2).save("ab" * 16, keys)
    nfd = unicodedata.normalize("NFD", GOOD)
    assert nfd != GOOD
    assert PassphraseCustody(tmp_path, lambda _confirm: nfd, CHEAP_ARGON2).load("ab" * 16) == keys
    with pytest.raises(KeyUnavailable):
        PassphraseCustody(tmp_path, lambda _confirm: GOOD + "!", CHEAP_ARGON2).load("ab" * 16)


def test_keys_wrapped_under_a_weak_passphrase_by_an_older_version_still_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from centre_desk.security import credentials

    keys = derive_keys(new_secret())
    monkeypatch.setattr(credentials, "check_passphrase", lambda typed: typed)  # as before the rule
    PassphraseCustody(tmp_path, lambda _confirm: "abcde", CHEAP_ARGON2).save("ef" * 16, keys)
    monkeypatch.undo()
    assert PassphraseCustody(tmp_path, lambda _confirm: "abcde", CHEAP_ARGON2).load("ef" * 16) == keys


def test_wrapped_key_file_and_its_folder_are_private(tmp_path: Path, umask_022: None) -> None:
    PassphraseCustody(tmp_path / "keys", lambda _confirm: GOOD, CHEAP_ARGON2).save("cd" * 16, derive_keys(new_secret()))
    assert _mode(tmp_path / "keys") == 0o700
    assert _mode(tmp_path / "keys" / f"{'cd' * 16}.json") == 0o600


@pytest.fixture
def umask_022() -> Iterator[None]:
    """A umask like most Linux desktops', whatever an earlier in-process CLI run left."""
    import os

    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _init_argv(data: Path, passphrase_file: Path) -> list[str]:
    return ["--data-dir", str(data), "--passphrase-file", str(passphrase_file), "init", "--manager", "giamdoc",
            "--full-name", "Lò Thị Mai", "--centre", "Trung tâm CTXH Lai Châu", "--password-stdin"]  # fmt: skip


@pytest.mark.usefixtures("insecure_keyring", "umask_022")
def test_passphrase_file_gets_the_same_rule_and_message_as_the_prompt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Today --passphrase-file takes "abcde" while the prompt demands 12 characters."""
    weak = tmp_path / "pass.txt"
    weak.write_text("abcde\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, _init_argv(tmp_path / "a", weak), MANAGER_PASSWORD + "\n")
    assert code == 1 and _(SHORT) in err and not RECOVERY.search(out)
    assert not list((tmp_path / "a").glob("keys/*.json")) and not (tmp_path / "a" / "centre.db").exists()

    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": "abcde")
    argv = [a for a in _init_argv(tmp_path / "b", weak) if a not in ("--passphrase-file", str(weak))]
    code, _out, prompt_err = run(monkeypatch, capsys, argv, MANAGER_PASSWORD + "\n")
    assert code == 1 and prompt_err == err


@pytest.mark.usefixtures("insecure_keyring", "umask_022")
def test_recover_applies_the_rule_to_the_new_passphrase(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`recover` is also the way to choose a new passphrase for keys wrapped under a weak one."""
    data, secret = tmp_path / "data", tmp_path / "pass.txt"
    secret.write_text(GOOD + "\n", encoding="utf-8")
    code, out, _err = run(monkeypatch, capsys, _init_argv(data, secret), MANAGER_PASSWORD + "\n")
    match = RECOVERY.search(out)
    assert code == 0 and match
    secret.write_text("abcde\n", encoding="utf-8")
    code, _out, err = run(
        monkeypatch, capsys, ["--data-dir", str(data), "--passphrase-file", str(secret), "recover",
                              "--recovery-key-stdin"], match.group(1) + "\n",
    )  # fmt: skip
    assert code == 1 and _(SHORT) in err
    secret.write_text(GOOD + " mới\n", encoding="utf-8")
    code, _out, err = run(
        monkeypatch, capsys, ["--data-dir", str(data), "--passphrase-file", str(secret), "recover",
                              "--recovery-key-stdin"], match.group(1) + "\n",
    )  # fmt: skip
    assert code == 0, err


def test_tightening_leaves_private_entries_and_links_alone(tmp_path: Path, umask_022: None) -> None:
    data = tmp_path / "data"
    (data / "open").mkdir(parents=True)
    (data / "open" / "a.txt").write_text("x")
    (data / "private.txt").write_text("x")
    (data / "private.txt").chmod(0o600)
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    (data / "link").symlink_to(outside)
    (data / "open" / "run.sh").write_text("#!/bin/sh\n")
    (data / "open" / "run.sh").chmod(0o755)
    assert tighten_data_dir(data) == 4  # the folder itself, open/, a.txt and run.sh
    assert _mode(data / "open" / "run.sh") == 0o700  # the owner keeps what they had
    assert {_mode(p) for p in data.rglob("*") if not p.is_symlink()} | {_mode(data)} == {0o600, 0o700}
    assert _mode(outside) == 0o644
    assert tighten_data_dir(data) == 0
