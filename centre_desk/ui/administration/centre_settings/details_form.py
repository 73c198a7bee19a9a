"""The form for one version of the centre's details, used by the page and the new-version dialog.

The valid-from date is the shared date field (typed dd/mm/yyyy straight through, required): a date that does
not exist is told under it as soon as it is left, and `value` refuses it as a ValidationError of that field. Under
the fields, a note says what the empty ones will do to the printed papers; an empty founding
decision (a legal basis every admission decision cites, so decisions cannot be printed without it) is
flagged in red, and its field too.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.services.settings import MAX_LENGTHS, CentreDetails
from centre_desk.ui.administration.users.form_parts import FieldErrors
from centre_desk.ui.widgets.date_edit import DateEdit

# (field of CentreDetails, label, placeholder)
TEXT_FIELDS = (
    ("centre_name", N_("Centre &name:"), N_("e.g. TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH LAI CHÂU")),
    ("parent_agency", N_("&Parent agency:"), N_("e.g. SỞ Y TẾ TỈNH LAI CHÂU")),
    ("address", N_("&Address:"), ""),
    ("province", N_("Pro&vince:"), N_("e.g. Lai Châu")),
    ("place_name", N_("Place in the &date line:"), N_("e.g. Lai Châu, as in “Lai Châu, ngày … tháng … năm …”")),
    ("director_name", N_("Di&rector's name:"), ""),
    ("director_title", N_("Director's &title:"), N_("e.g. GIÁM ĐỐC")),
    ("abbreviation", N_("Abbreviation in document &symbols:"), N_("e.g. CSBTXH, as in “Số: 12/QĐ-CSBTXH”")),
    ("founding_decision", N_("&Founding decision:"), N_("e.g. Quyết định số 32/2014/QĐ-UBND ngày 25/9/2014 …")),
    ("proposing_unit", N_("Pr&oposing unit:"), N_("e.g. Trưởng phòng Công tác xã hội, as in “Theo đề nghị của …”")),
    ("officer_title", N_("Receiving officer's job titl&e:"), N_("e.g. Nhân viên công tác xã hội")),
)


FLAG_COLOUR = "#b00020"  # dark red: readable on white


class CentreDetailsForm(QWidget):
    """Valid-from date plus the printed details; `errors` shows a ValidationError under its field."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.date_edit = DateEdit(required=True)
        self.date_edit.set_value(date.today())
        date_label = QLabel(_("&Valid from:"))
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, errors.wrap("effective_from", self.date_edit))
        self.date_edit.textEdited.connect(self._on_date_edited)  # a message stays until the date is changed
        self.date_edit.left.connect(self._on_date_left)
        self.edits: dict[str, QLineEdit] = {}
        for name, label, placeholder in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(MAX_LENGTHS.get(name, 300))
            edit.setMinimumWidth(360)
            if placeholder:
                edit.setPlaceholderText(_(placeholder))
            self.edits[name] = edit
            row_label = QLabel(_(label))
            row_label.setBuddy(edit)
            form.addRow(row_label, errors.wrap(name, edit))
            edit.textChanged.connect(self._show_gaps)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("paperGaps")
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setVisible(False)
        form.addRow(self.gaps_label)

    def _on_date_edited(self) -> None:
        self.errors.note("effective_from", "")

    def _on_date_left(self, problem: str) -> None:
        if problem:
            self.errors.note("effective_from", problem)

    def _show_gaps(self) -> None:
        """What the empty fields will do to the papers; the founding decision in red (it blocks decisions)."""
        gaps = CentreDetails(date.today(), **self._texts(), id=None, version=0).paper_gaps()  # any day will do
        founding = "founding_decision" in gaps
        self.edits["founding_decision"].setStyleSheet(f"border: 1px solid {FLAG_COLOUR};" if founding else "")
        lines = [f"⚠ {text}" for text in gaps.values()]
        self.gaps_label.setText("\n".join(lines))
        self.gaps_label.setStyleSheet(f"color: {FLAG_COLOUR};" if founding else "")
        self.gaps_label.setVisible(bool(lines))

    def load(self, details: CentreDetails) -> None:
        self.date_edit.set_value(details.effective_from)
        for name, edit in self.edits.items():
            edit.setText(getattr(details, name))
            edit.setCursorPosition(0)

    def _texts(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def value(self, record_id: int | None, version: int) -> CentreDetails:
        """The details typed; ValidationError of `effective_from` when the date is empty or does not exist."""
        day = self.date_edit.value()
        if day is None:
            raise ValidationError("effective_from", self.date_edit.problem() or _("Please fill in the date."))
        return CentreDetails(day, **self._texts(), id=record_id, version=version)

    def set_effective_from(self, value: date) -> None:
        self.date_edit.set_value(value)

    def set_read_only(self, read_only: bool) -> None:
        self.date_edit.setReadOnly(read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    def show_error(self, exc: ValidationError) -> None:
        self.errors.show(exc)
