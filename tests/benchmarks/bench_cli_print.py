"""`centre-desk print` as a whole process, beside the floor of any Python program that prints a PDF.

Run:  .venv/bin/python -m tests.benchmarks.bench_cli_print [--rounds 10]
Copies the program as it is installed (the package with its bytecode compiled, the resources with the compiled
.mo catalogue) to a temporary folder, builds a small demo (60 residents) twice — keys in a keyring (as on the
office PCs; a file-backed test keyring here) and keys under a passphrase file (this machine has no system
keyring) — then times, as whole processes started from the shell:

* floors: `python -c "import centre_desk"`, a minimal reportlab document (one page, one line of text) and the
  import of the libraries any print needs (SQLAlchemy ORM, reportlab platypus, argon2, keyring, SQLCipher);
* `centre-desk --version` and `centre-desk --help` (issue 15: no database layer loaded, goal ≤ 2× the import floor);
* `centre-desk print admission-decision CODE -o FILE` (sign-in with Argon2id, the number issued or a copy,
  the PDF written) from the installed copy, and once more from the source checkout (no .mo: the .po is
  parsed; bytecode as the environment allows); the importtime of one run checked for Qt.

Prints min / median / max wall time, the median CPU time (user + system, less sensitive to other load on the
machine), the ratio to the floor, met / not met for the issue 15 goals (print with the keyring ≤ 1 s) and the
load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mật khẩu đo hiệu năng 2026"
LIBRARIES_FLOOR = "import sqlalchemy.orm, reportlab.platypus, argon2, keyring, sqlcipher3.dbapi2"
REPORTLAB_FLOOR = (
    "from reportlab.pdfgen.canvas import Canvas; c = Canvas(r'{out}'); c.drawString(72, 72, 'Số: 01/QĐ'); c.save()"
)
Run = subprocess.CompletedProcess[str]
PRINT_GOAL = 1.0  # issue 15: the whole process of `centre-desk print`, keys in the keyring


def timed(command: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, float, Run]:
    """(wall seconds, CPU seconds of the child, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode:
        raise SystemExit(f"{' '.join(command[:6])}… failed:\n{result.stderr[-3000:]}")
    return wall, cpu, result


def series(name: str, command: list[str], env: dict[str, str], rounds: int, stdin: str = "") -> float:
    walls, cpus = [], []
    timed(command, env, stdin)  # warm the file cache
    for _ in range(rounds):
        wall, cpu, _result = timed(command, env, stdin)
        walls.append(wall)
        cpus.append(cpu)
    median = statistics.median(walls)
    print(
        f"{name:<44} wall min {min(walls):.3f}  median {median:.3f}  max {max(walls):.3f} s   "
        f"CPU median {statistics.median(cpus):.3f} s"
    )
    return median


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "centre_desk", *args]


def installed_copy(folder: Path) -> Path:
    """The package and its resources as an installation has them: bytecode compiled, the catalogue as .mo."""
    app = folder / "app"
    shutil.copytree(ROOT / "centre_desk", app / "centre_desk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", app / "resources", ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(app / "centre_desk")], check=True)
    po = app / "resources" / "locale" / "vi" / "LC_MESSAGES" / "centre_desk.po"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "messages.py"), "--po", str(po), "compile"],
        check=True, capture_output=True,
    )  # fmt: skip
    return app


def prepare(folder: Path, env: dict[str, str], passphrase: Path | None) -> tuple[list[str], str]:
    """A demo in `folder`; (the data arguments, a resident code)."""
    data = folder / "demo"
    timed(cli("demo", "--residents", "60", "--data-dir", str(data), "--password-stdin"), env, PASSWORD + "\n")
    db = ["--data-dir", str(data)] + (["--passphrase-file", str(passphrase)] if passphrase else [])
    _wall, _cpu, listed = timed(cli(*db, "residents", "--user", "demo", "--password-stdin"), env, PASSWORD + "\n")
    return db, listed.stdout.splitlines()[1].split(",")[0]


def printing(db: list[str], code: str, out: Path) -> list[str]:
    return cli(*db, "print", "admission-decision", code, "-o", str(out), "--user", "demo", "--password-stdin")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cd-bench-cli-") as tmp:
        folder = Path(tmp)
        app = installed_copy(folder)
        base = {**os.environ, "PYTHONPATH": os.pathsep.join((str(app), str(ROOT)))}
        keyring_env = {
            **base, "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "CENTRE_DESK_TEST_KEYRING": str(folder / "keyring.json"),
        }  # fmt: skip
        passphrase_env = {**base, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        secret = folder / "passphrase.txt"
        secret.write_text(PASSWORD + "\n", encoding="utf-8")
        (folder / "k").mkdir()
        (folder / "p").mkdir()
        keyring_db, keyring_code = prepare(folder / "k", keyring_env, None)
        passphrase_db, passphrase_code = prepare(folder / "p", passphrase_env, secret)
        out = folder / "out.pdf"

        print(f"{os.cpu_count()} CPUs, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        floor = series("floor: python -c 'import centre_desk'", [sys.executable, "-c", "import centre_desk"], base,
                       args.rounds)  # fmt: skip
        pdf_floor = series("floor: a one-line reportlab PDF", [sys.executable, "-c", REPORTLAB_FLOOR.format(out=out)],
                           base, args.rounds)  # fmt: skip
        libraries = series("floor: importing the libraries a print needs", [sys.executable, "-c", LIBRARIES_FLOOR],
                           base, args.rounds)  # fmt: skip
        quick = {
            name: series(name, cli(flag), base, args.rounds) for name, flag in (("--version", "--version"),
                                                                                  ("--help", "--help"))
        }  # fmt: skip
        runs = [
            ("print, keys in the keyring", printing(keyring_db, keyring_code, out), keyring_env),
            ("print, keys under a passphrase file", printing(passphrase_db, passphrase_code, out), passphrase_env),
            (
                "print from the source checkout, keyring", printing(keyring_db, keyring_code, out),
                {**keyring_env, "PYTHONPATH": str(ROOT)},
            ),
        ]  # fmt: skip
        medians = {name: series(name, command, env, args.rounds, PASSWORD + "\n") for name, command, env in runs}
        traced_command = [sys.executable, "-X", "importtime", *runs[0][1][1:]]
        _wall, _cpu, traced = timed(traced_command, keyring_env, PASSWORD + "\n")
        qt = [line for line in traced.stderr.splitlines() if "PySide6" in line or "shiboken6" in line]
        print(f"Qt modules imported by a print: {len(qt)}")
        for name, median in medians.items():
            print(
                f"{name}: {median / floor:.1f} × the import floor, {median / pdf_floor:.1f} × the PDF floor, "
                f"{median / libraries:.1f} × the libraries' import"
            )
        for name, median in quick.items():  # issue 15: no database layer for them, so near the import floor
            verdict = "met" if median <= 2 * floor else "NOT MET"
            print(f"{name}: {median / floor:.1f} × the import floor (goal ≤ 2×) {verdict}")
        keyring_print = medians["print, keys in the keyring"]
        verdict = "met" if keyring_print <= PRINT_GOAL else "NOT MET"
        print(f"print with the keyring custody: {keyring_print:.2f} s (goal ≤ {PRINT_GOAL:.0f} s) {verdict}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
