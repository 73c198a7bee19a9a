"""Fixtures for the admission wizard: an intake worker (who may write every part of an admission)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import shiboken6

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.ui.admissions import AdmissionWizard, dialogs
from centre_desk.ui.events import AppEvents
from tests.conftest import Installed

INTAKE_PASSWORD = "tiếp nhận an toàn 2026"


@pytest.fixture
def intake(installed: Installed) -> Actor:
    installed.centre.accounts.create(
        installed.manager, NewAccount("tiepnhan", "Lò Thị Mai", INTAKE_PASSWORD, frozenset({Role.INTAKE}))
    )
    return installed.centre.accounts.authenticate("tiepnhan", INTAKE_PASSWORD)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def no_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer the wizard's questions without a dialog: keep drafts, do not open the record."""
    asked: list[str] = []

    def keep(_parent: object) -> dialogs.CloseChoice:
        asked.append("close")
        return dialogs.CloseChoice.KEEP

    def no_open(_parent: object, _row: object) -> bool:
        asked.append("open")
        return False

    monkeypatch.setattr(dialogs, "ask_keep_draft", keep)
    monkeypatch.setattr(dialogs, "ask_open_record", no_open)
    return asked


@pytest.fixture
def make_wizard(
    qtbot: QtBot, installed: Installed, intake: Actor, events: AppEvents, no_questions: list[str]
) -> Iterator[object]:
    made: list[AdmissionWizard] = []

    def make(draft_id: int | None = None, actor: Actor | None = None) -> AdmissionWizard:
        wizard = AdmissionWizard(
            installed.centre.admissions, installed.centre.drafts, actor or intake, events, None, draft_id
        )
        qtbot.addWidget(wizard)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        if shiboken6.isValid(wizard):
            wizard._autosave.stop()
