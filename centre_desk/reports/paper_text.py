"""Text rules of the admission papers: administrative units written as the papers write them, ages and
terms of address, lists of items. Pure functions over reports/paper_inputs.py; no layout here."""

from __future__ import annotations

import datetime
import re

from centre_desk.formatting import format_date
from centre_desk.reports.official import Paragraph
from centre_desk.reports.paper_inputs import CentreHeader, Home, Person
from centre_desk.text import fold, nfc

BLANK = "……………………"  # room to write by hand
CHILD_AGE = 16  # a child is under 16 (Law on Children 2016, Art. 1)
ADULT_AGE = 18  # a person under 18 has a legal representative (Civil Code 2015, Art. 21, 136)
_POINT = re.compile(r"^[a-zđ]\) ")  # "a) ", "đ) ": a point of an article

# Administrative units: the kind is written in lower case before the name, mid-sentence ("xã Hồng Thu").
_VILLAGE_KINDS = ("bản", "thôn", "xóm", "tổ", "khu", "tiểu khu", "ấp", "làng", "khối", "buôn", "phố", "cụm")
_COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
_PROVINCE_KINDS = ("tỉnh", "thành phố")
_DISTRICT_KINDS = ("huyện", "thị xã", "thành phố", "quận")
_ABBREVIATED = {"tp": "thành phố", "tt": "thị trấn", "tx": "thị xã"}
_ALL_KINDS = sorted(
    {*_VILLAGE_KINDS, *_COMMUNE_KINDS, *_PROVINCE_KINDS, *_DISTRICT_KINDS}, key=lambda k: -len(k.split())
)
# A kind word at the start of the text or of a part ("…, Tỉnh Lai Châu", "(Phường Tân Phong"), before a name.
_KIND_IN_TEXT = re.compile(
    r"(?:^|(?<=, )|(?<=\())(" + "|".join(re.escape(k) for k in _ALL_KINDS) + r")(?= \w)", re.IGNORECASE
)


def _kind_of(text: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind in lower case, the rest) when `text` starts with one of `kinds` (or its abbreviation)."""
    words = text.split()
    folded = [fold(w).rstrip(".") for w in words]
    if folded and folded[0] in _ABBREVIATED and _ABBREVIATED[folded[0]] in kinds and len(words) > 1:
        return _ABBREVIATED[folded[0]], " ".join(words[1:])
    for kind in sorted(kinds, key=lambda k: -len(k.split())):
        size = len(kind.split())
        if len(words) > size and folded[:size] == fold(kind).split():
            return kind, " ".join(words[size:])
    return None


def with_kind(name: str, kinds: tuple[str, ...], default: str) -> str:
    """ "Tả Lèng" -> "xã Tả Lèng"; "Xã Hồng Thu" -> "xã Hồng Thu"; "TP Lai Châu" -> "thành phố Lai Châu"."""
    text = " ".join(nfc(name).split())
    if not text:
        return ""
    found = _kind_of(text, kinds)
    if found is None:
        return f"{default} {text}"
    kind, rest = found
    return f"{kind} {rest}"


def lower_unit_kinds(text: str) -> str:
    """ "Phường Tân Phong, Tỉnh Lai Châu" -> "phường Tân Phong, tỉnh Lai Châu", for an address quoted
    mid-sentence; names are left as typed."""
    return _KIND_IN_TEXT.sub(lambda m: m.group(1).lower(), nfc(text))


def without_prefix(text: str, word: str) -> str:
    """The text without a leading `word` typed into it: ("Lớp 9", "lớp") -> "9", ("Tiếng Mông", "tiếng") ->
    "Mông", so the paper's own "lớp"/"tiếng" is not doubled."""
    words = " ".join(nfc(text).split()).split(" ")
    if len(words) > 1 and fold(words[0]) == fold(word):
        return " ".join(words[1:])
    return " ".join(words)


def home_line(home: Home) -> str:
    """ "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu (trước đây thuộc huyện Tam Đường)"."""
    parts = [
        with_kind(home.village, _VILLAGE_KINDS, "bản"),
        with_kind(home.commune, _COMMUNE_KINDS, "xã"),
        with_kind(home.province, _PROVINCE_KINDS, "tỉnh"),
    ]
    text = ", ".join(p for p in parts if p)
    if home.legacy_district.strip():
        text += f" (trước đây thuộc {with_kind(home.legacy_district, _DISTRICT_KINDS, 'huyện')})"
    return text


def age_at(person: Person, day: datetime.date) -> int | None:
    if person.birth_date is not None:
        born = person.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if person.birth_year is not None:
        return day.year - person.birth_year
    return person.estimated_age


def term_of_address(person: Person, day: datetime.date) -> str:
    """ "cháu" for a person under 18 (a child in the trafficking law), else "bà" / "ông"; "" when the sex is other."""
    age = age_at(person, day)
    if age is not None and age < ADULT_AGE:
        return "cháu"
    return {"nữ": "bà", "nam": "ông"}.get(nfc(person.sex).strip().lower(), "")


def named(person: Person, day: datetime.date, capital: bool = False) -> str:
    term = term_of_address(person, day)
    if capital and term:
        term = term.capitalize()
    return f"{term} {person.full_name}".strip()


def birth_text(person: Person) -> str:
    if person.birth_date is not None:
        return f"sinh ngày {format_date(person.birth_date)}"
    if person.birth_year is not None:
        return f"sinh năm {person.birth_year}"
    if person.estimated_age is not None:
        return f"khoảng {person.estimated_age} tuổi (ước tính)"
    return "chưa rõ năm sinh"


def id_text(person: Person) -> str:
    if not person.id_paper.strip():
        return "không có"
    return f"{person.id_paper} số {person.id_number}" if person.id_number.strip() else person.id_paper


def or_blank(text: str) -> str:
    return text.strip() or BLANK


def items(lines: list[str]) -> list[Paragraph]:
    """One line per item ending with ";", the last with "."; a dash in front unless the item brings its
    own point letter as the law numbers them ("a) Hỗ trợ nhu cầu thiết yếu")."""
    out = []
    for index, raw in enumerate(lines):
        text = raw.strip().rstrip(";.")
        mark = "" if _POINT.match(text) else "- "
        out.append(Paragraph(f"{mark}{text}{'.' if index == len(lines) - 1 else ';'}"))
    return out


def abbreviation_of(centre: CentreHeader) -> str:
    """The centre's abbreviation in a document's symbol ("CSBTXH"), or the initials of its name when none is set."""
    abbreviation = "".join(centre.abbreviation.split()).upper()
    if not abbreviation:
        abbreviation = "".join(word[0] for word in fold(centre.centre_name).split() if word[0].isalnum()).upper()
    return abbreviation
