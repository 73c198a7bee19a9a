"""The Admission tab's form: arrival, documents, trafficking, narrative, status, condition, safekeeping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import ValidationError
from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.models.resident import Channel, VictimStatus
from centre_desk.security.permissions import FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import AdmissionInput, BelongingInput, ContactInput
from centre_desk.ui.record.fields import GroupedForm, KeyChecklist, KeyCombo, OptionalDateEdit, sensitive_frame
from centre_desk.ui.record.labels import CHANNELS, VICTIM_STATUSES
from centre_desk.ui.record.rows_model import EditColumn, RowsEditor
from centre_desk.ui.widgets.date_edit import DateEdit

G = FieldGroup


def _text(lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def parse_money(text: str) -> int:
    digits = text.replace(".", "").replace(" ", "").replace(",", "").removesuffix("đ")
    if not digits:
        return 0
    if not digits.isdigit():
        raise ValidationError("money_vnd", _("Please write the amount in đồng, digits only."))
    return int(digits)


class StayForm(GroupedForm):
    ALIASES: ClassVar[Mapping[str, str]] = {"contact": "contacts", "belonging": "belongings", "consent": "general"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: AdmissionInput | None = None
        arrival, f = self.section(_("Arrival and referral"), G.PLACEMENT)
        self.arrived_at = DateEdit(with_time=True, required=True)
        self.channel = KeyCombo(CHANNELS)
        self.referring_agency = QLineEdit()
        self.referring_officer = QLineEdit()
        self.referring_phone = QLineEdit()
        self.add(f, "arrived_at", _("Arrived:"), self.arrived_at, G.PLACEMENT)
        self.add(f, "channel", _("Channel:"), self.channel, G.PLACEMENT)
        self.add(f, "referring_agency", _("Referring agency:"), self.referring_agency, G.PLACEMENT)
        self.add(f, "referring_officer", _("Referring officer:"), self.referring_officer, G.PLACEMENT)
        self.add(f, "referring_phone", _("Officer's phone:"), self.referring_phone, G.PLACEMENT)

        documents, f = self.section(_("Documents received (Decree 20/2021 Art. 27)"), G.PLACEMENT)
        self.documents_received = KeyChecklist(terms.DOSSIER_ITEMS)
        self.documents_note = QLineEdit()
        self.add(f, "documents_received", "", self.documents_received, G.PLACEMENT)
        self.add(f, "documents_note", _("Other documents:"), self.documents_note, G.PLACEMENT)

        trafficking, f = self.section(_("Trafficking experience"), G.TRAFFICKING)
        self.exploitation_country = QLineEdit()
        self.exploitation_place = QLineEdit()
        self.exploitation_types = KeyChecklist(terms.EXPLOITATION_TYPES, columns=2)
        self.control_means = KeyChecklist(terms.CONTROL_MEANS, columns=2)
        self.recruiter_relation = KeyCombo(terms.RECRUITER_RELATIONS)
        self.left_home_on = OptionalDateEdit()
        self.returned_on = OptionalDateEdit()
        self.border_gate = QLineEdit()
        self.how_freed = KeyCombo(terms.HOW_FREED)
        self.add(f, "exploitation_country", _("Country:"), self.exploitation_country, G.TRAFFICKING)
        self.add(f, "exploitation_place", _("Place:"), self.exploitation_place, G.TRAFFICKING)
        self.add(f, "exploitation_types", _("Exploitation:"), self.exploitation_types, G.TRAFFICKING)
        self.add(f, "control_means", _("Means of control:"), self.control_means, G.TRAFFICKING)
        self.add(f, "recruiter_relation", _("Recruiter was:"), self.recruiter_relation, G.TRAFFICKING)
        self.add(f, "left_home_on", _("Left home on:"), self.left_home_on, G.TRAFFICKING)
        self.add(f, "returned_on", _("Returned on:"), self.returned_on, G.TRAFFICKING)
        self.add(f, "border_gate", _("Border gate of return:"), self.border_gate, G.TRAFFICKING)
        self.add(f, "how_freed", _("How freed:"), self.how_freed, G.TRAFFICKING)

        narrative, f = self.section(_("The person's own account"), G.NARRATIVE)
        self.narrative = _text(8)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.errors.wrap("narrative", self.narrative))
        self.register("narrative", _("The person's own account"), self.narrative, G.NARRATIVE)
        f.addRow(sensitive_frame(_("Narrative"), inner))

        status, f = self.section(_("Status and entitlements"), G.LEGAL)
        self.victim_status = KeyCombo(VICTIM_STATUSES)
        self.status_issuer_kind = KeyCombo(terms.STATUS_ISSUERS)
        self.status_issuer = QLineEdit()
        self.status_number = QLineEdit()
        self.status_date = OptionalDateEdit()
        self.accompanying_child = QCheckBox(_("Under 18, accompanying a victim"))
        self.entitlements = QLabel()
        self.entitlements.setWordWrap(True)
        self.add(f, "victim_status", _("Status:"), self.victim_status, G.LEGAL)
        self.add(f, "status_issuer_kind", _("Issued by (kind):"), self.status_issuer_kind, G.LEGAL)
        self.add(f, "status_issuer", _("Issuing body:"), self.status_issuer, G.LEGAL)
        self.add(f, "status_number", _("Document number:"), self.status_number, G.LEGAL)
        self.add(f, "status_date", _("Document date:"), self.status_date, G.LEGAL)
        self.add(f, "accompanying_child", "", self.accompanying_child, G.LEGAL)
        entitled = QLabel(_("Support (Law 53/2024 Art. 37):"))
        entitled.setStyleSheet("font-weight: bold;")
        f.addRow(entitled)
        f.addRow(self.entitlements)

        condition, f = self.section(_("Initial condition and urgent needs"), G.HEALTH)
        self.injured = QCheckBox(_("Injured"))
        self.needs_medical_now = QCheckBox(_("Needs medical care now"))
        self.condition_note = _text(3)
        self.urgent_needs = _text(3)
        self.add(f, "injured", "", self.injured, G.HEALTH)
        self.add(f, "needs_medical_now", "", self.needs_medical_now, G.HEALTH)
        self.add(f, "condition_note", _("Condition:"), self.condition_note, G.HEALTH)
        self.add(f, "urgent_needs", _("Urgent needs:"), self.urgent_needs, G.HEALTH)
        self.pregnancy_suspected = QCheckBox(_("Pregnancy suspected"))
        self.register("pregnancy_suspected", _("Pregnancy suspected"), self.pregnancy_suspected, G.SENSITIVE_HEALTH)
        self.pregnancy_frame = sensitive_frame(_("Sensitive health"), self.pregnancy_suspected)
        self._sections.append((self.pregnancy_frame, G.SENSITIVE_HEALTH))
        f.addRow(self.pregnancy_frame)

        contacts, f = self.section(_("Family contacts"), G.PLACEMENT)
        self.contacts = RowsEditor(
            [EditColumn(_("Name")), EditColumn(_("Relationship")), EditColumn(_("Phone")), EditColumn(_("Address"))],
            _("Add contact"),
        )
        self.add(f, "contacts", "", self.contacts, G.PLACEMENT)

        safekeeping, f = self.section(_("Belongings and money in safekeeping"), G.PLACEMENT)
        self.belongings = RowsEditor(
            [EditColumn(_("Item")), EditColumn(_("Quantity"), numeric=True, default=1), EditColumn(_("Condition"))],
            _("Add item"),
        )
        self.money_vnd = QLineEdit()
        self.money_vnd.setPlaceholderText("0")
        self.money_other = QLineEdit()
        self.add(f, "belongings", "", self.belongings, G.PLACEMENT)
        self.add(f, "money_vnd", _("Money (đồng):"), self.money_vnd, G.PLACEMENT)
        self.add(f, "money_other", _("Other money:"), self.money_other, G.PLACEMENT, _("E.g. 500 nhân dân tệ."))

        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        for box in (arrival, documents):
            left.addWidget(box)
        for box in (status, condition):
            right.addWidget(box)
        left.addStretch(1)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(trafficking, 1, 0, 1, 2)
        grid.addWidget(narrative, 2, 0, 1, 2)
        grid.addWidget(contacts, 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(safekeeping, 3, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general_error)
        layout.addLayout(grid)

    def sections(self) -> list[QGroupBox]:
        return [box for box, _group in self._sections if isinstance(box, QGroupBox)]

    def load(self, a: AdmissionInput, entitlements: tuple[str, ...] = ()) -> None:
        self._base = a
        self.errors.clear()
        local = a.arrived_at.astimezone()
        self.arrived_at.set_value(local.replace(tzinfo=None))
        self.channel.set_key(a.channel)
        self.referring_agency.setText(a.referring_agency)
        self.referring_officer.setText(a.referring_officer)
        self.referring_phone.setText(a.referring_phone)
        self.documents_received.set_value(a.documents_received)
        self.documents_note.setText(a.documents_note)
        self.exploitation_country.setText(a.exploitation_country)
        self.exploitation_place.setText(a.exploitation_place)
        self.exploitation_types.set_value(a.exploitation_types)
        self.control_means.set_value(a.control_means)
        self.recruiter_relation.set_key(a.recruiter_relation)
        self.left_home_on.set_value(a.left_home_on)
        self.returned_on.set_value(a.returned_on)
        self.border_gate.setText(a.border_gate)
        self.how_freed.set_key(a.how_freed)
        self.narrative.setPlainText(a.narrative)
        self.victim_status.set_key(a.victim_status)
        self.status_issuer_kind.set_key(a.status_issuer_kind)
        self.status_issuer.setText(a.status_issuer)
        self.status_number.setText(a.status_number)
        self.status_date.set_value(a.status_date)
        self.accompanying_child.setChecked(a.accompanying_child)
        self.entitlements.setText(
            "\n".join(f"{terms.SUPPORT_CATEGORIES[k][0]}) {_(terms.SUPPORT_CATEGORIES[k][1])}" for k in entitlements)
        )
        self.injured.setChecked(a.injured)
        self.needs_medical_now.setChecked(a.needs_medical_now)
        self.condition_note.setPlainText(a.condition_note)
        self.urgent_needs.setPlainText(a.urgent_needs)
        self.pregnancy_suspected.setChecked(a.pregnancy_suspected)
        self.contacts.model.set_rows([(c.name, c.relation, c.phone, c.address) for c in a.contacts])
        self.belongings.model.set_rows([(b.item, b.quantity, b.condition) for b in a.belongings])
        self.money_vnd.setText(format_number(a.money_vnd) if a.money_vnd else "")
        self.money_other.setText(a.money_other)

    def rebase(self, a: AdmissionInput) -> None:
        self._base = a

    def _arrival(self) -> datetime:
        assert self._base is not None
        shown = self.arrived_at.moment()
        if shown is None:
            raise ValidationError("arrived_at", self.arrived_at.problem())
        base = self._base.arrived_at.astimezone()
        if shown == base.replace(tzinfo=None, second=0, microsecond=0):
            return self._base.arrived_at  # untouched: keep the stored seconds
        return shown.astimezone()

    def value(self) -> AdmissionInput:
        """What the form shows over the loaded record; ValidationError if the money is not a number."""
        assert self._base is not None
        contacts = tuple(
            ContactInput(str(n), str(r), str(p), str(a))
            for n, r, p, a in self.contacts.model.rows()
            if any((n, r, p, a))
        )
        belongings = tuple(
            BelongingInput(str(item), int(qty), str(cond)) for item, qty, cond in self.belongings.model.rows()
        )
        return replace(
            self._base,
            arrived_at=self._arrival(),
            channel=Channel(self.channel.key()),
            referring_agency=self.referring_agency.text(),
            referring_officer=self.referring_officer.text(),
            referring_phone=self.referring_phone.text(),
            documents_received=self.documents_received.value(),
            documents_note=self.documents_note.text(),
            exploitation_country=self.exploitation_country.text(),
            exploitation_place=self.exploitation_place.text(),
            exploitation_types=self.exploitation_types.value(),
            control_means=self.control_means.value(),
            recruiter_relation=self.recruiter_relation.key(),
            left_home_on=self.left_home_on.value(),
            returned_on=self.returned_on.value(),
            border_gate=self.border_gate.text(),
            how_freed=self.how_freed.key(),
            narrative=self.narrative.toPlainText(),
            victim_status=VictimStatus(self.victim_status.key()),
            status_issuer_kind=self.status_issuer_kind.key(),
            status_issuer=self.status_issuer.text(),
            status_number=self.status_number.text(),
            status_date=self.status_date.value(),
            accompanying_child=self.accompanying_child.isChecked(),
            injured=self.injured.isChecked(),
            needs_medical_now=self.needs_medical_now.isChecked(),
            condition_note=self.condition_note.toPlainText(),
            urgent_needs=self.urgent_needs.toPlainText(),
            pregnancy_suspected=self.pregnancy_suspected.isChecked(),
            contacts=contacts,
            belongings=belongings,
            money_vnd=parse_money(self.money_vnd.text()),
            money_other=self.money_other.text(),
        )
