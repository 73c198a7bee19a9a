"""The desktop program's composition root: QApplication, logging, language, fonts,
the opened installation and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from centre_desk import APP_NAME, ORG_NAME
from centre_desk.errors import KeyUnavailable, NotInitialised, UserError
from centre_desk.i18n import _, language
from centre_desk.log import setup_logging
from centre_desk.services.dto import BackupInfo
from centre_desk.services.installation import Centre, Options, no_passphrase, open_centre, recover
from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.shell import MainWindow
from centre_desk.ui.tasks import run_task, wait_for_writes

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 60 * 60 * 1000  # look every hour whether the daily backup is due


def _ask_passphrase(confirm: bool) -> str:
    text, ok = QInputDialog.getText(None, APP_NAME, _("Database passphrase:"), QLineEdit.EchoMode.Password)
    if not ok:
        raise KeyUnavailable(_("No database passphrase was given."))
    return text


def _open_or_recover(options: Options) -> Centre | None:
    while True:
        try:
            return open_centre(options)
        except NotInitialised as exc:
            QMessageBox.information(None, APP_NAME, exc.message)
            return None
        except KeyUnavailable as exc:
            key, ok = QInputDialog.getText(
                None, APP_NAME, exc.message + "\n\n" + _("Type the recovery key to restore access:")
            )
            if not ok:
                return None
            try:
                recover(options, key).close()
            except UserError as err:
                QMessageBox.warning(None, APP_NAME, err.message)
        except UserError as exc:
            QMessageBox.critical(None, APP_NAME, exc.message)
            return None


def run(options: Options) -> int:
    setup_logging(options.data_dir / "logs")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    translator = QTranslator(app)
    if translator.load(
        QLocale(language()), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    load_fonts()
    font = app.font()
    font.setFamily(UI_FAMILY)
    app.setFont(font)
    if gaps := missing_letters():
        log.error("the screen font lacks Vietnamese letters in: %s", ", ".join(gaps))
    if options.ask_passphrase is no_passphrase:
        options.ask_passphrase = _ask_passphrase
    centre = _open_or_recover(options)
    if centre is None:
        return 1
    window = MainWindow(centre.centre_name(), centre.target.describe())
    window.show()
    daily = QTimer(window)
    daily.timeout.connect(lambda: start_daily_backup(window, centre))
    daily.start(BACKUP_CHECK_MS)
    start_daily_backup(window, centre)
    try:
        return app.exec()
    finally:
        wait_for_writes()
        centre.close()


def start_daily_backup(window: MainWindow, centre: Centre) -> None:
    """The automatic daily backup, off the UI thread; a failure is shown, never swallowed."""

    def done(info: BackupInfo | None) -> None:
        if info is not None:
            window.statusBar().showMessage(_("Daily backup written and verified."), 10_000)

    def failed(exc: BaseException) -> None:
        log.error("daily backup failed: %s", type(exc).__name__)
        message = exc.message if isinstance(exc, UserError) else _("Unexpected error; details are in the log.")
        QMessageBox.warning(window, APP_NAME, _("The daily backup failed: {message}").format(message=message))

    run_task(window, centre.backups.run_daily_if_due, done, failed, writes_db=True)
