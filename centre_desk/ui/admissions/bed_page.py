"""The wizard's bed step (skippable): her bed chosen with the admission, placed in the same transaction.

Skipped, she shows as "chưa bố trí giường" on the bed board. The beds and the rules each choice breaks come from
the lodging service (board, check_new with her sex and age as typed); a manager may allow an exception with a
reason. The rooms are read when the page is first shown, not while the other pages are typed.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import N_, _
from centre_desk.models.resident import Sex
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging import LodgingService
from centre_desk.ui.admissions.fields import WizardPage, line, text_of
from centre_desk.ui.admissions.payload import Payload, age_from
from centre_desk.ui.lodging.bed_choice import BedChoice
from centre_desk.ui.login.parts import hint_label


class BedPage(WizardPage):
    title = N_("Bed")

    def __init__(self, lodging: LodgingService | None, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lodging = lodging
        self._actor = actor
        self.allowed = lodging is not None and actor.can(Action.CREATE, FieldGroup.LODGING)
        self._person: tuple[str, int | None] | None = None
        self._pending_bed: int | None = None
        self._loaded = False
        self.outer.addWidget(
            hint_label(_("Choose her bed now, or skip this step: she then shows as without a bed on the bed board."))
        )
        self.skip_radio = QRadioButton(_("&Without a bed for now"))
        self.choose_radio = QRadioButton(_("&Choose a bed:"))
        self.skip_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.skip_radio)
        group.addButton(self.choose_radio)
        self.choice = BedChoice()
        self.choice.tree.setMinimumHeight(260)
        self.refresh_button = QPushButton(_("Read the &beds again"))
        self.override_edit = line(placeholder=_("Why the room's rule may be broken this time"))
        self.override_edit.setMaxLength(300)
        chooser = QWidget()
        column = QVBoxLayout(chooser)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.choice, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        column.addLayout(row)
        form = self._form = self.new_form()
        if self.allowed:
            self.add_row(form, "", self.skip_radio, "bed_skip")
            self.add_row(form, "", self.choose_radio, "bed_choose")
            self.add_row(form, _("&Bed:"), chooser, "bed_id")
            self.boxes["bed_id"].widget.setFocusProxy(self.choice.tree)
            self.add_row(
                form, _("Reason for the &exception:"), self.override_edit, "bed_override_reason",
                _("Only a manager may allow an exception; it is kept in the audit trail."),
            )  # fmt: skip
            self._override_row = form.rowCount() - 1
            self.watch(self.choice.tree)
        else:
            form.addRow(hint_label(_("Your account may not give beds: she will show as without a bed.")))
            for widget in (self.skip_radio, self.choose_radio, chooser, self.override_edit):
                widget.hide()
        self.outer.addStretch(1)
        self.choose_radio.toggled.connect(self._on_mode_changed)
        self.choice.changed.connect(self._on_choice_changed)
        self.choice.tree.currentItemChanged.connect(self._on_tree_moved)
        self.refresh_button.clicked.connect(self.load_beds)
        self._on_mode_changed()

    # -- the beds ----------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.allowed and not self._loaded:
            self.load_beds()

    def load_beds(self) -> None:
        """Read the rooms now (the beds free at this moment)."""
        if self._lodging is None or not self.allowed:
            return
        self._loaded = True
        try:
            board = self._lodging.board(self._actor)
        except UserError as exc:
            self.choice.problems.setText(exc.message)
            return
        keep = self._pending_bed if self._pending_bed is not None else self.choice.bed_id()
        self._loading = True  # the beds read again are not an edit
        try:
            self.choice.set_rooms(board.rooms)
            if keep is not None:
                self.choice.select_bed(keep)
        finally:
            self._loading = False
        self._pending_bed = None

    def enter(self, payload: Payload) -> None:
        """Her sex and age as typed decide what the rules say: a new checker when they change."""
        try:
            person = (Sex(text_of(payload, "sex") or Sex.FEMALE).value, age_from(payload))
        except ValueError:
            person = (Sex.FEMALE.value, None)
        if person != self._person and self._lodging is not None:
            self._person = person
            lodging, actor = self._lodging, self._actor
            self.choice.set_checker(lambda bed: lodging.check_new(actor, person[0], person[1], bed))
            if self.choice.bed_id() is not None:
                self.choice.tree.currentItemChanged.emit(self.choice.tree.currentItem(), None)

    # -- the page ----------------------------------------------------------------------------------------------

    def _on_mode_changed(self, *_args: object) -> None:
        choosing = self.choose_radio.isChecked()
        self.choice.setEnabled(choosing)
        self.refresh_button.setEnabled(choosing)
        self._on_choice_changed()

    def _on_tree_moved(self, *_args: object) -> None:
        if self.choice.bed_id() is not None and not self.choose_radio.isChecked():
            self.choose_radio.setChecked(True)

    def _on_choice_changed(self) -> None:
        check = self.choice.place_check()
        needed = self.choose_radio.isChecked() and check is not None and not check.clean and check.can_override
        if self.allowed:
            self._form.setRowVisible(self._override_row, needed)
        self._emit_changed()

    def values(self) -> Payload:
        if not self.allowed:
            return {}
        bed = self.choice.bed_id() if self.choose_radio.isChecked() else None
        check = self.choice.place_check()
        needed = bed is not None and check is not None and not check.clean
        override = self.override_edit.text() if needed else ""
        return {"bed_id": bed, "bed_override_reason": override}

    def _load(self, payload: Payload) -> None:
        bed = payload.get("bed_id")
        bed = bed if isinstance(bed, int) else None
        self.override_edit.setText(text_of(payload, "bed_override_reason"))
        (self.choose_radio if bed is not None else self.skip_radio).setChecked(True)
        if bed is not None and not self.choice.select_bed(bed):
            self._pending_bed = bed
