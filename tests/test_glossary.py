"""docs/thuat-ngu.md is the one name of each thing: the catalogue and the papers must use it.

The glossary's tables are read by their headers (see the top of docs/thuat-ngu.md):
* terms: every msgid containing an English phrase of a row has a translation containing the row's term;
* fixed names: the translation of that exact msgid is the term;
* banned words: in no translation and in no words of the papers' code;
* paper words: each occurs in the papers' code;
and every English phrase of the glossary occurs in the catalogue (no dead entries).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "thuat-ngu.md"
CATALOGUE = ROOT / "resources" / "locale" / "vi" / "LC_MESSAGES" / "centre_desk.po"
PAPERS = [
    *sorted((ROOT / "centre_desk" / "reports").rglob("*.py")),
    *sorted((ROOT / "centre_desk" / "services" / "documents").rglob("*.py")),
    ROOT / "centre_desk" / "services" / "health" / "summary.py",
]

TERMS = ("Thuật ngữ", "Chuỗi gốc tiếng Anh", "Nghĩa, căn cứ")
FIXED = ("Thuật ngữ", "Chuỗi gốc tiếng Anh (nguyên văn)", "Nghĩa, căn cứ")
PAPER_WORDS = ("Thuật ngữ trên văn bản", "Nghĩa, căn cứ")
BANNED = ("Không dùng", "Dùng", "Lý do")

# (English phrase, msgid) -> why the translation may use another form. Keep it short.
ALLOWED = {
    ("referring agency", "Referring agency and officer"): "'Cơ quan, cán bộ chuyển đến' names the two fields at once",
    ("province", "Transfer from another province's centre"): "'tỉnh khác': another province, not an address field",
    ("centre", "Transfer from another province's centre"): "another province's centre is a 'cơ sở trợ giúp xã hội'",
    (
        "province",
        "Statistics for the province. The program does not make them yet. The Overview shows the residents "
        "in the centre today and this month's admissions; the Residents page filters the list by year, "
        "channel and age.",
    ): "the provincial authority: 'báo cáo tỉnh'",
    ("the record", "The record no longer exists."): "any row (an account, a draft, a setting): 'Dữ liệu này'",
    ("screen lock", "Saved: the screen locks after {minutes} minutes without use."): "a verb: 'màn hình tự khóa'",
}


@dataclass
class Glossary:
    terms: list[tuple[list[str], list[str]]] = field(default_factory=list)  # (accepted terms, English phrases)
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (term, exact msgid)
    paper_words: list[str] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_glossary(text: str) -> Glossary:
    found = Glossary()
    header: tuple[str, ...] | None = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = tuple(cells)
            assert header in (TERMS, FIXED, PAPER_WORDS, BANNED), f"unknown table in the glossary: {line}"
            continue
        if set(line) <= set("|-: "):
            continue
        bold = re.findall(r"\*\*(.+?)\*\*", cells[0])
        english = re.findall(r"`([^`]+)`", cells[1]) if len(cells) > 1 else []
        if header == TERMS:
            assert bold and english, f"a term needs a bold term and an English phrase: {line}"
            found.terms.append((bold, english))
        elif header == FIXED:
            assert len(bold) == 1 and len(english) == 1, f"a fixed name has one term and one msgid: {line}"
            found.fixed.append((bold[0], english[0]))
        elif header == PAPER_WORDS:
            assert len(bold) == 1, f"a paper word is one bold term: {line}"
            found.paper_words.append(bold[0])
        else:
            assert cells[0], f"a banned word cannot be empty: {line}"
            found.banned.append(cells[0])
    return found


def plain(text: str) -> str:
    """What a reader sees: NFC, no access-key '&', one space, case folded."""
    text = unicodedata.normalize("NFC", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).casefold()


def _english(msgid: str) -> str:
    return plain(re.sub(r"\{[^}]*\}", " ", msgid))


def mentions(msgid: str, phrase: str) -> bool:
    """Whether the English `msgid` contains `phrase` as words (a plural or possessive allowed)."""
    pattern = rf"(?<![\w/-]){re.escape(plain(phrase))}(?:s|'s)?(?![\w/-])"  # not inside "centre-desk"
    return re.search(pattern, _english(msgid)) is not None


def read_catalogue(path: Path) -> dict[str, str]:
    po = polib.pofile(str(path), encoding="utf-8")
    return {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr}


def _strings(tree: ast.AST) -> Iterator[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def paper_words(paths: list[Path]) -> str:
    """Every string literal of the papers' code (f-string pieces included, docstrings left out)."""
    return "\n".join(s for p in paths for s in _strings(ast.parse(p.read_text(encoding="utf-8"))))


def term_problems(glossary: Glossary, catalogue: dict[str, str]) -> list[str]:
    found = []
    every = [p for _accepted, phrases in glossary.terms for p in phrases]
    for accepted, phrases in glossary.terms:
        for phrase in phrases:
            # a longer phrase of its own row decides: "resident code" is "mã hồ sơ", not "đối tượng"
            longer = [p for p in every if p != phrase and mentions(p, phrase)]
            for msgid, msgstr in catalogue.items():
                if (phrase, msgid) in ALLOWED or not mentions(msgid, phrase):
                    continue
                if any(mentions(msgid, p) for p in longer):
                    continue
                if not any(plain(term) in plain(msgstr) for term in accepted):
                    found.append(f"{msgid!r} (contains {phrase!r}) is {msgstr!r}: use {' / '.join(accepted)!r}")
    return found


