"""The `centre-desk` command's entry point: a sign of life first, everything else after.

Without a subcommand the desktop program starts, and its start-up window is shown before
SQLAlchemy, reportlab and the services are imported (they take a second or more on an office
PC). With a subcommand, or --help / --version, nothing of Qt is imported: the command line
starts as before.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

OPTIONS_WITH_VALUE = frozenset({"--data-dir", "--db", "--passphrase-file", "--lang"})
"""The parser's options before the subcommand that take a value (tests/test_app_start.py checks
this against cli.build_parser(), so the two cannot drift apart)."""
EXITS_EARLY = frozenset({"-h", "--help", "--version"})


def wants_desktop(argv: Sequence[str]) -> bool:
    """True when `argv` names no subcommand: the desktop program is what is asked for."""
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg in EXITS_EARLY:
            return False
        elif arg in OPTIONS_WITH_VALUE:
            value_next = True
        elif not arg.startswith("-"):
            return False  # a subcommand
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # what the parser would print, without loading it or the message catalogue
        from centre_desk import __version__

        print(f"centre-desk {__version__}")
        return 0
    if wants_desktop(args):
        from centre_desk.ui.startup import show_sign_of_life

        show_sign_of_life(args)
    from centre_desk.cli import main as cli_main

    return cli_main(args)
