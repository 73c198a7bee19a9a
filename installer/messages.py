"""Keep the Vietnamese message catalogue in step with the code.

    .venv/bin/python installer/messages.py extract   # update resources/locale/vi/LC_MESSAGES/centre_desk.po
    .venv/bin/python installer/messages.py compile   # write centre_desk.mo next to it (for packaging)

`extract` reads every centre_desk/**/*.py with `ast` and collects the calls
`_("...")` and `N_("...")` whose single argument is a string literal. It then
updates the .po file: new messages are added untranslated (or, when an old
message is very close, with the old translation marked fuzzy), translations are
kept, messages no longer in the code are marked obsolete, and the entries are
sorted by msgid. Running it again without code changes leaves the file untouched.
Afterwards translate every entry that is empty or fuzzy, and remove the fuzzy flag.

Note: centre_desk.i18n prefers a .mo over the .po, so a .mo left next to the .po
hides later edits of the .po. `compile` is for packaging; delete the .mo afterwards
when working from a source checkout.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import string
import sys
from collections.abc import Sequence
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "centre_desk"
PO_PATH = ROOT / "resources" / "locale" / "vi" / "LC_MESSAGES" / "centre_desk.po"

MARKERS = frozenset({"_", "N_"})
BRACE_FLAG = "python-brace-format"
FUZZY_CUTOFF = 0.8
HEADER = (
    "Vietnamese messages of centre_desk.\nSource strings are English; regenerate with: installer/messages.py extract"
)
METADATA = {
    "Project-Id-Version": "centre_desk",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

Occurrence = tuple[str, int]


class ExtractError(Exception):
    """The code cannot be read: nothing is written."""


def _marker_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name) and func.id in MARKERS:
        return func.id
    return None


def extract_from_source(source: str, filename: str) -> tuple[list[tuple[str, int]], list[str]]:
    """(msgid, line) for every `_("...")` / `N_("...")` in `source`, and warnings about suspicious calls."""
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        raise ExtractError(f"{filename}:{exc.lineno}: cannot parse: {exc.msg}") from exc
    found: list[tuple[str, int]] = []
    warnings: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _marker_name(node.func)
        if name is None:
            continue
        where = f"{filename}:{node.lineno}"
        if len(node.args) != 1 or node.keywords:
            warnings.append(f"{where}: {name}() should take exactly one string literal")
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            if arg.value:
                found.append((arg.value, node.lineno))
            else:
                warnings.append(f"{where}: {name}('') is reserved for the catalogue header")
        elif isinstance(arg, ast.Name | ast.Attribute | ast.Subscript):
            pass  # _(CONSTANT): the literal itself is marked with N_() where it is defined
        else:
            warnings.append(f"{where}: {name}() of a non-literal ({type(arg).__name__}) cannot be translated")
    return found, warnings


def extract_messages(
    source_dir: Path = SOURCE_DIR, root: Path = ROOT, warnings: list[str] | None = None
) -> dict[str, list[Occurrence]]:
    """msgid -> [(path relative to `root`, line), ...] for every marked string under `source_dir`."""
    messages: dict[str, list[Occurrence]] = {}
    for path in sorted(source_dir.rglob("*.py")):
        rel = (path.relative_to(root) if path.is_relative_to(root) else path).as_posix()
        found, notes = extract_from_source(path.read_text(encoding="utf-8"), rel)
        if warnings is not None:
            warnings.extend(notes)
        for msgid, line in found:
            messages.setdefault(msgid, []).append((rel, line))
    return {msgid: sorted(set(occ)) for msgid, occ in sorted(messages.items())}


def format_fields(text: str) -> set[str] | None:
    """The `{...}` replacement fields of `text` ("{seconds:.1f}" -> "seconds:.1f"), None if it is malformed."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    fields = set()
    for _literal, field, spec, conversion in parsed:
        if field is not None:
            fields.add(field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return fields


def _load(po_path: Path) -> polib.POFile:
    if po_path.exists():
        return polib.pofile(str(po_path), encoding="utf-8")
    po = polib.POFile(encoding="utf-8")
    po.header = HEADER
    return po


def _fuzzy_source(msgid: str, pool: dict[str, polib.POEntry]) -> polib.POEntry | None:
    """A translated, retired entry whose msgid is nearly `msgid`, to start the new translation from."""
    close = difflib.get_close_matches(msgid, list(pool), n=1, cutoff=FUZZY_CUTOFF)
    return pool[close[0]] if close else None


def update_catalog(po: polib.POFile, messages: dict[str, list[Occurrence]], *, drop_obsolete: bool) -> dict[str, int]:
    """Bring `po` in line with `messages` in place; return counts of what changed."""
    stats = {"added": 0, "fuzzy": 0, "revived": 0, "obsoleted": 0, "dropped": 0}
    for key, value in METADATA.items():
        po.metadata[key] = value
    po.metadata_is_fuzzy = 0
    by_id: dict[str, polib.POEntry] = {}
    for entry in po:
        if entry.msgctxt is None and entry.msgid not in by_id:
            by_id[entry.msgid] = entry
    # Translations of messages that left the code, offered as fuzzy starting points.
    retired = {
        msgid: entry for msgid, entry in by_id.items() if msgid not in messages and entry.msgstr and not entry.fuzzy
    }
    result: list[polib.POEntry] = []
    for msgid, occurrences in messages.items():
        entry = by_id.get(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgstr="")
            source = _fuzzy_source(msgid, retired)
            if source is not None:
                entry.msgstr = source.msgstr
                entry.previous_msgid = source.msgid
                entry.flags.append("fuzzy")
                stats["fuzzy"] += 1
            stats["added"] += 1
        elif entry.obsolete:
            entry.obsolete = False
            stats["revived"] += 1
        entry.occurrences = list(occurrences)
        fields = format_fields(msgid)
        if fields and BRACE_FLAG not in entry.flags:
            entry.flags.append(BRACE_FLAG)
        elif not fields and BRACE_FLAG in entry.flags:
            entry.flags.remove(BRACE_FLAG)
        result.append(entry)
    stale: list[polib.POEntry] = []
    for entry in po:
        if entry.msgctxt is None and entry.msgid in messages and by_id[entry.msgid] is entry:
            continue
        if drop_obsolete or not entry.msgstr:
            stats["dropped"] += 1
            continue
        if not entry.obsolete:
            entry.obsolete = True
            stats["obsoleted"] += 1
        entry.occurrences = []
        stale.append(entry)
    result.sort(key=lambda e: (e.msgid, e.msgctxt or ""))
    stale.sort(key=lambda e: (e.msgid, e.msgctxt or ""))
    po[:] = result + stale
    return stats


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    return True


def cmd_extract(args: argparse.Namespace) -> int:
    po_path = Path(args.po)
    warnings: list[str] = []
    try:
        messages = extract_messages(Path(args.source), ROOT, warnings)
    except ExtractError as exc:
        print(f"error: {exc}; the catalogue was not changed", file=sys.stderr)
        return 2
    for note in warnings:
        print(f"warning: {note}", file=sys.stderr)
    po = _load(po_path)
    stats = update_catalog(po, messages, drop_obsolete=args.drop_obsolete)
    text = str(po)
    if args.check:
        current = po_path.read_text(encoding="utf-8") if po_path.exists() else None
        if current != text:
            print(f"{po_path} is not up to date: run installer/messages.py extract", file=sys.stderr)
            return 1
        changed = False
    else:
        changed = _write_if_changed(po_path, text)
    active = [e for e in po if not e.obsolete]
    todo = [e for e in active if not e.msgstr or e.fuzzy]
    summary = ", ".join(f"{n} {what}" for what, n in stats.items() if n)
    print(
        f"{po_path.relative_to(ROOT) if po_path.is_relative_to(ROOT) else po_path}: "
        f"{len(active)} messages, {len(active) - len(todo)} translated"
        + (f"; {summary}" if summary else "")
        + ("" if changed else "; file unchanged")
    )
    for entry in todo:
        print(("  fuzzy:        " if entry.fuzzy else "  untranslated: ") + entry.msgid)
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    po_path = Path(args.po)
    mo_path = Path(args.output) if args.output else po_path.with_suffix(".mo")
    po = polib.pofile(str(po_path), encoding="utf-8")
    active = [e for e in po if not e.obsolete]
    todo = [e for e in active if not e.translated()]
    bad = [e.msgid for e in po.translated_entries() if format_fields(e.msgstr) != format_fields(e.msgid)]
    for msgid in bad:
        print(f"error: the placeholders of the translation differ from: {msgid}", file=sys.stderr)
    if bad:
        return 1
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    po.save_as_mofile(str(mo_path))
    print(f"{mo_path}: {len(active) - len(todo)} of {len(active)} messages")
    if todo:
        print(f"warning: {len(todo)} messages are untranslated or fuzzy and stay in English", file=sys.stderr)
    if mo_path.parent == po_path.parent:
        print("note: the .mo now takes precedence over the .po; delete it after packaging", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="installer/messages.py", description="Keep the Vietnamese message catalogue in step with the code."
    )
    parser.add_argument("--po", default=str(PO_PATH), help="catalogue (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="update the .po file from the code")
    p.add_argument("--source", default=str(SOURCE_DIR), help="package to scan (default: %(default)s)")
    p.add_argument("--drop-obsolete", action="store_true", help="remove messages no longer in the code")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the .po file is not up to date")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("compile", help="write the .mo file (next to the .po unless --output is given)")
    p.add_argument("--output", metavar="FILE", help="where to write the .mo file")
    p.set_defaults(func=cmd_compile)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
