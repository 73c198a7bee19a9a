"""`centre-desk print discharge-decision|handover|case-summary|belongings-return|discharge-application CODE -o FILE`:
in-process on both engines — the hand-over record takes the next "BB" number once the discharge is approved and is a
copy the second time, the case summary needs the sharing consent and takes `--include` — and the papers' modules load
without Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.models.resident import Resident
from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.support.discharge_data import request, sharing
from tests.support.registry_data import admit
from tests.test_cli import _init, cheap_passwords, cli_db, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


def _discharged(db: list[str], consent: bool) -> str:
    """Lò Thị Mai, discharged to her family (approved today): her code."""
    centre = installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        row = admit(centre, actor, "Lò Thị Mai", arrived_at=datetime.now(UTC) - timedelta(days=40),
                    narrative="Bị lừa sang Trung Quốc MAINARRATIVE")  # fmt: skip
        with centre.sessions() as s:
            rid = s.scalar(select(Resident.id).where(Resident.code == row.code))
        assert rid is not None
        request(centre, rid, approved_at=datetime.now(UTC))
        if consent:
            sharing(centre, rid)
        return row.code
    finally:
        centre.close()


def _print(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], *args: str,
           ) -> tuple[int, str, str]:  # fmt: skip
    return run(monkeypatch, capsys, [*db, "print", *args, *USER], MANAGER_PASSWORD)


def test_print_the_discharge_papers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    code = _discharged(db, consent=True)
    record = tmp_path / "biên bản.pdf"
    status, out, err = _print(monkeypatch, capsys, db, "handover", code.lower(), "-o", str(record))
    assert status == 0, err
    assert "01/BB-" in out
    text = " ".join(" ".join(pdftotext(record)).split())
    assert "Số: 01/BB-" in text and "Bàn giao đối tượng về gia đình, cộng đồng" in text and "Lò Thị Mai" in text
    again = tmp_path / "again.pdf"
    status, out, err = _print(monkeypatch, capsys, db, "handover", code, "-o", str(again))
    assert status == 0 and "BẢN SAO" in out, err
    summary = tmp_path / "summary.pdf"
    status, out, err = _print(monkeypatch, capsys, db, "case-summary", code, "-o", str(summary))
    assert status == 0, err
    assert "MAINARRATIVE" not in " ".join(pdftotext(summary))
    status, out, err = _print(monkeypatch, capsys, db, "case-summary", code, "-o", str(summary), "--include",
                              "narrative")  # fmt: skip
    assert status == 0, err
    assert "MAINARRATIVE" in " ".join(pdftotext(summary))
    for kind in ("discharge-decision", "belongings-return", "discharge-application"):
        status, out, err = _print(monkeypatch, capsys, db, kind, code, "-o", str(tmp_path / f"{kind}.pdf"))
        assert status == 0, err
    status, out, err = _print(monkeypatch, capsys, db, "handover", code, "-o", str(again), "--include", "narrative")
    assert status != 0 and "--include" in err


def test_the_case_summary_is_refused_without_consent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    code = _discharged(db, consent=False)
    status, _out, err = _print(monkeypatch, capsys, db, "case-summary", code, "-o", str(tmp_path / "s.pdf"))
    assert status != 0 and "đồng ý" in err and not (tmp_path / "s.pdf").exists()


def test_the_discharge_papers_load_without_qt() -> None:
    probe = ("import sys, centre_desk.services.discharge.papers, centre_desk.cli; "
             "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'alembic'))))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
