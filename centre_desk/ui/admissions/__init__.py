"""The admission wizard (issue 4 §1–2) and the list of drafts to resume."""

from centre_desk.ui.admissions.dialogs import DraftsDialog, choose_draft
from centre_desk.ui.admissions.wizard import AdmissionWizard

__all__ = ["AdmissionWizard", "DraftsDialog", "choose_draft"]
