"""MainWindow: navigation between pages, menus and the status bar — nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from centre_desk import APP_NAME, __version__
from centre_desk.i18n import _, language
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import role_name
from centre_desk.ui.widgets.elided_label import ElidedLabel
from centre_desk.ui.widgets.window_fit import fit_window


@dataclass(frozen=True)
class PageSpec:
    key: str  # "overview", "residents", … — stable, used to restore the last page
    title: str
    widget: QWidget


class MainWindow(QMainWindow):
    lock_requested = Signal()
    change_password_requested = Signal()
    sign_out_requested = Signal()
    language_chosen = Signal(str)
    quit_requested = Signal()  # the user closed the window (not a sign-out)

    def __init__(self, centre_name: str, where: str, actor: Actor, pages: list[PageSpec]) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {centre_name}")
        self._pages = pages
        self._closing_for_sign_out = False
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget()
        for page in pages:
            item = QListWidgetItem(page.title)
            item.setSizeHint(QSize(170, 36))
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.navigation.addItem(item)
            self.stack.addWidget(page.widget)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._build_menus()
        self._build_status_bar(actor, where)
        fit_window(self, QSize(1366, 768), "mainWindow")  # the whole screen of the usual office PC

    def show_page(self, key: str) -> bool:
        for row, page in enumerate(self._pages):
            if page.key == key:
                self.navigation.setCurrentRow(row)
                return True
        return False

    def current_page(self) -> str:
        return self._pages[self.stack.currentIndex()].key

    def _build_menus(self) -> None:
        system = self.menuBar().addMenu(_("&System"))
        lock = QAction(_("&Lock screen"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.triggered.connect(self.lock_requested)
        password = QAction(_("Change &password…"), self)
        password.triggered.connect(self.change_password_requested)
        sign_out = QAction(_("Sign &out"), self)
        sign_out.triggered.connect(self.sign_out_requested)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (lock, password, sign_out):
            system.addAction(action)
        system.addSeparator()
        system.addAction(quit_action)
        self.lock_action = lock

        languages = self.menuBar().addMenu(_("&Language"))
        group = QActionGroup(self)
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == language())
            action.triggered.connect(lambda _checked=False, c=code: self._on_language(c))
            group.addAction(action)
            languages.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About CentreDesk"), self)
        about.triggered.connect(self._on_about)
        help_menu.addAction(about)

    def _build_status_bar(self, actor: Actor, where: str) -> None:
        roles = ", ".join(role_name(r) for r in sorted(actor.roles))
        user = QLabel(_("User: {name} ({login})").format(name=actor.full_name or actor.login, login=actor.login))
        user.setObjectName("statusUser")
        role = QLabel(_("Role: {roles}").format(roles=roles))
        role.setObjectName("statusRole")
        database = ElidedLabel(_("Database: {where}").format(where=where))
        database.setObjectName("databaseLocation")
        for label in (user, role):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(database)

    def _on_language(self, code: str) -> None:
        self.language_chosen.emit(code)
        QMessageBox.information(self, APP_NAME, _("The new language is used from the next start of the program."))

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            _("About CentreDesk"),
            _(
                "CentreDesk {version}\n\nCase management for social protection centres caring for victims of "
                "human trafficking.\nData is encrypted on this computer and every access is recorded in the "
                "audit trail.\n\nFonts: Liberation Sans and Serif (SIL Open Font License 1.1)."
            ).format(version=__version__),
        )

    def close_for_sign_out(self) -> None:
        self._closing_for_sign_out = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_sign_out:
            self.quit_requested.emit()
        event.accept()
