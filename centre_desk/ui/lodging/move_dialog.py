"""Moving a resident to another bed (or giving her a first bed), and two residents swapping beds.

Both dialogs hand what was typed to a `submit` callback (the board calls the service there) and close only when
it succeeds: a broken room rule (RuleBroken) lists every problem in the dialog, and a manager may then give the
reason for an exception; nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.lodging.dto import Occupant, RoomCard
from centre_desk.services.lodging.placement import RuleBroken
from centre_desk.services.lodging.service import LodgingService
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.lodging.bed_choice import BedChoice, Checker
from centre_desk.ui.lodging.states import person_text
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.window_fit import fit_window

REASON_MAX = 300
MoveSubmit = Callable[[int, str, str], object]  # bed id, reason, override reason
SwapSubmit = Callable[[str, str], object]  # reason, override reason


def rule_problems_text(exc: RuleBroken) -> str:
    return "\n".join([_("The room rules do not allow it:")] + [f"• {p.message}" for p in exc.problems])


class _ReasonDialog(QDialog):
    """The reason (required), the reason of a manager's exception (shown when needed), errors, the buttons."""

    def __init__(self, parent: QWidget | None, may_override: bool, ok_text: str) -> None:
        super().__init__(parent)
        self.may_override = may_override
        self.first_focus: QWidget | None = None  # where the cursor goes when the dialog is shown
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.setObjectName("reason")
        self.override_edit = QLineEdit()
        self.override_edit.setMaxLength(REASON_MAX)
        self.override_edit.setObjectName("overrideReason")
        self.override_label = QLabel(_("Reason for the &exception:"))
        self.override_label.setBuddy(self.override_edit)
        self.buttons = confirm_buttons(self, ok_text)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = self.first_focus
        if first is not None:
            QTimer.singleShot(0, first, lambda: first.setFocus(Qt.FocusReason.OtherFocusReason))  # not after it is gone

    def add_reason_rows(self, form: QFormLayout) -> None:
        form.addRow(_("&Reason:"), self.errors.wrap("reason", self.reason_edit))
        self.override_box = self.errors.wrap(
            "override_reason", self.override_edit, _("Kept with the stay and in the audit trail.")
        )
        form.addRow(self.override_label, self.override_box)
        self.show_override(False)

    def show_override(self, shown: bool) -> None:
        self.override_label.setVisible(shown)
        self.override_box.setVisible(shown)

    def needs_reasons(self, override: bool) -> bool:
        """Whether the reasons typed are enough (the problems are shown when not)."""
        if not self.reason_edit.text().strip():
            self.errors.show_message("reason", _("Give the reason."))
            return False
        if override and not self.override_edit.text().strip():
            self.errors.show_message("override_reason", _("Give the reason for the exception."))
            return False
        return True

    def run(self, call: Callable[[], object]) -> bool:
        """Call the service; show what it refused. True when done."""
        try:
            call()
        except RuleBroken as exc:
            overridable = all(p.overridable for p in exc.problems)
            self.show_override(self.may_override and overridable)
            self.errors.show_message("", rule_problems_text(exc))
            if self.may_override and overridable:
                self.override_edit.setFocus()
            return False
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return False
        return True


class MoveDialog(_ReasonDialog):
    """Choose her new bed (BedChoice shows the rules each choice breaks), give the reason, confirm."""

    def __init__(
        self,
        parent: QWidget | None,
        person: Occupant,
        where: str,
        rooms: Sequence[RoomCard],
        own_bed: int | None,
        checker: Checker,
        submit: MoveSubmit,
        may_override: bool,
    ) -> None:
        first = own_bed is None
        super().__init__(parent, may_override, _("&Give the bed") if first else _("&Move"))
        self.setWindowTitle(_("Give a bed") if first else _("Move to another bed"))
        self._submit = submit
        self.person = person
        who = QLabel(person_text(person))
        who.setObjectName("who")
        font = who.font()
        font.setBold(True)
        who.setFont(font)
        now = hint_label(_("Now in: {where}").format(where=where) if where else _("Not yet given a bed"))
        self.choice = BedChoice(checker)
        self.choice.set_rooms(rooms, exclude=own_bed)
        self.choice.tree.setMinimumHeight(220)
        beds_label = QLabel(_("&New bed:"))
        beds_label.setBuddy(self.choice.tree)
        form = QFormLayout()
        form.addRow(beds_label, self.errors.wrap("bed_id", self.choice))
        self.add_reason_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(now)
        layout.addLayout(form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.choice.changed.connect(self._on_choice_changed)
        self._on_choice_changed()
        fit_window(self, QSize(640, 600), "moveBedDialog")
        self.first_focus = self.choice.tree

    def _on_choice_changed(self) -> None:
        check = self.choice.place_check()
        self.show_override(check is not None and not check.clean and check.can_override)
        self.general_error.setVisible(False)

    def accept(self) -> None:
        self.errors.clear()
        bed = self.choice.bed_id()
        if bed is None:
            self.errors.show_message("bed_id", _("Choose the new bed."))
            return
        check = self.choice.place_check()
        if check is not None and not check.clean and not check.can_override:
            self.errors.show_message("bed_id", _("This bed cannot be used: see the rules it breaks above."))
            return
        override = check is not None and not check.clean
        if not self.needs_reasons(override):
            return
        reason, kept = self.reason_edit.text(), self.override_edit.text() if override else ""
        if self.run(lambda: self._submit(bed, reason, kept)):
            super().accept()


def move_dialog(
    parent: QWidget | None,
    service: LodgingService,
    actor: Actor,
    person: Occupant,
    where: str,
    rooms: Sequence[RoomCard],
    own_bed: int | None,
) -> MoveDialog:
    """The move dialog for one resident, checking and placing through the service as `actor` (the board's
    tiles and the record's "Move to another bed…" both open it)."""
    rid = person.resident_id
    return MoveDialog(
        parent, person, where, rooms, own_bed,
        lambda bed: service.check_place(actor, rid, bed),
        lambda bed, reason, kept: service.place(actor, rid, bed, reason, kept),
        actor.can(Action.APPROVE, FieldGroup.LODGING),
    )  # fmt: skip


class SwapDialog(_ReasonDialog):
    """Two residents exchange beds: confirm, with the reason."""

    def __init__(
        self,
        parent: QWidget | None,
        first: tuple[Occupant, str],
        second: tuple[Occupant, str],
        submit: SwapSubmit,
        may_override: bool,
    ) -> None:
        super().__init__(parent, may_override, _("&Swap beds"))
        self.setWindowTitle(_("Swap beds"))
        self._submit = submit
        question = QLabel(
            _("{first} (now {first_bed}) and {second} (now {second_bed}) exchange beds.").format(
                first=first[0].label, first_bed=first[1], second=second[0].label, second_bed=second[1]
            )
        )
        question.setObjectName("question")
        question.setWordWrap(True)
        form = QFormLayout()
        self.add_reason_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(560, 260), "swapBedDialog")
        self.first_focus = self.reason_edit

    def accept(self) -> None:
        self.errors.clear()
        override = not self.override_box.isHidden()  # shown once the service named rules a manager may break
        if not self.needs_reasons(override):
            return
        reason, kept = self.reason_edit.text(), self.override_edit.text() if override else ""
        if self.run(lambda: self._submit(reason, kept)):
            super().accept()
