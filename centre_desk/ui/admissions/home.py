"""Pages 3 and 4: home and family (province, Lai Châu communes with the old → new map), schooling."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QLabel, QWidget

from centre_desk.i18n import N_, _
from centre_desk.services.admission_input import ADULT_AGE, column_label
from centre_desk.services.reference import (
    CommuneMatch,
    current_commune_for_legacy,
    find_lai_chau_commune,
    find_province,
    lai_chau_communes_in_order,
    provinces,
    search_communes,
    vietnamese_key,
)
from centre_desk.ui.admissions.fields import FIELD_WIDTH, WizardPage, edit_of, line, text_of
from centre_desk.ui.admissions.payload import Payload, age_from
from centre_desk.ui.login.parts import hint_label
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.grid import Grid

LAI_CHAU = "Lai Châu"


def commune_label(match: CommuneMatch) -> str:
    """ "Xã Hồng Thu", or "Xã Hồng Thu (formerly: xã Ma Quai)" when found by an old name."""
    if not match.old_unit:
        return match.commune.full_name
    return _("{new} (formerly: {old})").format(new=match.commune.full_name, old=match.old_unit)


class CommuneCombo(QComboBox):
    """Lai Châu's 38 communes in alphabetical order, with suggestions while typing: accents ignored, old names
    included ("Ma Quai" → Xã Hồng Thu). Elsewhere free text. `chosen` is the last unit picked or recognised."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(FIELD_WIDTH)
        self.setMaxVisibleItems(20)
        self.chosen: CommuneMatch | None = None
        self._offered: dict[str, CommuneMatch] = {}
        self._matches = QStringListModel(self)
        self._completer = QCompleter(self._matches, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self._on_suggestion)
        edit_of(self).textEdited.connect(self._on_text_edited)

    @property
    def listing(self) -> bool:
        return self.count() > 0

    def set_listing(self, lai_chau: bool) -> None:
        """The Lai Châu list and its suggestions, or free text for another province."""
        if lai_chau == self.listing:
            return
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        if lai_chau:
            for commune in lai_chau_communes_in_order():
                self.addItem(commune.full_name)
            edit_of(self).setPlaceholderText(_("Type a name, old names too, e.g. Ma Quai"))
        else:
            edit_of(self).setPlaceholderText(_("Commune or ward, as the person says it"))
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def _on_text_edited(self, text: str) -> None:
        self.chosen = None
        popup = self._completer.popup()
        if not self.listing or not text.strip():
            if popup is not None:
                popup.hide()
            return
        found = search_communes(text)
        self._offered = {commune_label(m): m for m in found}
        self._matches.setStringList(list(self._offered))
        if found:
            self._completer.setCompletionPrefix("")
            self._completer.complete()
        elif popup is not None:
            popup.hide()

    def _on_suggestion(self, text: str) -> None:
        """A suggestion picked: the line shows the unit's name (once the completer has put in what it shows)."""
        match = self._offered.get(text)
        if match is not None:
            QTimer.singleShot(0, lambda: self.choose(match))

    def choose(self, match: CommuneMatch) -> None:
        self.chosen = match
        self.setEditText(match.commune.full_name)

    def recognise(self, legacy_district: str) -> CommuneMatch | None:
        """What was typed, read as a current unit or an old one (None when it is neither)."""
        typed = self.currentText().strip()
        if self.chosen is not None and self.chosen.commune.full_name == typed:
            return self.chosen
        current = find_lai_chau_commune(typed)
        if current is not None:
            return CommuneMatch(current)
        newer = current_commune_for_legacy(typed, legacy_district or None)
        if newer is None:
            return None
        found = [m for m in search_communes(typed) if m.commune is newer and m.old_unit]
        return found[0] if found else CommuneMatch(newer, typed)


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
        for province in sorted(provinces(), key=lambda p: vietnamese_key(p.name)):
            self.province.addItem(province.name)
        self.province.setCurrentIndex(-1)
        edit_of(self.province).setPlaceholderText(_("Old names are accepted, e.g. Bắc Kạn"))
        self.province_note = hint_label("")
        self.province_note.hide()
        self.commune = CommuneCombo()
        self.commune_note = hint_label("")
        self.commune_note.hide()
        self.legacy_commune = ""
        self.village = line(280, _("Bản or thôn"))
        self.legacy_district = line(280, _("Only if known, e.g. Sìn Hồ"))
        self.guardian_name = line()
        self.guardian_relation = line(280, _("e.g. Mother, Father, Aunt"))
        self.guardian_phone = line(220)
        self.guardian_hint = QLabel()
        self.guardian_hint.setWordWrap(True)
        self.guardian_hint.setStyleSheet("color: #8a5300;")
        self.guardian_hint.hide()
        self.contacts = Grid(
            [(c, column_label(c)) for c in ("name", "relation", "phone", "address")],
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
        edit_of(self.commune).textEdited.connect(self._on_commune_edited)
        self._fill_communes()

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

    def _fill_communes(self, *_args: object) -> None:
        """Lai Châu: the 38 current communes with suggestions; elsewhere free text."""
        self.commune.set_listing(self.province.currentText().strip() == LAI_CHAU)

    def _on_commune_edited(self, _text: str) -> None:
        self.legacy_commune = ""
        self._note(self.commune_note, "")

    def _on_commune_finished(self) -> None:
        typed = self.commune.currentText().strip()
        if not typed or not self.commune.listing:
            self._note(self.commune_note, "")
            return
        match = self.commune.recognise(self.legacy_district.text())
        if match is None:
            self.legacy_commune = ""
            self._note(self.commune_note, _("Not found among Lai Châu's communes; kept as typed."))
            return
        self.commune.choose(match)
        self._show_chosen(match.old_unit)
        if match.old_district and not self.legacy_district.text().strip():
            self.legacy_district.setText(match.old_district)
            self.legacy_district.textEdited.emit(match.old_district)  # filled for the user: saved like typing

    def _show_chosen(self, old_unit: str) -> None:
        self.legacy_commune = old_unit
        if old_unit:
            text = _("{new} (formerly: {old})").format(new=self.commune.currentText(), old=old_unit)
            self._note(self.commune_note, text)
        else:
            self._note(self.commune_note, "")

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
            "legacy_commune": self.legacy_commune,
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
        self._show_chosen(text_of(payload, "legacy_commune"))
        self.village.setText(text_of(payload, "home_village"))
        self.legacy_district.setText(text_of(payload, "legacy_district"))
        self.guardian_name.setText(text_of(payload, "guardian_name"))
        self.guardian_relation.setText(text_of(payload, "guardian_relation"))
        self.guardian_phone.setText(text_of(payload, "guardian_phone"))
        self.contacts.set_rows(payload.get("contacts", []))


class SchoolingPage(WizardPage):
    title = N_("Schooling")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.is_pupil = QCheckBox(_("Was a &pupil or student at the time"))
        self.school = line()
        self.grade = line(200, _("e.g. Grade 8, 2nd year"))
        self.stopped = DateEdit()
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
