"""The Vietnamese catalogue covers every message in the code, correctly.

After adding or changing a `_("...")` / `N_("...")` string: run
`.venv/bin/python installer/messages.py extract`, translate the entries it lists, rerun these tests.
"""

from __future__ import annotations

import importlib.util
import re
import string
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import polib
import pytest

from centre_desk.i18n import load_catalog

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "resources" / "locale" / "vi" / "LC_MESSAGES" / "centre_desk.po"
KNOWN = "The database file is damaged. Please restore it from a backup."


def _load_messages_script() -> ModuleType:
    path = ROOT / "installer" / "messages.py"
    spec = importlib.util.spec_from_file_location("centre_desk_installer_messages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


messages = _load_messages_script()


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = messages.extract_messages(ROOT / "centre_desk", ROOT)
    assert KNOWN in found, "the extractor no longer finds the known message"
    return found


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH), encoding="utf-8")


def _active(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def _fields(text: str) -> set[str]:
    """Replacement fields with conversion and format spec: "{seconds:.1f}" -> {"seconds:.1f"}."""
    fields = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return fields


def _where(occurrences: list[tuple[str, int]]) -> str:
    return ", ".join(f"{path}:{line}" for path, line in occurrences)


def test_every_message_in_the_code_is_translated(extracted: dict[str, list[tuple[str, int]]], po: polib.POFile) -> None:
    entries = {e.msgid: e for e in _active(po)}
    problems = []
    for msgid, occurrences in extracted.items():
        entry = entries.get(msgid)
        if entry is None:
            problems.append(f"not in the .po (run installer/messages.py extract): {msgid!r} ({_where(occurrences)})")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {msgid!r} ({_where(occurrences)})")
        elif entry.fuzzy:
            problems.append(f"fuzzy (check it, then remove the flag): {msgid!r} ({_where(occurrences)})")
    assert not problems, "\n".join(problems)


def test_placeholders_are_kept(po: polib.POFile) -> None:
    problems = []
    for entry in _active(po):
        if not entry.msgstr:
            continue
        try:
            got = _fields(entry.msgstr)
        except ValueError as exc:  # an unbalanced brace breaks .format() at run time
            problems.append(f"{entry.msgid!r}: malformed braces in the translation ({exc})")
            continue
        want = _fields(entry.msgid)
        if got != want:
            problems.append(f"{entry.msgid!r}: placeholders {sorted(got)} instead of {sorted(want)}")
    assert not problems, "\n".join(problems)


def test_commands_options_and_addresses_are_kept(po: polib.POFile) -> None:
    verbatim = re.compile(r"centre-desk \w+|--[a-z][\w-]*|\w+://[^\s,)]+|\bOK\b")
    problems = []
    for entry in _active(po):
        if not entry.msgstr:
            continue
        for token in verbatim.findall(entry.msgid):
            if token.rstrip(".") not in entry.msgstr:
                problems.append(f"{entry.msgid!r}: {token!r} is missing from the translation")
    assert not problems, "\n".join(problems)


def test_leading_and_trailing_whitespace_is_kept(po: polib.POFile) -> None:
    # "Database passphrase: " is a getpass prompt: the typed text must not stick to the colon.
    problems = []
    for entry in _active(po):
        if not entry.msgstr:
            continue
        edges = (entry.msgid[: len(entry.msgid) - len(entry.msgid.lstrip())], entry.msgid[len(entry.msgid.rstrip()) :])
        got = (
            entry.msgstr[: len(entry.msgstr) - len(entry.msgstr.lstrip())],
            entry.msgstr[len(entry.msgstr.rstrip()) :],
        )
        if got != edges:
            problems.append(f"{entry.msgid!r}: surrounding whitespace {got!r} instead of {edges!r}")
    assert not problems, "\n".join(problems)


def test_translations_are_nfc(po: polib.POFile) -> None:
    bad = [e.msgid for e in po if e.msgstr and not unicodedata.is_normalized("NFC", e.msgstr)]
    assert not bad, "not in NFC (retype or normalise these translations):\n" + "\n".join(bad)


def test_the_program_loads_the_catalogue(po: polib.POFile) -> None:
    catalog = load_catalog("vi")
    assert catalog.get(KNOWN) == "Tệp cơ sở dữ liệu bị hỏng. Vui lòng khôi phục từ bản sao lưu."
    # What the program loads is what the .po says: a stale centre_desk.mo (preferred when present) would differ.
    expected = {e.msgid: e.msgstr for e in po.translated_entries()}
    loaded = {msgid: msgstr for msgid, msgstr in catalog.items() if msgid}
    assert loaded == expected, "the loaded catalogue differs from the .po; delete or recompile centre_desk.mo"


def test_no_stale_messages(extracted: dict[str, list[tuple[str, int]]], po: polib.POFile) -> None:
    stale = [e.msgid for e in _active(po) if e.msgid not in extracted]
    assert not stale, "in the .po but no longer in the code (run installer/messages.py extract):\n" + "\n".join(stale)


def test_header(po: polib.POFile) -> None:
    assert po.metadata.get("Language") == "vi"
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    assert po.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"
    assert not po.metadata_is_fuzzy


# The extraction script itself.

SAMPLE = """
from centre_desk.i18n import N_, _

LATER = N_(
    "Nothing was saved; "
    "please try again."
)

def f(name, x):
    print(_("Hello {name}").format(name=name))
    print(_(LATER))
    print(_(f"bad {x}"))
    print(obj._("not a marker"))
    print(_("Hello {name}"))
"""


def test_extract_from_source() -> None:
    found, warnings = messages.extract_from_source(SAMPLE, "sample.py")
    assert sorted(found) == [
        ("Hello {name}", 10),
        ("Hello {name}", 14),
        ("Nothing was saved; please try again.", 4),
    ]
    assert warnings == ["sample.py:12: _() of a non-literal (JoinedStr) cannot be translated"]


def test_extract_refuses_unparsable_code() -> None:
    with pytest.raises(messages.ExtractError, match=r"broken\.py:1"):
        messages.extract_from_source('_("unclosed"\n', "broken.py")


OLD_PO = """msgid ""
msgstr ""
"Language: en\\n"

msgid "The disk is full. Nothing was saved."
msgstr "Ổ đĩa đã đầy. Chưa có gì được lưu."

msgid "Director"
msgstr "Giám đốc"

msgid "Never translated."
msgstr ""

#~ msgid "Prepared by"
#~ msgstr "Người lập"
"""


def test_update_is_idempotent_and_keeps_translations() -> None:
    renamed = "The disk is full. Nothing was saved; free some space."
    code = {
        "Prepared by": [("centre_desk/b.py", 3)],
        renamed: [("centre_desk/a.py", 7)],
        "New one {n}.": [("centre_desk/a.py", 2)],
        "Director": [("centre_desk/a.py", 1), ("centre_desk/b.py", 9)],
    }
    po = polib.pofile(OLD_PO, encoding="utf-8")
    stats = messages.update_catalog(po, code, drop_obsolete=False)
    assert stats == {"added": 2, "fuzzy": 1, "revived": 1, "obsoleted": 1, "dropped": 1}
    first = str(po)
    again = polib.pofile(first, encoding="utf-8")
    stats = messages.update_catalog(again, code, drop_obsolete=False)
    assert str(again) == first
    assert stats == {"added": 0, "fuzzy": 0, "revived": 0, "obsoleted": 0, "dropped": 0}

    assert again.metadata["Language"] == "vi"
    entries = {e.msgid: e for e in again}
    assert [e.msgid for e in again if not e.obsolete] == sorted(code)
    assert entries["Director"].msgstr == "Giám đốc"
    assert entries["Director"].occurrences == [("centre_desk/a.py", 1), ("centre_desk/b.py", 9)]
    assert entries["Prepared by"].msgstr == "Người lập" and not entries["Prepared by"].obsolete
    assert entries["New one {n}."].msgstr == "" and "python-brace-format" in entries["New one {n}."].flags
    assert "Never translated." not in entries
    # A reworded message starts from the old translation, marked fuzzy so that nobody ships it unchecked;
    # the old one stays as an obsolete entry, which the program ignores.
    old = "The disk is full. Nothing was saved."
    assert entries[renamed].fuzzy and entries[renamed].previous_msgid == old
    assert entries[renamed].msgstr == entries[old].msgstr and entries[old].obsolete
