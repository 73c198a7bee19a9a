"""Pages 1 and 2: arrival and identity (with the ethnicity type-ahead)."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from centre_desk.i18n import N_, _
from centre_desk.models.resident import IdDocument, Sex
from centre_desk.services import intake_terms as terms
from centre_desk.services.reference import EthnicGroup, ethnic_groups, search_ethnic_groups
from centre_desk.text import fold
from centre_desk.ui.admissions.fields import (
    FIELD_WIDTH,
    WizardPage,
    checked_keys,
    choice,
    combo_key,
    edit_of,
    line,
    radio_group,
    set_checked_keys,
    set_combo_key,
    text_of,
)
from centre_desk.ui.admissions.payload import (
    CHANNEL_LABELS,
    ID_LABELS,
    OLD_ARRIVAL_FORMAT,
    READS_LABELS,
    SEX_LABELS,
    Payload,
    channels_for,
    ethnic_code_of,
    ethnic_text,
)
from centre_desk.ui.widgets.date_edit import DateEdit
from centre_desk.ui.widgets.date_text import datetime_text


class ArrivalPage(WizardPage):
    title = N_("Arrival")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.arrived = DateEdit(with_time=True)
        self.arrived.set_value(datetime.now())
        self.channel = QComboBox()
        self.channel.setMinimumWidth(FIELD_WIDTH)
        self.channel.setPlaceholderText(_("Choose how she or he arrived"))
        self.agency = line()
        self.officer = line()
        self.phone = line(220)
        self.phone.setMaximumWidth(260)
        self.documents = QGroupBox()
        grid = QGridLayout(self.documents)
        self.document_boxes: dict[str, QCheckBox] = {}
        for index, (key, text) in enumerate(terms.DOSSIER_ITEMS.items()):
            box = QCheckBox(_(text))
            self.document_boxes[key] = box
            grid.addWidget(box, index, 0)
        self.documents_note = line(placeholder=_("Other papers received, if any"))
        self.add_row(form, _("&Arrived at:"), self.arrived, "arrived_at")
        self.add_row(form, _("C&hannel:"), self.channel, "channel")
        self.add_row(form, _("Referring a&gency:"), self.agency, "referring_agency")
        self.add_row(form, _("Referring &officer:"), self.officer, "referring_officer")
        self.add_row(form, _("Officer's &phone:"), self.phone, "referring_phone")
        self.add_row(form, _("&Documents received:"), self.documents, "documents_received")
        self.add_row(form, _("Other docu&ments:"), self.documents_note, "documents_note")
        self.outer.addStretch(1)
        self.arrived.textChanged.connect(self._fill_channels)
        self._fill_channels()

    def arrival_day(self) -> date:
        """The day typed (today while it is not a date yet)."""
        return self.arrived.value() or date.today()

    def _fill_channels(self, *_args: object) -> None:
        """Only the channels that existed on the arrival day; the choice is kept while still valid. None is chosen
        for the user: she or he must say how the person arrived."""
        current = combo_key(self.channel)
        wanted = [c.value for c in channels_for(self.arrival_day())]
        if [self.channel.itemData(i) for i in range(self.channel.count())] == wanted:
            return
        self.channel.blockSignals(True)
        self.channel.clear()
        for channel in channels_for(self.arrival_day()):
            self.channel.addItem(_(CHANNEL_LABELS[channel]), channel.value)
        self.channel.setCurrentIndex(self.channel.findData(current) if current in wanted else -1)
        self.channel.blockSignals(False)

    def values(self) -> Payload:
        return {
            "arrived_at": self.arrived.text(),
            "channel": combo_key(self.channel),
            "referring_agency": self.agency.text(),
            "referring_officer": self.officer.text(),
            "referring_phone": self.phone.text(),
            "documents_received": checked_keys(self.document_boxes),
            "documents_note": self.documents_note.text(),
        }

    def _load(self, payload: Payload) -> None:
        typed = text_of(payload, "arrived_at")
        with contextlib.suppress(ValueError):  # a draft saved before issue 8
            typed = datetime_text(datetime.strptime(typed, OLD_ARRIVAL_FORMAT))
        if typed:
            self.arrived.setText(typed)
        self._fill_channels()
        set_combo_key(self.channel, text_of(payload, "channel"))
        self.agency.setText(text_of(payload, "referring_agency"))
        self.officer.setText(text_of(payload, "referring_officer"))
        self.phone.setText(text_of(payload, "referring_phone"))
        set_checked_keys(self.document_boxes, payload.get("documents_received"))
        self.documents_note.setText(text_of(payload, "documents_note"))


def ranked_groups(typed: str) -> list[EthnicGroup]:
    """Groups matching `typed`: a name or alias typed in full first ("Mán" → Dao before Mảng), then those
    starting with it as written (accents kept), then the rest, each in the list's order."""
    wanted = typed.strip().casefold()
    folded = fold(wanted)

    def rank(group: EthnicGroup) -> int:
        labels = [label.casefold() for label in (group.name, *group.aliases)]
        if wanted in labels:
            return 0
        if folded in [fold(label) for label in labels]:
            return 1
        return 2 if any(label.startswith(wanted) for label in labels) else 3

    return sorted(search_ethnic_groups(typed, include_foreign=True), key=rank)


