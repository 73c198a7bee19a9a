"""A leave pass (giấy đi phép): reason, the person going with her, where to, when she leaves and when she is
expected back (hẹn về). OK asks the service; every problem it finds is shown under its field at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.services.lodging.dto import LeaveInput, LeaveRow
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.lodging.census_dialogs import _SubmittingDialog, show_problems
from centre_desk.ui.widgets.date_edit import DateEdit


def _moment_field(value: datetime | None) -> DateEdit:
    edit = DateEdit(with_time=True, required=True)
    if value is not None:
        edit.set_value(value.astimezone().replace(tzinfo=None))
    return edit


def _aware(edit: DateEdit, field: str) -> datetime:
    """The local date and time typed, as aware UTC; ValidationError naming `field` when it is not one."""
    problem = edit.problem()
    moment = edit.moment()
    if problem or moment is None:
        raise ValidationError(field, problem or _("Please fill in the date."))
    return moment.astimezone().astimezone(UTC)


class LeaveDialog(_SubmittingDialog):
    def __init__(
        self,
        parent: QWidget | None,
        resident_id: int,
        who: str,
        now: datetime,
        submit: Callable[[LeaveInput], LeaveRow] | None = None,
    ) -> None:
        super().__init__(parent)
        self._resident_id = resident_id
        self._submit = submit
        self.granted: LeaveRow | None = None
        self.setWindowTitle(_("Grant a leave pass"))
        self.setMinimumWidth(560)
        self.reason = QLineEdit()
        self.reason.setMaxLength(300)
        self.reason.setPlaceholderText(_("e.g. Visit her family for the Tết holiday"))
        self.companion = QLineEdit()
        self.companion.setMaxLength(200)
        self.companion.setPlaceholderText(_("Name and relation, e.g. Lò Văn Pánh (father)"))
        self.destination = QLineEdit()
        self.destination.setMaxLength(300)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        start = now.replace(second=0, microsecond=0)
        self.leaves_at = _moment_field(start)
        self.expected_back_at = _moment_field(None)
        for name, widget in (("leaveReason", self.reason), ("leaveCompanion", self.companion),
                             ("leaveDestination", self.destination), ("leaveNote", self.note),
                             ("leavesAt", self.leaves_at), ("expectedBackAt", self.expected_back_at)):  # fmt: skip
            widget.setObjectName(name)
        self.expected_back_at.setToolTip(_("When she is expected back; after it the pass shows as overdue."))
        form = QFormLayout()
        for text, field, widget, hint in (
            (_("&Reason:"), "reason", self.reason, ""),
            (_("&Companion:"), "companion", self.companion, _("Whoever takes her and answers for her return.")),
            (_("&Destination:"), "destination", self.destination, ""),
            (_("Lea&ves at:"), "leaves_at", self.leaves_at, ""),
            (_("E&xpected back:"), "expected_back_at", self.expected_back_at, ""),
            (_("&Note:"), "note", self.note, ""),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(field, widget, hint))
        self.expected_back_at.left.connect(lambda problem: self.errors.note("expected_back_at", problem))
        self.leaves_at.left.connect(lambda problem: self.errors.note("leaves_at", problem))
        heading = QLabel(_("Leave pass for {who}").format(who=who))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            hint_label(
                _("From the time she leaves she is counted as on leave; she is back when her return is recorded.")
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        resident_id: int,
        who: str,
        now: datetime,
        submit: Callable[[LeaveInput], LeaveRow],
    ) -> LeaveRow | None:
        """The pass granted, or None when cancelled."""
        dialog = cls(parent, resident_id, who, now, submit)
        try:
            return dialog.granted if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def value(self) -> LeaveInput:
        """The input; the dates not typed as dates are refused together, under their fields."""
        problems: list[tuple[str, str]] = []
        moments: dict[str, datetime] = {}
        for field, edit in (("leaves_at", self.leaves_at), ("expected_back_at", self.expected_back_at)):
            try:
                moments[field] = _aware(edit, field)
            except ValidationError as exc:
                problems.append((exc.field, exc.message))
        if problems:
            raise ValidationErrors(problems)
        return LeaveInput(
            resident_id=self._resident_id, reason=self.reason.text(), leaves_at=moments["leaves_at"],
            expected_back_at=moments["expected_back_at"], companion=self.companion.text(),
            destination=self.destination.text(), note=self.note.text(),
        )  # fmt: skip

    def accept(self) -> None:
        self.errors.clear()
        try:
            data = self.value()
        except ValidationError as exc:
            show_problems(self.errors, exc)
            return
        submit = self._submit
        if submit is None:
            super().accept()
            return

        def call() -> None:
            self.granted = submit(data)

        if self.submitted(call):
            super().accept()
