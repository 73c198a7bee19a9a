"""Pages 3 and 4: home and family (province, Lai Châu communes with the old → new map), schooling."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.services.admission_input import ADULT_AGE, age_on
from centre_desk.services.reference import (
    current_commune_for_legacy,
    find_lai_chau_commune,
    find_province,
    lai_chau_communes,
    provinces,
)
from centre_desk.ui.admissions.fields import FIELD_WIDTH, DateLine, FieldBox, WizardPage, edit_of, line, text_of
from centre_desk.ui.admissions.payload import Payload, arrival_of, person_of
from centre_desk.ui.admissions.rows import RowsEditor
from centre_desk.ui.login.parts import hint_label

LAI_CHAU = "Lai Châu"


def age_from(payload: Payload) -> int | None:
    """The age on the arrival day from what is typed so far (None while unknown)."""
    try:
        return age_on(person_of(payload, lenient=True), arrival_of(payload).date())
    except (ValidationError, ValueError):  # half-typed input: simply not known yet
        return None


class HomePage(WizardPage):
    title = N_("Home and family")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.province = QComboBox()
        self.province.setEditable(True)
        self.province.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.province.setMinimumWidth(FIELD_WIDTH)
        self.province.setMaxVisibleItems(20)
        for province in provinces():
            self.province.addItem(province.name)
        self.province.setCurrentIndex(-1)
        edit_of(self.province).setPlaceholderText(_("Old names are accepted, e.g. Bắc Kạn"))
        self.province_note = hint_label("")
        self.province_note.hide()
        self.commune = QComboBox()
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.commune.setMinimumWidth(FIELD_WIDTH)
        self.commune.setMaxVisibleItems(20)
        self.commune_note = hint_label("")
        self.commune_note.hide()
        self.village = line(280, _("Bản or thôn"))
        self.legacy_district = line(280, _("Only if known, e.g. Sìn Hồ"))
        self.guardian_name = line()
        self.guardian_relation = line(280, _("e.g. Mother, Father, Aunt"))
        self.guardian_phone = line(220)
        self.guardian_hint = QLabel()
        self.guardian_hint.setWordWrap(True)
        self.guardian_hint.setStyleSheet("color: #8a5300;")
        self.guardian_hint.hide()
        self.contacts = RowsEditor(
            [_("Name"), _("Relationship"), _("Phone"), _("Address")],
            _("Add a &contact"),
            _("Remove contact"),
            widths=(200, 130, 130),
        )
        self.add_row(form, _("&Province:"), self.province, "home_province")
        self.boxes["home_province"].column.addWidget(self.province_note)
        self.add_row(form, _("&Commune or ward:"), self.commune, "home_commune")
        self.boxes["home_commune"].column.addWidget(self.commune_note)
        self.add_row(form, _("&Village:"), self.village, "home_village")
        self.add_row(form, _("Former &district:"), self.legacy_district, "legacy_district")
        self.add_row(form, _("Parent or &guardian:"), self.guardian_name, "guardian_name")
        self.boxes["guardian_name"].column.insertWidget(0, self.guardian_hint)
        self.add_row(form, _("&Relationship:"), self.guardian_relation, "guardian_relation")
        self.add_row(form, _("Guardian's p&hone:"), self.guardian_phone, "guardian_phone")
        self.add_row(form, _("Other famil&y contacts:"), self.contacts, "contacts")
        self.outer.addStretch(1)
        edit_of(self.province).editingFinished.connect(self._on_province_finished)
        self.province.currentIndexChanged.connect(self._fill_communes)
        edit_of(self.commune).editingFinished.connect(self._on_commune_finished)
        self._fill_communes()

    def box_for(self, field: str) -> FieldBox | None:
        return self.boxes.get("contacts") if field.startswith("contact_") else self.boxes.get(field)

    @staticmethod
    def _note(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _on_province_finished(self) -> None:
        typed = self.province.currentText().strip()
        found = find_province(typed) if typed else None
        if found is None:
            self._note(self.province_note, _("Not a current province: please check.") if typed else "")
            self._fill_communes()
            return
        if found.name != typed:
            self._note(self.province_note, _("{old} is now part of {new}.").format(old=typed, new=found.name))
        else:
            self._note(self.province_note, "")
        self.province.setCurrentIndex(self.province.findText(found.name))
        self.province.setEditText(found.name)
        self._fill_communes()

    def _fill_communes(self) -> None:
        """Lai Châu: the 38 current communes; elsewhere free text."""
        is_lai_chau = self.province.currentText().strip() == LAI_CHAU
        typed = self.commune.currentText()
        has_list = self.commune.count() > 0
        if is_lai_chau == has_list:
            return
        self.commune.blockSignals(True)
        self.commune.clear()
        if is_lai_chau:
            for commune in lai_chau_communes():
                self.commune.addItem(commune.full_name)
            edit_of(self.commune).setPlaceholderText(_("Choose, or type an old commune name"))
        else:
            edit_of(self.commune).setPlaceholderText(_("Commune or ward, as the person says it"))
        self.commune.setCurrentIndex(-1)
        self.commune.setEditText(typed)
        self.commune.blockSignals(False)

    def _on_commune_finished(self) -> None:
        typed = self.commune.currentText().strip()
        if not typed or self.province.currentText().strip() != LAI_CHAU:
            self._note(self.commune_note, "")
            return
        current = find_lai_chau_commune(typed)
        if current is not None:
            self.commune.setEditText(current.full_name)
            self._note(self.commune_note, "")
            return
        newer = current_commune_for_legacy(typed, self.legacy_district.text() or None)
        if newer is not None:
            self.commune.setEditText(newer.full_name)
            self._note(self.commune_note, _("Old name {old} → now {new}.").format(old=typed, new=newer.full_name))
        else:
            self._note(self.commune_note, _("Not found among Lai Châu's communes; kept as typed."))

    def enter(self, payload: Payload) -> None:
        age = age_from(payload)
        if age is not None and age < ADULT_AGE:
            self.guardian_hint.setText(
                _("She or he is {age}: a parent or guardian is required for a person under 18.").format(age=age)
            )
            self.guardian_hint.show()
        else:
            self.guardian_hint.hide()

    def values(self) -> Payload:
        return {
            "home_province": self.province.currentText(),
            "home_commune": self.commune.currentText(),
            "home_village": self.village.text(),
            "legacy_district": self.legacy_district.text(),
            "guardian_name": self.guardian_name.text(),
            "guardian_relation": self.guardian_relation.text(),
            "guardian_phone": self.guardian_phone.text(),
            "contacts": self.contacts.rows(),
        }

    def _load(self, payload: Payload) -> None:
        self.province.setEditText(text_of(payload, "home_province"))
        index = self.province.findText(text_of(payload, "home_province"))
        if index >= 0:
            self.province.setCurrentIndex(index)
        self._fill_communes()
        self.commune.setEditText(text_of(payload, "home_commune"))
        self.village.setText(text_of(payload, "home_village"))
        self.legacy_district.setText(text_of(payload, "legacy_district"))
        self.guardian_name.setText(text_of(payload, "guardian_name"))
        self.guardian_relation.setText(text_of(payload, "guardian_relation"))
        self.guardian_phone.setText(text_of(payload, "guardian_phone"))
        self.contacts.set_rows(payload.get("contacts", []))

    def complete(self, payload: Payload) -> bool:
        age = age_from(payload)
        return bool(text_of(payload, "home_province").strip()) and (
            age is None or age >= ADULT_AGE or bool(text_of(payload, "guardian_name").strip())
        )


class SchoolingPage(WizardPage):
    title = N_("Schooling")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.is_pupil = QCheckBox(_("Was a &pupil or student at the time"))
        self.school = line()
        self.grade = line(200, _("e.g. Grade 8, 2nd year"))
        self.stopped = DateLine()
        self.add_row(form, "", self.is_pupil, "is_pupil")
        self.add_row(form, _("&School:"), self.school, "school_name")
        self.add_row(form, _("&Grade or year:"), self.grade, "school_grade")
        self.add_row(
            form, _("Stopped &on:"), self.stopped, "school_stopped_on", _("When she or he last went to school.")
        )
        self.outer.addStretch(1)
        self.is_pupil.toggled.connect(self._on_pupil_toggled)
        self._on_pupil_toggled(False)

    def _on_pupil_toggled(self, checked: bool) -> None:
        for widget in (self.school, self.grade, self.stopped):
            widget.setEnabled(checked)

    def values(self) -> Payload:
        return {
            "is_pupil": self.is_pupil.isChecked(),
            "school_name": self.school.text(),
            "school_grade": self.grade.text(),
            "school_stopped_on": self.stopped.text(),
        }

    def _load(self, payload: Payload) -> None:
        self.is_pupil.setChecked(payload.get("is_pupil") is True)
        self.school.setText(text_of(payload, "school_name"))
        self.grade.setText(text_of(payload, "school_grade"))
        self.stopped.setText(text_of(payload, "school_stopped_on"))
