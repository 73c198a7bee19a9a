"""Showing errors: expected problems as a warning with their message; bugs with the log path."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from centre_desk import APP_NAME
from centre_desk.errors import UserError
from centre_desk.i18n import _

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, APP_NAME, exc.message)
        return
    log.error("unexpected error: %s", type(exc).__name__, exc_info=exc)
    QMessageBox.critical(parent, APP_NAME, _("Unexpected error; details are in the log."))


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught %s", kind.__name__, exc_info=(kind, exc, tb))
        app = QApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            show_error(None, exc)

    sys.excepthook = hook
