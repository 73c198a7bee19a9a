"""The centre's effective-dated details (history, correction, new version) and the screen-lock delay."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, PermissionDenied, UserError, ValidationError
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.settings import IDLE_MINUTES_RANGE, CentreDetails, SettingsService
from centre_desk.ui.administration.centre_settings.details_form import TEXT_FIELDS, CentreDetailsForm
from centre_desk.ui.administration.centre_settings.version_dialog import NewVersionDialog
from centre_desk.ui.administration.users.form_parts import (
    DIFFERS,
    ERROR_STYLE,
    ConflictBox,
    FieldErrors,
    error_label,
    hint_label,
)
from centre_desk.ui.events import AppEvents
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)

CENTRE_KIND = "centre"
SETTINGS_KIND = "settings"


def history_columns() -> list[Column[CentreDetails]]:
    return [
        Column(
            _("Valid from"), lambda d: format_date(d.effective_from), sort_key=lambda d: d.effective_from.toordinal()
        ),
        Column(_("Centre name"), lambda d: d.centre_name),
        Column(_("Parent agency"), lambda d: d.parent_agency),
        Column(_("Director"), lambda d: d.director_name),
    ]


def plain_label(label: str) -> str:
    """A form label without its accelerator and colon, for the conflict box."""
    return _(label).replace("&", "").rstrip(": ")


class CentreSettingsPage(QWidget):
    def __init__(self, settings: SettingsService, actor: Actor, events: AppEvents) -> None:
        super().__init__()
        self._settings = settings
        self._actor = actor
        self._events = events
        self._selected: CentreDetails | None = None
        self._base_version = 0
        self._conflict_current: CentreDetails | None = None
        self._refreshing = False
        self._emitting = False
        self.can_edit = actor.can(Action.EDIT, FieldGroup.SYSTEM)

        title = QLabel(_("Centre details"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        hint = hint_label(
            _(
                "When the parent agency or the director changes, add a new version from the day of the change: "
                "documents dated before that day keep printing the old names."
            )
        )
        self.notice_label = hint_label("")
        self.notice_label.setVisible(False)

        self.model: RowTableModel[CentreDetails] = RowTableModel(history_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(120)  # a few versions; more scroll, and the form below stays in view
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.general_error = error_label("generalError")
        self.form = CentreDetailsForm(FieldErrors(self.general_error))
        self.save_button = QPushButton(_("&Save correction"))
        self.save_button.setToolTip(_("Correct a mistake in the selected version (same valid-from day)."))
        self.add_button = QPushButton(_("&Add new version from date…"))
        self.conflict_box = ConflictBox(self)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        form_box = QGroupBox(_("Selected version"))
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        form_layout.addLayout(buttons)
        form_layout.addWidget(self.conflict_box)
        form_layout.addWidget(self.general_error)
        form_layout.addWidget(self.status_label)

        self.idle_spin = QSpinBox()
        low, high = IDLE_MINUTES_RANGE
        self.idle_spin.setRange(low, high)
        self.idle_spin.setSuffix(_(" minutes"))
        self.idle_save_button = QPushButton(_("Sa&ve"))
        self.idle_error = error_label("idleError")
        self.idle_status = QLabel()
        self.idle_status.setWordWrap(True)
        lock_box = QGroupBox(_("Screen lock"))
        lock_layout = QVBoxLayout(lock_box)
        lock_row = QHBoxLayout()
        lead = QLabel(_("&Lock the screen after"))
        lead.setBuddy(self.idle_spin)
        lock_row.addWidget(lead)
        lock_row.addWidget(self.idle_spin)
        lock_row.addWidget(QLabel(_("without use")))
        lock_row.addStretch(1)
        lock_layout.addLayout(lock_row)
        save_row = QHBoxLayout()
        save_row.addWidget(self.idle_save_button)
        save_row.addWidget(self.idle_status, 1)
        lock_layout.addLayout(save_row)
        lock_layout.addWidget(
            hint_label(_("From 1 to 15 minutes. The person unlocks the screen with their own password."))
        )
        lock_layout.addWidget(self.idle_error)
        lock_layout.addStretch(1)

        history = QVBoxLayout()
        history_label = QLabel(_("&History of the centre's details (newest first):"))
        history_label.setBuddy(self.table)
        history.addWidget(history_label)
        history.addWidget(self.table)
        top = QHBoxLayout()  # the history beside the screen lock: the whole page fits a 768-pixel screen
        top.addLayout(history, 3)
        top.addWidget(lock_box, 2)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.notice_label)
        layout.addLayout(top)
        layout.addWidget(form_box)
        layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.conflict_box.reload_requested.connect(self._on_conflict_box_reload_requested)
        self.conflict_box.keep_requested.connect(self._on_conflict_box_keep_requested)
        self.idle_save_button.clicked.connect(self._on_idle_save_button_clicked)
        events.data_changed.connect(self._on_events_data_changed)

        self.form.set_read_only(not self.can_edit)
        self.idle_spin.setEnabled(self.can_edit)
        self.idle_save_button.setEnabled(self.can_edit)
        if not self.can_edit:
            self._show_notice(_("You can see these settings but not change them."))
        self.idle_spin.setValue(settings.idle_minutes())
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None, *, load_form: bool = True) -> None:
        """Reload the history; select `select_id` (or keep the selection, or the newest version)."""
        keep = select_id if select_id is not None else (self._selected.id if self._selected else None)
        try:
            rows = self._settings.centre_history(self._actor)
        except PermissionDenied:
            rows = []
            self._show_notice(_("Your account may not see the centre's settings."))
        except UserError as exc:
            self._show_status(exc.message, error=True)
            return
        self._refreshing = True
        try:
            self.model.set_rows(rows)
            proxy_row = next((r for r in range(self.proxy.rowCount()) if self._details_at(r).id == keep), 0)
            if self.proxy.rowCount():
                self.table.selectRow(proxy_row)
        finally:
            self._refreshing = False
        current = self.selected()
        if load_form or self._selected is None:
            self._load(current)
        self._update_buttons()

    def selected(self) -> CentreDetails | None:
        rows = self.table.selectionModel().selectedRows()
        return self._details_at(rows[0].row()) if rows else None

    def _details_at(self, proxy_row: int) -> CentreDetails:
        return self.model.row(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def _load(self, details: CentreDetails | None) -> None:
        self._selected = details
        self._base_version = details.version if details else 0
        self.conflict_box.setVisible(False)
        self.form.errors.clear()
        if details is not None:
            self.form.load(details)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.can_edit and self._selected is not None)
        self.add_button.setEnabled(self.can_edit and self.model.rowCount() > 0)

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(True)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    def _stored(self, record_id: int | None) -> CentreDetails | None:
        return next((d for d in self._settings.centre_history(self._actor) if d.id == record_id), None)

    # -- writing ---------------------------------------------------------------------------------
    def save_correction(self) -> None:
        if self._selected is None:
            return
        self.form.errors.clear()
        self.conflict_box.setVisible(False)
        self._show_status("")
        try:
            value = self.form.value(self._selected.id, self._base_version)
            saved = self._settings.save_centre(self._actor, value)
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        except Conflict as exc:
            current = exc.current if isinstance(exc.current, CentreDetails) else self._stored(self._selected.id)
            self._show_conflict(exc.message, current)
            self.refresh(load_form=False)
            return
        except UserError as exc:
            self.form.errors.show_message("", exc.message)
            return
        log.info("centre details %s corrected", saved.id)
        self.refresh(saved.id)
        self._show_status(_("The correction has been saved."))
        self._emit(CENTRE_KIND)

    def add_version(self) -> None:
        saved: list[CentreDetails] = []

        def submit(details: CentreDetails) -> None:
            saved.append(self._settings.save_centre(self._actor, details))

        if NewVersionDialog.ask(self, self._selected, submit) is None or not saved:
            return
        log.info("centre details %s added", saved[-1].id)
        self.refresh(saved[-1].id)
        self._show_status(
            _("The new version has been saved. It applies to documents dated from {date}.").format(
                date=format_date(saved[-1].effective_from)
            )
        )
        self._emit(CENTRE_KIND)

    def save_idle_minutes(self) -> None:
        self.idle_error.setVisible(False)
        minutes = self.idle_spin.value()
        try:
            self._settings.set_idle_minutes(self._actor, minutes)
        except UserError as exc:
            self.idle_status.clear()
            self.idle_error.setText(exc.message)
            self.idle_error.setVisible(True)
            return
        self.idle_status.setText(
            _("Saved: the screen locks after {minutes} minutes without use.").format(minutes=minutes)
        )
        self._emit(SETTINGS_KIND)

    def _emit(self, kind: str) -> None:
        self._emitting = True
        try:
            self._events.data_changed.emit(kind)
        finally:
            self._emitting = False

    def _show_conflict(self, message: str, current: CentreDetails | None) -> None:
        self._conflict_current = current
        stored: list[tuple[str, str]] = []
        if current is not None:
            mine = self.form.value(current.id, current.version)
            fields = [("effective_from", _("Valid from"))] + [
                (name, plain_label(label)) for name, label, _h in TEXT_FIELDS
            ]
            for name, label in fields:
                theirs = getattr(current, name)
                text = format_date(theirs) if name == "effective_from" else theirs
                stored.append((label, text if theirs == getattr(mine, name) else f"{text}    ← {_(DIFFERS)}"))
        self.conflict_box.show_conflict(message, stored)
        self.scroll_area.ensureWidgetVisible(self.conflict_box)

    # -- slots -----------------------------------------------------------------------------------
    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._refreshing:
            self._show_status("")
            self._load(self.selected())
            self._update_buttons()

    def _on_save_button_clicked(self) -> None:
        self.save_correction()

    def _on_add_button_clicked(self) -> None:
        self.add_version()

    def _on_idle_save_button_clicked(self) -> None:
        self.save_idle_minutes()

    def _on_conflict_box_reload_requested(self) -> None:
        if self._conflict_current is not None:
            self._load(self._conflict_current)
            self._show_status(_("The saved version is shown. Make your correction again, then save."))

    def _on_conflict_box_keep_requested(self) -> None:
        if self._conflict_current is not None:
            self._base_version = self._conflict_current.version
            self._show_status(_("Press Save correction to replace the saved version with your input."))

    def _on_events_data_changed(self, kind: str) -> None:
        if kind == CENTRE_KIND and not self._emitting:
            self.refresh(load_form=False)
