"""The note file that marks a demo's folder: read before the database is opened (and before SQLAlchemy is
imported), so that the first window, the sign-in or the passphrase question, is marked too."""

from __future__ import annotations

from pathlib import Path

FOLDER_NOTE = "DU-LIEU-MAU.txt"
FOLDER_NOTE_TEXT = (
    "Thư mục này chứa cơ sở dữ liệu MẪU của centre_desk: mọi đối tượng trong đó đều là người giả lập.\n"
    "This folder holds a centre_desk DEMO database: every resident in it is invented.\n"
)


def is_demo_folder(data_dir: Path) -> bool:
    """Whether `data_dir` holds a demo made by create_demo (known before the database is opened, so
    that even the passphrase question is marked); the database's own "demo" setting is the authority."""
    return (data_dir / FOLDER_NOTE).is_file()
