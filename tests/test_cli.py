"""The `centre-desk` command line, run in-process (stdin and output captured)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from centre_desk import __version__
from centre_desk.cli import main
from centre_desk.security import passwords
from centre_desk.security.credentials import CHEAP_ARGON2, LayeredCustody, PassphraseCustody
from centre_desk.security.passwords import cheap_hasher
from centre_desk.services import installation
from tests.conftest import MANAGER_PASSWORD
from tests.support import pdf as pdf_support
from tests.support.memory_keyring import MemoryKeyring

RECOVERY = re.compile(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){9})\b")


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own Options: give it the cheap test hash parameters."""
    monkeypatch.setattr(passwords, "default_hasher", cheap_hasher)  # Options.get_passwords imports it when called
    monkeypatch.setattr(
        installation.Options,
        "get_custody",
        lambda self: (
            self.custody or LayeredCustody(PassphraseCustody(self.data_dir / "keys", self.ask_passphrase, CHEAP_ARGON2))
        ),
    )


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_db(tmp_path: Path, engine_kind: str, request: pytest.FixtureRequest) -> list[str]:
    args = ["--data-dir", str(tmp_path / "data")]
    if engine_kind == "postgresql":
        args += ["--db", request.getfixturevalue("pg_database")]
    return args


def _init(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: list[str], **extra: str) -> str:
    argv = [*db, "init", "--manager", "giamdoc", "--full-name", "Lò Thị Mai", "--centre", "Trung tâm CTXH Lai Châu",
            "--password-stdin"]  # fmt: skip
    for flag, value in extra.items():
        argv += [f"--{flag.replace('_', '-')}", value]
    code, out, err = run(monkeypatch, capsys, argv, MANAGER_PASSWORD + "\n")
    assert code == 0, err
    match = RECOVERY.search(out)
    assert match, out
    return match.group(1)


def test_version_runs_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from centre_desk.cli import main; main(['--version'])"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.stdout.strip() == f"centre-desk {__version__}"


@pytest.mark.parametrize("ask", [["--version"], ["--help"], ["print", "--help"], ["--lang", "en", "demo", "--help"]])
def test_help_and_version_load_no_database_layer(ask: list[str]) -> None:
    """Issue 15: --version and --help answer at once: no SQLAlchemy, models, services, reportlab, Alembic or Qt."""
    code = (
        "import sys\nfrom centre_desk.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = ('sqlalchemy', 'reportlab', 'alembic', 'argon2', 'keyring', 'PySide6', 'centre_desk.models',"
        " 'centre_desk.services', 'centre_desk.db')\n"
        "print('LOADED', sorted({m.split('.')[0] if not m.startswith('centre_desk') else '.'.join(m.split('.')[:2])"
        " for m in sys.modules if m.startswith(heavy)}))"
    )
    result = subprocess.run([sys.executable, "-c", code, *ask], capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1] == "LOADED []", result.stderr[-2000:]


def test_version_from_the_launcher_is_the_parsers(capsys: pytest.CaptureFixture[str]) -> None:
    """`centre-desk --version` answers in the launcher, as the parser would (and still exits 0)."""
    from centre_desk.cli import main as cli_main
    from centre_desk.launcher import main as launch

    assert launch(["--version"]) == 0
    quick = capsys.readouterr().out
    with pytest.raises(SystemExit) as parsed:
        cli_main(["--version"])
    assert parsed.value.code == 0 and capsys.readouterr().out == quick == f"centre-desk {__version__}\n"


