"""The one cross-screen hub: after a successful write a page emits data_changed(kind)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    data_changed = Signal(str)  # "account", "centre", "backup", ...
