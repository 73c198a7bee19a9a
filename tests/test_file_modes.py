"""Everything the program writes is private to the user on POSIX: folders 0700, files 0600
(issue 9, point 4). Run through the command line, the way staff and scripts use it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import Passwords, cheap_hasher
from centre_desk.services.installation import Options, open_centre
from tests.conftest import MANAGER_PASSWORD
from tests.support.registry_data import admit
from tests.test_cli import RECOVERY, cheap_passwords, run

__all__ = ["cheap_passwords"]  # the CLI's cheap hash parameters, autouse here too

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows relies on the profile's ACLs")
PASSPHRASE = "nương ngô trên đồi Sìn Hồ"


@pytest.fixture
def world_readable_umask() -> Iterator[None]:
    """The usual 022 of a Linux desktop; restored afterwards (the CLI sets 077 for the process)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _modes(root: Path) -> dict[str, str]:
    """Every entry that group or others can reach: {relative path: octal mode}."""
    found = {}
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found[str(path.relative_to(root))] = oct(mode)
    return found


def test_everything_in_the_data_folder_is_private(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, world_readable_umask: None
) -> None:
    """Today the database, its WAL, keys/<id>.json, backups, anchors, logs and saved files are 0644."""
    keyring.set_keyring(null.Keyring())  # the passphrase-wrapped key file, keys/<id>.json
    data, secret = tmp_path / "data", tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    base = ["--data-dir", str(data), "--passphrase-file", str(secret)]
    signed = ["--user", "giamdoc", "--password-stdin"]
    code, out, err = run(
        monkeypatch, capsys, [*base, "init", "--manager", "giamdoc", "--full-name", "Lò Thị Mai", "--centre",
                              "Trung tâm CTXH Lai Châu", "--password-stdin", "--recovery-pdf",
                              str(data / "recovery.pdf")], MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and RECOVERY.search(out), err
    options = Options(
        data, ask_passphrase=lambda _confirm: PASSPHRASE, passwords=Passwords(cheap_hasher()),
        custody=LayeredCustody(PassphraseCustody(data / "keys", lambda _confirm: PASSPHRASE, CHEAP_ARGON2)),
    )  # fmt: skip
    centre = open_centre(options)
    try:
        code_of_resident = admit(centre, centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD), "Giàng Thị Dợ").code
    finally:
        centre.close()
    for argv in (
        [*base, "backup", *signed],
        [*base, "check", *signed],
        [*base, "residents", "-o", str(data / "export.csv"), *signed],
        [*base, "print", "admission-record", code_of_resident, "-o", str(data / "paper.pdf"), *signed],
    ):
        code, _out, err = run(monkeypatch, capsys, argv, MANAGER_PASSWORD + "\n")
        assert code == 0, (argv, err)
    written = {p.relative_to(data).parts[0] for p in data.rglob("*")}
    assert {"centre.db", "keys", "backups", "anchors", "logs", "export.csv", "paper.pdf", "recovery.pdf"} <= written
    assert _modes(data) == {}


def test_an_older_installation_is_tightened_when_it_is_opened(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, world_readable_umask: None
) -> None:
    data = tmp_path / "data"
    code, _out, err = run(
        monkeypatch, capsys, ["--data-dir", str(data), "init", "--manager", "giamdoc", "--full-name", "Lò Thị Mai",
                              "--centre", "Trung tâm CTXH Lai Châu", "--password-stdin"], MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, err
    os.umask(0o022)
    for path in [data, *data.rglob("*")]:  # as an older version (or a copy with cp -r) left it
        path.chmod(0o755 if path.is_dir() else 0o644)
    code, _out, err = run(
        monkeypatch, capsys, ["--data-dir", str(data), "check", "--user", "giamdoc", "--password-stdin"],
        MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert _modes(data) == {}
    log_text = (data / "logs" / "centre_desk.log").read_text(encoding="utf-8")
    assert log_text.count("group and other access removed") == 1