def fixed_problems(glossary: Glossary, catalogue: dict[str, str]) -> list[str]:
    found = []
    for term, msgid in glossary.fixed:
        shown = plain(catalogue.get(msgid, "")).rstrip(":… ")
        if msgid in catalogue and shown != plain(term):
            found.append(f"{msgid!r} is {catalogue[msgid]!r}: the glossary says {term!r}")
    return found


def banned_problems(glossary: Glossary, catalogue: dict[str, str], papers: str) -> list[str]:
    found = []
    for word in glossary.banned:
        found += [
            f"{word!r} in the translation of {msgid!r}" for msgid, s in catalogue.items() if plain(word) in plain(s)
        ]
        if plain(word) in plain(papers):
            found.append(f"{word!r} in the words of the papers")
    return found


def dead_entries(glossary: Glossary, catalogue: dict[str, str], papers: str) -> list[str]:
    found = [
        f"no msgid contains {phrase!r}"
        for _accepted, phrases in glossary.terms
        for phrase in phrases
        if not any(mentions(msgid, phrase) for msgid in catalogue)
    ]
    found += [f"no msgid {msgid!r}" for _term, msgid in glossary.fixed if msgid not in catalogue]
    found += [f"the papers never say {word!r}" for word in glossary.paper_words if plain(word) not in plain(papers)]
    found += [f"ALLOWED names an unknown msgid {msgid!r}" for _phrase, msgid in ALLOWED if msgid not in catalogue]
    return found


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return read_glossary(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    return read_catalogue(CATALOGUE)


@pytest.fixture(scope="module")
def papers() -> str:
    return paper_words(PAPERS)


def test_the_glossary_covers_the_domain(glossary: Glossary) -> None:
    terms = {plain(t) for accepted, _phrases in glossary.terms for t in accepted}
    assert {"đối tượng", "nạn nhân", "kênh tiếp nhận", "cơ quan chuyển đến", "cán bộ chuyển đến", "nơi cư trú",
            "trẻ em", "người dưới 18 tuổi", "người giám hộ", "hồ sơ", "bí danh", "tái nhập", "tài sản giữ hộ",
            "đồng ý", "đang xác định là nạn nhân"} <= terms  # fmt: skip
    fixed = {plain(t) for t, _msgid in glossary.fixed}
    assert {"hỗ trợ nhu cầu thiết yếu", "không đồng ý", "lãnh đạo trung tâm", "tài khoản cán bộ"} <= fixed
    assert len(glossary.terms) >= 50 and len(glossary.fixed) >= 60 and len(glossary.banned) >= 20


def test_the_catalogue_uses_the_terms(glossary: Glossary, catalogue: dict[str, str]) -> None:
    problems = term_problems(glossary, catalogue)
    assert not problems, "\n".join(problems)


def test_fixed_names_are_translated_as_listed(glossary: Glossary, catalogue: dict[str, str]) -> None:
    problems = fixed_problems(glossary, catalogue)
    assert not problems, "\n".join(problems)


def test_banned_words_appear_nowhere(glossary: Glossary, catalogue: dict[str, str], papers: str) -> None:
    problems = banned_problems(glossary, catalogue, papers)
    assert not problems, "\n".join(problems)


def test_no_dead_entries(glossary: Glossary, catalogue: dict[str, str], papers: str) -> None:
    problems = dead_entries(glossary, catalogue, papers)
    assert not problems, "\n".join(problems)


def test_the_papers_name_the_support_as_the_screens_do(catalogue: dict[str, str]) -> None:
    from centre_desk.services import documents
    from centre_desk.services.intake_terms import SUPPORT_CATEGORIES

    for key, (_letter, msgid) in SUPPORT_CATEGORIES.items():
        assert plain(documents.words.SUPPORT_WORDS[key]) == plain(catalogue[msgid]), key


def test_the_checks_catch_what_main_had(glossary: Glossary) -> None:
    """Entries as they were before the glossary: each kind of check must object."""
    before = {
        "C&hannel:": "&Nguồn tiếp nhận:",
        "Referred by:": "Kênh chuyển đến:",
        "referring officer": "cán bộ bàn giao",
        "Needs medical care now": "Cần chăm sóc y tế ngay",
        "Refused": "Bị từ chối",
        "&Minors only": "Chỉ trẻ &em (dưới 18 tuổi)",
        "Home": "Quê quán",
        "Accompanying child": "Con đi cùng",
    }
    terms = "\n".join(term_problems(glossary, before))
    for wrong in ("Nguồn tiếp nhận", "cán bộ bàn giao", "Cần chăm sóc y tế ngay"):
        assert wrong in terms
    fixed = "\n".join(fixed_problems(glossary, before))
    assert "'Bị từ chối'" in fixed
    banned = "\n".join(banned_problems(glossary, before, 'f"Hình thức tiếp nhận: {x}"'))
    for wrong in ("Nguồn tiếp nhận", "Kênh chuyển đến", "Cán bộ bàn giao", "Bị từ chối", "Quê quán", "Con đi cùng",
                  "Trẻ em (dưới 18", "Hình thức tiếp nhận"):  # fmt: skip
        assert repr(wrong) in banned, wrong
    assert dead_entries(glossary, before, "")  # most English phrases are missing from this small catalogue
