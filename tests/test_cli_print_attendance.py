"""`centre-desk print attendance SESSION_ID -o FILE.pdf`: in-process on both engines (the names on the sheet, the
print audited, what does not fit refused), and once as its own process on the demo, without Qt or Alembic — its
whole time measured and printed (issue 15 aims at 1 s; a figure, not a timed test)."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from centre_desk.models.activities import ActivitySession
from centre_desk.models.audit import AuditEvent
from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.reports.test_lodging_papers import pdftotext
from tests.reports.test_paper_texts import diagonal_text
from tests.services.activities.support import session
from tests.support.registry_data import admit
from tests.test_cli import CLI_ENV, _cli, _init, cheap_passwords, cli_db, passphrase_demo, run  # noqa: F401 - fixtures

USER = ["--user", "giamdoc", "--password-stdin"]


@pytest.fixture
def db(cli_db: list[str]) -> list[str]:  # noqa: F811 - the fixture of tests/test_cli.py
    return cli_db


def _centre(db: list[str]) -> installation.Centre:
    return installation.open_centre(installation.Options(Path(db[1]), db[3] if len(db) > 2 else None))


def _held(db: list[str]) -> int:
    """A session with two residents present: its id."""
    centre = _centre(db)
    try:
        actor = centre.accounts.authenticate("giamdoc", MANAGER_PASSWORD)
        people = [admit(centre, actor, name).resident_id for name in ("Lò Thị Mai", "Giàng Thị Mỷ")]
        return centre.activities.create(
            actor, session(*people, starts_at=datetime.now(UTC).replace(microsecond=0))
        ).row.id
    finally:
        centre.close()


def _printed(db: list[str]) -> int:
    centre = _centre(db)
    try:
        with centre.sessions() as s:
            return int(s.scalar(select(func.count()).where(AuditEvent.action == "activities.sheet_printed")) or 0)
    finally:
        centre.close()


def test_print_attendance(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, db)
    session_id = _held(db)
    out = tmp_path / "danh sách.pdf"
    code, printed, err = run(monkeypatch, capsys, [*db, "print", "attendance", str(session_id), "-o", str(out), *USER],
                             MANAGER_PASSWORD)  # fmt: skip
    assert code == 0, err
    assert str(out) in printed
    text = "\n".join(pdftotext(out))
    assert "DANH SÁCH" in text and "1 Giàng Thị Mỷ LC-" in text and "2 Lò Thị Mai LC-" in text
    for argv, words in (
        (["print", "attendance", "-o", str(out)], "attendance"),
        (["print", "attendance", "LC-2026-0001", "-o", str(out)], "attendance"),
        (["print", "attendance", str(session_id), "--date", "01/01/2026", "-o", str(out)], "--date"),
        (["print", "attendance", str(session_id + 99), "-o", str(out)], ""),  # no such session
    ):
        code, _out, err = run(monkeypatch, capsys, [*db, *argv, *USER], MANAGER_PASSWORD)
        assert code == 1 and err.strip() and words in err, (argv, err)
    assert _printed(db) == 1


def test_attendance_in_its_own_process_loads_no_qt(
    passphrase_demo: tuple[list[str], str],  # noqa: F811 - the fixture of tests/test_cli.py
    tmp_path: Path,
) -> None:
    demo = passphrase_demo[0]
    centre = installation.open_centre(
        installation.Options(Path(demo[1]), None, ask_passphrase=lambda _c: MANAGER_PASSWORD)
    )
    try:
        with centre.sessions() as s:
            newest = s.scalar(select(func.max(ActivitySession.id)).where(ActivitySession.struck_at.is_(None)))
    finally:
        centre.close()
    out = tmp_path / "ds.pdf"
    argv = [*demo, "print", "attendance", str(newest), "-o", str(out), "--user", "demo", "--password-stdin"]
    env = {**os.environ, **CLI_ENV}
    started = time.perf_counter()
    result = subprocess.run(_cli(argv), input=MANAGER_PASSWORD + "\n", capture_output=True, text=True, env=env,
                            check=False)  # fmt: skip
    whole = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    started = time.perf_counter()
    subprocess.run(_cli(["--version"]), capture_output=True, env=env, check=True)
    floor = time.perf_counter() - started
    print(f"\nprint attendance, whole process: {whole:.2f} s (python -m centre_desk --version: {floor:.2f} s)")
    assert "DANH SÁCH" in "\n".join(pdftotext(out))
    assert all("DỮ LIỆU MẪU" in page for page in diagonal_text(out))
    traced = subprocess.run(_cli(argv, "-X", "importtime"), input=MANAGER_PASSWORD + "\n", capture_output=True,
                            text=True, env=env, check=False)  # fmt: skip
    imported = [line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if "|" in line]
    assert "centre_desk.reports.activities" in imported
    assert not [m for m in imported if m.startswith(("PySide6", "shiboken6"))]
    assert not [m for m in imported if m.startswith(("alembic", "mako"))]
