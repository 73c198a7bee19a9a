"""The Residents page of the main window: the registry, plus the ways out of it.

Ties the registry page to the admission wizard (new admission, resume a draft), the record
window and the document preview. Every action is one call into the screens that own it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre
from centre_desk.ui.admissions.dialogs import choose_draft
from centre_desk.ui.admissions.wizard import AdmissionWizard
from centre_desk.ui.care_plan.printing import PAPER as CARE_PLAN_PAPER
from centre_desk.ui.care_plan.printing import print_care_plan
from centre_desk.ui.documents.preview import preview_paper
from centre_desk.ui.events import AppEvents
from centre_desk.ui.health.summary_print import PAPER as SUMMARY_PAPER
from centre_desk.ui.health.summary_print import print_summary
from centre_desk.ui.lodging.chooser import choose_bed
from centre_desk.ui.record.extras import record_extras
from centre_desk.ui.record.opening import open_record
from centre_desk.ui.record.window import RecordWindow
from centre_desk.ui.registry.page import RegistryPage


class ResidentsFlow:
    """Owns no widgets of its own; connects the registry's signals for one signed-in actor."""

    def __init__(self, centre: Centre, actor: Actor, events: AppEvents, settings: QSettings | None = None) -> None:
        self.centre = centre
        self.actor = actor
        self.events = events
        self.page = RegistryPage(centre.registry, actor, events, settings=settings)
        self.page.open_record.connect(self.show_record)
        self.page.new_admission.connect(self.new_admission)
        self.resume_button = QPushButton(_("&Resume a draft…"))
        self.resume_button.setObjectName("resumeDraftButton")
        self.resume_button.setToolTip(_("Continue an admission you started and did not save yet"))
        self.resume_button.setVisible(self.page.new_button.isVisibleTo(self.page))
        self.resume_button.clicked.connect(self.resume_draft)
        self.page.add_top_button(self.resume_button)

    def new_admission(self, draft_id: int | None = None) -> None:
        AdmissionWizard.start(
            self.page.window(), self.centre, self.actor, self.events, draft_id=draft_id, open_record=self._show_new
        )

    def resume_draft(self) -> None:
        draft_id = choose_draft(self.page.window(), self.centre.drafts, self.actor)
        if draft_id is not None:
            self.new_admission(draft_id)

    def _show(self, resident_id: int) -> None:
        self.show_record(resident_id)

    def _show_new(self, resident_id: int) -> None:
        """The record of someone just admitted, with the intake health check offered at once."""
        self.show_record(resident_id).offer_health_check()

    def show_record(self, resident_id: int) -> RecordWindow:
        parent: QWidget = self.page.window()
        opened: list[RecordWindow] = []

        def print_document(kind: str) -> None:
            window = opened[0] if opened else None
            code = window.record.code if window is not None and window.record is not None else ""
            preview_paper(window or parent, self.centre.documents, self.actor, kind, resident_id, code)

        def print_paper(paper: str) -> None:
            window = opened[0] if opened else None
            code = window.record.code if window is not None and window.record is not None else ""
            if paper == SUMMARY_PAPER:
                print_summary(window or parent, self.centre.health_papers, self.actor, resident_id, code)
            elif paper == CARE_PLAN_PAPER:
                print_care_plan(window or parent, self.centre.care_plan_papers, self.actor, resident_id, code)

        def move_bed(rid: int) -> None:
            choose_bed(opened[0] if opened else parent, self.centre.lodging, self.actor, self.events, rid)

        window = open_record(
            parent,
            self.centre,
            self.actor,
            self.events,
            resident_id,
            print_document=print_document,
            choose_bed=move_bed,
            entry_extras=record_extras(self.centre),
            print_paper=print_paper,
        )
        opened.append(window)
        return opened[0]