def test_init_check_backup_restore(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_db: list[str], tmp_path: Path
) -> None:
    _init(monkeypatch, capsys, cli_db)
    code, out, _err = run(
        monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 0 and out.strip().endswith("OK")
    target = tmp_path / "sao lưu" / "b.cdbak"
    code, out, _err = run(
        monkeypatch,
        capsys,
        [*cli_db, "backup", "-o", str(target), "--user", "giamdoc", "--password-stdin"],
        MANAGER_PASSWORD,
    )
    assert code == 0 and target.exists()
    code, out, err = run(
        monkeypatch,
        capsys,
        [*cli_db, "restore", str(target), "--user", "giamdoc", "--password-stdin"],
        MANAGER_PASSWORD,
    )
    assert code == 0, err
    code, out, _err = run(
        monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 0, out


def test_wrong_password_and_unknown_user_look_the_same(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_db: list[str]
) -> None:
    _init(monkeypatch, capsys, cli_db)
    wrong = run(monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], "sai mật khẩu")
    unknown = run(monkeypatch, capsys, [*cli_db, "check", "--user", "khongco", "--password-stdin"], MANAGER_PASSWORD)
    assert wrong[0] == unknown[0] == 1
    assert wrong[2] == unknown[2] and wrong[2]


@pytest.mark.expect_log_warnings
def test_check_reports_tampering_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_db: list[str]
) -> None:
    _init(monkeypatch, capsys, cli_db)
    centre = installation.open_centre(installation.Options(Path(cli_db[1]), cli_db[3] if len(cli_db) > 2 else None))
    with centre.engine.begin() as conn:
        if centre.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))
        conn.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    centre.close()
    code, out, _err = run(
        monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 1
    assert "✗" in out


def test_recover_after_keyring_loss(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_db: list[str],
    memory_keyring: MemoryKeyring,
) -> None:
    key = _init(monkeypatch, capsys, cli_db)
    memory_keyring.entries.clear()
    code, _out, err = run(
        monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 1 and "centre-desk recover" in err
    code, _out, err = run(monkeypatch, capsys, [*cli_db, "recover", "--recovery-key-stdin"], key + "\n")
    assert code == 0, err
    code, out, _err = run(
        monkeypatch, capsys, [*cli_db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 0, out


def test_recovery_sheet_pdf(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pdf = tmp_path / "khoi-phuc.pdf"
    key = _init(monkeypatch, capsys, ["--data-dir", str(tmp_path / "data")], recovery_pdf=str(pdf))
    assert len(PdfReader(pdf).pages) == 1
    page_text = pdf_support.text(pdf)
    assert "Trung tâm CTXH Lai Châu" in page_text
    assert "MÃ KHÔI PHỤC" in page_text
    assert all(group in page_text for group in key.split("-"))
    used = {name: embedded for name, embedded in pdf_support.fonts(pdf).items() if name not in pdf_support.STANDARD_14}
    assert used and all(used.values()), used
    assert all("Liberation" in name for name in used)


def test_passphrase_path_when_keyring_is_insecure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    secret = tmp_path / "pass.txt"
    secret.write_text("cụm mật khẩu rất dài của trung tâm\n", encoding="utf-8")
    db = ["--data-dir", str(tmp_path / "data"), "--passphrase-file", str(secret)]
    _init(monkeypatch, capsys, db)
    assert list((tmp_path / "data" / "keys").glob("*.json"))
    code, out, _err = run(
        monkeypatch, capsys, [*db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 0, out
    secret.write_text("một cụm sai hoàn toàn khác\n", encoding="utf-8")
    code, _out, err = run(
        monkeypatch, capsys, [*db, "check", "--user", "giamdoc", "--password-stdin"], MANAGER_PASSWORD
    )
    assert code == 1 and err


def test_demo_residents_and_print(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo_dir = tmp_path / "demo"
    code, out, _err = run(
        monkeypatch, capsys, ["--lang", "vi", "demo", "--residents", "60", "--data-dir", str(demo_dir),
                              "--password-stdin"], MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and "60" in out and "demo" in out and MANAGER_PASSWORD not in out
    db = ["--data-dir", str(demo_dir)]
    code, out, _err = run(
        monkeypatch, capsys, [*db, "residents", "--search", "nguyen thi huong", "--user", "demo", "--password-stdin"],
        MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 2 and "Nguyễn Thị Hường" in out  # header + the one generated on purpose
    code_of_huong = next(line.split(",")[0] for line in lines[1:] if "Nguyễn Thị Hường" in line)
    pdf_path = tmp_path / "qd.pdf"
    printed = []
    for _round in range(2):
        code, out, _err = run(
            monkeypatch, capsys,
            [*db, "print", "admission-decision", code_of_huong, "-o", str(pdf_path), "--user", "demo",
             "--password-stdin"],
            MANAGER_PASSWORD + "\n",
        )  # fmt: skip
        assert code == 0 and pdf_path.exists()
        printed.append((out, pdf_support.text(pdf_path)))
    (issued_out, issued_text), (copy_out, copy_text) = printed
    number = re.search(r"(\d{2,}/QĐ-CSBTXH)", issued_out)
    assert number and "Đã cấp số" in issued_out and number.group(1) in copy_out and "BẢN SAO" in copy_out
    assert "QUYẾT ĐỊNH" in issued_text and "Nguyễn Thị Hường" in issued_text
    assert f"Số: {number.group(1)}" in issued_text and "BẢN SAO" not in issued_text and "BẢN SAO" in copy_text
    assert "DỮ LIỆU MẪU" in issued_text  # a demo paper says so on every page
    code, _out, err = run(
        monkeypatch, capsys,
        [*db, "print", "belongings-receipt", "LC-1999-0001", "-o", str(pdf_path), "--user", "demo", "--password-stdin"],
        MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 1 and "LC-1999-0001" not in err and err.strip()
    code, _out, err = run(
        monkeypatch, capsys,
        [*db, "print", "admission-record", code_of_huong, "-o", str(tmp_path / "no" / "bb.pdf"), "--user", "demo",
         "--password-stdin"],
        MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 1 and "no" in err  # refused before a number is issued
    with installation.open_centre(installation.Options(demo_dir)).sessions() as s:
        assert (
            s.scalar(
                text(
                    "SELECT count(*) FROM outgoing_document WHERE paper_kind = 'admission-record' "
                    "AND resident_id = (SELECT id FROM resident WHERE code = :c)"
                ),
                {"c": code_of_huong},
            )
            == 0
        )


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_stops_early_gets_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo_dir = tmp_path / "demo"
    run(monkeypatch, capsys, ["demo", "--residents", "20", "--data-dir", str(demo_dir), "--password-stdin"],
        MANAGER_PASSWORD + "\n")  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(MANAGER_PASSWORD + "\n"))
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["--data-dir", str(demo_dir), "residents", "--user", "demo", "--password-stdin"]) == 1
    assert capsys.readouterr().err == ""
    with installation.open_centre(installation.Options(demo_dir)).sessions() as s:  # the export was audited
        assert s.scalar(text("SELECT count(*) FROM audit_event WHERE action = 'resident.exported_list'")) == 1


@pytest.fixture
def passphrase_demo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> tuple[list[str], str]:
    """A demo whose keys are wrapped under a passphrase file, so another process can open it; (args, a code)."""
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    secret = tmp_path / "pass.txt"
    secret.write_text(MANAGER_PASSWORD + "\n", encoding="utf-8")
    demo_dir = tmp_path / "demo"
    code, _out, err = run(
        monkeypatch, capsys, ["demo", "--residents", "30", "--data-dir", str(demo_dir), "--password-stdin"],
        MANAGER_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, err
    db = ["--data-dir", str(demo_dir), "--passphrase-file", str(secret)]
    code, out, _err = run(monkeypatch, capsys, [*db, "residents", "--user", "demo", "--password-stdin"],
                          MANAGER_PASSWORD + "\n")  # fmt: skip
    return db, out.splitlines()[1].split(",")[0]


def _cli(args: list[str], *extra: str) -> list[str]:
    return [sys.executable, *extra, "-m", "centre_desk", *args]


CLI_ENV = {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def test_print_in_its_own_process_loads_no_qt(passphrase_demo: tuple[list[str], str], tmp_path: Path) -> None:
    import os

    db, resident = passphrase_demo
    out = tmp_path / "bb.pdf"
    result = subprocess.run(
        _cli([*db, "print", "admission-record", resident, "-o", str(out), "--user", "demo", "--password-stdin"],
             "-X", "importtime"),
        input=MANAGER_PASSWORD + "\n", capture_output=True, text=True, env={**os.environ, **CLI_ENV}, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.exists() and "BIÊN BẢN" in pdf_support.text(out)
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "centre_desk.services.documents.service" in imported
    assert not [m for m in imported if m.startswith(("PySide6", "shiboken6"))]
    assert not [m for m in imported if m.startswith(("alembic", "mako"))]  # no migration needed, none loaded


def test_residents_piped_into_a_reader_that_stops_early(passphrase_demo: tuple[list[str], str]) -> None:
    """`centre-desk residents | head`: the reader is gone before the list comes; no traceback, exit 1."""
    import os

    db, _resident = passphrase_demo
    process = subprocess.Popen(
        _cli([*db, "residents", "--user", "demo", "--password-stdin"]), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **CLI_ENV},
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # like `head` exiting
    _out, err = process.communicate(MANAGER_PASSWORD + "\n", timeout=60)
    assert process.returncode == 1
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
