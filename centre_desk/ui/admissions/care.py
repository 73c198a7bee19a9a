"""Pages 7, 8 and 9: consent, belongings in safekeeping, the initial condition."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_number
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import CHILD_CONSENT_AGES, CHILD_CONSENT_KINDS, column_label
from centre_desk.ui.admissions.fields import (
    ERROR_STYLE,
    ErrorSpot,
    WizardPage,
    block,
    choice,
    combo_key,
    line,
    sensitive_frame,
    set_combo_key,
    text_of,
)
from centre_desk.ui.admissions.payload import CONSENT_ORDER, Payload, age_from, arrival_of, box_key
from centre_desk.ui.login.parts import hint_label
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.grid import Grid

PDP_LAW_FROM = date(2026, 1, 1)  # Law 91/2025/QH15 on personal data protection replaces Decree 13/2023


def consent_law_hint(day: date) -> str:
    """Which text governs a consent given on `day`."""
    if day >= PDP_LAW_FROM:
        return _(
            "Consents from 01/01/2026 follow the Personal Data Protection Law (Law 91/2025/QH15); "
            "a child of 7 or more agrees too, with the parent or guardian."
        )
    return _(
        "Consents before 01/01/2026 follow Decree 13/2023/NĐ-CP; a child of 7 or more agrees too, "
        "with the parent or guardian."
    )


def basis_hint(day: date) -> str:
    if day >= PDP_LAW_FROM:
        return _("Only if processing is without consent, e.g. Law 91/2025/QH15 Art. 19")
    return _("Only if processing is without consent, e.g. Decree 13/2023 Art. 17")


class ConsentRow:
    """One kind of consent: not asked yet / given / refused, the date, who gave it; its problems under it."""

    def __init__(self, kind: terms.ConsentKind, grid: QGridLayout, row: int) -> None:
        self.kind = kind
        self.title = QLabel(_(terms.CONSENT_KINDS[kind]) + ":")
        self.title.setWordWrap(True)
        self.label = _(terms.CONSENT_KINDS[kind])
        self.answer = choice((("", _("Not recorded")), ("given", _("Given")), ("refused", _("Refused"))))
        self.answer.setMinimumWidth(150)
        self.title.setBuddy(self.answer)
        self.on = DateEdit()
        self.on.setToolTip(_("Empty: the day of arrival"))
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("Given by (name)"))
        self.by.setMinimumWidth(220)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        grid.addWidget(self.title, row, 0)
        grid.addWidget(self.answer, row, 1)
        grid.addWidget(self.on, row, 2)
        grid.addWidget(self.by, row, 3)
        grid.addWidget(self.error, row + 1, 1, 1, 3)
        self.answer.currentIndexChanged.connect(self._on_answer_changed)
        self._on_answer_changed()

    def _on_answer_changed(self, *_args: object) -> None:
        recorded = bool(combo_key(self.answer))
        self.on.setEnabled(recorded)
        self.by.setEnabled(recorded)

    def widgets(self) -> list[QWidget]:
        return [self.title, self.answer, self.on, self.by]

    def set_visible(self, visible: bool) -> None:
        for widget in self.widgets():
            widget.setVisible(visible)
        self.error.setVisible(visible and bool(self.error.text()))

    def recorded(self) -> bool:
        return bool(combo_key(self.answer))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.set_visible(True)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def focus_target(self) -> QWidget:
        return self.answer

    def value(self) -> dict[str, object]:
        answer = combo_key(self.answer)
        return {"recorded": bool(answer), "given": answer == "given", "on": self.on.text(), "by": self.by.text()}

    def load(self, entry: object) -> None:
        entry = entry if isinstance(entry, dict) else {}
        set_combo_key(self.answer, ("given" if entry.get("given") else "refused") if entry.get("recorded") else "")
        self.on.setText(str(entry.get("on", "")))
        self.by.setText(str(entry.get("by", "")))


class ConsentPage(WizardPage):
    title = N_("Consent")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = _(
            "Record each consent as given or refused, with the date and who gave it (empty date: the day of arrival)."
        )
        self.outer.addWidget(hint_label(intro))
        self.law_hint = hint_label(consent_law_hint(date.today()))
        self.outer.addWidget(self.law_hint)
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(0, 260)
        for column, text in enumerate((_("Consent to"), _("Answer"), _("Date"), _("Given by"))):
            header = QLabel(text)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        self.rows = {kind: ConsentRow(kind, grid, 1 + 2 * i) for i, kind in enumerate(CONSENT_ORDER)}
        self.outer.addWidget(holder)
        self.child_hint = QLabel(
            _("She or he is between 7 and 15: record both her or his agreement and the guardian's.")
        )
        self.child_hint.setWordWrap(True)
        self.child_hint.setStyleSheet("color: #8a5300;")
        self.outer.addWidget(self.child_hint)
        form = self.new_form()
        self.basis = line(placeholder=basis_hint(date.today()))
        self.add_row(form, _("&Legal basis:"), self.basis, "consent_processing")
        self.outer.addStretch(1)
        for row in self.rows.values():
            self.watch(row.answer, row.on, row.by)
        self.rows[terms.ConsentKind.PROCESSING].on.textChanged.connect(self._update_law)
        self.child_hint.hide()
        self._child = False
        self._arrival = date.today()

    def first_field(self) -> QWidget | None:
        return self.rows[terms.ConsentKind.PROCESSING].answer

    def box_for(self, field: str) -> ErrorSpot | None:
        """consent_child: the child's row; consent_<i>: the i-th consent recorded; others as usual."""
        if field == "consent_child":
            return self.rows[terms.ConsentKind.CHILD_ASSENT]
        if box_key(field) == "consents":
            recorded = [row for row in self.rows.values() if row.recorded()]
            index = int(field.removeprefix("consent_"))
            return recorded[index] if index < len(recorded) else self.rows[terms.ConsentKind.PROCESSING]
        return super().box_for(field)

    def spots(self) -> list[ErrorSpot]:
        return [*self.rows.values(), *super().spots()]

    def spot_of(self, widget: QWidget) -> ErrorSpot | None:
        for row in self.rows.values():
            if widget in row.widgets():
                return row
        return super().spot_of(widget)

    def _update_law(self, *_args: object) -> None:
        day = self.rows[terms.ConsentKind.PROCESSING].on.value() or self._arrival
        self.law_hint.setText(consent_law_hint(day))
        self.basis.setPlaceholderText(basis_hint(day))

    def enter(self, payload: Payload) -> None:
        try:
            self._arrival = arrival_of(payload).date()
        except ValidationError:  # not typed yet, or not a date: today
            self._arrival = date.today()
        self._update_law()
        age = age_from(payload)
        self._child = age is not None and age in CHILD_CONSENT_AGES
        self.child_hint.setVisible(self._child)
        for kind in CHILD_CONSENT_KINDS:
            self.rows[kind].set_visible(self._child or self.rows[kind].recorded())

    def values(self) -> Payload:
        consents = {kind.value: row.value() for kind, row in self.rows.items()}
        consents[terms.ConsentKind.PROCESSING.value]["basis"] = self.basis.text()
        if self.basis.text().strip() and not consents[terms.ConsentKind.PROCESSING.value]["recorded"]:
            consents[terms.ConsentKind.PROCESSING.value].update(recorded=True, given=False)
        return {"consents": consents}

    def _load(self, payload: Payload) -> None:
        stored = payload.get("consents", {})
        stored = stored if isinstance(stored, dict) else {}
        for kind, row in self.rows.items():
            row.load(stored.get(kind.value))
        processing = stored.get(terms.ConsentKind.PROCESSING.value)
        self.basis.setText(str(processing.get("basis", "")) if isinstance(processing, dict) else "")


