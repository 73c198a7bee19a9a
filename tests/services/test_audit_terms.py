"""Every action code the program writes to the audit trail has a phrase, and every phrase is written.

The codes are collected from the source: the action argument of every `<audit>.record(...)` call in
centre_desk, followed through a function parameter to the literals its callers pass, and expanded
from the f-strings listed in DYNAMIC (a new f-string must be added there, with its phrases).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import centre_desk
from centre_desk import i18n
from centre_desk.i18n import _
from centre_desk.security.permissions import Action
from centre_desk.services import audit_terms, documents
from centre_desk.services.audit_terms import (
    ACTION_PHRASES,
    DENIED_SUFFIX,
    OUTCOME_NAMES,
    action_choices,
    describe_action,
    describe_outcome,
    known_action,
)
from centre_desk.services.discharge import papers as discharge_papers
from centre_desk.services.documents.service import KINDS, REGISTERED
from centre_desk.services.health import papers as health_papers

SOURCE = Path(centre_desk.__file__).parent
DYNAMIC = {
    ("security/access.py", "f'{action}.denied'"): {f"{a}{DENIED_SUFFIX}" for a in Action},
    ("services/documents/service.py", "f'{action}.{kind}'"): (
        {f"{documents.service.PREVIEWED}.{kind}" for kind in KINDS}
        | {f"{a}.{kind}" for a in (documents.service.ISSUED, documents.service.COPIED) for kind in REGISTERED}
        | {f"{documents.service.PRINTED}.{kind}" for kind in set(KINDS) - set(REGISTERED)}
    ),
    ("services/health/papers.py", "code"): set(health_papers.CODES.values()),
    ("services/discharge/papers.py", "CODES[what, unit.kind]"): set(discharge_papers.CODES.values()),
}


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    yield from (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _enclosing(tree: ast.Module, target: ast.AST) -> ast.FunctionDef | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(child is target for child in ast.walk(node)):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.FunctionDef) and n is not node]
            if not any(any(c is target for c in ast.walk(n)) for n in inner):
                return node
    return None


def _constant(tree: ast.Module, name: str) -> str | None:
    """The string a module-level name stands for: `NAME = "code"`, `A, B = "a", "b"`, or a name
    imported from another module of centre_desk (followed there)."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("centre_desk."):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    module = SOURCE.joinpath(*node.module.split(".")[1:])
                    path = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
                    return _constant(ast.parse(path.read_text(encoding="utf-8")), alias.name)
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs = (
            zip(target.elts, value.elts, strict=False)
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
            else [(target, value)]
        )
        for named, constant in pairs:
            if isinstance(named, ast.Name) and named.id == name and isinstance(constant, ast.Constant):
                return str(constant.value)
    return None


def _codes(path: str, tree: ast.Module, call: ast.Call, arg: ast.expr) -> set[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return {arg.value}
    key = (path, ast.unparse(arg))
    if key in DYNAMIC:
        return DYNAMIC[key]
    if isinstance(arg, ast.Name) and (found := _constant(tree, arg.id)) is not None:
        return {found}
    function = _enclosing(tree, call)
    if isinstance(arg, ast.Name) and function is not None:
        params = [a.arg for a in function.args.args if a.arg != "self"]
        if arg.id in params:  # a parameter: the literals its callers in this module pass
            index = params.index(arg.id)
            passed = [c.args[index] for c in _calls(tree) if _called_name(c) == function.name and len(c.args) > index]
            found = {p.value for p in passed if isinstance(p, ast.Constant) and isinstance(p.value, str)}
            if found and len(found) == len(passed):
                return found
    raise AssertionError(f"{path}:{call.lineno}: cannot tell which action codes {key[1]} writes; add it to DYNAMIC")


def written_codes() -> dict[str, str]:
    """Every action code written to the audit trail -> where (file:line)."""
    found: dict[str, str] = {}
    for file in sorted(SOURCE.rglob("*.py")):
        path = file.relative_to(SOURCE).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for call in _calls(tree):
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "record"):
                continue
            if "audit" not in ast.unparse(call.func.value):
                continue
            action = call.args[2] if len(call.args) > 2 else next(k.value for k in call.keywords if k.arg == "action")
            for code in _codes(path, tree, call, action):
                found.setdefault(code, f"{path}:{call.lineno}")
    return found


def test_the_scan_finds_the_known_writers() -> None:
    codes = written_codes()
    assert {"login", "unlock", "resident.viewed", "draft.saved", "audit.exported", "view.denied"} <= set(codes)
    assert "document.issued.admission-decision" in codes
    for name in ("PREVIEWED", "ISSUED", "COPIED", "PRINTED"):
        assert getattr(documents.service, name) == getattr(audit_terms, name)
    assert len(codes) >= 40


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_written_code_has_a_phrase(language: str) -> None:
    i18n.install(language)
    try:
        missing = {code: where for code, where in written_codes().items() if not known_action(code)}
        assert not missing, f"action codes without a phrase in services/audit_terms.py: {missing}"
        for code in written_codes():
            phrase = describe_action(code, "denied" if code.endswith(DENIED_SUFFIX) else "ok")
            assert phrase != code and "." not in phrase.split()[0], (code, phrase)
    finally:
        i18n.install("vi")


def test_every_phrase_is_written_somewhere() -> None:
    dead = set(ACTION_PHRASES) - set(written_codes())
    assert not dead, f"phrases for codes nothing writes (a typo?): {dead}"
    codes = [c.code for c in action_choices() if c is not None]
    assert set(ACTION_PHRASES) <= set(codes) and len(codes) == len(set(codes))


def test_phrases_read_as_a_register() -> None:
    i18n.install("vi")
    assert describe_action("resident.viewed", "ok", "identity") == "Xem hồ sơ"
    assert describe_action("resident.viewed", "ok", "narrative") == "Xem lời kể của đối tượng"
    assert describe_action("draft.saved") == "Lưu bản nháp"
    assert describe_action("document.issued.admission-decision") == "Cấp số và in Quyết định tiếp nhận"
    assert describe_action("document.copied.admission-record") == "In bản sao Biên bản tiếp nhận"
    assert describe_action("document.printed.admission-decision") == "In Quyết định tiếp nhận"  # before the register
    assert describe_action("login", "failed") == "Đăng nhập không thành công"
    assert describe_action("print.denied", "denied") == "Không được phép in"
    assert describe_action("document.issued.new-paper") == _("Document: {code}").format(code="issued.new-paper")
    assert describe_action("something.new") == "something.new"  # an unknown code is shown as it is
    assert {describe_outcome(o) for o in OUTCOME_NAMES} >= {"Thành công", "Không được phép"}
