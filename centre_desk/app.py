"""The desktop program's composition root: QApplication, language, fonts, the opened
installation, sign-in, the main window with its pages, the idle lock and the daily backup."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from centre_desk import APP_NAME, ORG_NAME
from centre_desk.db.location import resolve_target
from centre_desk.errors import UserError
from centre_desk.i18n import N_, _, install
from centre_desk.i18n import language as current_language
from centre_desk.log import setup_logging
from centre_desk.paths import private_dir, restrict_new_files, tighten_data_dir
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.demo import is_demo, is_demo_folder
from centre_desk.services.dto import BackupInfo, NewAccount
from centre_desk.services.installation import Centre, Options, initialise
from centre_desk.services.settings import CentreDetails
from centre_desk.ui.errors import install_excepthook, show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.lock.idle import IdleMonitor
from centre_desk.ui.lock.screen import LockController
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog, SignIn
from centre_desk.ui.qt_strings import CatalogueTranslator
from centre_desk.ui.shell.demo_marker import DemoMarker
from centre_desk.ui.shell.main_window import MainWindow
from centre_desk.ui.startup import CENTRE_NAME_KEY
from centre_desk.ui.tasks import run_task, wait_for_writes
from centre_desk.ui.unlock.flow import open_installation

if TYPE_CHECKING:
    from centre_desk.ui.first_run.wizard import CreateDatabase
    from centre_desk.ui.lodging.page import LodgingPage
    from centre_desk.ui.shell.main_window import PageSpec
    from centre_desk.ui.shell.residents import ResidentsFlow

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 60 * 60 * 1000  # look every hour whether the daily backup is due
AUDIT_ALARM = N_(
    "The audit trail no longer matches its reference copies: rows may have been removed, or a reference file "
    "replaced by an older one. Nothing has been changed and the copies are kept as evidence. Run the integrity "
    "check (centre-desk check) and ask for technical help before repairing anything."
)


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


def preloaded_pages() -> Callable[[Centre, Actor, AppEvents, DesktopSession], list[PageSpec]]:
    """pages.build_pages, once the worker has imported it (imported here if it never started)."""
    for worker in _preloading:
        worker.join()  # before importing here: one thread imports a module graph at a time
    from centre_desk.ui.shell.pages import build_pages

    return build_pages


class DesktopSession(QObject):
    """Sign-in → main window → lock / sign out / switch user, for one opened installation."""

    def __init__(self, app: QApplication, centre: Centre, settings: QSettings) -> None:
        super().__init__()
        self.app = app
        self.centre = centre
        self.settings = settings
        self.events = AppEvents()
        self.window: MainWindow | None = None
        self.actor: Actor | None = None
        self.lock: LockController | None = None
        self.idle: IdleMonitor | None = None
        self.residents: ResidentsFlow | None = None
        self.lodging: LodgingPage | None = None  # the "Phòng ở" page: bed board and census
        self._daily = QTimer(self)
        self._daily.timeout.connect(self._start_daily_backup)
        self._daily.start(BACKUP_CHECK_MS)

    def sign_in(self, signed: SignIn | Actor | None = None) -> bool:
        """Ask for a sign-in (unless one is given) and open the main window; a temporary password
        is replaced first, without asking again for the password just typed."""
        if isinstance(signed, Actor):
            signed = SignIn(signed)
        while signed is None:
            signed = LoginDialog.ask(None, self.centre.accounts, self.centre.centre_name())
            if signed is None:
                return False
        actor = signed.actor
        if actor.must_change_password and not ChangePasswordDialog.ask(
            None, self.centre.accounts, actor, forced=True, proof=signed.temporary_password
        ):
            return self.sign_in()
        self._open_window(actor)
        return True

    def _open_window(self, actor: Actor) -> None:
        build_pages = preloaded_pages()
        window = MainWindow(
            self.centre.centre_name(),
            self.centre.target.describe(),
            actor,
            build_pages(self.centre, actor, self.events, self),
        )
        window.show_page(str(self.settings.value("last_page", "overview")))
        self.lock = LockController(self.centre.accounts, actor, self)
        self.lock.switch_user.connect(self._on_switch_user)
        self.lock.watch_hotkey()
        window.lock_requested.connect(self.lock.lock)
        window.sign_out_requested.connect(self._on_sign_out)
        window.change_password_requested.connect(lambda: self._change_password(actor))
        window.language_chosen.connect(lambda code: self.settings.setValue("language", code))
        window.quit_requested.connect(self.app.quit)
        self.idle = IdleMonitor(self.centre.settings.idle_minutes(), self)
        self.idle.idle.connect(self.lock.lock)
        self.lock.unlocked.connect(self.idle.resume)
        self.lock.locked.connect(self.idle.pause)
        self.events.data_changed.connect(self._on_data_changed)
        self.window, self.actor = window, actor
        window.show()
        if self.centre.audit.alarm is not None and actor.can(Action.VIEW, FieldGroup.AUDIT):
            QMessageBox.warning(window, APP_NAME, _(AUDIT_ALARM))  # the sign-in's own row found it (the log says how)
        self._start_daily_backup()

    def _on_data_changed(self, kind: str) -> None:
        if kind == "settings" and self.idle is not None:
            self.idle.set_minutes(self.centre.settings.idle_minutes())

    def _change_password(self, actor: Actor) -> None:
        ChangePasswordDialog.ask(self.window, self.centre.accounts, actor)

    def _close_window(self) -> None:
        if self.idle is not None:
            self.idle.stop()
        if self.lock is not None:
            self.lock.dispose()
        if self.window is not None:
            self.settings.setValue("last_page", self.window.current_page())
            for widget in QApplication.topLevelWidgets():
                if widget is not self.window and widget.isVisible():
                    widget.close()
            self.window.close_for_sign_out()
            self.window.deleteLater()
        self.window = self.lock = self.idle = self.actor = None
        self.events = AppEvents()  # the closed window's pages hear nothing more

    def _on_sign_out(self) -> None:
        self._close_window()
        if not self.sign_in():
            self.app.quit()

    def _on_switch_user(self, other: SignIn) -> None:
        self._close_window()
        self.sign_in(other)

    def request_restore(self, path: Path) -> None:
        """Restore a backup: everyone is signed out, the database replaced and reopened."""
        assert self.window is not None and self.actor is not None
        actor = self.actor
        progress = QProgressDialog(_("Restoring the backup…"), "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.show()

        def close_progress() -> None:
            if shiboken6.isValid(progress):  # gone with its window if the window was closed meanwhile
                progress.close()

        def done(result: object) -> None:
            close_progress()
            assert isinstance(result, tuple)
            self._close_window()
            self.centre = result[0]
            QMessageBox.information(None, APP_NAME, _("The backup has been restored. Please sign in again."))
            if not self.sign_in():
                self.app.quit()

        def failed(exc: BaseException) -> None:
            close_progress()
            show_error(self.window, exc)

        from centre_desk.services.recovery import restore  # only when a restore is asked for

        run_task(self, lambda: restore(self.centre, actor, path), done, failed, writes_db=True)

    def _start_daily_backup(self) -> None:
        def done(info: BackupInfo | None) -> None:
            if info is not None:
                self.events.data_changed.emit("backup")
                if self.window is not None:
                    self.window.statusBar().showMessage(_("Daily backup written and verified."), 10_000)

        def failed(exc: BaseException) -> None:
            log.error("daily backup failed: %s", type(exc).__name__)
            message = exc.message if isinstance(exc, UserError) else _("Unexpected error; details are in the log.")
            QMessageBox.warning(self.window, APP_NAME, _("The daily backup failed: {message}").format(message=message))

        run_task(self, self.centre.backups.run_daily_if_due, done, failed, writes_db=True)


def _load_qt_translations(app: QApplication) -> None:
    """Qt's own catalogue where Qt has one; ours for the strings Qt has no Vietnamese for."""
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(current_language()), "qtbase", "_", path):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(current_language()))  # month and day names in calendars, file sizes in dialogs
    if current_language() != "en":
        app.installTranslator(CatalogueTranslator(app))


