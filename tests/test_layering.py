"""Architecture rules that can be checked mechanically."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "centre_desk"
CORE = ["models", "db", "services", "reports", "security"]


def test_core_imports_no_qt() -> None:
    modules = [p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
               for part in CORE for p in (PACKAGE / part).rglob("*.py") if "migrations" not in p.parts]  # fmt: skip
    modules += ["centre_desk.cli", "centre_desk.i18n", "centre_desk.text", "centre_desk.paths"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(len(sys.modules)); assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 100


def test_no_bulk_update_or_delete_around_the_version_counter() -> None:
    """`update(Model)` / `delete(Model)` statements would bypass optimistic locking."""
    offenders = []
    # derived rows no one edits, rebuilt from a versioned row inside its flush (the registry's search index)
    derived = {PACKAGE / "models" / "resident_search.py"}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path in derived:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy":
                names = {a.name for a in node.names}
                if names & {"update", "delete"}:
                    offenders.append(str(path))
    assert offenders == []


def test_only_credentials_talks_to_keyring() -> None:
    users = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if any(
            isinstance(n, (ast.Import, ast.ImportFrom))
            and any(a.name.startswith("keyring") for a in n.names)
            | (getattr(n, "module", "") or "").startswith("keyring")
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    )
    assert users == ["security/credentials.py"]
