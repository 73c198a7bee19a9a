"""The discharge request form: why and when she leaves and the Mẫu 09 application; the receiving party (her family
member and the commune's representative, or the receiving centre for a transfer); what the hand-over record says.
Checked as one types with the service's own rule (`DischargeService.check`): every problem under its field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from PySide6.QtCore import QRegularExpression, QSize, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError, ValidationErrors
from centre_desk.i18n import N_, _
from centre_desk.services.discharge.dto import DischargeInput
from centre_desk.services.discharge.terms import REASONS
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

CHECK_DELAY_MS = 300
# (field, label) by page; an "&" gives the field an access key, unique in the dialog
PAGES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("Request"), (
        ("reason", N_("Wh&y she leaves:")), ("planned_on", N_("&Planned date:")),
        ("application_on", N_("&Mẫu 09 received on:")), ("applicant_name", N_("&Applicant:")),
        ("applicant_relation", N_("Applicant's re&lationship (empty: herself):")),
        ("reason_note", N_("Reason in &detail:")),
    )),
    (N_("Receiving party"), (
        ("family_name", N_("&Family member:")), ("family_relation", N_("Relationship:")),
        ("family_id_number", N_("CCCD number:")), ("family_address", N_("Address:")), ("family_phone", N_("Phone:")),
        ("commune_officer", N_("&Commune representative:")), ("commune_officer_position", N_("Position:")),
        ("commune_name", N_("Commune (xã, phường):")), ("commune_province", N_("Province:")),
        ("receiving_centre", N_("Receiving facili&ty (transfer):")), ("receiving_address", N_("Facility's address:")),
    )),
    (N_("Hand-over"), (
        ("condition_on_leaving", N_("Condition on lea&ving:")), ("support_given", N_("Support &given:")),
        ("follow_up_arrangements", N_("Follow-&up arrangements:")),
    )),
)  # fmt: skip
BLOCKS = frozenset({"reason_note", "condition_on_leaving", "support_given", "follow_up_arrangements"})
DATES = frozenset({"planned_on", "application_on"})


class RequestDialog(SubmitDialog[DischargeInput]):
    def __init__(
        self, parent: QWidget | None, title: str, check: Callable[[DischargeInput], object],
        submit: Callable[[DischargeInput], object] | None, start: DischargeInput | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent, submit)
        self.setObjectName("dischargeRequestDialog")
        self.setWindowTitle(title)
        self._check = check
        self._touched: set[str] = set()
        self.widgets: dict[str, QWidget] = {}
        self.pages = QTabWidget()
        for page_title, page_fields in PAGES:
            page = QWidget()
            form = QFormLayout(page)
            for name, label in page_fields:
                widget = self._make(name)
                self.widgets[name] = widget
                form.addRow(_(label), self.errors.wrap(name, widget))
            self.pages.addTab(page, _(page_title))
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        if start is not None:
            self.load(start)
        fit_window(self, QSize(760, 600))

    def _make(self, name: str) -> QWidget:
        widget: QWidget
        if name == "reason":
            combo = QComboBox()
            for key, text in REASONS.items():
                combo.addItem(_(text), key)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
            widget = combo
        elif name in DATES:
            date_field = DateEdit()
            date_field.textEdited.connect(lambda _t, n=name: self._edited(n))
            widget = date_field
        elif name in BLOCKS:
            block = QPlainTextEdit()
            block.setTabChangesFocus(True)
            block.setFixedHeight(block.fontMetrics().lineSpacing() * (3 if name == "reason_note" else 5) + 14)
            block.textChanged.connect(lambda n=name: self._edited(n))
            widget = block
        else:
            line = QLineEdit()
            if name == "family_id_number":
                line.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 ]{0,14}"), line))
                line.setPlaceholderText("012345678901")
            line.textEdited.connect(lambda _t, n=name: self._edited(n))
            widget = line
        widget.setObjectName(name)
        return widget

    def load(self, data: DischargeInput) -> None:
        for f in fields(DischargeInput):
            widget, value = self.widgets.get(f.name), getattr(data, f.name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, DateEdit):
                widget.set_value(value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def value(self) -> DischargeInput:
        values: dict[str, object] = {}
        for f in fields(DischargeInput):
            widget = self.widgets.get(f.name)
            if isinstance(widget, QComboBox):
                values[f.name] = widget.currentData()
            elif isinstance(widget, DateEdit):
                values[f.name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                values[f.name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[f.name] = widget.text()
        return DischargeInput(**values)  # type: ignore[arg-type]

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self._timer.start()

    def check_now(self) -> None:
        """The service's rule over what is typed; problems shown under the fields already touched."""
        try:
            self._check(self.value())
            problems: tuple[tuple[str, str], ...] = ()
        except ValidationErrors as exc:
            problems = tuple(exc.problems)
        except ValidationError as exc:
            problems = ((exc.field, exc.message),)
        found = dict(reversed(problems))
        for name in self.widgets:
            self.errors.note(name, found.get(name, "") if name in self._touched else "")
