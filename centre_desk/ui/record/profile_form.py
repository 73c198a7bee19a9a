"""The Profile tab's form: identity, language, home, guardian and schooling (a ResidentInput)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centre_desk.i18n import N_, _
from centre_desk.models.resident import IdDocument, Sex
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.admission_input import ResidentInput
from centre_desk.services.reference import ethnic_groups, lai_chau_communes, provinces
from centre_desk.ui.record.fields import GroupedForm, KeyCombo, OptionalDateEdit
from centre_desk.ui.record.labels import ID_DOCUMENTS, READS_VIETNAMESE, SEXES

G = FieldGroup
BIRTH_KINDS = {"exact": N_("Exact date"), "year": N_("Year only"), "estimated": N_("Estimated age")}


def _line(limit: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(limit * 2)  # the service gives the clear message; this only stops runaway paste
    return edit


def _completing(names: list[str]) -> QLineEdit:
    edit = _line()
    completer = QCompleter(names, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


class BirthField(QWidget):
    """Date of birth exact, year only, or an estimated age: one of the three."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = KeyCombo(BIRTH_KINDS)
        self.date_edit = OptionalDateEdit()  # a date in the future is refused by the service, naming the field
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, date.today().year)
        self.year_spin.setValue(date.today().year - 15)
        self.age_spin = QSpinBox()
        self.age_spin.setRange(0, 120)
        self.age_spin.setSuffix(" " + _("years"))
        for spin in (self.year_spin, self.age_spin):
            spin.setMinimumWidth(90)  # room for "2010" / "15 tuổi" also when the buttons are hidden
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.date_edit, self.year_spin, self.age_spin):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self._on_kind_current_index_changed()

    def _on_kind_current_index_changed(self) -> None:
        kind = self.kind.key()
        self.date_edit.setVisible(kind == "exact")
        self.year_spin.setVisible(kind == "year")
        self.age_spin.setVisible(kind == "estimated")

    def load(self, p: ResidentInput) -> None:
        if p.birth_date is not None:
            self.kind.set_key("exact")
            self.date_edit.set_value(p.birth_date)
        elif p.birth_year is not None:
            self.kind.set_key("year")
            self.year_spin.setValue(p.birth_year)
        else:
            self.kind.set_key("estimated")
            self.age_spin.setValue(p.estimated_age or 0)

    def values(self) -> dict[str, object]:
        kind = self.kind.key()
        return {
            "birth_date": self.date_edit.value() if kind == "exact" else None,
            "birth_year": self.year_spin.value() if kind == "year" else None,
            "estimated_age": self.age_spin.value() if kind == "estimated" else None,
        }