class BelongingsPage(WizardPage):
    title = N_("Belongings")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outer.addWidget(hint_label(_("Everything taken into safekeeping; the receipt is printed from this list.")))
        form = self.new_form()
        self.items = Grid(
            [(c, column_label(c)) for c in ("item", "quantity", "condition")],
            _("&Add an item"),
            _("Remove item"),
            widths=(320, 90),
        )
        self.items.table.setMinimumHeight(240)
        self.money = QLineEdit()
        self.money.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9., ]{0,20}"), self.money))
        self.money.setPlaceholderText("0")
        self.money.setMaximumWidth(220)
        money_row = QWidget()
        money_layout = QVBoxLayout(money_row)
        money_layout.setContentsMargins(0, 0, 0, 0)
        money_layout.addWidget(self.money)
        self.money_other = line(placeholder=_("e.g. 200 nhân dân tệ (CNY)"))
        self.add_row(form, _("&Items:"), self.items, "belongings")
        self.add_row(form, _("&Money (đồng):"), money_row, "money_vnd")
        self.boxes["money_vnd"].widget.setFocusProxy(self.money)
        self.add_row(form, _("&Other currencies:"), self.money_other, "money_other")
        self.outer.addStretch(1)
        self.money.editingFinished.connect(self._on_money_finished)

    def _on_money_finished(self) -> None:
        digits = "".join(ch for ch in self.money.text() if ch.isdigit())
        if digits and len(digits) <= 15:
            self.money.setText(format_number(int(digits)))

    def values(self) -> Payload:
        return {"belongings": self.items.rows(), "money_vnd": self.money.text(), "money_other": self.money_other.text()}

    def _load(self, payload: Payload) -> None:
        self.items.set_rows(payload.get("belongings", []))
        self.money.setText(text_of(payload, "money_vnd"))
        self.money_other.setText(text_of(payload, "money_other"))


