"""The main window shell (a placeholder until the staff and login screens land)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from centre_desk import APP_NAME, __version__
from centre_desk.i18n import _


class MainWindow(QMainWindow):
    def __init__(self, centre_name: str, where: str) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} — {centre_name}")
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel(centre_name)
        title.setObjectName("centreName")
        font = title.font()
        font.setPointSize(18)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(_("The database is open and verified. Sign-in and the work screens come in the next version."))
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addStretch(2)
        self.setCentralWidget(body)
        where_label = QLabel(_("Database: {where}").format(where=where) + f"   ·   {APP_NAME} {__version__}")
        where_label.setObjectName("databaseLocation")
        self.statusBar().addPermanentWidget(where_label)
        self.resize(900, 560)
