"""A database file found damaged at start (SECURITY.md G1.5): offer to set it aside and restore the newest backup
that verifies. Nothing is written to the damaged file; it is kept, whatever the person answers.

The backups are verified and the file rebuilt under a busy cursor: a rare recovery, before any window of the
program is open (a few seconds for a large database)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from centre_desk import APP_NAME
from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.services.installation import Centre, Options
from centre_desk.services.recovery import restorable_backup, restore_damaged
from centre_desk.ui.unlock.busy import busy_cursor

log = logging.getLogger(__name__)


def offer_restore(parent: QWidget | None, options: Options) -> Centre | None:
    """The installation restored from its newest good backup, or None (no backup, or the person said no)."""
    try:
        with busy_cursor():
            backup = restorable_backup(options)
    except UserError as exc:
        QMessageBox.critical(parent, APP_NAME, exc.message)
        return None
    folder = options.data_dir / "replaced"
    if backup is None:
        QMessageBox.critical(parent, APP_NAME, _(
            "The database file is damaged: a part of it cannot be read, and there is no backup of it that verifies "
            "in {folder}. Nothing has been changed. Please call the person who looks after this computer."
        ).format(folder=options.data_dir / "backups"))  # fmt: skip
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, _(
        "The database file is damaged: the check at start found a part of it that cannot be read.\n\n"
        "The newest backup that verifies is from {date}. Restore it now? What was entered after that backup "
        "will have to be entered again.\n\nThe damaged file is not deleted: it is kept in {folder}."
    ).format(date=format_datetime(backup.created_at), folder=folder), parent=parent)  # fmt: skip
    restore = box.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Close the program"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        log.info("a damaged database found at start: the restore was declined")
        return None
    try:
        with busy_cursor():
            centre, _info = restore_damaged(options, backup.path)
    except UserError as exc:
        QMessageBox.critical(parent, APP_NAME, exc.message)
        return None
    QMessageBox.information(parent, APP_NAME, _(
        "The backup of {date} has been restored; the damaged file is kept in {folder}. Please sign in."
    ).format(date=format_datetime(backup.created_at), folder=folder))  # fmt: skip
    return centre
