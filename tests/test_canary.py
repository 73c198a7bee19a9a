"""G2.1: after writing known Vietnamese names and "HIV", no database, WAL, backup, key,
anchor or log file contains them in clear."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from centre_desk.log import setup_logging
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed

# Needles are long enough (≥ 6 bytes) that encrypted bytes never match them by chance: a
# 3-byte needle such as "HIV" turns up in a megabyte of ciphertext a few times in a hundred runs.
CANARIES = ["Sùng Thị Dợ", "Giàng A Páo", "Lò Thị Hương", "Nguyễn Thị Hường", "Trung tâm Công tác xã hội", "Dợ HIV"]


def _needles() -> list[bytes]:
    out = []
    for word in CANARIES:
        for form in ("NFC", "NFD"):
            text = unicodedata.normalize(form, word)
            out += [text.encode("utf-8"), text.encode("utf-16-le")]
    return out


def test_no_plaintext_at_rest(installed: Installed, tmp_path: Path, engine_kind: str) -> None:
    data = installed.options.data_dir
    setup_logging(data / "logs")
    try:
        centre, actor = installed.centre, installed.manager
        for i, name in enumerate(["Sùng Thị Dợ HIV", "Giàng A Páo", "Lò Thị Hương"]):
            centre.accounts.create(actor, NewAccount(f"canary{i}", name, MANAGER_PASSWORD, frozenset({Role.NURSE})))
        centre.backups.create(actor, tmp_path / "backup.cdbak")
        centre.maintenance.check(actor)
        files = [p for p in [*data.rglob("*"), tmp_path / "backup.cdbak"] if p.is_file()]
        if engine_kind == "sqlite":
            names = {p.name for p in files}
            assert {"centre.db", "centre.db-wal"} <= names, names  # the WAL is scanned while it holds data
        hits = [(p.name, n) for p in files for n in _needles() if n in p.read_bytes()]
        assert hits == []
        assert any(p.suffix == ".log" for p in files)
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_centre_desk", False)]:
            handler.close()
            root.removeHandler(handler)