def run(options: Options, language: str | None = None, *, debug: bool = False) -> int:
    """Start the desktop program; `language` (from --lang) overrides the saved choice; `debug` (--debug) starts
    the UI watchdog (stalls over 100 ms go to the log with the UI thread's stack)."""
    restrict_new_files()  # files 0600 (ui.ini, PDFs, exports …), folders 0700
    setup_logging(options.data_dir / "logs")
    tighten_data_dir(private_dir(options.data_dir))
    settings = QSettings(str(options.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    install(language or str(settings.value("language", "vi")))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setQuitOnLastWindowClosed(False)
    install_excepthook()
    if debug:
        from centre_desk.ui.watchdog import Watchdog

        Watchdog(parent=app).start()
    _load_qt_translations(app)
    load_fonts()
    font = app.font()
    font.setFamily(UI_FAMILY)
    app.setFont(font)
    if gaps := missing_letters():
        log.error("the screen font lacks Vietnamese letters in: %s", ", ".join(gaps))
    marked = is_demo_folder(options.data_dir)
    if marked:  # before any question, the passphrase one included
        DemoMarker.install(app)
    centre = _first_run(options) if not _database_exists(options) else open_installation(options)
    if centre is None:
        return 1
    if not marked and is_demo(centre.read_sessions):
        DemoMarker.install(app)  # "DỮ LIỆU MẪU" on every window, the sign-in dialog included
    settings.setValue(CENTRE_NAME_KEY, centre.centre_name())  # for the start-up window next time
    session = DesktopSession(app, centre, settings)
    QTimer.singleShot(PRELOAD_AFTER_MS, start_preloading)  # the sign-in window painted and focused first
    try:
        if not session.sign_in():
            return 0
        return app.exec()
    finally:
        wait_for_writes()
        session.centre.close()


def _database_exists(options: Options) -> bool:
    target = resolve_target(options.data_dir, options.db)
    return target.path is None or target.path.exists()


def _first_run(options: Options) -> Centre | None:
    from centre_desk.ui.first_run.wizard import FirstRunWizard  # with reportlab and QtPdf: only on a first run

    return FirstRunWizard.run(None, database_creator(options))


def database_creator(options: Options) -> CreateDatabase:
    """What the first-run wizard calls (on a worker) to create the database."""

    def create(manager: NewAccount, details: CentreDetails, passphrase: str | None) -> tuple[Centre, str]:
        # Runs on a worker thread: no dialogs; the passphrase (if any) was asked by the wizard, either
        # because there is no secure keyring or because the keyring refused to keep the keys.
        if passphrase is not None:
            options.give_passphrase(passphrase, instead_of_keyring=True)
        return initialise(options, manager, details)

    return create
