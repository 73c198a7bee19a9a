"""What makes a password acceptable: 8–128 characters, not a common password, not built
from the person's or the centre's own names (ASVS 6.2.1–6.2.5: no composition rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.paths import resource
from centre_desk.text import fold

MIN_LENGTH = 8
MAX_LENGTH = 128
_SQUASH = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", fold(text))


@cache
def common_passwords() -> frozenset[str]:
    lines = resource("security", "common-passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(_squash(line) for line in lines if line and not line.startswith("#"))


def check_password(password: str, context: Iterable[str] = ()) -> None:
    """ValidationError with a clear message, or nothing when the password is acceptable."""
    if len(password) < MIN_LENGTH:
        raise ValidationError("password", _("The password must have at least 8 characters."))
    if len(password) > MAX_LENGTH:
        raise ValidationError("password", _("The password may have at most 128 characters."))
    squashed = _squash(password)
    if squashed in common_passwords() or len(set(squashed)) <= 2:
        raise ValidationError(
            "password", _("This password is too common and easy to guess. Please choose another one.")
        )
    words = {_squash(w) for text in context for w in [text, *text.split()] if len(_squash(w)) >= 4}
    words |= {"centredesk", "trungtam", "baotroxahoi", "congtacxahoi"}
    for word in words:
        rest = squashed.replace(word, "")
        if word in squashed and (not rest or rest.isdigit()):
            raise ValidationError(
                "password",
                _("The password must not be made of your name, your login or the centre's name."),
            )
