"""The form of an entry of any kind, built from its declaration: the moment, the fields in their sections,
the restricted tick, a live line from the kind (e.g. the NEWS2 score), Save and Cancel.

Each field is checked with the service's own rule (services/entries/fields.parse): the message under the
field disappears as soon as the text is acceptable and appears when a wrong text is left. Save sends the
whole entry to the service; what it refuses stays typed, every problem under its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action
from centre_desk.services.entries.dto import EntryInput, EntryRow
from centre_desk.services.entries.fields import Field, FieldType, as_text, parse
from centre_desk.services.entries.kinds import EntryKind, Restriction
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.entries.field_widgets import FieldWidget
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

Preview = Callable[[EntryInput], str]
PREVIEW_DELAY_MS = 250
PREVIEW_STYLE = "font-weight: bold; color: #1f3b63;"
WARNING_STYLE = "font-weight: bold; color: #8c1d18;"  # a line starting with ⚠ (an alert, an allergy)


def restricted_note() -> str:
    return _("Restricted entry: only nurses and the management can read it.")


class EntryDialog(SubmitDialog[EntryInput]):
    def __init__(
        self,
        kind: EntryKind,
        actor: Actor,
        parent: QWidget | None,
        submit: Callable[[EntryInput], object] | None,
        *,
        row: EntryRow | None = None,
        preview: Preview | None = None,
        who: str = "",
    ) -> None:
        super().__init__(parent, submit)
        self.kind = kind
        self._preview = preview
        title = _("New: {kind}") if row is None else _("Change: {kind}")
        self.setWindowTitle(title.format(kind=kind.title_text()) + (f" – {who}" if who else ""))
        self.when = DateEdit(with_time=True, required=True)
        self.when.setObjectName("field_occurred_at")
        self.fields: dict[str, FieldWidget] = {}
        body = QWidget()
        body_layout = QVBoxLayout(body)
        top = QFormLayout()
        top.addRow(_(kind.when_label), self.errors.wrap("occurred_at", self.when))
        body_layout.addLayout(top)
        for section, fields in self._sections():
            box = QGroupBox(_(section)) if section else QWidget()
            grid = QGridLayout(box)
            place = 0
            for field in fields:
                widget = FieldWidget(field, self)
                self.fields[field.name] = widget
                wrapped = self.errors.wrap(field.name, widget.widget, _(field.hint) if field.hint else "")
                wide = field.type is FieldType.LONG_TEXT
                if wide and place % 2:
                    place += 1
                r, c = divmod(place, 2)
                label = QLabel(_(field.label) if widget.needs_label else "")
                label.setBuddy(widget.editor)
                grid.addWidget(label, r, c * 2)
                grid.addWidget(wrapped, r, c * 2 + 1, 1, 3 if wide else 1)
                place += 2 if wide else 1
                widget.changed.connect(lambda f=field.name: self._on_changed(f))
                widget.left.connect(lambda f=field.name: self._on_left(f))
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            body_layout.addWidget(box)
        self.restricted = QCheckBox(restricted_note())
        self.restricted.setObjectName("restricted")
        may_restrict = actor.can(Action.CREATE, kind.restricted_group)
        self._may_restrict = kind.restriction is Restriction.OPTIONAL and may_restrict
        self.restricted.setVisible(self._may_restrict)
        body_layout.addWidget(self.restricted)
        if kind.restriction is Restriction.ALWAYS:
            body_layout.addWidget(hint_label(restricted_note()))
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("entryPreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet(PREVIEW_STYLE)
        self.preview_label.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._fill(row)
        fit_window(self, QSize(900, min(680, body.sizeHint().height() + 150)))

    def _sections(self) -> list[tuple[str, list[Field]]]:
        sections: dict[str, list[Field]] = {}
        for field in self.kind.fields:
            sections.setdefault(field.section, []).append(field)
        return list(sections.items())

    def _fill(self, row: EntryRow | None) -> None:
        if row is None:
            self.when.set_value(datetime.now().replace(second=0, microsecond=0))
            for field in self.kind.fields:
                self.fields[field.name].set_text(as_text(field, field.empty()))
        else:
            self.when.set_value(row.occurred_at.astimezone().replace(tzinfo=None))
            for field in self.kind.fields:
                self.fields[field.name].set_text(as_text(field, row.value(field.name)))
            self.restricted.setChecked(row.restricted)
        self.when.setFocus()

    # -- checking as the user types --------------------------------------------------------------------------

    def _on_changed(self, name: str) -> None:
        widget = self.fields[name]
        _value, message = parse(widget.field, widget.text())
        if not message:
            self.errors.note(name, "")
        if self._preview is not None:
            self._timer.start()

    def _on_left(self, name: str) -> None:
        widget = self.fields[name]
        self.errors.note(name, parse(widget.field, widget.text())[1])

    def done(self, result: int) -> None:
        self._timer.stop()  # no line computed for a closed form
        super().done(result)

    def update_preview(self) -> None:
        if self._preview is None:
            return
        try:
            text = self._preview(self.value())
        except UserError:
            text = ""
        self.preview_label.setText(text)
        self.preview_label.setStyleSheet(WARNING_STYLE if text.startswith("⚠") else PREVIEW_STYLE)
        self.preview_label.setVisible(bool(text))

    # -- the value -------------------------------------------------------------------------------------------

    def value(self) -> EntryInput:
        problems: list[tuple[str, str]] = []
        moment = self.when.moment()
        if self.when.problem():
            problems.append(("occurred_at", self.when.problem()))
        values = []
        for name, widget in self.fields.items():
            value, message = parse(widget.field, widget.text())
            if message:
                problems.append((name, message))
            values.append((name, value))
        if problems or moment is None:
            raise ValidationErrors(problems or [("occurred_at", _("Please fill in the date."))])
        restricted = self.restricted.isChecked() and self._may_restrict
        return EntryInput(moment.astimezone(), tuple(values), restricted)
