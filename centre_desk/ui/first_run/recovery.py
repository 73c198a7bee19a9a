"""The last page of the first-run wizard: the recovery key, shown once, to print or save."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from centre_desk.i18n import _
from centre_desk.reports.recovery_sheet import write_recovery_sheet
from centre_desk.ui.fonts import UI_FAMILY
from centre_desk.ui.login.parts import InlineError, hint_label
from centre_desk.ui.widgets.file_dialogs import save_path
from centre_desk.ui.widgets.pdf_print import print_pages

log = logging.getLogger(__name__)

GROUPS_PER_LINE = 5


def key_lines(recovery_key: str) -> str:
    """The key for the screen: groups of four, five groups a line."""
    groups = recovery_key.split("-")
    return "\n".join("  ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE))


def render_pdf(pdf: Path, printer: QPrinter) -> bool:
    """Paint every page of `pdf` on `printer` (rendered as images at up to 300 dpi)."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        log.error("the recovery sheet could not be read back for printing")
        return False
    try:
        return print_pages(document, printer)
    finally:
        document.close()


class RecoveryPage(QWizardPage):
    """Finish stays disabled until the person confirms the key is printed or stored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Recovery key"))
        self._key = ""
        self._centre_name = ""
        self._where = ""
        once = QLabel(_("The database has been created. This is its recovery key; it is shown only this once."))
        once.setWordWrap(True)
        font = once.font()
        font.setBold(True)
        once.setFont(font)
        purpose = QLabel(
            _(
                "The recovery key restores access to the database when the key store of this computer is lost "
                "(for example after Windows is reinstalled), and it opens the backups on a new computer. "
                "Whoever holds it can read all of the centre's records: print it, or save it on a USB stick, "
                "and keep it in the director's safe."
            )
        )
        purpose.setWordWrap(True)

        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        key_font = QFont(UI_FAMILY)
        key_font.setPointSizeF(font.pointSizeF() * 2)
        key_font.setBold(True)
        key_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
        key_font.setWordSpacing(key_font.pointSizeF() * 0.6)
        self.key_label.setFont(key_font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFrameShape(QFrame.Shape.Box)
        self.key_label.setMargin(14)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        for button in (self.print_button, self.save_button):
            button.setAutoDefault(False)  # Enter keeps meaning the wizard's own button
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.status_label = hint_label("")
        self.status_label.setObjectName("recoveryStatus")
        self.confirm_box = QCheckBox(_("I have printed or stored the recovery key in a safe place"))
        self.error_label = InlineError(reserve_lines=1)
        self.confirm_box.toggled.connect(self.completeChanged)
        self.confirm_box.toggled.connect(self._on_confirm_box_toggled)

        layout = QVBoxLayout(self)
        layout.addWidget(once)
        layout.addWidget(purpose)
        layout.addSpacing(6)
        layout.addWidget(self.key_label)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.error_label)

    def set_key(self, recovery_key: str, centre_name: str, where: str) -> None:
        self._key, self._centre_name, self._where = recovery_key, centre_name, where
        self.key_label.setText(key_lines(recovery_key))

    def isComplete(self) -> bool:
        return self.confirm_box.isChecked()

    def _on_confirm_box_toggled(self, _checked: bool) -> None:
        self.error_label.clear_message()

    def ask_for_confirmation(self) -> None:
        self.error_label.show_message(_("Please print or store the recovery key first, then tick the box."))
        self.confirm_box.setFocus()

    def print_sheet(self, pdf: Path) -> bool:
        """Ask for a printer and print `pdf`; False when cancelled (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_("Recovery key"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return render_pdf(pdf, printer)

    def _write_sheet(self, path: Path) -> None:
        write_recovery_sheet(path, self._key, self._centre_name, self._where)

    def _on_print_clicked(self) -> None:
        self.status_label.clear()
        try:
            with tempfile.TemporaryDirectory(prefix="centre-desk-") as folder:
                pdf = Path(folder) / "recovery-key.pdf"
                self._write_sheet(pdf)
                printed = self.print_sheet(pdf)
        except OSError as exc:
            log.error("printing the recovery sheet failed: %s", type(exc).__name__)
            self.status_label.setText(_("The sheet could not be printed. Please try again or save it as PDF."))
            return
        if printed:
            self.status_label.setText(_("The sheet was sent to the printer. Check that it came out complete."))

    def _on_save_clicked(self) -> None:
        path = save_path(
            self, _("Save the recovery key as PDF"), _("recovery-key.pdf"), _("PDF documents (*.pdf)"), ".pdf"
        )
        if path is None:
            return
        try:
            self._write_sheet(path)
        except OSError as exc:
            log.error("saving the recovery sheet failed: %s", type(exc).__name__)
            self.status_label.setText(_("The file could not be saved there. Please choose another folder."))
            return
        self.status_label.setText(_("Saved as {path}.").format(path=path))
