"""The Residents page wiring: registry → record window → admission paper preview; resume a draft."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QPushButton

from centre_desk.ui.admissions import dialogs
from centre_desk.ui.admissions.wizard import AdmissionWizard
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from centre_desk.ui.events import AppEvents
from centre_desk.ui.shell.residents import ResidentsFlow
from tests.conftest import Installed
from tests.support.registry_data import admit


def test_record_opens_and_prints_with_the_code_in_the_file_name(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = admit(installed.centre, installed.manager, "Sùng Thị Dợ")
    flow = ResidentsFlow(installed.centre, installed.manager, AppEvents())
    qtbot.addWidget(flow.page)
    shown: list[tuple[str, bytes, str]] = []
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "show_document",
        classmethod(lambda cls, parent, title, pdf, name, *_issuing: shown.append((title, pdf, name))),
    )
    window = flow.show_record(row.resident_id)
    qtbot.addWidget(window)
    assert window.record is not None and window.record.code == row.code
    window.document_actions["admission-decision"].trigger()  # the Văn bản menu
    assert shown and shown[0][1].startswith(b"%PDF") and shown[0][2].endswith(f"{row.code}.pdf")
    assert flow.show_record(row.resident_id) is window  # the same window is raised, not a second one


def test_resume_draft_opens_the_wizard_on_it(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = installed.centre.drafts.save(installed.manager, None, None, "S.T.D.", {"full_name": "Sùng Thị Dợ"})
    flow = ResidentsFlow(installed.centre, installed.manager, AppEvents())
    qtbot.addWidget(flow.page)
    button = flow.page.findChild(QPushButton, "resumeDraftButton")
    assert button is not None and not button.isHidden()
    started: list[int | None] = []
    monkeypatch.setattr(dialogs.DraftsDialog, "ask", classmethod(lambda cls, parent, drafts: drafts[0].id))
    monkeypatch.setattr(
        AdmissionWizard, "start", classmethod(lambda cls, *a, draft_id=None, **k: started.append(draft_id))
    )
    button.click()
    assert started == [draft.id]
