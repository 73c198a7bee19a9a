"""The outgoing-document register (Sổ văn bản đi): every decision and record the centre has issued.

Filters by year, kind, resident code and the document's date; the table shows the number, date, kind,
subject, the resident (code and name, or the alias for those without identity access), the signer, who
printed it, when, and how many copies were printed since. "Check a PDF file…" tells whether a file is one
the program issued, unchanged. Every reading goes through the service, which audits it: the page reads
when it is first shown and when asked.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centre_desk.errors import UserError
from centre_desk.formatting import format_date, format_datetime, format_number
from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.services.documents import DocumentService, FileCheck, RegisterEntry, RegisterFilter
from centre_desk.ui.documents.preview import paper_title
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.date_range import DateRange
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

log = logging.getLogger(__name__)

FIRST_YEAR = 2011  # the oldest records a centre brings in
KIND_CHOICES = (("", N_("All kinds")), ("QĐ", N_("Decisions (QĐ)")), ("BB", N_("Records (BB)")))


def register_columns() -> list[Column[RegisterEntry]]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        Column(_("No. and symbol"), lambda e: e.number_text, sort_key=lambda e: f"{e.year}{e.kind_code}{e.number:06d}"),
        Column(
            _("Document date"), lambda e: format_date(e.document_date), sort_key=lambda e: e.document_date.toordinal()
        ),
        Column(_("Kind"), lambda e: paper_title(e.paper_kind)),
        Column(
            _("Resident"),
            lambda e: " — ".join(p for p in (e.resident_code, e.resident_label) if p),
            sort_key=lambda e: e.resident_code,
        ),
        Column(_("Signed by"), lambda e: ", ".join(p for p in (e.signer_name, e.signer_title) if p)),
        Column(_("Printed by"), lambda e: e.issued_by),
        Column(_("Issued at"), lambda e: format_datetime(e.issued_at), sort_key=lambda e: e.issued_at.timestamp()),
        Column(_("Copies"), lambda e: format_number(e.copies), right, sort_key=lambda e: e.copies),
        Column(_("Subject"), lambda e: e.subject),  # last: long, and the same for most lines
    ]


def describe_check(found: FileCheck | None) -> str:
    """What the register says about a PDF file, as a sentence."""
    if found is None:
        return _(
            "This file is not in the register: it was not printed by the program, or it was changed after printing."
        )
    entry = found.entry
    values = {
        "number": entry.number_text,
        "date": format_date(entry.document_date),
        "kind": paper_title(entry.paper_kind),
        "resident": entry.resident_code,
        "printed": format_datetime(found.printed_at),
    }
    if found.copy:
        return _(
            "This file is a copy (BẢN SAO) of document No. {number} of {date} ({kind}, {resident}), "
            "printed on {printed}."
        ).format(**values)
    return _("This file is document No. {number} of {date} ({kind}, {resident}), as issued on {printed}.").format(
        **values
    )


class RegisterPage(QWidget):
    def __init__(self, documents: DocumentService, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("registerPage")
        self._documents = documents
        self._actor = actor
        self._shown_once = False

        title = QLabel(_("Outgoing-document register"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        self._build_filters()
        self.model: RowTableModel[RegisterEntry] = RowTableModel(register_columns(), self)
        self.proxy, self.table = read_only_table(self.model, self)
        self.table.setObjectName("registerTable")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLine")
        self.check_button = QPushButton(_("Check a PDF &file…"))
        self.check_button.setToolTip(_("Tell whether a PDF file is a paper the program issued, unchanged."))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.check_button)
        layout.addLayout(footer)

        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.code_edit.returnPressed.connect(self.search)
        self.dates.submitted.connect(self.search)
        self.check_button.clicked.connect(self._on_check_button_clicked)

    def _build_filters(self) -> None:
        self.filters = QWidget()
        self.year_combo = QComboBox()
        self.year_combo.addItem(_("All years"), None)
        for year in range(date.today().year, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.kind_combo = QComboBox()
        for code, kind_label in KIND_CHOICES:
            self.kind_combo.addItem(_(kind_label), code)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("e.g. LC-2026-0007 or LC-2026"))
        self.code_edit.setMaxLength(20)
        self.dates = DateRange()
        self.search_button = QPushButton(_("&Search"))
        self.search_button.setDefault(True)
        self.clear_button = QPushButton(_("C&lear"))

        grid = QGridLayout(self.filters)
        grid.setContentsMargins(0, 0, 0, 0)
        fields: tuple[tuple[str, QWidget], ...] = (
            (_("&Year:"), self.year_combo),
            (_("&Kind:"), self.kind_combo),
            (_("Resident &code:"), self.code_edit),
        )
        for column, (text, widget) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addWidget(self.dates, 1, 0, 1, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, 1, 4, 1, 2)
        grid.addWidget(self.dates.error, 2, 0, 1, 6)
        grid.setColumnStretch(5, 1)

    # -- reading ----------------------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter | None:
        """The filter as chosen; None (with a note) when a date is not a date or they are the wrong way round."""
        dates = self.dates.value()
        if dates is None:
            return None
        date_from, date_to = dates
        return RegisterFilter(
            year=self.year_combo.currentData(),
            kind_code=str(self.kind_combo.currentData() or ""),
            resident_code=self.code_edit.text(),
            date_from=date_from,
            date_to=date_to,
        )

    def search(self) -> None:
        wanted = self.current_filter()
        if wanted is None:
            return
        try:
            page = self._documents.register(self._actor, wanted)
        except UserError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(page.entries)
        self.table.resizeColumnsToContents()
        text = _("{count} document(s)").format(count=format_number(len(page.entries)))
        if page.truncated:
            text += " — " + _("only the newest are listed: narrow the filters to see the others.")
        self.count_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.search()

    def check_file(self, path: Path) -> str:
        """Check `path` against the register; the answer as shown (also for tests)."""
        try:
            data = path.read_bytes()
            found = self._documents.check_file(self._actor, data)
        except OSError:
            return _("The file could not be read.")
        except UserError as exc:
            return exc.message
        return describe_check(found)

    # -- slots ------------------------------------------------------------------------------------
    def _on_clear_button_clicked(self) -> None:
        self.year_combo.setCurrentIndex(0)
        self.kind_combo.setCurrentIndex(0)
        self.code_edit.clear()
        self.dates.clear()
        self.search()

    def _on_check_button_clicked(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _kind = QFileDialog.getOpenFileName(
            self, _("Check a PDF file against the register"), folder, _("PDF documents (*.pdf)")
        )
        if name:
            QMessageBox.information(self, _("Outgoing-document register"), self.check_file(Path(name)))
