"""`centre-desk print care-plan CODE -o FILE`: in-process on both engines — a plan not yet approved prints as a
draft without a number, the approved one takes the next "KH" number, a copy the second time — and the paper's
modules load without Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.models.audit import AuditEvent
from centre_desk.services import installation
from centre_desk.services.care_plan.dto import ActionInput, PlanInput
from centre_desk.services.lodging.common import local_day
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.support.registry_data import admit
from tests.test_cli import _init, cheap_passwords, cli_db, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


def _open(db: list[str]) -> installation.Centre:
    return installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))


def _plan(db: list[str]) -> tuple[str, int, int]:
    """Lò Thị Mai with a plan submitted for approval: her code, the plan's id and version."""
    centre = _open(db)
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        row = admit(centre, actor, "Lò Thị Mai", arrived_at=datetime.now(UTC) - timedelta(days=20))
        from centre_desk.models.resident import Resident

        with centre.sessions() as s:
            rid = s.scalar(select(Resident.id).where(Resident.code == row.code))
        assert rid is not None
        today = local_day(datetime.now(UTC))
        data = PlanInput("Về với gia đình an toàn", today, today + timedelta(days=90),
                         (ActionInput("medical", "Khám sức khỏe tổng quát"),))  # fmt: skip
        written = centre.care_plans.write(actor, rid, data)
        sent = centre.care_plans.submit(actor, written.id, written.version)
        return row.code, sent.id, sent.version
    finally:
        centre.close()


def _approve(db: list[str], plan_id: int, version: int) -> None:
    centre = _open(db)
    try:
        centre.care_plans.approve(centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD), plan_id, version)
    finally:
        centre.close()


def _audited(db: list[str]) -> list[str]:
    centre = _open(db)
    try:
        with centre.sessions() as s:
            wanted = ("care_plan.printed", "care_plan.issued", "care_plan.copied")
            query = select(AuditEvent.action).where(AuditEvent.action.in_(wanted))
            return list(s.scalars(query.order_by(AuditEvent.seq)))
    finally:
        centre.close()


def test_print_care_plan(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    code, plan_id, version = _plan(db)
    draft = tmp_path / "kế hoạch.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "care-plan", code.lower(), "-o", str(draft), *USER],
                           MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    text = " ".join(pdftotext(draft)).replace("\n", " ")
    assert "DỰ THẢO" in text and "KẾ HOẠCH" in text and "Số: /KH-" in text.replace("  ", " ")
    _approve(db, plan_id, version)
    issued = tmp_path / "issued.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "care-plan", code, "-o", str(issued), *USER],
                           MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "01/KH-TTCLC" in out
    text = " ".join(" ".join(pdftotext(issued)).split())
    assert "Số: 01/KH-TTCLC" in text and "Khám sức khỏe" in text and "DỰ THẢO" not in text
    again = tmp_path / "again.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "care-plan", code, "-o", str(again), *USER],
                           MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "BẢN SAO" in out and "BẢN SAO" in " ".join(pdftotext(again))
    assert _audited(db) == ["care_plan.printed", "care_plan.issued", "care_plan.copied"]


def test_the_care_plan_paper_loads_without_qt() -> None:
    probe = ("import sys, centre_desk.services.care_plan.papers, centre_desk.cli; "
             "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'alembic'))))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
