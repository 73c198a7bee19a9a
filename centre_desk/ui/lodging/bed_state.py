"""A bed's state changed by hand (free, reserved for a resident, needs cleaning, out of service) with the reason,
and the bed's history: every state it was put in, with who, when and why."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError, ValidationError, ValidationErrors
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.models.lodging import BedState
from centre_desk.services.lodging.dto import BedHistoryEntry, Occupant
from centre_desk.ui.administration.users.form_parts import FieldErrors, error_label, hint_label
from centre_desk.ui.lodging.states import state_name
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table
from centre_desk.ui.widgets.window_fit import fit_window

SETTABLE = (BedState.FREE, BedState.RESERVED, BedState.CLEANING, BedState.OUT_OF_SERVICE)
StateSubmit = Callable[[BedState, str, "int | None"], object]  # state, reason, reserved for


class BedStateDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        where: str,
        current: BedState,
        wanted: BedState,
        people: Sequence[Occupant],
        submit: StateSubmit,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change the bed's state"))
        self._submit = submit
        self.general_error = error_label("generalError")
        self.errors = FieldErrors(self.general_error)
        heading = QLabel(where)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.state_combo = QComboBox()
        for state in SETTABLE:
            self.state_combo.addItem(state_name(state), state.value)
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(wanted.value)))
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("reservedFor")
        for person in people:
            self.person_combo.addItem(f"{person.label} ({person.code})", person.resident_id)
        self.person_label = QLabel(_("Reserved &for:"))
        self.person_label.setBuddy(self.person_combo)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(300)
        self.reason_edit.setObjectName("reason")
        form = QFormLayout()
        form.addRow(_("Now:"), QLabel(state_name(current)))
        form.addRow(_("&New state:"), self.errors.wrap("state", self.state_combo))
        self.person_box = self.errors.wrap(
            "reserved_for", self.person_combo, _("Residents without a bed are listed first.")
        )
        form.addRow(self.person_label, self.person_box)
        form.addRow(_("&Reason:"), self.errors.wrap("reason", self.reason_edit))
        self.buttons = confirm_buttons(self, _("Save"), save=True)  # Enter; Alt+L is the reason (Lý do)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint_label(_("The change is kept in the bed's history with your name and the reason.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.state_combo.currentIndexChanged.connect(self._on_state_changed)
        self._on_state_changed()
        fit_window(self, QSize(520, 300), "bedStateDialog")
        self.reason_edit.setFocus()

    def state(self) -> BedState:
        return BedState(str(self.state_combo.currentData()))

    def _on_state_changed(self, *_args: object) -> None:
        reserve = self.state() == BedState.RESERVED
        self.person_label.setVisible(reserve)
        self.person_box.setVisible(reserve)

    def accept(self) -> None:
        self.errors.clear()
        state = self.state()
        person = self.person_combo.currentData() if state == BedState.RESERVED else None
        try:
            self._submit(state, self.reason_edit.text(), int(person) if person is not None else None)
        except ValidationErrors as exc:
            for field, message in exc.problems:
                self.errors.note(field, message)
            self.errors.show_message(exc.field, exc.message)
            return
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return
        super().accept()


class BedHistoryDialog(QDialog):
    """Every state of the bed, the latest first."""

    def __init__(self, parent: QWidget | None, where: str, entries: Sequence[BedHistoryEntry]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bed history"))
        heading = QLabel(where)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        columns: list[Column[BedHistoryEntry]] = [
            Column(_("When"), lambda e: format_datetime(e.at), sort_key=lambda e: e.at),
            Column(_("State"), lambda e: state_name(e.state)),
            Column(_("By"), lambda e: e.by),
            Column(_("Reason"), lambda e: e.reason),
        ]
        self.model: RowTableModel[BedHistoryEntry] = RowTableModel(columns, self)
        self.model.set_rows(entries)
        _proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("bedHistory")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_window(self, QSize(760, 460), "bedHistoryDialog")
        self.table.setFocus()
