"""Where things live: bundled resources and the per-user data directory. No Qt."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import platformdirs

from centre_desk import APP_NAME, ORG_NAME

DATA_ENV = "CENTRE_DESK_DATA"


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a crash leaves the old or the new file, never half of one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as fh:
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
