"""The audit viewer: filters, CSV export safe against formula injection, reads audited."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from centre_desk.errors import AuthenticationFailed
from centre_desk.services.audit_view import AuditFilter, safe_cell
from tests.conftest import MANAGER_PASSWORD, Installed


def test_filters(installed: Installed) -> None:
    view, manager = installed.centre.audit_view, installed.manager
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate("ke-la", "đoán bừa")
    assert {r.login for r in view.search(manager, AuditFilter(login="ke-la"))} == {"ke-la"}
    assert all(r.action.startswith("account.") for r in view.search(manager, AuditFilter(action="account.")))
    today = date.today()
    assert view.search(manager, AuditFilter(date_from=today, date_to=today))
    assert view.search(manager, AuditFilter(date_to=today - timedelta(days=2))) == []
    assert [
        r.record_id for r in view.search(manager, AuditFilter(record="staff_account:1", action="account.created"))
    ] == ["1"]


def test_viewing_and_exporting_are_audited(installed: Installed, tmp_path: Path) -> None:
    view, manager = installed.centre.audit_view, installed.manager
    with pytest.raises(AuthenticationFailed):
        installed.centre.accounts.authenticate('=HYPERLINK("x")', MANAGER_PASSWORD)
    count = view.export_csv(manager, AuditFilter(), tmp_path / "nhat-ky.csv")
    with (tmp_path / "nhat-ky.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == count + 1
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=") for c in cells)
    actions = [r.action for r in view.search(manager, AuditFilter(action="audit."))]
    assert actions[:2] == ["audit.viewed", "audit.exported"] or "audit.exported" in actions


@pytest.mark.parametrize(
    ("raw", "safe"), [("=1+1", "'=1+1"), ("+84", "'+84"), ("-x", "'-x"), ("@a", "'@a"), ("bình thường", "bình thường")]
)
def test_safe_cell(raw: str, safe: str) -> None:
    assert safe_cell(raw) == safe
