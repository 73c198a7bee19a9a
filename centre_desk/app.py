"""The desktop program's composition root: QApplication, logging, language, fonts,
the opened installation and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from centre_desk import APP_NAME, ORG_NAME
from centre_desk.errors import KeyUnavailable, NotInitialised, UserError
from centre_desk.i18n import _, language
from centre_desk.log import setup_logging
from centre_desk.services.installation import Centre, Options, open_centre, recover
from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.shell import MainWindow

log = logging.getLogger(__name__)


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
    options.ask_passphrase = _ask_passphrase
    centre = _open_or_recover(options)
    if centre is None:
        return 1
    window = MainWindow(centre.centre_name(), centre.target.describe())
    window.show()
    try:
        return app.exec()
    finally:
        centre.close()
