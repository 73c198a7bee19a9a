"""Screenshot of the audit trail (SHOTS=1 only): a realistic day in Vietnamese, main window at 1366×728.

    SHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q tests/ui/administration/audit/test_shots.py

writes /tmp/shots/audit/audit.png (and audit-filtered.png: one resident's history).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget

from centre_desk.errors import AuthenticationFailed, UserError
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.dto import NewAccount
from centre_desk.ui.administration.audit import AuditPage
from centre_desk.ui.events import AppEvents
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import sample_residents
from tests.support.shots import as_on_screen

OUT = Path("/tmp/shots/audit")
TEMPORARY = "mật khẩu tạm thời 2026"
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def _staff(installed: Installed, login: str, name: str, role: Role) -> Actor:
    row = installed.centre.accounts.create(installed.manager, NewAccount(login, name, TEMPORARY, frozenset({role})))
    return Actor(row.id, row.login, row.roles, row.full_name)


def a_day_at_the_centre(installed: Installed) -> str:
    """Sign-ins (one mistyped), an admission typed as drafts, record views, prints, a refusal, a backup.

    Returns the code of the resident admitted today."""
    centre, manager = installed.centre, installed.manager
    intake = _staff(installed, "sinh.va", "Vàng A Sình", Role.INTAKE)
    nurse = _staff(installed, "mai.lt", "Lò Thị Mai", Role.NURSE)
    admin = _staff(installed, "quantri", "Trần Văn Đức", Role.ADMINISTRATOR)
    earlier = sample_residents(centre, manager, 6)
    with contextlib.suppress(AuthenticationFailed):
        centre.accounts.authenticate("sinh.va", "đoán sai mật khẩu")
    centre.accounts.authenticate("sinh.va", TEMPORARY)
    draft = centre.drafts.save(intake, None, None, "Giàng Thị Mỷ", {"full_name": "Giàng Thị Mỷ"})
    centre.drafts.save(intake, draft.id, draft.version, "Giàng Thị Mỷ", {"full_name": "Giàng Thị Mỷ", "ethnic": "08"})
    centre.drafts.load(intake, draft.id)
    today = sample_residents(centre, intake, 1, seed=11)[0]
    centre.drafts.discard(intake, draft.id)
    for kind in ("admission-record", "admission-decision", "belongings-receipt"):
        centre.documents.render(intake, kind, today.resident_id)
    centre.residents.record(intake, today.resident_id)
    centre.accounts.authenticate("mai.lt", TEMPORARY)
    centre.residents.record(nurse, earlier[2].resident_id)
    with contextlib.suppress(UserError):
        centre.documents.render(admin, "admission-decision", earlier[2].resident_id)
    centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
    centre.residents.record(manager, earlier[4].resident_id)
    centre.backups.create(manager, kind="manual")
    return today.code


def test_audit_screenshot(installed: Installed, qtbot: QtBot) -> None:
    from centre_desk.ui.shell import desktop

    app = as_on_screen()
    code = a_day_at_the_centre(installed)
    settings = QSettings(str(installed.options.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    session = desktop.DesktopSession(app, installed.centre, settings)
    session.sign_in(installed.manager)
    window = session.window
    assert window is not None
    try:
        window.resize(1366, 728)
        window.show()
        window.show_page("administration")
        tabs = window.findChild(QTabWidget, "administrationTabs")
        assert tabs is not None
        page = next(tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), AuditPage))
        assert isinstance(page, AuditPage)
        tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda: not page.searching and page.model.rowCount() > 20, timeout=10_000)
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / "audit.png"))
        page.grab().save(str(OUT / "audit-page.png"))
        page.record_edit.setText(code)
        page.search()
        qtbot.waitUntil(lambda: not page.searching and page.model.rowCount() < 20, timeout=10_000)
        window.grab().save(str(OUT / "audit-filtered.png"))
        assert (OUT / "audit.png").stat().st_size > 10_000
        # the page as it is on a 1366×768 screen: the width left of the navigation list, above the taskbar
        alone = AuditPage(installed.centre.audit_view, installed.manager, AppEvents())
        qtbot.addWidget(alone)
        alone.resize(1366 - 230, 728 - 110)
        alone.show()
        qtbot.waitUntil(lambda: not alone.searching and alone.model.rowCount() > 20, timeout=10_000)
        assert alone.minimumSizeHint().width() <= alone.width()
        alone.grab().save(str(OUT / "audit-1366.png"))
    finally:
        session._close_window()
