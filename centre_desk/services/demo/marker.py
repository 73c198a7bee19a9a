"""How a demo database is known: the setting "demo" = "1" inside it, and a note file in its folder.

Kept apart from the generator (services/demo/create.py), so that the program and the papers can ask
"is this a demo?" without loading the demo's name lists and generators.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.demo_folder import FOLDER_NOTE, FOLDER_NOTE_TEXT, is_demo_folder
from centre_desk.models.centre import AppSetting

__all__ = ["DEMO_KEY", "FOLDER_NOTE", "FOLDER_NOTE_TEXT", "is_demo", "is_demo_folder", "is_demo_session"]

DEMO_KEY = "demo"


def is_demo_session(s: Session) -> bool:
    return s.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_KEY)) == "1"


def is_demo(sessions: sessionmaker[Session]) -> bool:
    """True for a demo database (pass `centre.read_sessions`)."""
    with sessions() as s:
        return is_demo_session(s)
