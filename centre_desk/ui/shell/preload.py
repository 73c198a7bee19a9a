"""The main window's pages imported on a worker thread while the person types at the sign-in window (issue 15):
pressing Đăng nhập then finds them ready. Light itself (no Qt, no database layer), so app.py can hold it."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from centre_desk.security.actor import Actor
    from centre_desk.services.installation import Centre
    from centre_desk.ui.events import AppEvents
    from centre_desk.ui.shell.desktop import DesktopSession
    from centre_desk.ui.shell.main_window import PageSpec

PRELOAD_AFTER_MS = 300  # then the pages are imported while the person types (start_preloading)
PRELOAD_NICENESS = 19
_preloading: list[threading.Thread] = []  # the worker importing the pages, while the sign-in window is up


def start_preloading() -> None:
    """Import the main window's pages (and the services behind them) on a worker thread, so the sign-in
    window does not wait for them and pressing Đăng nhập does not either. No widget is made there."""
    if not _preloading and "centre_desk.ui.shell.pages" not in sys.modules:
        worker = threading.Thread(target=_import_pages, daemon=True)
        _preloading.append(worker)
        worker.start()


def _import_pages() -> None:
    if hasattr(os, "setpriority"):  # Linux: the lowest priority for this thread, so keys typed meanwhile come first
        with contextlib.suppress(OSError):  # not allowed here: at the normal priority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), PRELOAD_NICENESS)
    importlib.import_module("centre_desk.ui.shell.pages")
    resolve_qt_classes()


def resolve_qt_classes() -> None:
    """PySide6 makes its classes and their enums when first used (lazy loading): building the main window's
    pages would make some 125 enum types on the UI thread, 0.4–0.9 s. Made here, on the worker, at once."""
    from PySide6 import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            getattr(module, name, None)


def wait_for_pages() -> None:
    """Until the worker has imported the pages (if it runs). The sign-in dialog calls it on its own worker after
    the password check, so the UI thread never blocks on the import (the dialog stays busy meanwhile)."""
    for worker in _preloading:
        worker.join()  # before importing elsewhere: one thread imports a module graph at a time


def preloaded_pages() -> Callable[[Centre, Actor, AppEvents, DesktopSession], list[PageSpec]]:
    """pages.build_pages, once the worker has imported it (imported here if it never started)."""
    wait_for_pages()
    from centre_desk.ui.shell.pages import build_pages

    return build_pages
