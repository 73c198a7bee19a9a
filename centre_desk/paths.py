"""Where things live: bundled resources and the per-user data directory. No Qt.

On POSIX every folder the program makes is 0700 and every file it writes 0600: the process
umask is 077 from the start of either front end (`restrict_new_files`), `write_atomic` and
`private_dir` set the modes explicitly, and `tighten_data_dir` corrects what an older version
or another tool left readable by others. On Windows the data folder under %LOCALAPPDATA% is
already private to the user through inherited ACLs (see docs/file-permissions.md).
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
from pathlib import Path

import platformdirs

from centre_desk import APP_NAME, ORG_NAME

log = logging.getLogger(__name__)

DATA_ENV = "CENTRE_DESK_DATA"
PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700
_POSIX = os.name == "posix"


def _resource_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource("fonts", "LiberationSerif-Regular.ttf")."""
    return _resource_root().joinpath(*parts)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the override, else $CENTRE_DESK_DATA, else the user data dir."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME, roaming=False))


def restrict_new_files() -> None:
    """From now on this process creates files 0600 and folders 0700 (POSIX); called first thing
    by both front ends, so SQLite's files, logs, ui.ini, PDFs and exports are covered too."""
    if _POSIX:
        os.umask(PRIVATE_UMASK)


def private_dir(directory: Path) -> Path:
    """Create `directory` (and missing parents) readable by this user only."""
    directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if _POSIX and stat.S_IMODE(directory.stat().st_mode) & 0o077:
        directory.chmod(DIR_MODE)
    return directory


def tighten_data_dir(directory: Path) -> int:
    """Take away group and other access from the data folder and everything in it (so files
    become 0600 and folders 0700; the owner's own rights and symbolic links are left alone).
    Returns how many entries were changed; logged once, with the count only."""
    if not _POSIX or not directory.is_dir():
        return 0
    changed = 0
    for path in [directory, *_walk(directory)]:
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode) or not info.st_mode & 0o077:
                continue
            path.chmod(stat.S_IMODE(info.st_mode) & ~0o077)
            changed += 1
        except OSError:
            continue  # vanished meanwhile, or not ours: looked at again at the next start
    if changed:
        log.info("data folder: group and other access removed from %d entries", changed)
    return changed


def _walk(directory: Path) -> list[Path]:
    """Every folder and file below `directory`, without following links to folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        found += [Path(root, name) for name in (*dirs, *files)]
    return found


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` (mode 0600) so a crash leaves the old or the new file, never half
    of one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        if _POSIX:
            os.fchmod(fh.fileno(), FILE_MODE)  # a leftover .tmp keeps its old mode through O_CREAT
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in `directory` survive a power cut (no-op on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
