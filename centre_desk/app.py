"""The desktop program's composition root: QApplication, language, fonts, the sign-in window drawn at once while
the installation is opened on a worker thread, then the main window (ui/shell/desktop.DesktopSession).

Only Qt and the small modules (the catalogue, the paths, the options) are imported before the sign-in window is on
screen: SQLAlchemy, the models, the services, Alembic, argon2, keyring and reportlab come with the worker that opens
the database (ui/unlock/flow.open_behind_sign_in). tests/ui/test_app_start.py checks this in a fresh process."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from centre_desk import APP_NAME, ORG_NAME
from centre_desk.db.location import resolve_target
from centre_desk.demo_folder import is_demo_folder
from centre_desk.i18n import install
from centre_desk.i18n import language as current_language
from centre_desk.log import setup_logging
from centre_desk.options import Options, no_passphrase
from centre_desk.paths import private_dir, restrict_new_files, tighten_data_dir
from centre_desk.ui.errors import install_excepthook
from centre_desk.ui.fonts import UI_FAMILY, load_fonts, missing_letters
from centre_desk.ui.login.dialog import OPENING_FAILED, LoginDialog, SignIn
from centre_desk.ui.qt_strings import CatalogueTranslator
from centre_desk.ui.shell.demo_marker import DemoMarker
from centre_desk.ui.shell.preload import PRELOAD_AFTER_MS, start_preloading
from centre_desk.ui.startup import CENTRE_NAME_KEY
from centre_desk.ui.tasks import run_task, wait_for_writes

if TYPE_CHECKING:
    from centre_desk.services.dto import NewAccount
    from centre_desk.services.installation import Centre
    from centre_desk.services.settings import CentreDetails
    from centre_desk.ui.first_run.wizard import CreateDatabase
    from centre_desk.ui.unlock.flow import Opened

log = logging.getLogger(__name__)


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
    if not _database_exists(options):
        return _run_session(app, settings, _first_run(options), None, marked)
    if _asks_passphrase_first(options):  # the passphrase question comes before any sign-in: opened here
        from centre_desk.ui.unlock.flow import open_installation

        return _run_session(app, settings, open_installation(options), None, marked)
    signing = _sign_in_while_opening(app, options, settings, marked)
    if signing is None:
        return 0
    centre, signed, held = signing
    return _run_session(app, settings, centre, signed, marked, held)


def _run_session(
    app: QApplication,
    settings: QSettings,
    centre: Centre | None,
    signed: SignIn | None,
    marked: bool,
    held: LoginDialog | None = None,
) -> int:
    """The main window for the opened installation (asking for a sign-in unless one is given), until quit.
    `signed`: the sign-in made while the database opened (its name and demo mark are already applied);
    `held`: its window, shown busy until the main window is up."""
    if centre is None:
        return 1
    from centre_desk.services.demo import is_demo
    from centre_desk.ui.shell.desktop import DesktopSession

    if signed is None:
        if not marked and is_demo(centre.read_sessions):
            DemoMarker.install(app)  # "DỮ LIỆU MẪU" on every window, the sign-in dialog included
        settings.setValue(CENTRE_NAME_KEY, centre.centre_name())  # for the start-up and sign-in windows next time
    session = DesktopSession(app, centre, settings)
    QTimer.singleShot(PRELOAD_AFTER_MS, start_preloading)  # no-op when the pages are already (being) imported
    try:
        signed_in = session.sign_in(signed)
        if held is not None:
            held.release()
            held.deleteLater()
        if not signed_in:
            return 0
        return app.exec()
    finally:
        wait_for_writes()
        session.centre.close()


def _asks_passphrase_first(options: Options) -> bool:
    """Whether opening may ask for the database passphrase (a keys file in <data>/keys and no passphrase given):
    then that question comes first, as before, rather than a sign-in window replaced by it a moment later."""
    keys = options.data_dir / "keys"
    return options.ask_passphrase is no_passphrase and keys.is_dir() and any(keys.glob("*.json"))


PAINT_WAIT_MS = 500  # the database is opened once the sign-in window is painted, or after this at the latest


def _sign_in_while_opening(
    app: QApplication, options: Options, settings: QSettings, marked: bool
) -> tuple[Centre | None, SignIn | None, LoginDialog | None] | None:
    """The sign-in window at once, the installation opened behind it on a worker. The person types meanwhile;
    Đăng nhập waits for the database. If it cannot be opened (keys missing, locked, damaged …), the window
    closes and ui/unlock/flow.settle asks or explains as it always has; the sign-in then comes after.
    None when the person chose Quit."""
    opened: list[Opened] = []
    problem: list[object] = []  # the keys file (the passphrase to ask) or the exception
    dialog = LoginDialog(None, str(settings.value(CENTRE_NAME_KEY, "")))
    keeper = QObject()  # run_task's relay owner, alive while the database may still arrive

    def arrived(result: object) -> None:
        from centre_desk.ui.unlock.flow import Opened  # loaded by the worker by now

        if not isinstance(result, Opened):
            problem.append(result)
            if False not in started:
                dialog.opening_failed()
            return
        opened.append(result)
        if False in started:  # the dialog is closed (Quit): _close_when_opened closes the database
            return
        if result.demo and not marked:
            DemoMarker.install(app)
        settings.setValue(CENTRE_NAME_KEY, result.centre_name)  # for the start-up and sign-in windows next time
        dialog.accounts_ready(result.centre.accounts, result.centre_name)
        start_preloading()  # the pages, while the person finishes typing

    def failed(exc: BaseException) -> None:
        problem.append(exc)
        if False not in started:
            dialog.opening_failed()

    def start() -> None:
        if not started:
            started.append(True)
            run_task(keeper, lambda: _open_behind_sign_in(options), arrived, failed)

    started: list[bool] = []
    dialog.painted.connect(start)  # nothing heavy is imported before the window is on screen
    QTimer.singleShot(PAINT_WAIT_MS, start)
    held = False
    try:
        code = dialog.exec()
        signed = dialog.sign_in()
        if signed is not None and not signed.actor.must_change_password:
            dialog.hold()  # until the main window is up (_run_session)
            held = True
    finally:
        started.append(False)  # closed: the timer opens nothing more, a late result touches no widget
        if not held:
            dialog.deleteLater()
    if code == OPENING_FAILED:
        from centre_desk.ui.unlock.flow import settle

        return settle(options, problem[0]), None, None  # type: ignore[arg-type]  # a PassphraseFile or an exception
    if signed is None:  # Quit: the database, once open, is closed again
        _close_when_opened(opened)
        return None
    return opened[0].centre, signed, (dialog if held else None)


def _open_behind_sign_in(options: Options) -> object:
    from centre_desk.ui.unlock.flow import open_behind_sign_in  # SQLAlchemy, the models …: on the worker

    return open_behind_sign_in(options)


def _close_when_opened(opened: list[Opened]) -> None:
    """Quit pressed while (or after) the database was opened: wait for the worker, then close what it opened."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()  # its result delivered
    for result in opened:
        result.centre.close()


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
        from centre_desk.services.installation import initialise

        if passphrase is not None:
            options.give_passphrase(passphrase, instead_of_keyring=True)
        return initialise(options, manager, details)

    return create
