"""Read-only reference data: ethnic groups, provinces and Lai Châu communes. No Qt.

The data lives in ``resources/reference/*.csv`` (sources and unverified rows: ``SOURCES.md`` there).
Each file is read once. Lookups ignore case, accents, đ/Đ, spaces, hyphens, dots and apostrophes.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from centre_desk.paths import resource
from centre_desk.text import fold, nfc

FOREIGN_NATIONAL_CODE = "55"
""""Người nước ngoài": a de-facto convention, not in List A (QĐ 121-TCTK/PPCĐ, 1979); unverified."""

_IGNORED = re.compile(r"[\s\-‐‑‒–—'’ʼ`´.]+")
_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh\s*pho|tp)(?:[\s.]+|$)")
_COMMUNE_PREFIX = re.compile(r"^(?:xa|phuong)(?:[\s.]+|$)")
_LEGACY_KINDS = {"xa": "xã", "phuong": "phường", "thitran": "thị trấn", "tt": "thị trấn"}
_LEGACY_PREFIX = re.compile(r"^(xa|phuong|thi\s*tran|tt)(?:[\s.]+|$)")
_DISTRICT_PREFIX = re.compile(r"^(?:huyen|thanh\s*pho|tp|thi\s*xa|tx)(?:[\s.]+|$)")
_LEGACY_UNIT = re.compile(r"^(xã|phường|thị trấn) (.+?)(?: \((.+)\))?$")


def _key(text: str) -> str:
    """Comparison key: folded, without spaces, hyphens, dots or apostrophes."""
    return _IGNORED.sub("", fold(nfc(text)).strip())


def _strip_prefix(pattern: re.Pattern[str], text: str) -> str | None:
    """The folded text without a leading prefix matched by `pattern`, or None if it has none."""
    folded = fold(nfc(text)).strip()
    match = pattern.match(folded)
    return folded[match.end() :] if match else None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _flag(cell: str, *, column: str) -> bool:
    if cell not in ("yes", "no"):
        raise ValueError(f"{column}: expected yes/no, got {cell!r}")
    return cell == "yes"


def _read(name: str) -> list[dict[str, str]]:
    with resource("reference", name).open(encoding="utf-8", newline="") as fh:
        return [{k: nfc(v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


# --- ethnic groups -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    """One ethnic group; `code` is the List A code (QĐ 121-TCTK/PPCĐ, 1979) prescribed by the MOH standards."""

    code: str
    name: str
    aliases: tuple[str, ...]
    lai_chau_order: int | None
    verified: bool

    @property
    def is_foreign(self) -> bool:
        return self.code == FOREIGN_NATIONAL_CODE


@functools.cache
def _all_ethnic_groups() -> tuple[EthnicGroup, ...]:
    groups = [
        EthnicGroup(
            code=row["code"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            lai_chau_order=int(row["lai_chau_order"]) if row["lai_chau_order"] else None,
            verified=_flag(row["verified"], column="verified"),
        )
        for row in _read("ethnic_groups.csv")
    ]
    native = [g for g in groups if not g.is_foreign]
    native.sort(key=lambda g: (g.lai_chau_order is None, g.lai_chau_order or 0, g.code))
    return tuple(native + [g for g in groups if g.is_foreign])


@functools.cache
def ethnic_groups(*, include_foreign: bool = False) -> tuple[EthnicGroup, ...]:
    """The 54 groups, Lai Châu's first (by `lai_chau_order`), then by code; 55 last if `include_foreign`."""
    groups = _all_ethnic_groups()
    return groups if include_foreign else tuple(g for g in groups if not g.is_foreign)


@functools.cache
def _ethnic_index() -> Mapping[str, EthnicGroup]:
    index: dict[str, EthnicGroup] = {}
    for group in _all_ethnic_groups():
        for label in (group.name, *group.aliases):
            other = index.setdefault(_key(label), group)
            if other is not group:
                raise ValueError(f"ethnic_groups.csv: {label!r} names both {other.code} and {group.code}")
    return index


def find_ethnic_group(text: str, *, include_foreign: bool = False) -> EthnicGroup | None:
    """The group whose code (exactly, e.g. "08", not "8"), name or alias is `text`, else None."""
    stripped = nfc(text).strip()
    for group in ethnic_groups(include_foreign=include_foreign):
        if group.code == stripped:
            return group
    found = _ethnic_index().get(_key(stripped)) if stripped else None
    if found is None or (found.is_foreign and not include_foreign):
        return None
    return found