class EthnicCombo(QComboBox):
    """All 54 groups with their codes, Lai Châu's first; typing finds names and aliases ("Mèo" → Mông)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setMinimumWidth(280)
        for group in ethnic_groups(include_foreign=True):
            self.addItem(f"{group.name} ({group.code})", group.code)
        self.setCurrentIndex(-1)
        edit_of(self).setPlaceholderText(_("Type a name or another name, e.g. Mông, Mèo"))
        self._matches = QStringListModel(self)
        self._completer = QCompleter(self._matches, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self._completer)
        edit_of(self).textEdited.connect(self._on_text_edited)
        edit_of(self).editingFinished.connect(self._on_editing_finished)

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            popup = self._completer.popup()
            if popup is not None:
                popup.hide()
            return
        self._matches.setStringList([f"{g.name} ({g.code})" for g in ranked_groups(text)])
        self._completer.setCompletionPrefix("")
        self._completer.complete()

    def _on_editing_finished(self) -> None:
        """A name or alias typed in full becomes the group's entry ("Mèo" → "Mông (04)")."""
        shown = ethnic_text(ethnic_code_of(self.currentText()))
        if shown and shown != self.currentText():
            self.setEditText(shown)

    def code(self) -> str:
        return ethnic_code_of(self.currentText())


