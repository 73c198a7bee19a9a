"""The embedded fonts: Liberation Serif and Sans 2.x, which cover every Vietnamese letter.

Each family is registered once per process, when first wanted: the official papers use only the serif
(registering both costs a command-line print some 60 ms). Each face keeps the subsets it made: reportlab
subsets every face anew for every document (a tenth of a paper's time), while the papers of a kind use much
the same letters — the same subset is the same bytes.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from centre_desk.paths import resource

SERIF = "CD-Serif"
SANS = "CD-Sans"
_STEMS = {SERIF: "LiberationSerif", SANS: "LiberationSans"}
_FACES: dict[str, tuple[Literal[0, 1], Literal[0, 1]]] = {
    "Regular": (0, 0),
    "Bold": (1, 0),
    "Italic": (0, 1),
    "BoldItalic": (1, 1),
}


SUBSETS_KEPT = 32  # per face; a subset is 5–40 kB


def _keeping_subsets(font: TTFont) -> TTFont:
    """`font`, its face remembering the last subsets it made (by their letters, in their order)."""
    make = font.face.makeSubset

    @lru_cache(maxsize=SUBSETS_KEPT)
    def kept(codes: tuple[int, ...]) -> bytes:
        return bytes(make(list(codes)))

    font.face.makeSubset = lambda subset: kept(tuple(subset))  # type: ignore[method-assign]
    return font


@cache
def _register(family: str) -> str:
    stem = _STEMS[family]
    for face, (bold, italic) in _FACES.items():
        name = family if face == "Regular" else f"{family}-{face}"
        pdfmetrics.registerFont(_keeping_subsets(TTFont(name, str(resource("fonts", f"{stem}-{face}.ttf")))))
        addMapping(family, bold, italic, name)
    return family


def register_serif() -> str:
    """The serif family (four faces: "CD-Serif", "CD-Serif-Bold", …), registered once."""
    return _register(SERIF)


def register_fonts() -> tuple[str, str]:
    """Both families, registered once; returns (serif, sans) family names."""
    return _register(SERIF), _register(SANS)