def search_ethnic_groups(prefix: str, *, include_foreign: bool = False) -> list[EthnicGroup]:
    """Type-ahead: groups whose name or an alias starts with `prefix`, in `ethnic_groups()` order.

    An empty prefix returns every group.
    """
    wanted = _key(prefix)
    return [
        group
        for group in ethnic_groups(include_foreign=include_foreign)
        if any(_key(label).startswith(wanted) for label in (group.name, *group.aliases))
    ]


# --- provinces ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Province:
    """A province-level unit in force from 01/07/2025 (NQ 202/2025/QH15) and the legacy units it absorbed."""

    name: str
    kind: str  # "tỉnh" or "thành phố"
    merged_from: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        """E.g. "Tỉnh Lai Châu", "Thành phố Hồ Chí Minh"."""
        return f"{self.kind[:1].upper()}{self.kind[1:]} {self.name}"


@functools.cache
def provinces() -> tuple[Province, ...]:
    """The 34 current province-level units, in the file's order."""
    result = []
    for row in _read("provinces.csv"):
        if row["type"] not in ("tỉnh", "thành phố"):
            raise ValueError(f"provinces.csv: unknown type {row['type']!r}")
        result.append(
            Province(
                name=row["name"],
                kind=row["type"],
                merged_from=_split(row["merged_from"]),
                aliases=_split(row["aliases"]),
            )
        )
    return tuple(result)


@functools.cache
def _province_index() -> Mapping[str, Province]:
    index: dict[str, Province] = {}
    for province in provinces():
        for label in (province.name, *province.merged_from, *province.aliases):
            other = index.setdefault(_key(label), province)
            if other is not province:
                raise ValueError(f"provinces.csv: {label!r} names both {other.name} and {province.name}")
    return index


def find_province(text: str) -> Province | None:
    """The current unit for a current or legacy (pre-01/07/2025) name, with or without "tỉnh"/"thành phố"/"TP"."""
    index = _province_index()
    found = index.get(_key(text))
    if found is None:
        rest = _strip_prefix(_PROVINCE_PREFIX, text)
        if rest:
            found = index.get(_key(rest))
    return found


# --- Lai Châu communes -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune-level unit of Lai Châu from 01/07/2025 (NQ 1670/NQ-UBTVQH15).

    `formed_from` lists the old units, e.g. "thị trấn Than Uyên" or "xã Nùng Nàng (huyện Tam Đường)"; the old
    district is given only where the source gives it. `verified` is about that composition. `code` comes from a
    secondary source and is never verified (`code_verified`).
    """

    name: str
    kind: str  # "xã" or "phường"
    formed_from: tuple[str, ...]
    verified: bool
    code: str = ""
    code_verified: bool = False

    @property
    def full_name(self) -> str:
        """E.g. "Xã Mường Kim", "Phường Tân Phong"."""
        return f"{self.kind[:1].upper()}{self.kind[1:]} {self.name}"


@dataclass(frozen=True, slots=True)
class _LegacyUnit:
    kind: str
    name: str
    district: str | None
    commune: Commune


def _parse_variants(cell: str, *, commune: str) -> dict[str, list[str]]:
    variants: dict[str, list[str]] = {}
    for pair in _split(cell):
        variant, sep, canonical = pair.partition("=")
        if not sep:
            raise ValueError(f"lai_chau_communes.csv, {commune}: bad spelling variant {pair!r}")
        variants.setdefault(canonical.strip(), []).append(variant.strip())
    return variants


@functools.cache
def _communes_and_legacy() -> tuple[tuple[Commune, ...], tuple[tuple[_LegacyUnit, tuple[str, ...]], ...]]:
    communes: list[Commune] = []
    legacy: list[tuple[_LegacyUnit, tuple[str, ...]]] = []
    for row in _read("lai_chau_communes.csv"):
        if row["type"] not in ("xã", "phường"):
            raise ValueError(f"lai_chau_communes.csv: unknown type {row['type']!r}")
        commune = Commune(
            name=row["name"],
            kind=row["type"],
            formed_from=_split(row["formed_from"]),
            verified=_flag(row["verified"], column="verified"),
            code=row["code"],
            code_verified=_flag(row["code_verified"], column="code_verified"),
        )
        communes.append(commune)
        variants = _parse_variants(row["spelling_variants"], commune=commune.name)
        for entry in commune.formed_from:
            match = _LEGACY_UNIT.match(entry)
            if match is None:
                raise ValueError(f"lai_chau_communes.csv, {commune.name}: cannot read {entry!r}")
            kind, name, district = match.groups()
            unit = _LegacyUnit(kind=kind, name=name, district=district, commune=commune)
            legacy.append((unit, (name, *variants.pop(name, []))))
        if variants:
            raise ValueError(f"lai_chau_communes.csv, {commune.name}: variants of unknown units {sorted(variants)}")
    return tuple(communes), tuple(legacy)


def lai_chau_communes() -> tuple[Commune, ...]:
    """The 38 current units (36 xã + 2 phường), in the resolution's order."""
    return _communes_and_legacy()[0]


