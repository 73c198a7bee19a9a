"""Pages 5 and 6: the trafficking experience (HTCDS/CTDC terms, the sensitive narrative) and the status."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.i18n import N_, _
from centre_desk.models.resident import VictimStatus
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import ADULT_AGE
from centre_desk.ui.admissions.fields import (
    WizardPage,
    block,
    checked_keys,
    choice,
    combo_key,
    line,
    radio_group,
    sensitive_frame,
    set_checked_keys,
    set_combo_key,
    text_of,
)
from centre_desk.ui.admissions.payload import Payload, age_from, is_foreign
from centre_desk.ui.login.parts import hint_label
from centre_desk.ui.widgets.date_edit import DateEdit


def _boxes(vocabulary: terms.Terms, columns: int) -> tuple[QGroupBox, dict[str, QCheckBox]]:
    frame = QGroupBox()
    grid = QGridLayout(frame)
    grid.setVerticalSpacing(4)
    boxes: dict[str, QCheckBox] = {}
    keys = [k for k in vocabulary if k]
    per_column = (len(keys) + columns - 1) // columns
    for index, key in enumerate(keys):
        box = QCheckBox(_(vocabulary[key]))
        boxes[key] = box
        grid.addWidget(box, index % per_column, index // per_column)
    return frame, boxes


class TraffickingPage(WizardPage):
    title = N_("Trafficking experience")

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.country = line(280, _("e.g. Trung Quốc"))
        self.place = line(placeholder=_("Province or city, as far as known"))
        self.types_frame, self.types = _boxes(terms.EXPLOITATION_TYPES, 2)
        self.control_frame, self.control = _boxes(terms.CONTROL_MEANS, 2)
        self.recruiter = choice((k, _(v)) for k, v in terms.RECRUITER_RELATIONS.items())
        self.left_home = DateEdit()
        self.returned = DateEdit()
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        self.returned_label = QLabel(_("Re&turned on:"))
        self.returned_label.setBuddy(self.returned)
        row.addWidget(self.left_home)
        row.addSpacing(24)
        row.addWidget(self.returned_label)
        row.addWidget(self.returned)
        row.addStretch(1)
        self.border_gate = line(placeholder=_("e.g. Ma Lù Thàng border gate"))
        self.how_freed = choice((k, _(v)) for k, v in terms.HOW_FREED.items())
        self.add_row(form, _("&Country:"), self.country, "exploitation_country")
        self.add_row(form, _("&Place:"), self.place, "exploitation_place")
        self.add_row(form, _("Types of e&xploitation:"), self.types_frame, "exploitation_types")
        self.add_row(form, _("&Means of control:"), self.control_frame, "control_means")
        self.add_row(form, _("&Recruiter was:"), self.recruiter, "recruiter_relation")
        self.add_row(form, _("&Left home on:"), dates, "left_home_on")
        self.boxes["left_home_on"].widget.setFocusProxy(self.left_home)
        self.add_row(form, _("&Border gate of return:"), self.border_gate, "border_gate")
        self.add_row(form, _("How &freed:"), self.how_freed, "how_freed")
        self.narrative = block(6)
        self.narrative_frame = sensitive_frame(_("Sensitive: her or his own account"))
        inner = QVBoxLayout(self.narrative_frame)
        inner.addWidget(hint_label(_("Only staff allowed to read accounts will see this. Write her or his words.")))
        narrative_form = self.new_form(inner)
        self.add_row(narrative_form, _("&Account:"), self.narrative, "narrative")
        self.outer.addWidget(self.narrative_frame)
        self.narrative_frame.setVisible(actor.can(Action.CREATE, FieldGroup.NARRATIVE))
        self.outer.addStretch(1)

    def values(self) -> Payload:
        values: Payload = {
            "exploitation_country": self.country.text(),
            "exploitation_place": self.place.text(),
            "exploitation_types": checked_keys(self.types),
            "control_means": checked_keys(self.control),
            "recruiter_relation": combo_key(self.recruiter),
            "left_home_on": self.left_home.text(),
            "returned_on": self.returned.text(),
            "border_gate": self.border_gate.text(),
            "how_freed": combo_key(self.how_freed),
        }
        if self.narrative_frame.isVisibleTo(self):
            values["narrative"] = self.narrative.toPlainText()
        return values

    def _load(self, payload: Payload) -> None:
        self.country.setText(text_of(payload, "exploitation_country"))
        self.place.setText(text_of(payload, "exploitation_place"))
        set_checked_keys(self.types, payload.get("exploitation_types"))
        set_checked_keys(self.control, payload.get("control_means"))
        set_combo_key(self.recruiter, text_of(payload, "recruiter_relation"))
        self.left_home.setText(text_of(payload, "left_home_on"))
        self.returned.setText(text_of(payload, "returned_on"))
        self.border_gate.setText(text_of(payload, "border_gate"))
        set_combo_key(self.how_freed, text_of(payload, "how_freed"))
        self.narrative.setPlainText(text_of(payload, "narrative"))


class StatusPage(WizardPage):
    title = N_("Status and entitlements")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.status = QWidget()
        column = QVBoxLayout(self.status)
        column.setContentsMargins(0, 0, 0, 0)
        self.statuses = QButtonGroup(self)
        for key, text in (
            (VictimStatus.UNDER_IDENTIFICATION, _("&Under identification (no document yet)")),
            (VictimStatus.CONFIRMED, _("&Confirmed victim: a document was issued")),
        ):
            radio = QRadioButton(text)
            radio.setObjectName(key.value)
            self.statuses.addButton(radio)
            column.addWidget(radio)
        self.issuer_kind = choice((k, _(v)) for k, v in terms.STATUS_ISSUERS.items())
        self.issuer = line(placeholder=_("e.g. Công an tỉnh Lai Châu"))
        self.number = line(200)
        self.date = DateEdit()
        self.accompanying = QCheckBox(_("Under 18, a&ccompanying a victim"))
        self.add_row(form, _("Status:"), self.status, "victim_status")
        self.add_row(form, _("Issued &by:"), self.issuer_kind, "status_issuer_kind")
        self.add_row(form, _("Issuing b&ody:"), self.issuer, "status_issuer")
        self.add_row(form, _("Document &number:"), self.number, "status_number")
        self.add_row(form, _("Document &date:"), self.date, "status_date")
        self.add_row(form, "", self.accompanying, "accompanying_child")
        self.entitlements = QListWidget()
        self.entitlements.setMinimumHeight(260)
        self.entitlements.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.entitlements_title = QLabel()
        self.entitlements_title.setWordWrap(True)
        self.entitlements_title.setStyleSheet("font-weight: bold;")
        self.outer.addSpacing(10)
        self.outer.addWidget(self.entitlements_title)
        self.outer.addWidget(self.entitlements)
        self.outer.addStretch(1)
        radio_group(self.statuses, VictimStatus.UNDER_IDENTIFICATION.value)
        self.statuses.buttonToggled.connect(self._on_status_toggled)
        self.accompanying.toggled.connect(self._refresh_entitlements)
        self._payload: Payload = {}
        self._on_status_toggled()

    def _confirmed(self) -> bool:
        checked = self.statuses.checkedButton()
        return checked is not None and checked.objectName() == VictimStatus.CONFIRMED.value

    def _on_status_toggled(self, *_args: object) -> None:
        for widget in (self.issuer_kind, self.issuer, self.number, self.date):
            widget.setEnabled(self._confirmed())
        self._refresh_entitlements()

    def _refresh_entitlements(self, *_args: object) -> None:
        foreign = is_foreign(self._payload)
        keys = terms.entitlements(
            confirmed=self._confirmed(), foreign=foreign, accompanying_child=self.accompanying.isChecked()
        )
        self.entitlements_title.setText(_("Support she or he is entitled to (Law 53/2024, Art. 37):"))
        self.entitlements.clear()
        for key in keys:
            letter, text = terms.SUPPORT_CATEGORIES[key]
            self.entitlements.addItem(f"{letter})  {_(text)}")

    def enter(self, payload: Payload) -> None:
        self._payload = payload
        age = age_from(payload)
        self.accompanying.setEnabled(age is None or age < ADULT_AGE)
        self._refresh_entitlements()

    def values(self) -> Payload:
        checked = self.statuses.checkedButton()
        return {
            "victim_status": checked.objectName() if checked else VictimStatus.UNDER_IDENTIFICATION.value,
            "status_issuer_kind": combo_key(self.issuer_kind) if self._confirmed() else "",
            "status_issuer": self.issuer.text(),
            "status_number": self.number.text(),
            "status_date": self.date.text() if self._confirmed() else "",
            "accompanying_child": self.accompanying.isChecked(),
        }

    def _load(self, payload: Payload) -> None:
        radio_group(self.statuses, text_of(payload, "victim_status") or VictimStatus.UNDER_IDENTIFICATION.value)
        set_combo_key(self.issuer_kind, text_of(payload, "status_issuer_kind"))
        self.issuer.setText(text_of(payload, "status_issuer"))
        self.number.setText(text_of(payload, "status_number"))
        self.date.setText(text_of(payload, "status_date"))
        self.accompanying.setChecked(payload.get("accompanying_child") is True)
        self._on_status_toggled()
