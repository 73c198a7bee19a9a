"""Printing the care plan from the record's Care plan tab: the preview of the newest version (a draft is stamped
"DỰ THẢO"), whose Print… and Save as… take the number from the outgoing-document register once the plan is
approved (for those who may issue one)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from centre_desk.errors import UserError
from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.care_plan.papers import KIND, CarePlanPapers
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.errors import show_error

PAPER = KIND
FILE_STEM = "ke-hoach-cham-soc"


def print_care_plan(parent: QWidget | None, papers: CarePlanPapers, actor: Actor, resident_id: int, code: str) -> None:
    try:
        preview = papers.plan_pdf(actor, resident_id)
    except UserError as exc:
        show_error(parent, exc)
        return

    def issue() -> IssuedPaper:
        return papers.plan_pdf(actor, resident_id, issue=True)

    may_issue = actor.can(Action.CREATE, FieldGroup.REGISTER)
    notice = (
        _("The number is given when the approved plan is printed or saved; a plan not yet approved prints as a draft.")
        if may_issue
        else _("This is a preview without a number: the management prints the numbered paper.")
    )
    name = f"{FILE_STEM}-{code}.pdf" if code else f"{FILE_STEM}.pdf"
    DocumentPreviewDialog.show_document(parent, _("Care and support plan"), preview.pdf, name,
                                        issue if may_issue else None, notice)  # fmt: skip