@functools.cache
def _commune_index() -> Mapping[str, Commune]:
    index: dict[str, Commune] = {}
    for commune in lai_chau_communes():
        if index.setdefault(_key(commune.name), commune) is not commune:
            raise ValueError(f"lai_chau_communes.csv: duplicate name {commune.name!r}")
    return index


def find_lai_chau_commune(text: str) -> Commune | None:
    """The current unit called `text` (with or without "xã"/"phường"), else None."""
    index = _commune_index()
    found = index.get(_key(text))
    if found is None:
        rest = _strip_prefix(_COMMUNE_PREFIX, text)
        if rest:
            found = index.get(_key(rest))
            if found is not None and _key(text).startswith("phuong") != (found.kind == "phường"):
                return None
    return found


def _legacy_matches(name: str, kind: str | None) -> list[tuple[_LegacyUnit, str]]:
    """(unit, matching spelling) for every old unit of type `kind` (any if None) whose name folds to `name`'s."""
    wanted = _key(name)
    return [
        (unit, spelling)
        for unit, spellings in _communes_and_legacy()[1]
        if kind is None or unit.kind == kind
        for spelling in spellings
        if _key(spelling) == wanted
    ]


def _accented_key(text: str) -> str:
    """Like `_key` but keeps accents: tells "Nậm Cha" from "Nậm Chà"."""
    return _IGNORED.sub("", nfc(text).casefold().strip())


def _district_key(district: str) -> str:
    rest = _strip_prefix(_DISTRICT_PREFIX, district)
    return _key(rest if rest else district)


def current_commune_for_legacy(old_name: str, old_district: str | None = None) -> Commune | None:
    """The current unit an old (before 01/07/2025) Lai Châu commune, ward or township became part of.

    `old_name` may carry its old type ("xã", "phường", "thị trấn"/"TT"), which disambiguates e.g. "thị trấn
    Mường Tè" (now xã Bum Tở) from "xã Mường Tè" (now xã Mường Tè). `old_district` rules out units whose old
    district is recorded and differs; units with no recorded district are kept. A name that still matches units
    in different current communes is ambiguous (None) unless only one of them matches with its accents, as with
    "Nậm Cha" (now xã Nậm Tăm) and "Nậm Chà" (now xã Mường Mô).
    """
    name = nfc(old_name).strip()
    candidates = _legacy_matches(name, None)
    prefixed = _LEGACY_PREFIX.match(fold(name))
    if prefixed is not None:
        kind = _LEGACY_KINDS[re.sub(r"\s+", "", prefixed.group(1))]
        name = _after_folded(name, prefixed.end())
        with_kind = _legacy_matches(name, kind) if name else []
        if with_kind:
            candidates = with_kind
    if old_district is not None and old_district.strip():
        wanted = _district_key(old_district)
        candidates = [(u, s) for u, s in candidates if u.district is None or _district_key(u.district) == wanted]
    targets = _unique(u.commune for u, _ in candidates)
    if len(targets) > 1:  # names that differ only in accents: the accents decide
        exact = _accented_key(name)
        targets = _unique(u.commune for u, s in candidates if _accented_key(s) == exact)
    return targets[0] if len(targets) == 1 else None


def _after_folded(text: str, folded_length: int) -> str:
    """What follows the shortest start of `text` whose fold is `folded_length` characters long."""
    for i in range(len(text) + 1):
        if len(fold(text[:i])) >= folded_length:
            return text[i:]
    return ""


def _unique(communes: Iterable[Commune]) -> list[Commune]:
    seen: list[Commune] = []
    for commune in communes:
        if all(commune is not s for s in seen):
            seen.append(commune)
    return seen


# --- Vietnamese alphabetical order ---------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: part of the letter (ă, â, ơ …)
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # ngang, huyền, hỏi, ngã, sắc, nặng


