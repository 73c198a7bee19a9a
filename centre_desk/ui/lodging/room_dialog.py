"""A room added or changed by a manager (building, floor, name, who may sleep there, places, beds to add), and
a room retired with the reason. Every problem the service finds is shown under its field at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import Conflict, UserError, ValidationError, ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.lodging import RoomAge, RoomSex
from centre_desk.services.lodging.dto import RoomCard, RoomInput
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.lodging.states import AGE_RULES, SEX_RULES, room_title
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.window_fit import fit_window

MAX_PLACES = 100
RoomSubmit = Callable[[RoomInput], object]


def split_labels(text: str) -> tuple[str, ...]:
    """ "G1, G2; G3" → ("G1", "G2", "G3"); a blank between two commas stays, for the service to name."""
    parts = [p.strip() for p in re.split(r"[,;\n]", text)]
    while parts and not parts[-1]:
        parts.pop()
    return tuple(parts)


def show_problems(errors: FieldErrors, exc: ValidationError) -> None:
    """Every problem under its field (several under one field on separate lines); the first field focused."""
    problems = exc.problems if isinstance(exc, ValidationErrors) else ((exc.field, exc.message),)
    merged: dict[str, list[str]] = {}
    for field, message in problems:
        merged.setdefault(field, []).append(message)
    for field, messages in merged.items():
        errors.note(field, "\n".join(dict.fromkeys(messages)))
    errors.show_message(problems[0][0], "\n".join(dict.fromkeys(merged[problems[0][0]])))


class RoomDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, room: RoomCard | None, buildings: Sequence[str], submit: RoomSubmit
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New room") if room is None else _("Edit room"))
        self._submit = submit
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        self.building_combo = QComboBox()
        self.building_combo.setEditable(True)
        self.building_combo.addItems(list(buildings))
        self.building_combo.setCurrentText(room.building if room else (buildings[0] if buildings else ""))
        self.building_combo.setObjectName("building")
        self.floor_edit = QLineEdit(room.floor if room else "")
        self.floor_edit.setMaxLength(30)
        self.floor_edit.setPlaceholderText(_("e.g. Tầng 1"))
        self.name_edit = QLineEdit(room.name if room else "")
        self.name_edit.setMaxLength(60)
        self.name_edit.setPlaceholderText(_("e.g. Phòng 101"))
        self.sex_combo = QComboBox()
        for key, text in SEX_RULES.items():
            self.sex_combo.addItem(_(text), key.value)
        self.age_combo = QComboBox()
        for age, text in AGE_RULES.items():
            self.age_combo.addItem(_(text), age.value)
        self.sex_combo.setCurrentIndex(self.sex_combo.findData((room.sex_rule if room else RoomSex.FEMALE).value))
        self.age_combo.setCurrentIndex(self.age_combo.findData((room.age_rule if room else RoomAge.ANY).value))
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(0, MAX_PLACES)
        self.capacity_spin.setValue(room.capacity if room else 4)
        self.notes_edit = QPlainTextEdit(room.notes if room else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.beds_edit = QLineEdit("" if room else "G1, G2, G3, G4")
        self.beds_edit.setObjectName("bedLabels")
        existing = ", ".join(b.label for b in room.beds) if room else ""
        beds_hint = _("Labels separated by commas, e.g. G1, G2, G3.")
        if existing:
            beds_hint = _("The room has the beds {labels}. New beds: labels separated by commas.").format(
                labels=existing
            )
        form = QFormLayout()
        form.addRow(_("&Building:"), self.errors.wrap("building", self.building_combo))
        form.addRow(_("&Floor:"), self.errors.wrap("floor", self.floor_edit))
        form.addRow(_("Room &name:"), self.errors.wrap("name", self.name_edit))
        form.addRow(_("&For:"), self.errors.wrap("sex_rule", self.sex_combo))
        form.addRow(_("&Age group:"), self.errors.wrap("age_rule", self.age_combo))
        form.addRow(
            _("&Places:"), self.errors.wrap("capacity", self.capacity_spin, _("How many people may sleep here."))
        )
        form.addRow(_("N&otes:"), self.errors.wrap("notes", self.notes_edit))
        form.addRow(
            _("Beds to &add:") if room else _("&Beds:"), self.errors.wrap("bed_labels", self.beds_edit, beds_hint)
        )
        self.buttons = confirm_buttons(self, _("&Save"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(560, 520), "roomDialog")
        (self.name_edit if room else self.building_combo).setFocus()

    def value(self) -> RoomInput:
        return RoomInput(
            building=self.building_combo.currentText(),
            floor=self.floor_edit.text(),
            name=self.name_edit.text(),
            sex_rule=RoomSex(str(self.sex_combo.currentData())),
            age_rule=RoomAge(str(self.age_combo.currentData())),
            capacity=self.capacity_spin.value(),
            notes=self.notes_edit.toPlainText(),
            bed_labels=split_labels(self.beds_edit.text()),
        )

    def accept(self) -> None:
        self.errors.clear()
        try:
            self._submit(self.value())
        except ValidationError as exc:
            show_problems(self.errors, exc)
            return
        except Conflict as exc:
            self.errors.show_message("", exc.message + " " + _("Close this window and open the room again."))
            return
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return
        super().accept()


class RetireRoomDialog(QDialog):
    """Take a room off the board (once empty), with the reason."""

    def __init__(self, parent: QWidget | None, room: RoomCard, submit: Callable[[str], object]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Retire a room"))
        self._submit = submit
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        heading = QLabel(room_title(room))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(300)
        form = QFormLayout()
        form.addRow(_("&Reason:"), self.errors.wrap("reason", self.reason_edit))
        self.buttons = confirm_buttons(self, _("&Retire the room"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            hint_label(_("The room leaves the board and its beds go out of service; its history is kept."))
        )
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, QSize(500, 220), "retireRoomDialog")
        self.reason_edit.setFocus()

    def accept(self) -> None:
        self.errors.clear()
        try:
            self._submit(self.reason_edit.text())
        except ValidationError as exc:
            show_problems(self.errors, exc)
            return
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return
        super().accept()
