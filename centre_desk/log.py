"""Logging set-up: a rotating file in <data_dir>/logs plus the console.

Privacy rule: log record ids and actions only, never names, dates of birth,
health details or free text.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, *, level: int = logging.INFO, console: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_centre_desk", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / "centre_desk.log", maxBytes=1_000_000, backupCount=10, encoding="utf-8"
            )
        )
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._centre_desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
