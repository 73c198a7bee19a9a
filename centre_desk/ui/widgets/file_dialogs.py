"""Save and open dialogs that start where the user works: the Documents folder the first time, then
the folder used last (remembered in the user's Qt settings), never the program's working folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder() -> Path:
    """The folder used last if it is still there, else the user's Documents."""
    last = QSettings().value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def save_path(
    parent: QWidget | None, title: str, suggested_name: str, file_filter: str, suffix: str = ""
) -> Path | None:
    """Ask where to save; None when cancelled. `suffix` (".pdf") is added when the name lacks it."""
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(start_folder() / suggested_name), file_filter)
    if not name:
        return None
    path = Path(name)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    remember_folder(path)
    return path


def open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """Ask for a file to open; None when cancelled."""
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path
