"""NFC at the service boundary, input fuzzing, and the network-share refusal."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from centre_desk.db import location
from centre_desk.errors import StorageError, ValidationError
from centre_desk.models import StaffAccount
from centre_desk.models.staff import Role
from centre_desk.reports.glyphs import unprintable
from centre_desk.services.dto import NewAccount
from centre_desk.text import fold, visible
from tests.conftest import MANAGER_PASSWORD, Installed


def _stored_full_name(installed: Installed, login: str) -> str:
    with installed.centre.sessions() as s:
        return str(s.scalar(select(StaffAccount.full_name).where(StaffAccount.login == login)))


def test_decomposed_input_is_stored_nfc(installed: Installed) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert nfd != "Nguyễn Thị Hường"
    installed.centre.accounts.create(
        installed.manager, NewAccount("huong", nfd, MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    stored = _stored_full_name(installed, "huong")
    assert stored == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", stored)


def test_decomposed_password_still_signs_in(installed: Installed) -> None:
    password = "mật khẩu có dấu đầy đủ"
    installed.centre.accounts.create(
        installed.manager,
        NewAccount("mai", "Lò Thị Mai", unicodedata.normalize("NFD", password), frozenset({Role.NURSE})),
    )
    assert installed.centre.accounts.authenticate("MAI", password).login == "mai"


names = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
    min_size=0,
    max_size=300,
) | st.sampled_from(
    [
        "x" * 10_000,
        "Đặng Đức Độ \u0000",
        "😀 Lầu Thị Chớ",
        "\u202eĐảo ngược",
        unicodedata.normalize("NFD", "Vàng A Sình"),
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(full_name=names, n=st.integers(0, 10**9))
def test_any_full_name_is_stored_faithfully_or_refused_clearly(installed: Installed, full_name: str, n: int) -> None:
    login = f"u{n}"
    try:
        installed.centre.accounts.create(
            installed.manager, NewAccount(login, full_name, MANAGER_PASSWORD, frozenset({Role.NURSE}))
        )
    except ValidationError as exc:
        assert exc.field in {"full_name", "login"} and exc.message
        return
    expected = " ".join(visible(unicodedata.normalize("NFC", full_name)).split())
    stored = _stored_full_name(installed, login)
    assert stored == expected and unprintable(stored) is None  # the receiving officer's name is on the papers


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Đức Độ", "dang duc do"),
        ("Nguyễn Thị Hường", "nguyen thi huong"),
        ("MƯỜNG TÈ", "muong te"),
        ("Ma\u200bi\u2060 X\ufeff", "mai x"),  # invisible characters are ignored …
        ("\u202eGiàng\u202c \u2066Thị\u2069 Mai\u200e", "giang thi mai"),  # … bidi controls too
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


@pytest.mark.parametrize(
    "path",
    [PureWindowsPath(r"\\may-chu\chia-se\centre.db"), PurePosixPath("//server/share/centre.db")],
)
def test_network_share_is_refused(path: PureWindowsPath | PurePosixPath) -> None:
    with pytest.raises(StorageError, match="PostgreSQL"):
        location.refuse_network_path(path)


def test_network_mount_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr(location, "_mount_type", lambda _path: "cifs")
    with pytest.raises(StorageError, match="PostgreSQL"):
        location.resolve_target(location.Path("/tmp"), "/mnt/ketoan/centre.db")
    monkeypatch.setattr(location, "_mount_type", lambda _path: "ext4")
    assert location.resolve_target(location.Path("/tmp"), "/home/ketoan/centre.db").is_sqlite
