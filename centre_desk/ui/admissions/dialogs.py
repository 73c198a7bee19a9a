"""The small questions around the wizard, and the list of drafts to resume.

Each question is a module-level function so tests can monkeypatch it instead of blocking on exec().
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from centre_desk import APP_NAME
from centre_desk.errors import UserError
from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.admissions import AdmissionRow
from centre_desk.services.drafts import DraftRow, DraftService
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)


class CloseChoice(enum.StrEnum):
    KEEP = "keep"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_keep_draft(parent: QWidget) -> CloseChoice:
    """Closing with something typed: keep it as a draft, throw it away, or go back."""
    box = QMessageBox(parent)
    box.setWindowTitle(APP_NAME)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(_("The admission is not saved yet."))
    box.setInformativeText(_("Keep what you typed as a draft to finish later?"))
    keep = box.addButton(_("&Keep the draft"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return CloseChoice.KEEP
    if clicked is discard:
        return CloseChoice.DISCARD
    return CloseChoice.CANCEL


def ask_open_record(parent: QWidget, row: AdmissionRow) -> bool:
    """Saved: show the new code and alias, and offer to open the record."""
    text = _("Admitted with the code {code}. In lists she or he appears as {alias}.").format(
        code=row.code, alias=row.alias
    )
    if row.is_readmission:
        text += "\n" + _("Linked to the earlier stay (readmission).")
    answer = QMessageBox.question(
        parent,
        APP_NAME,
        text + "\n\n" + _("Open the record now?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def draft_columns() -> list[Column[DraftRow]]:
    return [
        Column(_("Name or alias"), lambda d: d.label),
        Column(_("Last saved"), lambda d: format_datetime(d.updated_at), sort_key=lambda d: d.updated_at),
        Column(_("Started"), lambda d: format_datetime(d.created_at), sort_key=lambda d: d.created_at),
    ]


class DraftsDialog(QDialog):
    """The signed-in user's unfinished admissions, newest first; Enter resumes the selected one."""

    def __init__(self, drafts: list[DraftRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Resume an unfinished admission"))
        self.resize(640, 360)
        self.model: RowTableModel[DraftRow] = RowTableModel(draft_columns(), self)
        self.model.set_rows(drafts)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.setTabKeyNavigation(False)
        self.table.setColumnWidth(0, 280)
        self.table.setColumnWidth(1, 150)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.accept)
        intro = QLabel(
            _("Drafts are saved as you type; only you can see yours.")
            if drafts
            else _("You have no unfinished admission.")
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(_("&Resume"))
        buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(drafts))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        if drafts:
            self.table.selectRow(0)
            self.table.setFocus()

    def value(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row()).id

    @classmethod
    def ask(cls, parent: QWidget | None, drafts: list[DraftRow]) -> int | None:
        dialog = cls(drafts, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_draft(parent: QWidget | None, drafts_service: DraftService, actor: Actor) -> int | None:
    """Ask which of the user's drafts to resume; None if there is none or the user cancels."""
    try:
        drafts = drafts_service.mine(actor)
    except UserError as exc:
        show_error(parent, exc)
        return None
    return DraftsDialog.ask(parent, drafts)
