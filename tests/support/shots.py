"""Screenshots look as on the office PCs: the bundled UI font at 10 pt, the Vietnamese catalogue."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

import centre_desk.i18n as i18n
from centre_desk.ui.fonts import UI_FAMILY, load_fonts


def as_on_screen() -> QApplication:
    load_fonts()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setFont(QFont(UI_FAMILY, 10))
    i18n.install("vi")
    return app
