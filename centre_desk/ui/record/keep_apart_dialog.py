"""Link the resident with another one she must not share a room with (không xếp chung phòng).

The other resident is found by the registry's search (accent-blind; names only for those allowed to see
them, aliases and codes otherwise), among the residents in the centre.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from centre_desk.errors import UserError, ValidationError
from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.lodging import KeepApartReason
from centre_desk.services.lodging.dto import KeepApartInput
from centre_desk.services.registry import RegistryRow
from centre_desk.ui.administration.users.form_parts import hint_label
from centre_desk.ui.record.fields import KeyCombo
from centre_desk.ui.record.labels import SEXES, term
from centre_desk.ui.record.lodging_terms import KEEP_APART_REASONS
from centre_desk.ui.widgets.submit_dialog import SubmitDialog
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

SearchResidents = Callable[[str], Sequence[RegistryRow]]
SEARCH_DELAY_MS = 250


def _columns() -> list[Column[RegistryRow]]:
    return [
        Column(_("Code"), lambda r: r.code),
        Column(_("Name or alias"), lambda r: r.name),
        Column(_("Sex"), lambda r: term(SEXES, r.sex)),
        Column(_("Age"), lambda r: "" if r.age is None else r.age, Qt.AlignmentFlag.AlignRight),
        Column(
            _("Arrived"),
            lambda r: format_date(r.arrived_at.astimezone().date()) if r.arrived_at else "",
            sort_key=lambda r: r.arrived_at.timestamp() if r.arrived_at else 0,
        ),
    ]


class _DownToResults(QObject):
    """Down in the search field goes to the results (the keyboard way from typing to choosing)."""

    def __init__(self, dialog: KeepApartDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._dialog.focus_results()
            return True
        return False


class KeepApartDialog(SubmitDialog[KeepApartInput]):
    def __init__(
        self,
        parent: QWidget | None,
        resident_id: int,
        search: SearchResidents,
        submit: Callable[[KeepApartInput], object] | None = None,
    ) -> None:
        super().__init__(parent, submit)
        self._resident_id = resident_id
        self._search = search
        self.setWindowTitle(_("Keep apart from another resident"))
        self.setMinimumSize(720, 520)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Name, alias or code (accents not needed)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(_DownToResults(self))
        self.model: RowTableModel[RegistryRow] = RowTableModel(_columns(), self)
        self.proxy, self.results = read_only_table(self.model, self)
        self.results.setObjectName("keepApartResults")
        self.results.setSortingEnabled(False)
        self.proxy.sort(-1)  # the registry's Vietnamese order
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.setMinimumHeight(200)
        self.found_label = hint_label("")
        self.reason = KeyCombo(KEEP_APART_REASONS)
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        search_label = QLabel(_("&Find the resident:"))
        search_label.setBuddy(self.search_edit)
        reason_label = QLabel(_("Rea&son:"))
        reason_label.setBuddy(self.reason)
        note_label = QLabel(_("&Note:"))
        note_label.setBuddy(self.note)
        form = QFormLayout()
        form.addRow(search_label, self.search_edit)
        form.addRow("", self.errors.wrap("other_id", self.results))
        form.addRow("", self.found_label)
        form.addRow(reason_label, self.errors.wrap("reason", self.reason))
        form.addRow(
            note_label, self.errors.wrap("note", self.note, _("What staff must know, without details of the case."))
        )
        layout = QVBoxLayout(self)
        intro = _("The two will not be placed in the same room; a manager may allow an exception with a reason.")
        layout.addWidget(hint_label(intro))
        layout.addLayout(form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.results.doubleClicked.connect(self.accept)
        self.run_search()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        resident_id: int,
        search: SearchResidents,
        submit: Callable[[KeepApartInput], object] | None = None,
    ) -> KeepApartInput | None:
        dialog = cls(parent, resident_id, search, submit)
        try:
            return dialog.accepted_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # --- searching -------------------------------------------------------------------------------

    def run_search(self) -> None:
        self._timer.stop()
        try:
            rows = [r for r in self._search(self.search_edit.text()) if r.resident_id != self._resident_id]
        except UserError as exc:
            self.errors.show_message("", exc.message)
            return
        self.model.set_rows(rows)
        for column in (0, 2, 3, 4):
            self.results.resizeColumnToContents(column)
        self.found_label.setText(
            _("{count} residents in the centre match.").format(count=len(rows))
            if rows
            else _("Nobody in the centre matches.")
        )
        if len(rows) == 1:
            self.results.selectRow(0)

    def focus_results(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.results.setFocus()
        if not self.results.selectionModel().hasSelection():
            self.results.selectRow(0)

    def select_resident(self, resident_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.chosen_at(row).resident_id == resident_id:
                self.results.selectRow(row)
                return True
        return False

    def chosen_at(self, row: int) -> RegistryRow:
        return self.model.row(self.proxy.mapToSource(self.proxy.index(row, 0)).row())

    def chosen(self) -> RegistryRow | None:
        rows = self.results.selectionModel().selectedRows()
        return self.chosen_at(rows[0].row()) if rows else None

    # --- the value -------------------------------------------------------------------------------

    def value(self) -> KeepApartInput:
        other = self.chosen()
        if other is None:
            raise ValidationError("other_id", _("Choose in the list the resident to keep her apart from."))
        return KeepApartInput(
            self._resident_id, other.resident_id, KeepApartReason(self.reason.key()), self.note.text()
        )

    def accept(self) -> None:
        if self.search_edit.hasFocus() and self._timer.isActive():  # Enter in the search field: search now
            self.run_search()
            return
        super().accept()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._timer.start()
