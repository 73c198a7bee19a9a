"""The consents list of the Profile tab (add, withdraw) and the photo buttons (only with photo consent)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import ConsentInput
from centre_desk.services.residents import ConsentRow, ResidentRecord, ResidentService
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.errors import show_error
from centre_desk.ui.record.consent_dialogs import AddConsentDialog, WithdrawConsentDialog
from centre_desk.ui.record.labels import yes_no
from centre_desk.ui.widgets.file_dialogs import open_path
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)
PHOTO_FILTER = "*.jpg *.jpeg *.png"


def consent_state(row: ConsentRow) -> str:
    if row.withdrawn_on is not None:
        return _("Withdrawn")
    return _("Standing") if row.given else _("Not given")


def consent_columns() -> list[Column[ConsentRow]]:
    return [
        Column(_("Consent to"), lambda c: terms.label(terms.CONSENT_KINDS, c.kind)),
        Column(_("Given"), lambda c: yes_no(c.given)),
        Column(_("Date"), lambda c: format_date(c.given_on), sort_key=lambda c: c.given_on.toordinal()),
        Column(_("Given by"), lambda c: c.given_by),
        Column(_("Legal basis"), lambda c: c.legal_basis),
        Column(
            _("Withdrawn on"),
            lambda c: format_date(c.withdrawn_on),
            sort_key=lambda c: c.withdrawn_on.toordinal() if c.withdrawn_on else 0,
        ),
        Column(_("State"), consent_state),
    ]


class ConsentsPanel(QGroupBox):
    record_changed = Signal(object)  # the ResidentRecord after a consent or photo change

    def __init__(self, residents: ResidentService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Consents and photo"), parent)
        self._residents = residents
        self._actor = actor
        self._record: ResidentRecord | None = None
        self.model: RowTableModel[ConsentRow] = RowTableModel(consent_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setMinimumHeight(130)
        self.table.setMaximumHeight(190)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the others fit their text at each load
        self.add_button = QPushButton(_("Add consent…"))
        self.withdraw_button = QPushButton(_("Withdraw…"))
        self.photo_button = QPushButton(_("Set photo…"))
        self.remove_photo_button = QPushButton(_("Remove photo"))
        self.photo_hint = hint_label("")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.withdraw_button, self.photo_button, self.remove_photo_button):
            buttons.addWidget(button)
        buttons.addWidget(self.photo_hint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.can_edit_consents = actor.can(Action.EDIT, FieldGroup.LEGAL)
        self.can_edit_photo = actor.can(Action.EDIT, FieldGroup.IDENTITY)
        self.add_button.setVisible(self.can_edit_consents)
        self.withdraw_button.setVisible(self.can_edit_consents)
        self.photo_button.setVisible(self.can_edit_photo)
        # Removing a photo without withdrawing the consent needs a service call that does not exist yet.
        self.remove_photo_button.setVisible(self.can_edit_photo)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        self.remove_photo_button.clicked.connect(self._on_remove_photo_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_withdraw_button_clicked)

    def load(self, record: ResidentRecord) -> None:
        self._record = record
        self.model.set_rows(record.consents)
        for column in range(1, self.model.columnCount()):  # once per load, not at every layout (ResizeToContents)
            self.table.resizeColumnToContents(column)
        photo_consent = any(c.kind is terms.ConsentKind.PHOTO and c.standing for c in record.consents)
        editable = FieldGroup.IDENTITY in record.editable
        self.photo_button.setEnabled(photo_consent and editable)
        self.remove_photo_button.setEnabled(record.photo is not None and editable)
        self.photo_button.setText(_("Replace photo…") if record.photo else _("Set photo…"))
        self.photo_hint.setText("" if photo_consent else _("No photo consent: no photo is kept."))
        self._on_table_selection_changed(QItemSelection(), QItemSelection())

    def selected(self) -> ConsentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_kind(self, kind: terms.ConsentKind) -> None:
        """Select the standing consent of `kind` (keyboard users and tests)."""
        for row in range(self.proxy.rowCount()):
            item = self.model.row(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if item.kind is kind and item.standing:
                self.table.selectRow(row)
                return

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(chosen is not None and chosen.standing)

    def _on_add_button_clicked(self) -> None:
        if self._record is None:
            return
        resident_id = self._record.resident_id
        changed: list[ResidentRecord] = []

        def submit(consent: ConsentInput) -> None:
            changed.append(self._residents.add_consent(self._actor, resident_id, consent))

        if AddConsentDialog.ask(self, submit) is not None and changed:
            self.record_changed.emit(changed[-1])

    def _on_withdraw_button_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.standing or not self.can_edit_consents:
            return
        changed: list[ResidentRecord] = []

        def submit(on: object) -> None:
            changed.append(self._residents.withdraw_consent(self._actor, chosen.id, chosen.version, on))  # type: ignore[arg-type]

        what = terms.label(terms.CONSENT_KINDS, chosen.kind)
        if WithdrawConsentDialog.ask(self, what, chosen.given_on, submit) is not None and changed:
            log.info("consent %s withdrawn", chosen.id)
            self.record_changed.emit(changed[-1])

    def _on_photo_button_clicked(self) -> None:
        if self._record is None:
            return
        path = open_path(self, _("Choose the photo"), _("Pictures") + f" ({PHOTO_FILTER})")
        if path is None:
            return
        try:
            image = path.read_bytes()
            record = self._residents.set_photo(self._actor, self._record.resident_id, image)
        except OSError:
            show_error(self, UserError(_("The picture could not be read.")))
            return
        except UserError as exc:
            show_error(self, exc)
            return
        self.record_changed.emit(record)

    def _on_remove_photo_button_clicked(self) -> None:
        if self._record is None:
            return
        try:
            record = self._residents.remove_photo(self._actor, self._record.resident_id)
        except UserError as exc:
            show_error(self, exc)
            return
        self.record_changed.emit(record)