def _syllable_key(word: str) -> tuple[tuple[int, ...], int]:
    """The letters of one syllable as alphabet ranks (ă after a, đ after d, ư after u …), and its tone."""
    letters: list[int] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _LETTER_MARKS and letters and letters[-1] < len(_ALPHABET):
            marked = unicodedata.normalize("NFC", _ALPHABET[letters[-1]] + ch)
            letters[-1] = _ALPHABET.find(marked) if len(marked) == 1 and marked in _ALPHABET else letters[-1]
        elif ch in _ALPHABET:
            letters.append(_ALPHABET.index(ch))
        elif ch.isalnum():
            letters.append(len(_ALPHABET) + ord(ch))  # digits and other scripts after the letters
    return tuple(letters), tone


def vietnamese_key(text: str) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Sort key for Vietnamese dictionary order, syllable by syllable: the letters first (a ă â b c d đ e ê …),
    then the tone (none, huyền, hỏi, ngã, sắc, nặng). "Đoàn Kết" sorts after "Dào San"; "Sin Suối Hồ" before
    "Sìn Hồ"."""
    return tuple(_syllable_key(word) for word in re.split(r"[\s\-‐‑–—]+", nfc(text).strip()) if word)


def lai_chau_communes_in_order() -> tuple[Commune, ...]:
    """The 38 current units in Vietnamese alphabetical order of their names."""
    return _communes_sorted()


@functools.cache
def _communes_sorted() -> tuple[Commune, ...]:
    return tuple(sorted(lai_chau_communes(), key=lambda c: vietnamese_key(c.name)))


# --- commune suggestions -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommuneMatch:
    """A suggestion for what was typed: a current unit, found by its name or by one of the old units it absorbed
    (`old_unit`, e.g. "xã Ma Quai"); `old_district` is that old unit's district where the map records it."""

    commune: Commune
    old_unit: str = ""
    old_district: str = ""


def _starts(label: str, wanted: str) -> int | None:
    """0 when `label` starts with `wanted` (both compared as `_key`), 1 when one of its later words does."""
    words = [_key(w) for w in fold(nfc(label)).split()]
    if "".join(words).startswith(wanted):
        return 0
    return 1 if any("".join(words[i:]).startswith(wanted) for i in range(1, len(words))) else None


def search_communes(typed: str, limit: int = 20) -> list[CommuneMatch]:
    """Lai Châu units for a type-ahead: accents, case and spaces ignored ("hong thu" finds Hồng Thu), old names
    included ("Ma Quai" offers xã Hồng Thu, formerly xã Ma Quai). Current names first, then old names; names
    that start with what was typed before those with a later word that does; each in Vietnamese order.
    An empty `typed` lists every current unit."""
    prefixed = _LEGACY_PREFIX.match(fold(nfc(typed)).strip())
    text = _after_folded(nfc(typed).strip(), prefixed.end()) if prefixed else typed
    wanted, accented = _key(text), _accented_key(text)
    kind = _LEGACY_KINDS[re.sub(r"\s+", "", prefixed.group(1))] if prefixed else None
    if not wanted:
        return [CommuneMatch(c) for c in lai_chau_communes_in_order()][:limit]

    def order(name: str) -> tuple[bool, tuple[tuple[tuple[int, ...], int], ...]]:
        """Names typed with their accents first ("Nậm Cha" before "Nậm Chà"), then Vietnamese order."""
        return not _accented_key(name).startswith(accented), vietnamese_key(name)

    ranked: list[tuple[int, tuple[object, ...], CommuneMatch]] = []
    for commune in lai_chau_communes():
        where = _starts(commune.name, wanted)
        if where is not None:
            ranked.append(
                (where + (0 if kind in (None, commune.kind) else 4), order(commune.name), CommuneMatch(commune))
            )
    current = {id(m.commune) for _r, _k, m in ranked}
    for unit, spellings in _communes_and_legacy()[1]:
        same = unit.kind == unit.commune.kind and _key(unit.name) == _key(unit.commune.name)
        if same and id(unit.commune) in current:
            continue  # "xã Hồng Thu" inside xã Hồng Thu: already offered under its current name
        found = [w for w in (_starts(s, wanted) for s in spellings) if w is not None]
        if found:
            match = CommuneMatch(unit.commune, f"{unit.kind} {unit.name}", unit.district or "")
            ranked.append((min(found) + (0 if kind == unit.kind else 2), order(unit.name), match))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [match for _rank, _order, match in ranked][:limit]
