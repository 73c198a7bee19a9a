"""Record the director's decision extending the time limit of lodging (gia hạn thời hạn bố trí chỗ ở)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.services.lodging.dto import ExtensionInput, StayClock
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.record.lodging_terms import clock_basis, clock_text
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.submit_dialog import SubmitDialog


class ExtensionDialog(SubmitDialog[ExtensionInput]):
    """Decision number and date, who signed it, the new last day and the reason; the service checks them all
    (the new day after the current deadline, the decision not in the future nor before the admission)."""

    def __init__(
        self, parent: QWidget | None, clock: StayClock, submit: Callable[[ExtensionInput], object] | None = None
    ) -> None:
        super().__init__(parent, submit)
        self._clock = clock
        self.setWindowTitle(_("Extend the time limit of lodging"))
        self.setMinimumWidth(620)
        self.decision_number = QLineEdit()
        self.decision_number.setMaxLength(60)
        self.decision_number.setPlaceholderText(_("e.g. 15/QĐ-TTCTXH"))
        self.decision_date = DateEdit(required=True)
        self.decided_by = QLineEdit()
        self.decided_by.setMaxLength(200)
        self.decided_by.setPlaceholderText(_("e.g. Director Nguyễn Văn An"))
        self.until = DateEdit(required=True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        current = QLabel(
            _("Current deadline: {deadline} · {clock}").format(
                deadline=format_date(clock.deadline), clock=clock_text(clock)
            )
        )
        current.setObjectName("currentDeadline")
        current.setWordWrap(True)
        form = QFormLayout()
        rows: list[tuple[str, QWidget, str, str]] = [
            (_("&Decision number:"), self.decision_number, "decision_number", ""),
            (_("Decision da&te:"), self.decision_date, "decision_date", ""),
            (
                _("Si&gned by:"),
                self.decided_by,
                "decided_by",
                _("The director, or the deputy signing for the director."),
            ),
            (
                _("Extended &until:"),
                self.until,
                "until",
                _("The last day of lodging, after {deadline}.").format(deadline=format_date(clock.deadline)),
            ),
            (_("&Reason:"), self.reason, "reason", ""),
        ]
        for text, widget, field, hint in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(field, widget, hint))
        layout = QVBoxLayout(self)
        basis = clock_basis(clock)
        intro = _("Lodging is limited to {basis}; only a decision of the director extends it.").format(basis=basis)
        layout.addWidget(hint_label(intro))
        layout.addWidget(current)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, clock: StayClock, submit: Callable[[ExtensionInput], object] | None = None
    ) -> ExtensionInput | None:
        dialog = cls(parent, clock, submit)
        try:
            return dialog.accepted_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def value(self) -> ExtensionInput:
        problems: list[tuple[str, str]] = []
        days: dict[str, date] = {}
        for field, edit in (("decision_date", self.decision_date), ("until", self.until)):
            day = edit.value()
            if day is None:
                problems.append((field, edit.problem() or _("Please fill in the date.")))
            else:
                days[field] = day
        if problems:
            raise ValidationErrors(problems) if len(problems) > 1 else ValidationError(*problems[0])
        return ExtensionInput(
            admission_id=self._clock.admission_id,
            decision_number=self.decision_number.text(),
            decision_date=days["decision_date"],
            decided_by=self.decided_by.text(),
            until=days["until"],
            reason=self.reason.text(),
        )
