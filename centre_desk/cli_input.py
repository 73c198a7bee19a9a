"""What the command line reads from standard input: a password, a recovery key, a passphrase — one line each."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from centre_desk.errors import UserError
from centre_desk.i18n import _

if TYPE_CHECKING:  # the command line's parser, --help and --version load no database layer
    from centre_desk.security.access import Actor
    from centre_desk.services.installation import Centre


def read_stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise UserError(_("Expected {what} on standard input.").format(what=what))
    return line.rstrip("\r\n")


def sign_in(centre: Centre, login: str) -> Actor:
    """The account of `--user`, its password read from standard input."""
    return centre.accounts.authenticate(login, read_stdin_line(_("the password")))
