"""The census's small dialogs: change a resident's presence (with a note), and the questions asked before
something that cannot be taken back (she left the centre for good; she is back from leave).

Each dialog calls the service itself when OK is pressed (`submit`) and stays open with the problem under its
field when the service refuses, as the record's dialogs do."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationError, ValidationErrors
from centre_desk.i18n import N_, _
from centre_desk.models.lodging import Presence
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.lodging.census_terms import presence_name

CHOICES = (
    (Presence.PRESENT, N_("&Present")),
    (Presence.HOSPITAL, N_("In &hospital")),
    (Presence.ABSENT, N_("&Absent without permission")),
    (Presence.GONE, N_("&Left the centre for good")),
)


def show_problems(errors: FieldErrors, exc: ValidationError) -> None:
    """Every problem of `exc` under its field (the first one's field takes the focus)."""
    problems: Sequence[tuple[str, str]] = (
        exc.problems if isinstance(exc, ValidationErrors) else [(exc.field, exc.message)]
    )
    for field, message in reversed(problems):
        errors.show_message(field, message)


class _SubmittingDialog(QDialog):
    """OK reads the input and hands it to `submit`; a refusal stays in the dialog, beside its field."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def submitted(self, call: Callable[[], object]) -> bool:
        self.errors.clear()
        try:
            call()
        except ValidationError as exc:
            show_problems(self.errors, exc)
            return False
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return False
        return True


def confirm_gone(parent: QWidget | None, who: str) -> bool:
    """She left the centre for good: her bed stay ends (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        _("Left the centre for good"),
        _(
            "Record that {who} has left the centre for good? Her bed stay ends and the bed is marked as "
            "needing cleaning. This cannot be undone from the census."
        ).format(who=who),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_return(parent: QWidget | None, who: str) -> bool:
    """She is back from leave now (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        _("Back from leave"),
        _("Record that {who} is back in the centre now? Her leave pass is closed.").format(who=who),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


class PresenceDialog(_SubmittingDialog):
    """Present, in hospital, absent without permission, or gone — now, with a note."""

    def __init__(
        self,
        parent: QWidget | None,
        who: str,
        current: Presence,
        submit: Callable[[Presence, str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._who = who
        self._submit = submit
        self.setWindowTitle(_("Change of presence"))
        self.setMinimumWidth(460)
        self.group = QButtonGroup(self)
        self.choices: dict[Presence, QRadioButton] = {}
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for presence, text in CHOICES:
            button = QRadioButton(_(text))
            button.setObjectName(f"presence_{presence.value}")
            self.group.addButton(button)
            self.choices[presence] = button
            column.addWidget(button)
        if current is Presence.PRESENT:
            wanted = Presence.HOSPITAL  # the usual change from present
        else:
            wanted = current if current in self.choices else Presence.PRESENT  # on leave: back
        self.choices[wanted].setChecked(True)
        self.note = QLineEdit()
        self.note.setObjectName("presenceNote")
        self.note.setMaxLength(300)
        self.note.setPlaceholderText(_("e.g. Lai Châu provincial hospital, for observation"))
        note_label = QLabel(_("&Note:"))
        note_label.setBuddy(self.note)
        form = QFormLayout()
        form.addRow(_("New presence:"), self.errors.wrap("status", box))
        form.addRow(note_label, self.errors.wrap("note", self.note))
        layout = QVBoxLayout(self)
        heading = QLabel(_("{who} — now: {presence}").format(who=who, presence=presence_name(current)))
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(hint_label(_("The change is recorded now. Leave is given with a leave pass.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.choices[wanted].setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, who: str, current: Presence, submit: Callable[[Presence, str], object]
    ) -> bool:
        """True when the change was recorded."""
        dialog = cls(parent, who, current, submit)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def chosen(self) -> Presence:
        return next(p for p, button in self.choices.items() if button.isChecked())

    def accept(self) -> None:
        status, note = self.chosen(), self.note.text()
        if status is Presence.GONE and not confirm_gone(self, self._who):
            return
        submit = self._submit
        if submit is None or self.submitted(lambda: submit(status, note)):
            super().accept()
