"""The embedded fonts: Liberation Serif and Sans 2.x, which cover every Vietnamese letter."""

from __future__ import annotations

from functools import cache
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from centre_desk.paths import resource

SERIF = "CD-Serif"
SANS = "CD-Sans"
_FACES: dict[str, tuple[Literal[0, 1], Literal[0, 1]]] = {
    "Regular": (0, 0),
    "Bold": (1, 0),
    "Italic": (0, 1),
    "BoldItalic": (1, 1),
}


@cache
def register_fonts() -> tuple[str, str]:
    """Register both families once per process; returns (serif, sans) family names."""
    for family, stem in ((SERIF, "LiberationSerif"), (SANS, "LiberationSans")):
        for face, (bold, italic) in _FACES.items():
            name = family if face == "Regular" else f"{family}-{face}"
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{stem}-{face}.ttf"))))
            addMapping(family, bold, italic, name)
    return SERIF, SANS
