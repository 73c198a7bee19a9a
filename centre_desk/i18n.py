"""gettext-style translation with English source strings.

Vietnamese is the default language. Catalogues are the `.po` files under
resources/locale/<lang>/LC_MESSAGES/centre_desk.po, read with polib (a frozen
build may ship compiled `.mo` files instead, which are preferred when present).
"""

from __future__ import annotations

import gettext
import logging
from pathlib import Path

import polib

from centre_desk.paths import resource

log = logging.getLogger(__name__)

DOMAIN = "centre_desk"
DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")

_catalog: dict[str, str] | None = None
_language = DEFAULT_LANGUAGE


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    return resource("locale", lang, "LC_MESSAGES", DOMAIN + suffix)


def load_catalog(lang: str) -> dict[str, str]:
    """msgid -> msgstr for every translated, non-fuzzy entry of `lang`."""
    if lang == "en":
        return {}
    mo = catalog_path(lang, ".mo")
    if mo.exists():
        with mo.open("rb") as fh:
            translations = gettext.GNUTranslations(fh)
        return dict(translations._catalog)  # type: ignore[attr-defined]
    po = catalog_path(lang)
    if not po.exists():
        log.warning("no catalogue for language %s", lang)
        return {}
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(po))
        if entry.msgstr and not entry.fuzzy and not entry.obsolete
    }


def install(lang: str) -> None:
    """Switch the language for the rest of the process."""
    global _catalog, _language
    _language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _catalog = load_catalog(_language)


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` (an English source string)."""
    if _catalog is None:
        install(_language)
    assert _catalog is not None
    return _catalog.get(message, message)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it now."""
    return message
