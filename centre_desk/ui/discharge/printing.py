"""Printing the discharge papers from the record's "Leaving the centre" tab: a menu of the five papers
(`discharge_print_menu`), and the callback it calls (`discharge_printer`), which shows the paper in the document
preview — a draft (DỰ THẢO) before the discharge is approved; Print… and Save as… then issue it (the decision and the
hand-over record take their number from the outgoing-document register). The case summary first asks which sensitive
parts to include (`SummaryPartsDialog`: none unless ticked, each only for those allowed to print it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import N_, _
from centre_desk.reports.discharge_inputs import COUNSELLING_NOTES, NARRATIVE, SENSITIVE_HEALTH
from centre_desk.security.access import Actor
from centre_desk.services.discharge.papers import PART_RIGHTS, DischargePapers
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.ui.discharge.paper_menu import PAPERS
from centre_desk.ui.documents.preview import DocumentPreviewDialog, notice_for
from centre_desk.ui.errors import show_error

PARTS = (
    (NARRATIVE, N_("The person's own &account (narrative)")),
    (SENSITIVE_HEALTH, N_("Sensitive &health (tests, reproductive health)")),
    (COUNSELLING_NOTES, N_("The &counsellor's notes")),
)


class SummaryPartsDialog(QDialog):
    """Which sensitive parts go into the case summary: none unless ticked; a part the user may not print is greyed."""

    def __init__(self, parent: QWidget | None, actor: Actor) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Case summary"))
        self.setModal(True)
        text = _("The case summary leaves the centre. Tick a confidential part only if the receiving commune or centre "
                 "needs it: each part printed is written to the audit trail.")  # fmt: skip
        warning = QLabel(text, self)
        warning.setObjectName("summaryWarning")
        warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        self.boxes: dict[str, QCheckBox] = {}
        for part, text in PARTS:
            box = QCheckBox(_(text), self)
            box.setEnabled(actor.can(*PART_RIGHTS[part]))
            self.boxes[part] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(_("&Preview"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ok.setDefault(True)
        self.setMinimumWidth(460)

    def parts(self) -> frozenset[str]:
        return frozenset(part for part, box in self.boxes.items() if box.isChecked() and box.isEnabled())

    @classmethod
    def ask(cls, parent: QWidget | None, actor: Actor) -> frozenset[str] | None:
        """The parts ticked, or None when cancelled (tests replace this)."""
        dialog = cls(parent, actor)
        try:
            return dialog.parts() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def discharge_printer(
    parent: QWidget | None, papers: DischargePapers, actor: Actor, resident_id: int, code: str
) -> Callable[[str], None]:
    """The callback of `discharge_print_menu` for one resident: preview the paper, Print… and Save as… issue it."""

    def print_paper(kind: str) -> None:
        include: frozenset[str] = frozenset()
        if kind == "case-summary":
            asked = SummaryPartsDialog.ask(parent, actor)
            if asked is None:
                return
            include = asked
        try:
            preview = papers.preview(actor, kind, resident_id, include)
        except UserError as exc:
            show_error(parent, exc)
            return

        def issue() -> IssuedPaper:
            return papers.issue(actor, kind, resident_id, include)

        _kind, _text, title, stem = next(p for p in PAPERS if p[0] == kind)
        name = f"{stem}-{code or preview.resident_code}.pdf"
        DocumentPreviewDialog.show_document(parent, _(title), preview.pdf, name, issue, notice_for(preview))

    return print_paper