class IdentityPage(WizardPage):
    title = N_("Identity")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = self.new_form()
        self.full_name = line()
        self.other_names = line(placeholder=_("Separate several names with ;"))
        self.alias = line()
        self.sex = choice((s.value, _(SEX_LABELS[s])) for s in Sex)
        self.sex.setMinimumWidth(200)
        self.sex.setMaximumWidth(240)
        self.birth = QWidget()
        row = QHBoxLayout(self.birth)
        row.setContentsMargins(0, 0, 0, 0)
        self.birth_modes = QButtonGroup(self)
        self.birth_date = DateEdit()
        self.birth_year = QLineEdit()
        self.birth_year.setPlaceholderText(_("yyyy"))
        self.birth_year.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.birth_year.setMaximumWidth(80)
        self.estimated_age = QLineEdit()
        self.estimated_age.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), self))
        self.estimated_age.setMaximumWidth(60)
        for key, text, edit in (
            ("exact", _("E&xact date"), self.birth_date),
            ("year", _("&Year only"), self.birth_year),
            ("age", _("Es&timated age"), self.estimated_age),
        ):
            radio = QRadioButton(text)
            radio.setObjectName(key)
            self.birth_modes.addButton(radio)
            radio.toggled.connect(edit.setEnabled)
            edit.setEnabled(False)
            row.addWidget(radio)
            row.addWidget(edit)
            row.addSpacing(12)
        row.addStretch(1)
        self.ethnic = EthnicCombo()
        self.mother_tongue = line(280)
        self.reads = choice((k, _(v)) for k, v in READS_LABELS.items())
        self.reads.setMinimumWidth(200)
        self.reads.setMaximumWidth(240)
        self.interpreter = QCheckBox(_("An &interpreter is needed"))
        self.religion = line(280)
        self.nationality = line(280)
        self.nationality.setText("Việt Nam")
        self.id_document = choice((d.value, _(ID_LABELS[d])) for d in IdDocument)
        self.id_document.setMinimumWidth(280)
        set_combo_key(self.id_document, IdDocument.NONE.value)
        self.id_number = line(280)
        self.add_row(form, _("&Full name:"), self.full_name, "full_name")
        self.add_row(form, _("Other &names:"), self.other_names, "other_names")
        self.add_row(form, _("&Alias:"), self.alias, "alias", _("Shown in lists instead of the name."))
        self.add_row(form, _("&Sex:"), self.sex, "sex")
        self.add_row(form, _("&Birth:"), self.birth, "birth")
        self.add_row(form, _("&Ethnicity:"), self.ethnic, "ethnic_code")
        self.add_row(form, _("&Mother tongue:"), self.mother_tongue, "mother_tongue")
        self.add_row(form, _("&Reads and writes Vietnamese:"), self.reads, "reads_vietnamese")
        self.add_row(form, "", self.interpreter, "interpreter_needed")
        self.add_row(form, _("Reli&gion:"), self.religion, "religion")
        self.add_row(form, _("Nationalit&y:"), self.nationality, "nationality")
        self.add_row(form, _("I&dentity paper:"), self.id_document, "id_document")
        self.id_box = self.add_row(form, _("Paper n&umber:"), self.id_number, "id_number")
        self.outer.addStretch(1)
        self.birth_modes.buttons()[0].setChecked(True)
        self.full_name.textChanged.connect(self._update_alias_hint)
        self.id_document.currentIndexChanged.connect(self._on_id_document_changed)
        self._on_id_document_changed()
        self._update_alias_hint()

    def _update_alias_hint(self) -> None:
        words = self.full_name.text().split()
        initials = ".".join(w[0].upper() for w in words) + "." if words else "N.T.H."
        self.alias.setPlaceholderText(_("Left empty: {initials} + the code").format(initials=initials))

    def _on_id_document_changed(self) -> None:
        kind = combo_key(self.id_document)
        patterns = {
            IdDocument.ID_CARD: r"[0-9 ]{0,15}",
            IdDocument.CCCD: r"[0-9 ]{0,15}",
            IdDocument.PASSPORT: r"[A-Za-z0-9]{0,20}",
        }
        hints = {
            IdDocument.ID_CARD: _("12 digits"),
            IdDocument.CCCD: _("12 digits"),
            IdDocument.PASSPORT: _("6 to 20 letters and digits"),
            IdDocument.BIRTH_CERTIFICATE: _("Number and book, as written"),
        }
        pattern = patterns.get(IdDocument(kind) if kind else IdDocument.NONE, r".{0,30}")
        self.id_number.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self.id_number))
        self.id_number.setPlaceholderText(hints.get(IdDocument(kind) if kind else IdDocument.NONE, ""))
        self.id_number.setEnabled(kind != IdDocument.NONE.value)

    def birth_mode(self) -> str:
        checked = self.birth_modes.checkedButton()
        return checked.objectName() if checked is not None else "exact"

    def values(self) -> Payload:
        return {
            "full_name": self.full_name.text(),
            "other_names": self.other_names.text(),
            "alias": self.alias.text(),
            "sex": combo_key(self.sex),
            "birth_mode": self.birth_mode(),
            "birth_date": self.birth_date.text(),
            "birth_year": self.birth_year.text(),
            "estimated_age": self.estimated_age.text(),
            "ethnic": self.ethnic.currentText(),
            "mother_tongue": self.mother_tongue.text(),
            "reads_vietnamese": combo_key(self.reads),
            "interpreter_needed": self.interpreter.isChecked(),
            "religion": self.religion.text(),
            "nationality": self.nationality.text(),
            "id_document": combo_key(self.id_document),
            "id_number": self.id_number.text(),
        }

    def _load(self, payload: Payload) -> None:
        for key, edit in (
            ("full_name", self.full_name), ("other_names", self.other_names), ("alias", self.alias),
            ("birth_date", self.birth_date), ("birth_year", self.birth_year), ("estimated_age", self.estimated_age),
            ("mother_tongue", self.mother_tongue), ("religion", self.religion), ("id_number", self.id_number),
        ):  # fmt: skip
            edit.setText(text_of(payload, key))
        if "nationality" in payload:
            self.nationality.setText(text_of(payload, "nationality"))
        set_combo_key(self.sex, text_of(payload, "sex"))
        radio_group(self.birth_modes, text_of(payload, "birth_mode") or "exact")
        self.ethnic.setEditText(text_of(payload, "ethnic"))
        set_combo_key(self.reads, text_of(payload, "reads_vietnamese"))
        self.interpreter.setChecked(payload.get("interpreter_needed") is True)
        set_combo_key(self.id_document, text_of(payload, "id_document"))
        self.id_number.setText(text_of(payload, "id_number"))
