"""Logging set-up: a rotating file in <data_dir>/logs plus the console.

Privacy rule: log record ids and actions only, never names, dates of birth,
health details or free text.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

from centre_desk.paths import FILE_MODE, private_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the current one and each new one after a rollover) are 0600."""

    def _open(self) -> TextIOWrapper:
        os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE))
        if os.name == "posix":
            os.chmod(self.baseFilename, FILE_MODE)  # noqa: PTH101 - a str path, as logging keeps it
        return super()._open()


def setup_logging(log_dir: Path | None, *, level: int = logging.INFO, console: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_centre_desk", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        private_dir(log_dir)
        handlers.append(
            PrivateRotatingFileHandler(
                log_dir / "centre_desk.log", maxBytes=1_000_000, backupCount=10, encoding="utf-8"
            )
        )
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._centre_desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