class ProfileForm(GroupedForm):
    ALIASES: ClassVar[Mapping[str, str]] = {"birth": "birth"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: ResidentInput | None = None
        identity, f = self.section(_("Identity"), G.IDENTITY)
        self.full_name = _line()
        self.other_names = _line(300)
        self.alias = _line(60)
        self.sex = KeyCombo(SEXES)
        self.birth = BirthField()
        self.ethnic = QComboBox()
        for group in ethnic_groups(include_foreign=True):
            self.ethnic.addItem(f"{group.name} ({group.code})", group.code)
        self.nationality = _line(100)
        self.id_document = KeyCombo(ID_DOCUMENTS)
        self.id_number = _line(20)
        self.add(f, "full_name", _("Full name:"), self.full_name, G.IDENTITY)
        self.add(f, "other_names", _("Other names:"), self.other_names, G.IDENTITY)
        self.add(f, "alias", _("Alias in lists:"), self.alias, G.IDENTITY, _("Shown instead of the name in lists."))
        self.add(f, "sex", _("Sex:"), self.sex, G.IDENTITY)
        self.add(f, "birth", _("Born:"), self.birth, G.IDENTITY)
        self.birth.date_edit.field = "birth"
        self.birth.date_edit.left.connect(lambda message: self._show_date_problem("birth", message))
        self.add(f, "ethnic_code", _("Ethnic group:"), self.ethnic, G.IDENTITY)
        self.add(f, "nationality", _("Nationality:"), self.nationality, G.IDENTITY)
        self.add(f, "id_document", _("Identity paper:"), self.id_document, G.IDENTITY)
        self.add(f, "id_number", _("Paper number:"), self.id_number, G.IDENTITY)
        self._identity_form = f

        language, f = self.section(_("Language and religion"), G.IDENTITY)
        self.mother_tongue = _line(100)
        self.reads_vietnamese = KeyCombo(READS_VIETNAMESE)
        self.interpreter_needed = QCheckBox(_("An interpreter is needed"))
        self.religion = _line(100)
        self.add(f, "mother_tongue", _("Mother tongue:"), self.mother_tongue, G.IDENTITY)
        self.add(f, "reads_vietnamese", _("Reads and writes Vietnamese:"), self.reads_vietnamese, G.IDENTITY)
        self.add(f, "interpreter_needed", _("Interpreter:"), self.interpreter_needed, G.IDENTITY)
        self.add(f, "religion", _("Religion:"), self.religion, G.IDENTITY)

        home, f = self.section(_("Place of residence"), G.PLACEMENT)
        self.home_province = _completing([p.name for p in provinces()])
        self.home_commune = _completing([c.name for c in lai_chau_communes()])
        self.home_village = _line(100)
        self.legacy_district = _line(100)
        self.add(f, "home_province", _("Province:"), self.home_province, G.PLACEMENT)
        self.add(f, "home_commune", _("Commune or ward:"), self.home_commune, G.PLACEMENT)
        self.add(f, "home_village", _("Village (bản, thôn):"), self.home_village, G.PLACEMENT)
        self.add(f, "legacy_district", _("Former district:"), self.legacy_district, G.PLACEMENT)

        guardian, f = self.section(_("Parent or guardian"), G.PLACEMENT)
        self.guardian_name = _line()
        self.guardian_relation = _line(60)
        self.guardian_phone = _line(20)
        self.add(f, "guardian_name", _("Name:"), self.guardian_name, G.PLACEMENT, _("Required for a person under 18."))
        self.add(f, "guardian_relation", _("Relationship:"), self.guardian_relation, G.PLACEMENT)
        self.add(f, "guardian_phone", _("Phone:"), self.guardian_phone, G.PLACEMENT)

        school, f = self.section(_("Schooling at the time"), G.SCHOOLING)
        self.is_pupil = QCheckBox(_("Was a pupil or student"))
        self.school_name = _line()
        self.school_grade = _line(60)
        self.school_stopped_on = OptionalDateEdit()
        self.add(f, "is_pupil", _("Pupil or student:"), self.is_pupil, G.SCHOOLING)
        self.add(f, "school_name", _("School:"), self.school_name, G.SCHOOLING)
        self.add(f, "school_grade", _("Grade or year:"), self.school_grade, G.SCHOOLING)
        self.add(f, "school_stopped_on", _("Stopped on:"), self.school_stopped_on, G.SCHOOLING)

        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        for box in (identity, language):
            left.addWidget(box)
        for box in (home, guardian, school):
            right.addWidget(box)
        left.addStretch(1)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general_error)
        layout.addLayout(grid)

    def apply_access(self, visible: frozenset[FieldGroup]) -> None:
        super().apply_access(visible)
        names_visible = G.IDENTITY in visible
        for name in ("full_name", "other_names", "id_number"):
            self._identity_form.setRowVisible(self.rows[name], names_visible)

    def load(self, p: ResidentInput) -> None:
        self._base = p
        self.errors.clear()
        self.full_name.setText(p.full_name)
        self.other_names.setText(p.other_names)
        self.alias.setText(p.alias)
        self.sex.set_key(p.sex)
        self.birth.load(p)
        index = self.ethnic.findData(p.ethnic_code)
        self.ethnic.setCurrentIndex(index)
        self.nationality.setText(p.nationality)
        self.id_document.set_key(p.id_document)
        self.id_number.setText(p.id_number)
        self.mother_tongue.setText(p.mother_tongue)
        self.reads_vietnamese.set_key({None: "", True: "yes", False: "no"}[p.reads_vietnamese])
        self.interpreter_needed.setChecked(p.interpreter_needed)
        self.religion.setText(p.religion)
        self.home_province.setText(p.home_province)
        self.home_commune.setText(p.home_commune)
        self.home_village.setText(p.home_village)
        self.legacy_district.setText(p.legacy_district)
        self.guardian_name.setText(p.guardian_name)
        self.guardian_relation.setText(p.guardian_relation)
        self.guardian_phone.setText(p.guardian_phone)
        self.is_pupil.setChecked(p.is_pupil)
        self.school_name.setText(p.school_name)
        self.school_grade.setText(p.school_grade)
        self.school_stopped_on.set_value(p.school_stopped_on)

    def rebase(self, p: ResidentInput) -> None:
        """After a conflict the user keeps editing: the stored values become the base, the widgets stay."""
        self._base = p

    def value(self) -> ResidentInput:
        """What the form shows, over the loaded record (so fields this form hides stay as loaded)."""
        assert self._base is not None
        reads = {"": None, "yes": True, "no": False}[self.reads_vietnamese.key()]
        return replace(
            self._base,
            full_name=self.full_name.text(),
            other_names=self.other_names.text(),
            alias=self.alias.text(),
            sex=Sex(self.sex.key()),
            ethnic_code=str(self.ethnic.currentData() or ""),
            nationality=self.nationality.text(),
            id_document=IdDocument(self.id_document.key()),
            id_number=self.id_number.text(),
            mother_tongue=self.mother_tongue.text(),
            reads_vietnamese=reads,
            interpreter_needed=self.interpreter_needed.isChecked(),
            religion=self.religion.text(),
            home_province=self.home_province.text(),
            home_commune=self.home_commune.text(),
            home_village=self.home_village.text(),
            legacy_district=self.legacy_district.text(),
            guardian_name=self.guardian_name.text(),
            guardian_relation=self.guardian_relation.text(),
            guardian_phone=self.guardian_phone.text(),
            is_pupil=self.is_pupil.isChecked(),
            school_name=self.school_name.text(),
            school_grade=self.school_grade.text(),
            school_stopped_on=self.school_stopped_on.value(),
            **self.birth.values(),  # type: ignore[arg-type]
        )
