"""Save and open dialogs start in Documents, then in the folder used last; every dialog of the program uses them."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QFileDialog

from centre_desk.ui.widgets import file_dialogs
from centre_desk.ui.widgets.file_dialogs import open_path, save_path

SOURCES = Path(file_dialogs.__file__).resolve().parents[2]


def test_first_in_documents_then_in_the_last_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents, usb = tmp_path / "Documents", tmp_path / "USB"
    documents.mkdir()
    usb.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: documents)
    asked: list[str] = []
    answers = iter([str(usb / "bien-ban"), "", str(usb / "sao-luu.cdbak")])

    def ask(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return next(answers), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", ask)
    assert save_path(None, "Lưu", "bien-ban.pdf", "PDF (*.pdf)", ".pdf") == usb / "bien-ban.pdf"
    assert asked[0] == str(documents / "bien-ban.pdf")
    assert save_path(None, "Lưu", "nhat-ky.csv", "CSV (*.csv)", ".csv") is None  # cancelled
    assert asked[1] == str(usb / "nhat-ky.csv")  # where the last file went
    assert open_path(None, "Mở", "Bản sao lưu (*.cdbak)") == usb / "sao-luu.cdbak"
    assert asked[2] == str(usb)
    usb.rename(tmp_path / "gone")
    assert file_dialogs.start_folder() == documents  # the stick was taken out


def test_no_window_calls_qt_file_dialogs_itself() -> None:
    """Every save and open dialog goes through ui/widgets/file_dialogs.py (start folder, suffix, memory)."""
    direct = []
    for path in sorted((SOURCES / "centre_desk").rglob("*.py")):
        if path.name == "file_dialogs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith(
                ("getSaveFileName", "getOpenFileName", "getExistingDirectory")
            ):
                direct.append(f"{path.relative_to(SOURCES)}:{node.lineno}")
    assert direct == []
