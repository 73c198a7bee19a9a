"""The form of a wellbeing scale (the kind `wellbeing_score`): the scale, chosen among those that suit her age,
its instruction, every question with its four answers, the total and band as one answers, a red line when
question 9 (thoughts of self-harm) is above 0 and a reminder while it is unanswered, and a note.

Which scales are offered (services/counselling/scales.for_age): PHQ-9 and GAD-7 from 18; PHQ-A and GAD-7 from 11
to 17 (the short list for adolescents); every scale when her age is unknown; none under 11 — the form says so and
keeps a note without a scale (the counsellor writes what she observed, or the child's measure she used and its
result). The service checks it all again when saving (services/counselling/wellbeing.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationErrors
from centre_desk.i18n import _, language
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.wellbeing import decode, encode
from centre_desk.services.entries.dto import EntryInput
from centre_desk.text import nfc
from centre_desk.ui.counselling.answer_row import AnswerRow
from centre_desk.ui.counselling.scale_detail import scale_html
from centre_desk.ui.entries.form import PREVIEW_STYLE, WARNING_STYLE
from centre_desk.ui.entries.forms import FormRequest, KindScreens, register_screens
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.window_fit import fit_window

NOTE_MAX = 2000
REMINDER_STYLE = "font-weight: bold; color: #7a4b00;"


def texts_language() -> str:
    """The instruments' texts in the program's language (they come in Vietnamese and English)."""
    return "vi" if language().startswith("vi") else "en"


class ScaleDialog(SubmitDialog[EntryInput]):
    def __init__(self, request: FormRequest) -> None:
        super().__init__(request.parent, request.submit)
        self.kind = request.kind
        row = request.row
        title = _("New: {kind}") if row is None else _("Change: {kind}")
        self.setWindowTitle(title.format(kind=request.kind.title_text()))
        self.lang = texts_language()
        self.when = DateEdit(with_time=True, required=True)
        self.when.setObjectName("field_occurred_at")
        now = datetime.now().replace(second=0, microsecond=0)
        start = row.occurred_at.astimezone().replace(tzinfo=None) if row is not None else now
        self.when.set_value(start)
        self.age = request.age_on(start.date())
        offered = list(scales.for_age(self.age))
        stored = str(row.value("instrument") or "") if row is not None else ""
        if stored and stored not in [i.code for i in offered]:
            offered.append(scales.instrument(stored))  # an earlier score kept with its scale
        self.offered = offered
        self.scale = QComboBox()
        self.scale.setObjectName("field_instrument")
        for found in offered:
            self.scale.addItem(f"{found.code} – {found.name}", found.code)
        if not offered or (row is not None and not stored):  # nothing suits her age, or a note kept without one
            self.scale.addItem(_("No scale: a note only"), "")
        self.age_line = QLabel(self._age_text())
        self.age_line.setWordWrap(True)
        self.stem = QLabel()
        self.stem.setWordWrap(True)
        self.stem.setStyleSheet("font-weight: bold;")
        self.rows: list[AnswerRow] = []
        self.items = QWidget()
        self.items_layout = QVBoxLayout(self.items)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_layout.setSpacing(2)
        self.note = QPlainTextEdit()
        self.note.setObjectName("field_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.total_line = QLabel()
        self.total_line.setObjectName("scaleTotal")
        self.total_line.setStyleSheet(PREVIEW_STYLE)
        self.alert_line = QLabel()
        self.alert_line.setObjectName("scaleAlert")
        self.alert_line.setWordWrap(True)
        self.alert_line.setStyleSheet(WARNING_STYLE)
        self.reminder_line = QLabel()
        self.reminder_line.setObjectName("scaleReminder")
        self.reminder_line.setWordWrap(True)
        self.reminder_line.setStyleSheet(REMINDER_STYLE)

        top = QFormLayout()
        scale_label = QLabel(_("Sc&ale"))
        scale_label.setBuddy(self.scale)
        top.addRow(_(self.kind.when_label), self.errors.wrap("occurred_at", self.when))
        top.addRow(scale_label, self.errors.wrap("instrument", self.scale))
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(top)
        body_layout.addWidget(self.age_line)
        body_layout.addWidget(self.stem)
        body_layout.addWidget(self.errors.wrap("answers", self.items))
        note_label = QLabel(_("&Note"))
        note_label.setBuddy(self.note)
        body_layout.addWidget(note_label)
        body_layout.addWidget(self.errors.wrap("note", self.note))
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        for line in (self.total_line, self.alert_line, self.reminder_line, self.general_error):
            layout.addWidget(line)
        layout.addWidget(self.buttons)
        if row is not None:
            self.scale.setCurrentIndex(max(0, self.scale.findData(stored)))
            self.note.setPlainText(str(row.value("note") or ""))
        self._build_items(decode(str(row.value("answers") or "")) if row is not None else [])
        self.scale.currentIndexChanged.connect(lambda _i: self._build_items([]))
        self.when.setFocus()
        fit_window(self, QSize(980, 700))

    # -- the scale and its questions -------------------------------------------------------------------------------

    def instrument(self) -> scales.Instrument | None:
        code = self.scale.currentData()
        return scales.instrument(code) if isinstance(code, str) and code else None

    def _age_text(self) -> str:
        codes = ", ".join(i.code for i in self.offered)
        if self.age is None:
            return _("Her age is not known: every scale is offered; choose the one that suits her.")
        if not scales.for_age(self.age):
            return _("No scale in the program suits a child of {age}: PHQ-9 and GAD-7 are for 18 and over, PHQ-A "
                     "and GAD-7 for 11 to 17. Write a note: what you observed, or the child's measure you used and "
                     "its result.").format(age=self.age)  # fmt: skip
        return _("Scales for her age ({age}): {codes}.").format(age=self.age, codes=codes)

    def _build_items(self, answers: list[int | None]) -> None:
        for old in self.rows:
            old.deleteLater()
        self.rows = []
        found = self.instrument()
        self.stem.setText(found.stem[self.lang] if found else "")
        self.stem.setVisible(found is not None)
        self.items.setVisible(found is not None)
        if found is not None:
            options = [(value, labels[self.lang]) for value, labels in found.options]
            previous: QWidget = self.scale
            for n in range(1, found.n_items + 1):
                row = AnswerRow(n, scales.item_text(found, n, self.lang), options)
                row.set_value(answers[n - 1] if n <= len(answers) and (answers[n - 1] or 0) >= 0 else None)
                row.changed.connect(self._on_answers_changed)
                row.answered.connect(lambda r=row: self._next(r))
                self.items_layout.addWidget(self.errors.wrap(f"item_{n}", row))
                self.setTabOrder(previous, row)
                previous = row
                self.rows.append(row)
            self.setTabOrder(previous, self.note)
        self.update_result()

    def _next(self, row: AnswerRow) -> None:
        at = self.rows.index(row)
        (self.rows[at + 1] if at + 1 < len(self.rows) else self.note).setFocus(Qt.FocusReason.TabFocusReason)

    def _on_answers_changed(self) -> None:
        for row in self.rows:
            if row.value() is not None:
                self.errors.note(f"item_{row.number}", "")
        self.update_result()

    def answers(self) -> list[int | None]:
        return [row.value() for row in self.rows]

    def update_result(self) -> None:
        """The total and band (or how many are answered), the self-harm alert, the reminder to ask question 9."""
        found = self.instrument()
        if found is None:
            for line in (self.total_line, self.alert_line, self.reminder_line):
                line.setVisible(False)
            return
        result = scales.score(found, self.answers())
        if result.total is not None:
            text = _("Total {total} of {most} – {band}").format(total=result.total, most=found.max_total,
                                                               band=result.band_name())  # fmt: skip
        else:
            text = _("{n} of {m} answered: the total needs every answer.").format(n=result.answered, m=found.n_items)
        self.total_line.setText(text)
        self.total_line.setVisible(True)
        alert = ""
        if result.alert:
            alert = "⚠ " + _("{alert}: question {n} answered above 0. Stay with her, tell the management and the "
                             "nurse, and act today.").format(alert=result.alert_text,
                                                             n=found.alerts[0].item)  # fmt: skip
        self.alert_line.setText(alert)
        self.alert_line.setVisible(bool(alert))
        reminder = ""
        if result.alert_unknown:
            reminder = _("Question {n} (thoughts of self-harm) is not answered yet: ask it.").format(
                n=found.alerts[0].item
            )
        self.reminder_line.setText(reminder)
        self.reminder_line.setVisible(bool(reminder))

    # -- the value -------------------------------------------------------------------------------------------------

    def value(self) -> EntryInput:
        problems: list[tuple[str, str]] = []
        moment = self.when.moment()
        if self.when.problem():
            problems.append(("occurred_at", self.when.problem()))
        note = nfc(self.note.toPlainText()).strip()
        if len(note) > NOTE_MAX:
            problems.append(("note", _("At most {n} characters.").format(n=NOTE_MAX)))
        if problems or moment is None:
            raise ValidationErrors(problems or [("occurred_at", _("Please fill in the date."))])
        found = self.instrument()
        values = (("instrument", found.code if found else ""), ("answers", encode(self.answers())), ("note", note))
        return EntryInput(moment.astimezone(), values)


def scale_form(request: FormRequest) -> ScaleDialog:
    return ScaleDialog(request)


register_screens("wellbeing_score", KindScreens(scale_form, scale_html))
