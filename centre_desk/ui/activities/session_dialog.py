"""A group session, new or changed: its kind, topic (the usual ones offered, any other typed), start, duration, who
led it (a staff member and/or someone from outside), the place, participants from outside, a note — and beside
it the attendance chooser, read off the UI thread for the start typed (the residents present then). OK sends it
to the service; every problem it finds shows under its field at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.activities import ActivityKind
from centre_desk.services.activities.dto import SessionChoices, SessionInput, SessionView
from centre_desk.services.activities.rules import MINUTES, OUTSIDE_MAX
from centre_desk.services.activities.terms import KINDS, TOPICS
from centre_desk.ui.activities.chooser import AttendanceChooser
from centre_desk.ui.tasks import run_task
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

ChoicesReader = Callable[[datetime], SessionChoices]


class SessionDialog(SubmitDialog[SessionInput]):
    def __init__(
        self, parent: QWidget | None, read_choices: ChoicesReader, now: datetime,
        submit: Callable[[SessionInput], object] | None, session: SessionView | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self._read = read_choices
        self.loading = False
        self._ticked: set[int] = {a.resident_id for a in session.attendees} if session is not None else set()
        self._facilitator_id = session.facilitator_id if session is not None else None
        self.setWindowTitle(_("Change the group session") if session is not None else _("New group session"))
        self._build_fields()
        self.chooser = AttendanceChooser()
        self.buttons = confirm_buttons(self, _("Save"), save=True)
        people = QGroupBox(_("Residents who took part"))
        QVBoxLayout(people).addWidget(self.errors.wrap("attendees", self.chooser))
        fields = QVBoxLayout()
        fields.addLayout(self.form)
        fields.addStretch(1)  # the rows keep their height, the note under its label
        body = QHBoxLayout()
        body.addLayout(fields, 3)
        body.addWidget(people, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.starts_at.left.connect(self._on_starts_at_left)
        self._on_kind_changed()
        if session is not None:
            self._load(session)
        else:
            self.starts_at.set_value(now.astimezone().replace(tzinfo=None, second=0, microsecond=0))
        fit_window(self, QSize(1080, 640), "groupSession")
        self.reload_choices()

    def _build_fields(self) -> None:
        self.kind = QComboBox()
        for code, text in KINDS:
            self.kind.addItem(_(text), code)
        self.topic = QComboBox()
        self.topic.setEditable(True)
        self.topic.setObjectName("sessionTopic")
        self.starts_at = DateEdit(with_time=True, required=True)
        self.minutes = QSpinBox()
        self.minutes.setRange(*MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(" " + _("min"))
        self.facilitator = QComboBox()
        self.facilitator.addItem(_("(nobody of the centre)"), None)
        self.outside_name = QLineEdit()
        self.outside_name.setMaxLength(200)
        self.outside_name.setPlaceholderText(_("e.g. Officer of the provincial Women's Union"))
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.outside_count = QSpinBox()
        self.outside_count.setRange(0, OUTSIDE_MAX)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.form = QFormLayout()
        for text, field, widget in (
            (_("Kin&d:"), "kind", self.kind),
            (_("&Topic:"), "topic", self.topic),
            (_("&Started at:"), "starts_at", self.starts_at),
            (_("D&uration:"), "minutes", self.minutes),
            (_("Led &by (staff):"), "facilitator_id", self.facilitator),
            (_("Led by (&outside):"), "facilitator_name", self.outside_name),
            (_("&Where held:"), "place", self.place),
            (_("Participants from outs&ide:"), "outside_count", self.outside_count),
            (_("&Note:"), "note", self.note),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, self.errors.wrap(field, widget))

    def _load(self, session: SessionView) -> None:
        row = session.row
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind), 0))
        self.topic.setCurrentText(row.topic)
        self.starts_at.set_value(row.starts_at.astimezone().replace(tzinfo=None))
        self.minutes.setValue(row.minutes)
        self.outside_name.setText(session.facilitator_name)
        self.place.setText(row.place)
        self.outside_count.setValue(row.outside_count)
        self.note.setPlainText(session.note)

    # -- the residents present at the start ------------------------------------------------------------------------

    def reload_choices(self) -> None:
        moment = self.starts_at.moment()
        if moment is None or self.starts_at.problem():
            return
        at = moment.astimezone().astimezone(UTC)
        if self.chooser.model.rowCount():
            self._ticked = set(self.chooser.ticked())
        self.loading = True
        read = self._read
        run_task(self, lambda: read(at), self._on_choices, self._on_no_choices)

    def _on_choices(self, choices: SessionChoices) -> None:
        self.loading = False
        chosen = self.facilitator.currentData() if self.facilitator.count() > 1 else self._facilitator_id
        self.facilitator.blockSignals(True)
        while self.facilitator.count() > 1:
            self.facilitator.removeItem(1)
        for staff_id, name in choices.staff:
            self.facilitator.addItem(name, staff_id)
        self.facilitator.setCurrentIndex(max(self.facilitator.findData(chosen), 0))
        self.facilitator.blockSignals(False)
        self.chooser.load(choices, self._ticked)

    def _on_no_choices(self, exc: BaseException) -> None:
        self.loading = False
        self.errors.show_message("attendees", str(getattr(exc, "message", "")) or _("The residents could not be read."))

    def _on_starts_at_left(self, problem: str) -> None:
        self.errors.note("starts_at", problem)
        if not problem:
            self.reload_choices()

    def _on_kind_changed(self) -> None:
        typed = self.topic.currentText()
        self.topic.clear()
        self.topic.addItems([_(t) for t in TOPICS.get(str(self.kind.currentData()), ())])
        self.topic.setCurrentText(typed)

    # -- the value -------------------------------------------------------------------------------------------------

    def value(self) -> SessionInput:
        moment = self.starts_at.moment()
        if moment is None or self.starts_at.problem():
            raise ValidationError("starts_at", self.starts_at.problem() or _("Give the date and time the session "
                                                                              "started."))  # fmt: skip
        return SessionInput(
            kind=str(self.kind.currentData() or ActivityKind.OTHER), topic=self.topic.currentText(),
            starts_at=moment.astimezone().astimezone(UTC), minutes=self.minutes.value(),
            facilitator_id=self.facilitator.currentData(), facilitator_name=self.outside_name.text(),
            place=self.place.text(), outside_count=self.outside_count.value(), note=self.note.toPlainText(),
            attendees=self.chooser.ticked(),
        )  # fmt: skip
