"""The discharge papers' print menu: five papers with distinct access keys; a paper opens in the document preview,
whose Print… issues it; the case summary first asks which sensitive parts to include (greyed when not allowed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.documents.dto import IssuedPaper
from centre_desk.ui.discharge import printing
from centre_desk.ui.discharge.paper_menu import discharge_print_menu
from centre_desk.ui.discharge.printing import SummaryPartsDialog, discharge_printer
from centre_desk.ui.documents.preview import DocumentPreviewDialog
from tests.conftest import Installed
from tests.services.health.test_summary import staff
from tests.services.lodging.support import resident
from tests.support.discharge_data import request, sharing

pytestmark = pytest.mark.usefixtures("english")


def test_the_menu_lists_five_papers_with_distinct_keys(qtbot: QtBot) -> None:
    chosen: list[str] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = discharge_print_menu(parent, chosen.append)
    actions = menu.actions()
    assert [a.data() for a in actions] == [k for k, *_rest in printing.PAPERS]
    keys = [a.text().split("&", 1)[1][0].lower() for a in actions]
    assert len(set(keys)) == len(keys)
    actions[2].trigger()
    assert chosen == ["handover"]


def test_the_case_summary_asks_for_the_parts_then_previews(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    centre = installed.centre
    rid = resident(centre, installed.manager, "Vàng Thị Sua", datetime.now(UTC) - timedelta(days=30))
    request(centre, rid, approved_at=datetime.now(UTC))
    sharing(centre, rid)
    shown: list[tuple[str, str, Callable[[], IssuedPaper] | None, str]] = []

    def show(_parent: object, title: str, _pdf: bytes, name: str, issue: Callable[[], IssuedPaper] | None = None,
             notice: str = "") -> None:  # fmt: skip
        shown.append((title, name, issue, notice))

    monkeypatch.setattr(DocumentPreviewDialog, "show_document", show)
    monkeypatch.setattr(SummaryPartsDialog, "ask", classmethod(lambda cls, parent, actor: frozenset({"narrative"})))
    print_paper = discharge_printer(None, centre.discharge_papers, installed.manager, rid, "LC-2026-0001")
    print_paper("case-summary")
    print_paper("handover")
    assert [(t, n) for t, n, _i, _no in shown] == [
        ("Case summary", "tom-tat-ho-so-LC-2026-0001.pdf"), ("Hand-over record", "bien-ban-ban-giao-LC-2026-0001.pdf"),
    ]  # fmt: skip
    issue = shown[1][2]
    assert issue is not None
    issued = issue()
    assert issued.entry is not None and issued.entry.number_text.startswith("01/BB-")
    monkeypatch.setattr(SummaryPartsDialog, "ask", classmethod(lambda cls, parent, actor: None))
    print_paper("case-summary")  # cancelled: nothing shown
    assert len(shown) == 2


def test_the_parts_a_user_may_not_print_are_greyed(qtbot: QtBot, installed: Installed) -> None:
    intake: Actor = staff(installed, Role.INTAKE)
    dialog = SummaryPartsDialog(None, intake)
    qtbot.addWidget(dialog)
    assert {p: b.isEnabled() for p, b in dialog.boxes.items()} == {
        "narrative": False, "sensitive-health": False, "counselling-notes": False,
    }  # fmt: skip
    manager = SummaryPartsDialog(None, installed.manager)
    qtbot.addWidget(manager)
    assert all(b.isEnabled() for b in manager.boxes.values()) and manager.parts() == frozenset()
    manager.boxes["narrative"].setChecked(True)
    assert manager.parts() == frozenset({"narrative"})
