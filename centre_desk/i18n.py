"""gettext-style translation with English source strings.

Vietnamese is the default language. Catalogues are the `.po` files under
resources/locale/<lang>/LC_MESSAGES/centre_desk.po, read with polib (a frozen
build may ship compiled `.mo` files instead, which are preferred when present).
"""

from __future__ import annotations

import contextlib
import gettext
import json
import logging
from pathlib import Path

import platformdirs

from centre_desk import APP_NAME, ORG_NAME
from centre_desk.paths import resource, write_atomic

log = logging.getLogger(__name__)

DOMAIN = "centre_desk"
DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")

_catalog: dict[str, str] | None = None
_language = DEFAULT_LANGUAGE
_loaded: dict[str, dict[str, str]] = {}  # each catalogue read once per process (the start-up reads it twice)


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
    return _read_po(po)


def _read_po(po: Path) -> dict[str, str]:
    """The .po's translations, through a JSON copy in the user's cache folder named after the .po's size and
    time: polib parses the 3,000-odd entries in 0.2–0.4 s, on every start before the sign-in window could show."""
    stat = po.stat()
    cached = (
        platformdirs.user_cache_path(APP_NAME, ORG_NAME) / f"catalogue-{po.parent.parent.name}-{stat.st_size}-"
        f"{stat.st_mtime_ns}.json"
    )
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(cached.read_bytes())
        if isinstance(loaded, dict):
            return {str(key): str(value) for key, value in loaded.items()}
    import polib  # only when the .po changed since the last start

    catalogue = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(po))
        if entry.msgstr and not entry.fuzzy and not entry.obsolete
    }
    with contextlib.suppress(OSError):  # a read-only home: parsed again next time
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, json.dumps(catalogue, ensure_ascii=False).encode("utf-8"))
    return catalogue


def install(lang: str) -> None:
    """Switch the language for the rest of the process."""
    global _catalog, _language
    _language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if _language not in _loaded:
        _loaded[_language] = load_catalog(_language)
    _catalog = dict(_loaded[_language])  # a copy: a test may add to it (tests/ui/registry/test_shots.py)


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
