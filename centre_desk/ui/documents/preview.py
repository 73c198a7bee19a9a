"""A printable document on screen: every page, fit to width, with Print…, Save as… and Close.

The PDF arrives as bytes from a service (e.g. DocumentService.preview); nothing is written to disk
unless the user saves it, and then atomically, so a half-written file never replaces a good one.

An admission paper is shown as a preview ("BẢN XEM TRƯỚC", the number left blank): Print… and Save as…
first ask where to, then issue it for real (`issue`: the next number from the outgoing-document register,
or a "BẢN SAO" copy of a paper issued before), show what was issued, and print or save exactly that.
Cancelling the printer or file question issues nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.paths import write_atomic
from centre_desk.security.access import Actor
from centre_desk.services.documents import DocumentService, IssuedPaper, PaperPreview
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.file_dialogs import save_path
from centre_desk.ui.widgets.pdf_print import print_pages
from centre_desk.ui.widgets.window_fit import fit_window

log = logging.getLogger(__name__)

PAPER_TITLES = {
    "admission-record": N_("Admission record"),
    "admission-decision": N_("Admission decision"),
    "belongings-receipt": N_("Receipt for belongings"),
    "payment-list": N_("Payment list"),  # "payment-list-12": the list's register line
}
FILE_STEMS = {  # file names stay ASCII: they travel by USB stick and e-mail
    "admission-record": "bien-ban-tiep-nhan",
    "admission-decision": "quyet-dinh-tiep-nhan",
    "belongings-receipt": "bien-nhan-tai-san",
}


def paper_title(kind: str) -> str:
    """ "Quyết định tiếp nhận" for "admission-decision", the list's title for "payment-list-12" (the kind itself
    when unknown)."""
    title = PAPER_TITLES.get(kind) or PAPER_TITLES.get(kind.rsplit("-", 1)[0])
    return _(title) if title else kind


def file_name(kind: str, code: str) -> str:
    """ "bien-ban-tiep-nhan-LC-2026-0007.pdf"."""
    return f"{FILE_STEMS.get(kind, kind)}-{code}.pdf" if code else f"{FILE_STEMS.get(kind, kind)}.pdf"


def notice_for(preview: PaperPreview) -> str:
    """What the line above the pages says about the number, and what will stop or mar the print."""
    lines = []
    if preview.entry is not None:
        lines.append(
            _(
                "Document No. {number} was issued on {date}. Printing or saving it again gives a copy "
                "marked BẢN SAO, as it was issued."
            ).format(number=preview.entry.number_text, date=format_date(preview.entry.issued_at.astimezone().date()))
        )
    elif preview.registered:
        lines.append(_("Preview: the document number is given when you print or save the document."))
    return "\n".join([*lines, *preview.warnings])


def preview_paper(
    parent: QWidget | None, documents: DocumentService, actor: Actor, kind: str, resident_id: int, code: str = ""
) -> bool:
    """Show one admission paper (one service call); Print… and Save as… issue it. False when refused."""
    try:
        preview = documents.preview(actor, kind, resident_id)
    except UserError as exc:
        show_error(parent, exc)
        return False

    def issue() -> IssuedPaper:
        return documents.issue(actor, kind, resident_id)

    DocumentPreviewDialog.show_document(
        parent, paper_title(kind), preview.pdf, file_name(kind, code or preview.resident_code),
        issue, notice_for(preview),
    )  # fmt: skip
    return True


class DocumentPreviewDialog(QDialog):
    """Shows `pdf` (bytes); `suggested_name` (e.g. "bien-ban-tiep-nhan-LC-2026-0007.pdf") is offered on save.

    With `issue`, Print… and Save as… print or save what `issue()` returns instead (the paper issued for
    real), and show it; `notice` is a line shown above the pages (the number, warnings).
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        pdf: bytes,
        suggested_name: str,
        issue: Callable[[], IssuedPaper] | None = None,
        notice: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._pdf = pdf
        self._title = title
        self._issue = issue
        self.issued: IssuedPaper | None = None
        self._suggested = suggested_name if suggested_name.lower().endswith(".pdf") else f"{suggested_name}.pdf"
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self._load(pdf)
        self.notice_label = QLabel(notice, self)
        self.notice_label.setObjectName("previewNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setMinimumSize(480, 360)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.pages_label = QLabel(self)

        self.print_button = QPushButton(_("&Print…"), self)
        self.save_button = QPushButton(_("&Save as…"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Close"))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._on_print)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save)

        bottom = QHBoxLayout()
        bottom.addWidget(self.pages_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        loaded = self.document.status() == QPdfDocument.Status.Ready
        self.print_button.setEnabled(loaded)
        if loaded:
            count = self.document.pageCount()
            self.pages_label.setText(_("{count} page(s)").format(count=count))
        else:
            log.error("a document could not be shown (%s)", self.document.status().name)
            self.status_label.setText(_("The document could not be shown. You can still save it as a file."))
        fit_window(self, QSize(860, 960), "documentPreview")
        self.print_button.setFocus()

    @classmethod
    def show_document(
        cls,
        parent: QWidget | None,
        title: str,
        pdf: bytes,
        suggested_name: str,
        issue: Callable[[], IssuedPaper] | None = None,
        notice: str = "",
    ) -> None:
        """Open the preview and wait until the user closes it (tests replace this)."""
        dialog = cls(parent, title, pdf, suggested_name, issue, notice)
        dialog.exec()
        dialog.deleteLater()

    def _load(self, pdf: bytes) -> None:
        """Show `pdf`; the buffer must live as long as the document reads from it."""
        self._pdf = pdf
        previous = self._buffer
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if previous is not None:
            previous.deleteLater()

    def _issue_now(self) -> str | None:
        """Issue the paper for real and show it; what to say about it ("" for a plain document), None when
        the service refused (the reason is shown)."""
        if self._issue is None:
            return ""
        try:
            issued = self._issue()
        except UserError as exc:
            self.status_label.setText(exc.message)
            return None
        self.issued = issued
        self._load(issued.pdf)
        self.pages_label.setText(_("{count} page(s)").format(count=self.document.pageCount()))
        if issued.entry is None:
            return ""
        number = issued.entry.number_text
        self.notice_label.setText(
            _("Document No. {number} is issued. Printing or saving it again gives a copy marked BẢN SAO.").format(
                number=number
            )
        )
        self.notice_label.setVisible(True)
        if issued.copy:
            return _("Copy (BẢN SAO) of document No. {number}.").format(number=number)
        return _("Issued as document No. {number}.").format(number=number)

    # ------------------------------------------------------------------------------------------ print

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose, None when cancelled (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _on_print(self) -> None:
        if not self.print_button.isEnabled():
            return
        self.status_label.clear()
        printer = self.ask_printer()
        if printer is None:
            return
        issued = self._issue_now()
        if issued is None:
            return
        if print_pages(self.document, printer):
            sent = _("Sent to the printer. Check that every page came out.")
            self.status_label.setText(f"{issued} {sent}".strip())
        else:
            log.error("the printer could not be started")
            self.status_label.setText(_("The printer could not be started. Please check it and try again."))

    # ------------------------------------------------------------------------------------------- save

    def _on_save(self) -> None:
        self.status_label.clear()
        path = save_path(self, _("Save the document as PDF"), self._suggested, _("PDF documents (*.pdf)"), ".pdf")
        if path is None:
            return
        issued = self._issue_now()
        if issued is None:
            return
        try:
            write_atomic(path, self._pdf)
        except OSError as exc:
            log.error("saving a document failed: %s", type(exc).__name__)
            failed = _("The file could not be saved there. Please choose another folder.")
            self.status_label.setText(f"{issued} {failed}".strip())
            return
        saved = _("Saved as {path}.").format(path=path)
        self.status_label.setText(f"{issued} {saved}".strip())
