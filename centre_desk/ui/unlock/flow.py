"""Opening the installation at start: straight through when the keys are at hand, otherwise the
questions of OpenDatabaseDialog (the database passphrase, the recovery key)."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox

from centre_desk import APP_NAME
from centre_desk.errors import DatabaseDamaged, KeyUnavailable, NotInitialised, UserError
from centre_desk.i18n import N_, _
from centre_desk.security.credentials import KeyMissing, KeyStoreUnreachable, WrongPassphrase
from centre_desk.services.demo import is_demo
from centre_desk.services.installation import (
    Centre,
    Options,
    PassphraseFile,
    no_passphrase,
    open_centre,
    passphrase_file,
)
from centre_desk.ui.unlock.busy import busy_cursor
from centre_desk.ui.unlock.damaged import offer_restore
from centre_desk.ui.unlock.dialog import OpenDatabaseDialog

log = logging.getLogger(__name__)

KEY_MISSING = N_(
    "The key of this database is not in the system keyring of this computer (the entry is missing): "
    "the keyring may have been reset, or the database brought from another computer."
)
NO_KEYRING_SERVICE = N_(
    "No system keyring is running on this computer (its service is not available), so the key of this "
    "database cannot be read. Starting the keyring service and then the program again may be enough; "
    "otherwise restore access with the recovery key."
)
KEYRING_LOCKED = N_(
    "The system keyring of this computer cannot be read: it may be locked. Closing the program, "
    "unlocking the keyring (for example by signing in to the computer again) and starting again may be "
    "enough; otherwise restore access with the recovery key."
)


def recovery_reason(exc: KeyUnavailable) -> str:
    """Why the recovery key is asked, in the desktop's words (the command line's name a command)."""
    if isinstance(exc, KeyMissing):
        return _(KEY_MISSING)
    if isinstance(exc, KeyStoreUnreachable):
        return _(NO_KEYRING_SERVICE) if exc.no_service else _(KEYRING_LOCKED)
    return exc.message


@dataclass(frozen=True)
class Opened:
    """The installation opened behind the sign-in window, with what that window shows of it."""

    centre: Centre
    centre_name: str
    demo: bool


def first_attempt(options: Options) -> Centre | PassphraseFile:
    """Open the installation if nothing has to be asked (no dialog here: it may run on a worker); the keys
    file when the database passphrase must be asked first. Raises what open_centre raises."""
    if options.ask_passphrase is no_passphrase:  # nobody gave a passphrase (--passphrase-file, the demo)
        keys_file = passphrase_file(options)
        if keys_file is not None:
            return keys_file
    return open_centre(options, check=True)  # every page read first (G1.5): on the worker behind the sign-in


def open_behind_sign_in(options: Options) -> Opened | PassphraseFile:
    """On a worker while the sign-in window is up: first_attempt, the centre's name and whether it is a demo,
    and the module the sign-in needs next (the main window's session), all off the UI thread."""
    first = first_attempt(options)
    if isinstance(first, PassphraseFile):
        return first
    try:
        opened = Opened(first, first.centre_name(), is_demo(first.read_sessions))
        importlib.import_module("centre_desk.ui.shell.desktop")
    except BaseException:
        first.close()
        raise
    return opened


def open_installation(options: Options) -> Centre | None:
    """The opened installation, or None when there is none or the person closed the program."""
    try:
        with busy_cursor():
            first = first_attempt(options)
    except Exception as exc:  # settle() says why, or raises it again
        return settle(options, exc)
    return settle(options, first)


def settle(options: Options, outcome: Centre | PassphraseFile | BaseException) -> Centre | None:
    """After first_attempt (here or on a worker): the opened installation, or the questions and explanations
    that follow — the passphrase, the recovery key, no database, a damaged one (a restore offered), a locked one."""
    if isinstance(outcome, Centre):
        return outcome
    if isinstance(outcome, PassphraseFile):
        return OpenDatabaseDialog.ask(options, outcome)
    try:
        raise outcome
    except DatabaseDamaged:
        return offer_restore(None, options)
    except WrongPassphrase as exc:  # the passphrase given was not the right one: ask
        log.info("the database passphrase given at start is not correct")
        return OpenDatabaseDialog.ask(options, passphrase_file(options), problem=exc.message)
    except NotInitialised as exc:
        QMessageBox.information(None, APP_NAME, exc.message)
        return None
    except KeyUnavailable as exc:
        log.info("the keys of the database are not at hand: %s", type(exc).__name__)
        return OpenDatabaseDialog.ask(options, None, problem=recovery_reason(exc))
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return None