class ConditionPage(WizardPage):
    title = N_("Initial condition")

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.health_allowed = actor.can(Action.CREATE, FieldGroup.HEALTH)
        self.sensitive_allowed = actor.can(Action.CREATE, FieldGroup.SENSITIVE_HEALTH)
        self.injured = QCheckBox(_("&Injured"))
        self.needs_medical = QCheckBox(_("Needs &medical care now"))
        self.condition_note = block(4)
        self.urgent_needs = block(4)
        if self.health_allowed:
            self.add_row(form, "", self.injured, "injured")
            self.add_row(form, "", self.needs_medical, "needs_medical_now")
            self.add_row(form, _("&Condition:"), self.condition_note, "condition_note")
        else:
            form.addRow(hint_label(_("Health details are recorded by the nurse.")))
        self.add_row(form, _("&Urgent needs:"), self.urgent_needs, "urgent_needs", _("Clothes, food, a call home…"))
        self.pregnancy = QCheckBox(_("&Pregnancy suspected"))
        self.sensitive = sensitive_frame(_("Sensitive health information"))
        inner = QVBoxLayout(self.sensitive)
        inner.addWidget(hint_label(_("Seen only by the nurse and the centre's leaders.")))
        sensitive_form = self.new_form(inner)
        self.add_row(sensitive_form, "", self.pregnancy, "pregnancy_suspected")
        self.outer.addSpacing(8)
        self.outer.addWidget(self.sensitive)
        self.sensitive.setVisible(self.sensitive_allowed)
        self.outer.addStretch(1)

    def values(self) -> Payload:
        values: Payload = {"urgent_needs": self.urgent_needs.toPlainText()}
        if self.health_allowed:
            values.update(
                injured=self.injured.isChecked(),
                needs_medical_now=self.needs_medical.isChecked(),
                condition_note=self.condition_note.toPlainText(),
            )
        if self.sensitive_allowed:
            values["pregnancy_suspected"] = self.pregnancy.isChecked()
        return values

    def _load(self, payload: Payload) -> None:
        self.injured.setChecked(payload.get("injured") is True)
        self.needs_medical.setChecked(payload.get("needs_medical_now") is True)
        self.condition_note.setPlainText(text_of(payload, "condition_note"))
        self.urgent_needs.setPlainText(text_of(payload, "urgent_needs"))
        self.pregnancy.setChecked(payload.get("pregnancy_suspected") is True)
