"""Bundled fonts for the screens, and the check that every Vietnamese letter renders."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from centre_desk.paths import resource

log = logging.getLogger(__name__)

UI_FAMILY = "Liberation Sans"
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
)


def load_fonts() -> None:
    """Register the bundled Liberation 2.x faces (after populating the font database:
    Qt otherwise keeps picking an installed Liberation 1.x Bold, which lacks Vietnamese)."""
    QFontDatabase.families()
    for stem in ("LiberationSans", "LiberationSerif"):
        for face in ("Regular", "Bold", "Italic", "BoldItalic"):
            if QFontDatabase.addApplicationFont(str(resource("fonts", f"{stem}-{face}.ttf"))) < 0:
                log.error("bundled font %s-%s could not be loaded", stem, face)


def missing_letters(family: str = UI_FAMILY) -> dict[str, str]:
    """Style -> letters the family cannot draw (empty when every style is complete)."""
    missing: dict[str, str] = {}
    for style, bold, italic in (("regular", False, False), ("bold", True, False), ("italic", False, True)):
        font = QFont(family, 11)
        font.setBold(bold)
        font.setItalic(italic)
        raw = QRawFont.fromFont(font)
        gaps = "".join(ch for ch in VIETNAMESE_LETTERS if not raw.supportsCharacter(ord(ch)))
        if gaps:
            missing[style] = gaps
    return missing
