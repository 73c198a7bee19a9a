"""Printing the health summary from the record's Medical care tab: a question first — with the sensitive part
or not (only for those who may print it; the choice is audited by the service) — then the preview, whose
Print… and Save as… take the number from the outgoing-document register (for those who may issue one)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.services.health.papers import HealthPapers
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.errors import show_error
from centre_desk.ui.widgets.dialog_buttons import confirm_buttons

PAPER = "health-summary"
FILE_STEM = "tom-tat-suc-khoe"


class SummaryChoiceDialog(QDialog):
    """With or without the sensitive part (HIV, other tests, reproductive health, restricted entries)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Health summary"))
        intro = QLabel(_("The summary goes to the commune health station with the hand-over papers. Leave the "
                         "sensitive part out unless the resident agreed and the station needs it."))  # fmt: skip
        intro.setWordWrap(True)
        self.sensitive = QCheckBox(_("Include the &sensitive part (tests, reproductive health, restricted entries)"))
        self.sensitive.setObjectName("includeSensitive")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.sensitive)
        layout.addWidget(confirm_buttons(self, _("&Preview")))
        self.resize(520, 180)


def print_summary(parent: QWidget | None, papers: HealthPapers, actor: Actor, resident_id: int, code: str) -> None:
    sensitive = False
    if actor.can(Action.PRINT, FieldGroup.SENSITIVE_HEALTH):
        dialog = SummaryChoiceDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        sensitive = dialog.sensitive.isChecked()
    try:
        preview = papers.summary_pdf(actor, resident_id, sensitive)
    except UserError as exc:
        show_error(parent, exc)
        return

    def issue() -> IssuedPaper:
        return papers.summary_pdf(actor, resident_id, sensitive, issue=True)

    may_issue = actor.can(Action.CREATE, FieldGroup.REGISTER)
    notice = "" if may_issue else _("This is a preview without a number: the management prints the numbered paper.")
    name = f"{FILE_STEM}-{code}.pdf" if code else f"{FILE_STEM}.pdf"
    DocumentPreviewDialog.show_document(parent, _("Health summary"), preview.pdf, name, issue if may_issue else None,
                                        notice)  # fmt: skip
