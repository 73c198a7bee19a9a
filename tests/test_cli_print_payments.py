"""`centre-desk print payment-list --from D --to D [--category KEY] -o FILE`: in-process on both engines — the list
of the period takes the next "DS" number, a copy the second time, the register line has no resident — and the
paper's modules load without Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from centre_desk.models.audit import AuditEvent
from centre_desk.models.documents import OutgoingDocument
from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.services.payments.support import pay, people, rate
from tests.test_cli import _init, cheap_passwords, cli_db, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]
PERIOD = ["--from", "01/07/2025", "--to", "31/07/2025"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


def _open(db: list[str]) -> installation.Centre:
    return installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))


def _payments(db: list[str]) -> None:
    centre = _open(db)
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        rate(centre, actor, "essential", 50_000, "per_day", date(2025, 7, 1))
        here = people(centre, actor)
        pay(centre, actor, here.victim, date(2025, 7, 31), period_from=date(2025, 7, 1), period_to=date(2025, 7, 31))
        pay(centre, actor, here.child, date(2025, 7, 31), quantity=10)
    finally:
        centre.close()


def _register(db: list[str]) -> tuple[list[tuple[str, int | None]], list[str]]:
    centre = _open(db)
    try:
        with centre.sessions() as s:
            lines = [(d.paper_kind, d.resident_id) for d in s.scalars(select(OutgoingDocument))]
            wanted = ("payment.list_issued", "payment.list_copied")
            actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.in_(wanted))
                                     .order_by(AuditEvent.seq)))  # fmt: skip
            return lines, actions
    finally:
        centre.close()


def test_print_payment_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    _payments(db)
    issued = tmp_path / "danh sách.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "payment-list", *PERIOD, "--category", "essential",
                                                 "-o", str(issued), *USER], MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "01/DS-" in out
    text = "\n".join(pdftotext(issued))
    assert "Số: 01/DS-" in text and "Sùng Thị Dợ" in text and "Sùng A Tú" in text
    assert "Tổng cộng 2 người 2.050.000" in text
    assert "Hai triệu không trăm năm mươi nghìn đồng" in text
    again = tmp_path / "again.pdf"
    status, out, err = run(monkeypatch, capsys, [*db, "print", "payment-list", *PERIOD, "--category", "essential",
                                                 "-o", str(again), *USER], MANAGER_PASSWORD)  # fmt: skip
    assert status == 0, err
    assert "BẢN SAO" in out
    lines, actions = _register(db)
    assert lines == [("payment-list-1", None)]
    assert actions == ["payment.list_issued", "payment.list_copied"]


def test_wrong_arguments_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    out = str(tmp_path / "x.pdf")
    status, _out, err = run(monkeypatch, capsys, [*db, "print", "payment-list", "--from", "32/07/2025", "--to",
                                                  "31/07/2025", "-o", out, *USER], MANAGER_PASSWORD)  # fmt: skip
    assert status == 1 and "--from" in err
    status, _out, err = run(monkeypatch, capsys, [*db, "print", "roll-call", *PERIOD, "-o", out, *USER],
                            MANAGER_PASSWORD)  # fmt: skip
    assert status == 1 and "--category" in err


def test_the_payment_list_paper_loads_without_qt() -> None:
    probe = ("import sys, centre_desk.services.payments.papers, centre_desk.services.payments.kinds, centre_desk.cli; "
             "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'alembic'))))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
