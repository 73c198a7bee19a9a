"""Fault drill in the UI (SECURITY.md G1.3, issue 15 item 6): the database cannot be written as the admission wizard
saves (read-only; a full disk takes the same path, tests/drills/test_storage_faults.py) — the person sees "not
saved", everything typed stays in the wizard, nothing is written, and the same save succeeds afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from PySide6.QtWidgets import QMessageBox

from centre_desk.models.resident import Resident
from centre_desk.security.access import Actor
from centre_desk.ui.admissions import AdmissionWizard
from tests.conftest import Installed
from tests.drills.test_storage_faults import _on_every_connection
from tests.ui.admissions.test_wizard import REVIEW, fill_minor, shown

Make = Callable[..., AdmissionWizard]


def _residents(installed: Installed) -> int:
    with installed.centre.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Resident)) or 0)


@pytest.mark.expect_log_warnings
def test_a_refused_save_keeps_everything_typed_in_the_wizard(
    qtbot: QtBot, make_wizard: Make, installed: Installed, intake: Actor, monkeypatch: pytest.MonkeyPatch,
    engine_kind: str,
) -> None:  # fmt: skip
    if engine_kind != "sqlite":
        pytest.skip("SQLite's query_only stands for the read-only folder (the tests run as root)")
    shown_messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, message: shown_messages.append(message))
    wizard = shown(qtbot, make_wizard())
    fill_minor(wizard)
    identity, home = wizard.pages[1], wizard.pages[2]
    home.guardian_name.setText("Lò Văn Pọm")
    home.village.setText("Bản Hua Bum")
    wizard.go_to(REVIEW)
    centre = installed.centre
    with _on_every_connection(centre, "PRAGMA query_only = ON"):
        wizard.save()
    assert wizard.result_row is None
    assert len(shown_messages) == 1 and "Chưa có gì được lưu" in shown_messages[0], shown_messages
    assert identity.full_name.text() == "Lò Thị Xuân" and identity.birth_date.text() == "12/05/2012"
    assert home.guardian_name.text() == "Lò Văn Pọm" and home.village.text() == "Bản Hua Bum"
    assert _residents(installed) == 0
    wizard.save()  # writable again: the same input saves
    assert wizard.result_row is not None, wizard.checks.problems
    assert _residents(installed) == 1
