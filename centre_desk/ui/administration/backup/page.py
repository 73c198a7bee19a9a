"""Backups for administrators and managers: make, check and choose one to restore."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk import APP_NAME
from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime, format_number
from centre_desk.i18n import _
from centre_desk.models.base import utcnow
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.backup import SUFFIX, BackupService
from centre_desk.services.dto import BackupFile, BackupInfo, BackupReport
from centre_desk.ui.administration.backup.model import BackupTableModel, backup_time, format_size
from centre_desk.ui.errors import show_error
from centre_desk.ui.events import AppEvents
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.file_dialogs import open_path, save_path
from centre_desk.ui.widgets.table_model import read_only_table

log = logging.getLogger(__name__)


def _weakly(method: Callable[..., None], *args: Any) -> Callable[[Any], None]:
    """A run_task callback that calls `method(*args, result)` without keeping the page alive.

    run_task holds its callbacks until the task ends; a page closed meanwhile is then freed
    at once instead of living on until a long backup or export finishes (its result is dropped).
    """
    ref = weakref.WeakMethod(method)

    def call(result: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(*args, result)

    return call


def _group(title: str, *buttons: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for button in buttons:
        layout.addWidget(button)
    return box


class BackupPage(QWidget):
    """The list of backups with buttons to back up now, check a backup and restore one.

    Making and checking backups are done here, each in one background task behind a busy
    dialog. Restoring is NOT done here: the page checks the chosen file, asks for a strong
    confirmation, then emits ``restore_requested(path)``. The application shell performs the
    restore (``recovery.restore``), which closes this database and keeps it aside, and
    then reopens the program, so everyone signs in again.
    """

    restore_requested = Signal(object)  # pathlib.Path of the confirmed backup

    def __init__(self, backups: BackupService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self._backups = backups
        self._actor = actor
        self._events = events
        self.allowed = actor.can(Action.ADMINISTER, FieldGroup.SYSTEM)
        self._busy: QProgressDialog | None = None

        self.not_allowed_note = QLabel(
            _(
                "Backups are managed by the centre's manager and the system administrator. "
                "If you think a backup is needed, please ask one of them."
            )
        )
        self.not_allowed_note.setObjectName("notAllowed")
        self.not_allowed_note.setWordWrap(True)
        self.not_allowed_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_allowed_note.setMinimumWidth(480)
        self.not_allowed_note.setMaximumWidth(560)
        self.content = QWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.not_allowed_note, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.content)
        self.not_allowed_note.setVisible(not self.allowed)
        self.content.setVisible(self.allowed)
        self.content.setEnabled(self.allowed)

        self._build()
        events.data_changed.connect(self._on_events_data_changed)
        if self.allowed:
            self.reload()

    def _build(self) -> None:
        self.model = BackupTableModel(self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.back_up_button = QPushButton(_("&Back up now"))
        self.back_up_to_button = QPushButton(_("Back up &to a file…"))
        self.verify_button = QPushButton(_("&Verify"))
        self.restore_button = QPushButton(_("&Restore…"))
        self.verify_file_button = QPushButton(_("Verify a &file…"))
        self.restore_file_button = QPushButton(_("Restore from a file…"))
        self.back_up_to_button.setToolTip(_("Choose where to write the backup, e.g. on a USB stick"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.back_up_to_button.clicked.connect(self._on_back_up_to_clicked)
        self.verify_button.clicked.connect(self._on_verify_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.verify_file_button.clicked.connect(self._on_verify_file_clicked)
        self.restore_file_button.clicked.connect(self._on_restore_file_clicked)
        self._buttons = (
            self.back_up_button,
            self.back_up_to_button,
            self.verify_button,
            self.restore_button,
            self.verify_file_button,
            self.restore_file_button,
        )
        side = QVBoxLayout()
        side.addWidget(_group(_("New backup"), self.back_up_button, self.back_up_to_button))
        side.addWidget(_group(_("Selected backup"), self.verify_button, self.restore_button))
        side.addWidget(
            _group(_("Another file (e.g. on a USB stick)"), self.verify_file_button, self.restore_file_button)
        )
        side.addStretch(1)

        self.folder_label = QLabel(_("Backups are kept in: {folder}").format(folder=self._backups.backup_dir))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("lastResult")
        self.status_label.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.folder_label)
        left.addWidget(self.status_label)
        body = QHBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 1)
        body.addLayout(side)
        self._update_buttons()

    # -- the list ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the backup folder again (a quick look at file names)."""
        if not self.allowed:
            return
        try:
            rows = self._backups.known_backups(self._actor)
        except UserError as exc:
            self.status_label.setText(exc.message)
            rows = []
        except OSError:
            log.exception("the backup folder could not be read")
            rows = []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected_backup(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(self.proxy.mapToSource(rows[0]).row())

    def _on_events_data_changed(self, kind: str) -> None:
        if kind == "backup":
            self.reload()

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self.allowed and self._busy is None
        for button in self._buttons:
            button.setEnabled(idle)
        has_selection = self.selected_backup() is not None
        self.verify_button.setEnabled(idle and has_selection)
        self.restore_button.setEnabled(idle and has_selection)

    # -- background work --------------------------------------------------------------------------
    def _start(self, text: str, fn: Callable[[], Any], on_done: Callable[..., None], *args: Any) -> None:
        """Run `fn` in the background behind a busy dialog, then `on_done(*args, result)`."""
        busy = QProgressDialog(text, "", 0, 0, self)
        busy.setWindowTitle(APP_NAME)
        busy.setMinimumWidth(360)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(0)
        busy.setAutoClose(False)
        busy.setAutoReset(False)
        self._busy = busy
        self._update_buttons()
        busy.show()

        then = _weakly(on_done, *args)
        run_task(self, fn, _weakly(self._on_task_done, then), _weakly(self._on_task_failed), writes_db=True)

    def _on_task_done(self, on_done: Callable[[Any], None], result: object) -> None:
        self._finish()
        on_done(result)

    def _on_task_failed(self, exc: BaseException) -> None:
        self._finish()
        self.status_label.setText(exc.message if isinstance(exc, UserError) else "")
        show_error(self, exc)

    def _finish(self) -> None:
        if self._busy is not None:
            self._busy.close()
            self._busy.deleteLater()
            self._busy = None
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._busy is not None

    # -- backing up -------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self._back_up(None)

    def _on_back_up_to_clicked(self) -> None:
        name = f"centre-{utcnow():%Y%m%d-%H%M%S}{SUFFIX}"
        path = save_path(self, _("Back up to a file"), name, _("Backups (*{suffix})").format(suffix=SUFFIX), SUFFIX)
        if path is not None:
            self._back_up(path)

    def _back_up(self, dest: Path | None) -> None:
        if not self.allowed or self.busy:
            return
        service, actor = self._backups, self._actor
        self._start(_("Making a backup…"), lambda: service.create(actor, dest), self._on_backup_done)

    def _on_backup_done(self, info: BackupInfo) -> None:
        self.reload()
        self._events.data_changed.emit("backup")
        text = _("The backup was written and checked: {file} ({size}).").format(
            file=str(info.path), size=format_size(info.size_bytes)
        )
        self.status_label.setText(text)
        QMessageBox.information(self, _("Backup"), text)

    # -- verifying --------------------------------------------------------------------------------
    def _choose_file(self, title: str) -> Path | None:
        """Another backup file (e.g. on a USB stick): the program's own are in the list already."""
        return open_path(self, title, _("Backups (*{suffix})").format(suffix=SUFFIX))

    def _on_verify_clicked(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.verify(chosen.path)

    def _on_verify_file_clicked(self) -> None:
        path = self._choose_file(_("Choose the backup to verify"))
        if path is not None:
            self.verify(path)

    def verify(self, path: Path) -> None:
        if not self.allowed or self.busy:
            return
        service, actor = self._backups, self._actor
        self._start(_("Checking the backup…"), lambda: service.verify(actor, path), self._on_verify_done)

    def _on_verify_done(self, report: BackupReport) -> None:
        if report.ok:
            total = sum(report.counts.values())
            lines = [f"    {table}: {format_number(count)}" for table, count in sorted(report.counts.items())]
            summary = _("The backup {file} is in good order: {rows} rows in {tables} tables.").format(
                file=report.path.name, rows=format_number(total), tables=format_number(len(report.counts))
            )
            self.status_label.setText(summary)
            QMessageBox.information(self, _("Backup check"), "\n".join([summary, "", *lines]))
        else:
            summary = _("The backup {file} has problems:").format(file=report.path.name)
            self.status_label.setText(" ".join([summary, *report.problems]))
            problems = [f"• {problem}" for problem in report.problems]
            QMessageBox.warning(self, _("Backup check"), "\n".join([summary, "", *problems]))

    # -- restoring --------------------------------------------------------------------------------
    def _on_restore_clicked(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.restore(chosen.path, chosen.created_at)

    def _on_restore_file_clicked(self) -> None:
        path = self._choose_file(_("Choose the backup to restore"))
        if path is not None:
            self.restore(path, backup_time(path))

    def restore(self, path: Path, created_at: datetime) -> None:
        """Check the file, ask for confirmation, then hand the path to the shell."""
        if not self.allowed or self.busy:
            return
        service = self._backups
        self._start(
            _("Checking the backup…"),
            lambda: service.check_restorable(path),
            self._confirm_restore,
            path,
            created_at,
        )

    def _confirm_restore(self, path: Path, created_at: datetime, _report: BackupReport) -> None:
        when = format_datetime(created_at)
        text = "\n\n".join(
            [
                _("Restore the backup made on {when}?").format(when=when),
                _(
                    "Everything saved after {when} will be replaced by the contents of this backup "
                    "and will no longer be in the program."
                ).format(when=when),
                _("The current database is not deleted: it is kept aside in the data folder."),
                _("The program will close the database and open it again; everyone must sign in again."),
            ]
        )
        answer = QMessageBox.warning(
            self,
            _("Restore a backup"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.status_label.setText(_("The restore was cancelled; nothing was changed."))
            return
        log.info("restore requested by account %s", self._actor.account_id)
        self.status_label.setText(_("Restoring the backup made on {when}…").format(when=when))
        self.restore_requested.emit(path)
