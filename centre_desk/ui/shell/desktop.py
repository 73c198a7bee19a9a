"""One opened installation on the desktop: sign-in → main window → lock / sign out / switch user, the restore
and the daily backup. Imported after the sign-in window is up (app.run opens the database behind it)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from centre_desk import APP_NAME
from centre_desk.errors import UserError
from centre_desk.i18n import N_, _
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.dto import BackupInfo
from centre_desk.services.installation import Centre
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lock.idle import IdleMonitor
from centre_desk.ui.lock.screen import LockController
from centre_desk.ui.login.change_password import ChangePasswordDialog
from centre_desk.ui.login.dialog import LoginDialog, SignIn
from centre_desk.ui.shell.main_window import MainWindow
from centre_desk.ui.shell.preload import preloaded_pages
from centre_desk.ui.tasks import run_task

if TYPE_CHECKING:
    from centre_desk.ui.lodging.page import LodgingPage
    from centre_desk.ui.shell.residents import ResidentsFlow

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 60 * 60 * 1000  # look every hour whether the daily backup is due
AUDIT_ALARM = N_(
    "The audit trail no longer matches its reference copies: rows may have been removed, or a reference file "
    "replaced by an older one. Nothing has been changed and the copies are kept as evidence. Run the integrity "
    "check (centre-desk check) and ask for technical help before repairing anything."
)


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
