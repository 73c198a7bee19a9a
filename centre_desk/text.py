"""Text rules used by every layer: NFC normalisation, invisible characters, accent folding."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import TypeVar

T = TypeVar("T")

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})
_FOLDED_AWAY = ("Mn", "Cf")  # accents and other combining marks; invisible format characters


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC, the only form stored by the program."""
    return unicodedata.normalize("NFC", value)


def visible(value: str) -> str:
    """`value` without invisible format characters (Unicode category Cf): bidi embeddings,
    overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E/F), zero-width
    space and joiners (U+200B–U+200D), word joiner (U+2060), byte order mark (U+FEFF), soft
    hyphen, tags … What is left is what the screen shows: "Ma\u200bi" is "Mai"."""
    if value.isascii():
        return value
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def fold(value: str) -> str:
    """Fold case, accents and đ/Đ, and ignore invisible characters: "Đặng Đức\u200b Độ" -> "dang duc do"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) not in _FOLDED_AWAY)
    return unicodedata.normalize("NFC", stripped).casefold()


def normalized(obj: T) -> T:
    """Return a copy of a dataclass instance with every str field in NFC.

    Nested dataclasses, tuples and lists of strings are normalised too.
    """
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("normalized() takes a dataclass instance")
    changes = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        new = _normalize_value(value)
        if new is not value:
            changes[field.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj


def _normalize_value(value: object) -> object:
    if isinstance(value, str):
        new = nfc(value)
        return value if new == value else new
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return normalized(value)
    if isinstance(value, tuple):
        items = tuple(_normalize_value(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, list):
        return [_normalize_value(v) for v in value]
    return value
