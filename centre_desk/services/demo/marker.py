"""How a demo database is known: the setting "demo" = "1" inside it, and a note file in its folder.

Kept apart from the generator (services/demo/create.py), so that the program and the papers can ask
"is this a demo?" without loading the demo's name lists and generators.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.models.centre import AppSetting

DEMO_KEY = "demo"
FOLDER_NOTE = "DU-LIEU-MAU.txt"
FOLDER_NOTE_TEXT = (
    "Thư mục này chứa cơ sở dữ liệu MẪU của centre_desk: mọi đối tượng trong đó đều là người giả lập.\n"
    "This folder holds a centre_desk DEMO database: every resident in it is invented.\n"
)


def is_demo_session(s: Session) -> bool:
    return s.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_KEY)) == "1"


def is_demo(sessions: sessionmaker[Session]) -> bool:
    """True for a demo database (pass `centre.read_sessions`)."""
    with sessions() as s:
        return is_demo_session(s)


def is_demo_folder(data_dir: Path) -> bool:
    """Whether `data_dir` holds a demo made by create_demo (known before the database is opened, so
    that even the passphrase question is marked); the database's own "demo" setting is the authority."""
    return (data_dir / FOLDER_NOTE).is_file()
