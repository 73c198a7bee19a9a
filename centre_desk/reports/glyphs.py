"""Which characters the papers can print, from the character maps of the fonts they embed.

The papers use Liberation Serif (regular, bold, italic, bold italic; see fonts.py). A character
missing from those fonts would come out as an empty box or nothing at all — an official paper
with a wrong name and no warning — so every field that reaches a paper is checked here when it
is typed. Letters written right to left (Hebrew, which the fonts have, Arabic …) are refused
too: the papers are laid out left to right and would show them reversed.

No fallback font is shipped: Noto Sans CJK alone is about 16 MB per weight, and a Vietnamese
paper names a person in Latin letters anyway. The message suggests that, and keeping the
original spelling in the person's account (the narrative), which is never printed.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.text import visible

_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})
_NEVER = frozenset({"Cc", "Co", "Cn", "Cs"})  # controls, private use, unassigned, surrogates
_FACES = ("", "-Bold", "-Italic", "-BoldItalic")


@cache
def paper_characters() -> frozenset[int]:
    """The code points every face of the papers' font can draw (read once per process, ~0.1 s)."""
    from reportlab.pdfbase import pdfmetrics  # reportlab only when a text is first checked
    from reportlab.pdfbase.ttfonts import TTFont

    from centre_desk.reports.fonts import register_fonts

    serif, _sans = register_fonts()
    fonts = [pdfmetrics.getFont(serif + face) for face in _FACES]
    maps = [frozenset(font.face.charToGlyph) for font in fonts if isinstance(font, TTFont)]
    assert len(maps) == len(_FACES)
    return frozenset(c for c in frozenset.intersection(*maps) if unicodedata.category(chr(c)) not in _NEVER)


def unprintable(text: str) -> str | None:
    """The first character of `text` that a paper cannot show as typed, or None."""
    if text.isascii() and text.isprintable():
        return None
    drawable = paper_characters()
    for ch in text:
        if ord(ch) not in drawable:
            return ch
        if unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT and unicodedata.category(ch) != "Cf":
            return ch
    return None


def describe(ch: str) -> str:
    """ "王 (U+738B)"; only the code for a character that would not show by itself."""
    code = f"U+{ord(ch):04X}"
    return code if unicodedata.category(ch)[0] in "CMZ" else f"{ch} ({code})"


def printable_text(value: str, field: str, label: str, *, on_paper: bool = True, about_a_person: bool = True) -> str:
    """`value` without invisible format characters (spaces collapsed again where one was removed);
    ValidationError naming the field and the character when a paper could not print it."""
    shown = visible(value)
    if shown != value:
        shown = " ".join(shown.split())
    ch = unprintable(shown) if on_paper else None
    if ch is None:
        return shown
    message = _("{label} has a character that cannot be printed: {character}. Please write it in Latin letters.")
    if about_a_person:
        message += " " + _("The original spelling can be kept in the person's account, which is not printed.")
    raise ValidationError(field, message.format(label=label, character=describe(ch)))
