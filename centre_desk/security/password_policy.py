"""What makes a password acceptable: 8–128 characters, not a common password, not built
from the person's or the centre's own names (ASVS 6.2.1–6.2.5: no composition rules).

And the one rule for a database passphrase (the key-wrapping secret used where no secure
keyring exists), enforced where the passphrase is set, whichever way it was typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.paths import resource
from centre_desk.text import fold, nfc

MIN_LENGTH = 8
MAX_LENGTH = 128
PASSPHRASE_MIN_LENGTH = 12
PASSPHRASE_MAX_LENGTH = 1024
_SQUASH = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", fold(text))


@cache
def common_passwords() -> frozenset[str]:
    lines = resource("security", "common-passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(_squash(line) for line in lines if line and not line.startswith("#"))


_OWN_WORDS = frozenset({"centredesk", "trungtam", "baotroxahoi", "congtacxahoi"})


def _too_common(text: str) -> bool:
    squashed = _squash(text)
    return squashed in common_passwords() or len(set(squashed)) <= 2


def _made_of(text: str, context: Iterable[str]) -> bool:
    """A context word or the program's own words, with at most some digits around it."""
    squashed = _squash(text)
    words = {_squash(w) for text in context for w in [text, *text.split()] if len(_squash(w)) >= 4}
    for word in words | _OWN_WORDS:
        rest = squashed.replace(word, "")
        if word in squashed and (not rest or rest.isdigit()):
            return True
    return False


def check_passphrase(passphrase: str, repeat: str | None = None) -> str:
    """The database passphrase in NFC, or ValidationError: 12 to 1024 characters, no control
    characters, not a common password nor one or two characters repeated, and the same when typed
    again (`repeat`, where the prompt asks twice). Every path that SETS a passphrase (the prompt,
    --passphrase-file, standard input, the first-run wizard, recovery) ends in PassphraseCustody.save,
    which calls this; the prompts call it first to answer before the slow work."""
    passphrase = nfc(passphrase)
    if repeat is not None and nfc(repeat) != passphrase:
        raise ValidationError("passphrase_repeat", _("The two passphrases differ."))
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        raise ValidationError("passphrase", _("The database passphrase must have at least 12 characters."))
    if len(passphrase) > PASSPHRASE_MAX_LENGTH:
        raise ValidationError("passphrase", _("The database passphrase may have at most 1024 characters."))
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in passphrase):
        raise ValidationError("passphrase", _("The database passphrase contains characters that cannot be typed."))
    if _too_common(passphrase) or _made_of(passphrase, ()):
        raise ValidationError(
            "passphrase", _("This passphrase is too common and easy to guess. Please choose another one.")
        )
    return passphrase


def check_password(password: str, context: Iterable[str] = ()) -> None:
    """ValidationError with a clear message, or nothing when the password is acceptable."""
    if len(password) < MIN_LENGTH:
        raise ValidationError("password", _("The password must have at least 8 characters."))
    if len(password) > MAX_LENGTH:
        raise ValidationError("password", _("The password may have at most 128 characters."))
    if _too_common(password):
        raise ValidationError(
            "password", _("This password is too common and easy to guess. Please choose another one.")
        )
    if _made_of(password, context):
        raise ValidationError(
            "password",
            _("The password must not be made of your name, your login or the centre's name."),
        )
