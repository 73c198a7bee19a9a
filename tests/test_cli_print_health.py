"""`centre-desk print health-summary CODE -o FILE [--include-sensitive]`: in-process on both engines (numbered from
the register, a copy the second time, the sensitive part only when asked, the audit codes), the refusals, and once
as its own process on a demo database without Qt (the watermark on every page)."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.models.audit import AuditEvent
from centre_desk.services import installation
from centre_desk.services.entries.dto import EntryInput
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.reports.test_paper_texts import diagonal_text
from tests.support.registry_data import admit
from tests.test_cli import CLI_ENV, _cli, _init, cheap_passwords, cli_db, passphrase_demo, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


@pytest.fixture
def demo(passphrase_demo: tuple[list[str], str]) -> tuple[list[str], str]:  # noqa: F811 - tests/test_cli.py
    return passphrase_demo


def _open(db: list[str]) -> installation.Centre:
    return installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))


def _resident(db: list[str]) -> str:
    """Lò Thị Mai with an intake check, vitals and an HIV test; her code."""
    centre = _open(db)
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        row = admit(centre, actor, "Lò Thị Mai", arrived_at=datetime.now(UTC) - timedelta(days=30))
        with centre.sessions() as s:
            from centre_desk.models.resident import Resident

            rid = s.scalar(select(Resident.id).where(Resident.code == row.code))
        assert rid is not None
        now = datetime.now(UTC)

        def save(kind: str, values: dict[str, object], restricted: bool = False) -> None:
            data = EntryInput(now - timedelta(days=2), tuple(values.items()), restricted)  # type: ignore[arg-type]
            centre.entries.save(actor, kind, rid, None, None, data)

        save("health_check", {"allergies": "Penicilin", "insurance": "none_first_year"})
        save("nursing_note", {"temperature": Decimal("36.9"), "pulse": 80, "weight_kg": Decimal("47")})
        save("health_test", {"test": "hiv", "result": "pending"})
        return row.code
    finally:
        centre.close()


def _audited(db: list[str]) -> list[str]:
    centre = _open(db)
    try:
        with centre.sessions() as s:
            query = select(AuditEvent.action).where(AuditEvent.action.like("health.summary%")).order_by(AuditEvent.seq)
            return list(s.scalars(query))
    finally:
        centre.close()


def test_print_health_summary(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    code = _resident(db)
    first = tmp_path / "tóm tắt.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "health-summary", code.lower(), "-o", str(first),
                                                 *USER], MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "01/TTCLC-YT" in out and str(first) in out  # the centre's initials: "Trung tâm CTXH Lai Châu"
    text = " ".join(pdftotext(first)).replace("\n", " ")
    assert "TÓM TẮT TÌNH TRẠNG SỨC KHỎE" in text and "Số: 01/TTCLC-YT" in text
    assert "Kính gửi: Trạm Y tế xã Tả Lèng." in text and "Dị ứng: Penicilin" in text
    assert "chưa có thẻ (được hỗ trợ đóng bảo hiểm y tế năm đầu tiên)" in text
    assert "HIV" not in text and "NHẠY CẢM" not in text
    again = tmp_path / "again.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "health-summary", code, "-o", str(again), *USER],
                           MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "BẢN SAO" in out and "BẢN SAO" in " ".join(pdftotext(again))
    full = tmp_path / "full.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "health-summary", code, "--include-sensitive", "-o",
                                                 str(full), *USER], MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "02/TTCLC-YT" in out
    text = " ".join(pdftotext(full)).replace("\n", " ")
    assert "THÔNG TIN SỨC KHỎE NHẠY CẢM – CHỈ CÁN BỘ Y TẾ ĐƯỢC XEM" in text and "HIV Chờ kết quả" in text
    assert _audited(db) == ["health.summary_issued", "health.summary_copied", "health.summary_issued_sensitive"]


def test_print_health_summary_refusals(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    out = str(tmp_path / "x.pdf")
    for argv, words in (
        (["print", "health-summary", "-o", out], "LC-"),
        (["print", "health-summary", "LC-2026-9999", "-o", out], ""),  # no such resident
        (["print", "health-summary", "LC-2026-0001", "--date", "01/01/2026", "-o", out], "--date"),
        (["print", "admission-record", "LC-2026-0001", "--include-sensitive", "-o", out], "--include-sensitive"),
        (["print", "roll-call", "--include-sensitive", "-o", out], "--include-sensitive"),
    ):
        status, _out, err = run(monkeypatch, capsys, [*db, *argv, *USER], MANAGER_PASSWORD)
        assert status == 1 and err.strip() and words in err, (argv, err)
    assert not Path(out).exists()
    assert _audited(db) == []


def test_health_summary_in_its_own_process_loads_no_qt(demo: tuple[list[str], str], tmp_path: Path) -> None:
    args, code = demo
    out = tmp_path / "hs.pdf"
    started = time.perf_counter()
    result = subprocess.run(
        _cli([*args, "print", "health-summary", code, "--include-sensitive", "-o", str(out), "--user", "demo",
              "--password-stdin"], "-X", "importtime"),
        input=MANAGER_PASSWORD + "\n", capture_output=True, text=True, env={**os.environ, **CLI_ENV}, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    print(f"centre-desk print health-summary --include-sensitive: {seconds:.2f} s (process, with -X importtime)")
    pages = pdftotext(out)
    assert "TÓM TẮT TÌNH TRẠNG SỨC KHỎE" in pages[0]
    assert all("DỮ LIỆU MẪU" in page for page in diagonal_text(out))
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "centre_desk.reports.health" in imported
    assert not [m for m in imported if m.startswith(("PySide6", "shiboken6"))]
    assert not [m for m in imported if m.startswith(("alembic", "mako"))]
