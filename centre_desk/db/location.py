"""Which database to open: an encrypted SQLite file on a local disk, or a PostgreSQL server."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from typing import TYPE_CHECKING

from centre_desk.errors import StorageError
from centre_desk.i18n import N_, _
from centre_desk.paths import write_atomic

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DB_FILE = "centre.db"
CONNECTION_FILE = "connection.json"
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre", "ncpfs",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs",
}  # fmt: skip


def parse_url(text: str) -> URL:
    """sqlalchemy's make_url, imported only for a URL: a database file is found without SQLAlchemy (the
    desktop program looks for it before its sign-in window is drawn)."""
    from sqlalchemy.engine import make_url

    return make_url(text)


@dataclass(frozen=True)
class DatabaseTarget:
    """Where the data lives. `path` for SQLCipher, `url` (without password) for PostgreSQL."""

    data_dir: Path
    path: Path | None = None
    url: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """For status bars and messages: the file, or the server without any password."""
        if self.path is not None:
            return str(self.path)
        assert self.url is not None
        return parse_url(self.url).render_as_string(hide_password=True)

    def secret_name(self) -> str:
        """The keyring entry holding the PostgreSQL password."""
        assert self.url is not None
        url = parse_url(self.url)
        return f"postgresql:{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def resolve_target(data_dir: Path, db: str | None = None) -> DatabaseTarget:
    """--db URL wins; then <data_dir>/connection.json; then <data_dir>/centre.db."""
    if db is None:
        saved = data_dir / CONNECTION_FILE
        if saved.exists():
            db = str(json.loads(saved.read_text(encoding="utf-8"))["url"])
    if db is None:
        return DatabaseTarget(data_dir=data_dir, path=data_dir / DB_FILE)
    if db.startswith(("postgresql:", "postgresql+")):
        url = parse_url(db)
        if url.drivername != "postgresql+psycopg":
            url = url.set(drivername="postgresql+psycopg")
        return DatabaseTarget(data_dir=data_dir, url=url.render_as_string(hide_password=False))
    if db.startswith("sqlite:"):
        database = parse_url(db).database
        if not database:
            raise StorageError(_("An in-memory database cannot hold case records."))
        db = database
    path = Path(db).expanduser()
    refuse_network_path(path)
    return DatabaseTarget(data_dir=data_dir, path=path.resolve())


def save_connection(data_dir: Path, url: str) -> None:
    """Remember a PostgreSQL server for this PC (the password goes to the keyring, not here)."""
    clean = parse_url(url).set(password=None).render_as_string(hide_password=False)
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(data_dir / CONNECTION_FILE, json.dumps({"url": clean}).encode())


def url_with_password(url: str, password: str | None) -> URL:
    parsed = parse_url(url)
    if password is not None and parsed.password is None:
        parsed = parsed.set(password=password)
    return parsed


NETWORK_MESSAGE = N_(
    "The database file must be on this computer's own disk. A database file on a network "
    "drive or shared folder gets damaged. To work from several computers, set up a PostgreSQL "
    "server (see the section 'Several computers' in the README)."
)


def refuse_network_path(path: PurePath) -> None:
    if is_network_path(path):
        raise StorageError(_(NETWORK_MESSAGE))


def is_network_path(path: PurePath) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_remote_drive(PureWindowsPath(text))
    return _mount_type(Path(text)) in _NETWORK_FS


def _windows_remote_drive(path: PureWindowsPath) -> bool:
    import ctypes  # Windows only: kept local so other platforms never load the binding

    drive = path.drive
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)


def _mount_type(path: Path) -> str:
    """The filesystem type of the mount holding `path` (Linux: from /proc/self/mounts)."""
    mounts = Path("/proc/self/mounts")
    if not mounts.exists():
        return ""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    real = os.path.realpath(probe)
    best, best_type = "", ""
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = real == mount_point or real.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type
