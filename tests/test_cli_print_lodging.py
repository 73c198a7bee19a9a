"""`centre-desk print roll-call [--date D] -o FILE` and `centre-desk print bed-board -o FILE` (in-process on both
engines, and once as its own process without Qt); the admission kinds keep working (tests/test_cli.py)."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from centre_desk.formatting import format_date
from centre_desk.models.audit import AuditEvent
from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.reports.test_paper_texts import diagonal_text
from tests.services.lodging.support import Clock, at, lodging
from tests.support.registry_data import admit
from tests.test_cli import CLI_ENV, _cli, _init, cheap_passwords, cli_db, passphrase_demo, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]
DAY = date.today() - timedelta(days=1)  # the roll-call printed: yesterday's, complete whatever the hour of the run


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


@pytest.fixture
def demo(passphrase_demo: tuple[list[str], str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return passphrase_demo[0]


def _lodge(db: list[str]) -> None:
    """Two rooms in two buildings, three residents: two with a bed, one without."""
    from centre_desk.models.lodging import RoomAge, RoomSex
    from centre_desk.services.lodging.dto import RoomInput

    centre = installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        a = centre.lodging.save_room(actor, None, None, RoomInput(
            "Nhà A", "Tầng 1", "Phòng 101", RoomSex.FEMALE, RoomAge.ANY, 2, "", ("G1", "G2")))  # fmt: skip
        b = centre.lodging.save_room(actor, None, None, RoomInput(
            "Nhà B", "Tầng 1", "Phòng 201", RoomSex.ANY, RoomAge.ANY, 1, "", ("G1",)))  # fmt: skip
        # Arrived and placed in the morning of DAY, well before that evening's roll-call (21:00), whatever the hour now.
        arrived = at(DAY, 8)
        people = [admit(centre, actor, name, arrived_at=arrived).resident_id
                  for name in ("Lò Thị Mai", "Giàng Thị Mỷ", "Sùng Thị Dợ")]  # fmt: skip
        placing = lodging(centre, Clock(at(DAY, 9)))
        placing.place(actor, people[0], a.beds[1].id, "Bố trí khi tiếp nhận")
        placing.place(actor, people[1], b.beds[0].id, "Bố trí khi tiếp nhận")
    finally:
        centre.close()


def _printed(db: list[str]) -> int:
    centre = installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))
    try:
        with centre.sessions() as s:
            return int(s.scalar(select(func.count()).where(AuditEvent.action.like("lodging.%_printed"))) or 0)
    finally:
        centre.close()


def test_print_roll_call_and_bed_board(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    _lodge(db)
    sheet = tmp_path / "điểm danh.pdf"
    code, out, err = run(monkeypatch, capsys, [*db, "print", "roll-call", "--date", format_date(DAY), "-o",
                                               str(sheet), *USER], MANAGER_PASSWORD)  # fmt: skip
    assert code == 0, err
    assert str(sheet) in out
    text = "\n".join(pdftotext(sheet))
    assert f"Điểm danh buổi tối ngày {format_date(DAY)}" in text
    assert "1 G2 Lò Thị Mai" in text and "1 G1 Giàng Thị Mỷ" in text and "1 — Sùng Thị Dợ" in text
    assert "Tổng sĩ số toàn Trung tâm: có mặt 3/3." in text
    board = tmp_path / "so-do.pdf"
    code, _out, err = run(monkeypatch, capsys, [*db, "print", "bed-board", "--building", "Nhà B", "-o", str(board),
                                                *USER], MANAGER_PASSWORD)  # fmt: skip
    assert code == 0, err
    text = "\n".join(pdftotext(board))
    assert "SƠ ĐỒ GIƯỜNG" in text and "G1 Có người ở Giàng Thị Mỷ" in text and "Phòng 101" not in text
    assert _printed(db) == 2


def test_print_refuses_what_does_not_fit_the_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    out = str(tmp_path / "x.pdf")
    tomorrow = format_date(date.today() + timedelta(days=1))
    for argv, words in (
        (["print", "roll-call", "LC-2026-0001", "-o", out], "roll-call"),
        (["print", "roll-call", "--date", "31/02/2026", "-o", out], "31/02/2026"),
        (["print", "roll-call", "--building", "Nhà A", "-o", out], "--building"),
        (["print", "bed-board", "--date", "01/01/2026", "-o", out], "--date"),
        (["print", "admission-decision", "-o", out], "LC-"),
        (["print", "belongings-receipt", "LC-2026-0001", "--date", "01/01/2026", "-o", out], "--date"),
        (["print", "roll-call", "--date", tomorrow, "-o", out], ""),  # the service refuses a future day
        (["print", "roll-call", "-o", str(tmp_path / "không có" / "x.pdf")], "không có"),
    ):
        code, _out, err = run(monkeypatch, capsys, [*db, *argv, *USER], MANAGER_PASSWORD)
        assert code == 1 and err.strip() and words in err, (argv, err)
    assert not Path(out).exists()
    assert _printed(db) == 0


def test_roll_call_in_its_own_process_loads_no_qt(demo: list[str], tmp_path: Path) -> None:
    out = tmp_path / "rc.pdf"
    result = subprocess.run(
        _cli([*demo, "print", "roll-call", "-o", str(out), "--user", "demo", "--password-stdin"], "-X", "importtime"),
        input=MANAGER_PASSWORD + "\n", capture_output=True, text=True, env={**os.environ, **CLI_ENV}, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "DANH SÁCH" in "\n".join(pdftotext(out))
    assert all("DỮ LIỆU MẪU" in page for page in diagonal_text(out))  # a demo's paper says so on every page
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "centre_desk.reports.lodging" in imported
    assert not [m for m in imported if m.startswith(("PySide6", "shiboken6"))]
    assert not [m for m in imported if m.startswith(("alembic", "mako"))]
