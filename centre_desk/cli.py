"""The `centre-desk` command: the desktop program, and administration subcommands.

Every subcommand that reads or writes case data signs in as a staff account
(password on standard input) and is audited.
"""

from __future__ import annotations

import argparse
import getpass
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from centre_desk import __version__
from centre_desk.cli_input import read_stdin_line, sign_in
from centre_desk.cli_print import add_print_command, cmd_print, open_centre
from centre_desk.errors import CentreDeskError, KeyUnavailable, UserError
from centre_desk.i18n import _, install
from centre_desk.log import setup_logging
from centre_desk.paths import data_dir, restrict_new_files, tighten_data_dir, write_atomic

if TYPE_CHECKING:
    from centre_desk.services.installation import Options

# SQLAlchemy, the models and the services are imported by the command that needs them, not here: --help,
# --version and a wrong option answer at once (tests/test_cli.py checks what they load).
log = logging.getLogger(__name__)


def _passphrase_reader(path: str | None) -> Callable[[bool], str]:
    def ask(confirm: bool) -> str:
        from centre_desk.security.password_policy import check_passphrase

        if path:  # a new passphrase is checked where it is set (PassphraseCustody.save), as typed ones are
            return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        try:
            first = getpass.getpass(_("Database passphrase: "))
            if confirm:
                check_passphrase(first, getpass.getpass(_("Repeat the passphrase: ")))
        except (EOFError, OSError) as exc:
            raise KeyUnavailable(
                _("No secure system keyring is available: give the database passphrase with --passphrase-file.")
            ) from exc
        return first

    return ask


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="centre-desk",
        description=_("Case management for social protection centres. Without a command, starts the program."),
    )
    parser.add_argument("--version", action="version", version=f"centre-desk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("data directory (default: the user data folder)"))
    parser.add_argument("--db", metavar="URL", help=_("database file or postgresql://user@host/db"))
    parser.add_argument("--passphrase-file", metavar="FILE", help=_("file holding the database passphrase"))
    parser.add_argument("--lang", choices=("vi", "en"), help=_("language of messages"))
    parser.add_argument(
        "--debug", action="store_true", help=_("log stalls of the screen over 100 ms, with where the program was")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help=_("create the database and the first manager account"))
    p.add_argument("--manager", required=True, metavar="LOGIN")
    p.add_argument("--full-name", required=True, metavar="NAME")
    p.add_argument("--centre", required=True, metavar="NAME")
    p.add_argument("--parent-agency", default="", metavar="NAME", help=_("e.g. SỞ Y TẾ TỈNH LAI CHÂU"))
    p.add_argument("--place", default="", metavar="NAME", help=_("place name for the date line of documents"))
    p.add_argument("--director", default="", metavar="NAME", help=_("the director's full name"))
    p.add_argument("--password-stdin", action="store_true", required=True)
    p.add_argument("--recovery-pdf", metavar="FILE", help=_("also write the recovery key sheet as a PDF"))

    def signed_in(name: str, help_text: str) -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help_text)
        q.add_argument("--user", required=True, metavar="LOGIN")
        q.add_argument("--password-stdin", action="store_true", required=True)
        return q

    p = signed_in("check", _("verify encryption, structure, schema version and the audit trail"))
    p.add_argument(
        "--repair", action="store_true",
        help=_("put back the audit trail's protection and copies (recorded in the audit trail)"),
    )  # fmt: skip
    p.add_argument(
        "--backup", action="append", default=[], metavar="FILE",
        help=_("also compare the audit trail with this backup (e.g. one kept on a USB stick)"),
    )  # fmt: skip
    p = signed_in("backup", _("write an encrypted, verified backup"))
    p.add_argument("-o", "--output", metavar="FILE")
    p = signed_in("restore", _("replace the database with a verified backup"))
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("recover", help=_("restore this computer's keys from the recovery key"))
    p.add_argument("--recovery-key-stdin", action="store_true", required=True)
    p.add_argument("--backup", metavar="FILE", help=_("rebuild a missing database from this backup"))
    p = sub.add_parser("unlock", help=_("unlock a login locked by failed sign-ins, with the recovery key"))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--recovery-key-stdin", action="store_true", required=True)
    p = sub.add_parser("connect", help=_("use a PostgreSQL server from this computer"))
    p.add_argument("url", metavar="URL")
    p.add_argument("--password-stdin", action="store_true")
    add_print_command(signed_in)
    p = signed_in("residents", _("list residents as CSV (names only with identity access)"))
    p.add_argument("--search", default="", metavar="TEXT", help=_("name, alias or code; accents may be left out"))
    p.add_argument("--present", action="store_true", help=_("only residents now in the centre"))
    p.add_argument("-o", "--output", metavar="FILE.csv", help=_("write to this file instead of the screen"))
    p = sub.add_parser("demo", help=_("create a separate demo database with synthetic residents"))
    p.add_argument(
        "--residents", type=int, default=300, metavar="N", help=_("number of synthetic residents (default 300)")
    )
    p.add_argument(
        "--data-dir", dest="demo_dir", metavar="DIR",
        help=_("folder of the demo database (default: the demo folder inside the data directory)"),
    )  # fmt: skip
    p.add_argument(
        "--password-stdin", action="store_true", help=_("read the password of the 'demo' account from standard input")
    )
    p.add_argument("--open", action="store_true", help=_("start the program on the demo database afterwards"))
    return parser


def _cmd_init(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.models.staff import Role
    from centre_desk.services.dto import NewAccount
    from centre_desk.services.installation import initialise
    from centre_desk.services.settings import CentreDetails

    password = read_stdin_line(_("the password"))
    manager = NewAccount(args.manager, args.full_name, password, frozenset({Role.MANAGER}))
    details = CentreDetails(
        date.today(),
        args.centre,
        parent_agency=args.parent_agency,
        place_name=args.place,
        director_name=args.director,
        director_title=_("Director") if args.director else "",
    )
    centre, recovery_key = initialise(options, manager, details)
    try:
        print(_("Database created: {where}").format(where=centre.target.describe()))
        print(_("Manager account: {login}").format(login=manager.login.casefold()))
        print()
        print(_("RECOVERY KEY (shown only once; print it and keep it in the director's safe):"))
        print()
        print("    " + recovery_key)
        print()
        if args.recovery_pdf:
            from centre_desk.reports.recovery_sheet import write_recovery_sheet  # reportlab only when asked

            write_recovery_sheet(Path(args.recovery_pdf), recovery_key, centre.centre_name(), centre.target.describe())
            print(_("Recovery sheet written: {path}").format(path=args.recovery_pdf))
    finally:
        centre.close()
    return 0


def _cmd_check(options: Options, args: argparse.Namespace) -> int:
    centre = open_centre(options)
    try:
        found = centre.maintenance.inspect([Path(b) for b in args.backup])  # before the sign-in writes
        report = centre.maintenance.check(sign_in(centre, args.user), found, repair=args.repair)
    finally:
        centre.close()
    for line in report.passed:
        print("✓ " + line)
    for line in report.problems:
        print("✗ " + line)
    print("OK" if report.ok else _("PROBLEMS FOUND"))
    return 0 if report.ok else 1


def _cmd_backup(options: Options, args: argparse.Namespace) -> int:
    centre = open_centre(options)
    try:
        actor = sign_in(centre, args.user)
        info = centre.backups.create(actor, Path(args.output).resolve() if args.output else None)
    finally:
        centre.close()
    print(
        _("Backup written and verified: {path} ({size} bytes, {seconds:.1f} s)").format(
            path=info.path, size=info.size_bytes, seconds=info.seconds
        )
    )
    return 0


def _cmd_restore(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.services.recovery import restore

    centre = open_centre(options)
    try:
        actor = sign_in(centre, args.user)
        centre, info = restore(centre, actor, Path(args.file).resolve())
    finally:
        centre.close()
    print(_("Database restored from {path}.").format(path=info.restored_from))
    if info.replaced_copy is not None:
        print(_("The replaced database was kept at {path}.").format(path=info.replaced_copy))
    return 0


def _cmd_recover(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.services.recovery import recover

    key = read_stdin_line(_("the recovery key"))
    centre = recover(options, key, Path(args.backup).resolve() if args.backup else None)
    centre.close()
    print(_("Access restored: the keys of this database are stored on this computer again."))
    return 0


def _cmd_unlock(options: Options, args: argparse.Namespace) -> int:
    key = read_stdin_line(_("the recovery key"))
    centre = open_centre(options)
    try:
        centre.accounts.unlock_with_recovery_key(args.login, key)
    finally:
        centre.close()
    print(_("The login {login} is unlocked and can sign in again.").format(login=args.login.strip().casefold()))
    return 0


def _cmd_connect(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.db.location import resolve_target, save_connection
    from centre_desk.security import credentials

    target = resolve_target(options.data_dir, args.url)
    if target.url is None:
        raise UserError(_("Give a PostgreSQL address such as postgresql://user@server/centre."))
    if args.password_stdin:
        credentials.set_secret(target.secret_name(), read_stdin_line(_("the password")))
    save_connection(options.data_dir, target.url)
    print(_("This computer now uses the server {where}.").format(where=target.describe()))
    return 0


def _cmd_residents(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.services.registry import Presence, RegistryFilter  # only this command needs them

    wanted = RegistryFilter(search=args.search, presence=Presence.PRESENT if args.present else Presence.ALL)
    centre = open_centre(options)
    try:
        actor = sign_in(centre, args.user)
        # The whole list first, then out: the export's audit row is committed before any line leaves, even
        # when the reader stops early (`| head`).
        buffer = io.StringIO()
        centre.registry.export_csv(actor, wanted, buffer)
    finally:
        centre.close()
    if args.output:
        write_atomic(Path(args.output), buffer.getvalue().encode("utf-8-sig"))
    else:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()
    return 0


def _cmd_demo(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.services.demo import create as demo  # the generator and its name lists: only here
    from centre_desk.services.demo.counselling import COUNSELLOR_LOGIN
    from centre_desk.services.demo.health_text import NURSE_LOGIN
    from centre_desk.services.installation import Options

    folder = Path(args.demo_dir).expanduser().resolve() if args.demo_dir else options.data_dir / "demo"
    password = read_stdin_line(_("the password")) if args.password_stdin else demo.new_demo_password()
    print(_("Creating the demo database…"), file=sys.stderr)
    made = demo.create_demo(folder, password, args.residents)
    summary = made.summary
    print(_("Demo database created: {where}").format(where=made.where))
    print(
        _("{count} synthetic residents ({readmissions} readmissions), {seconds:.1f} s").format(
            count=summary.residents, readmissions=summary.readmissions, seconds=summary.seconds
        )
    )
    lodging = summary.lodging
    print(
        _("{rooms} rooms, {beds} beds, {occupied} occupied").format(
            rooms=lodging.rooms, beds=lodging.beds, occupied=lodging.occupied
        )
    )
    print(
        _(
            "Census: {count} residents: {present} present, {on_leave} on leave ({overdue} overdue), "
            "{hospital} in hospital, {absent} absent without permission; {unplaced} without a bed"
        ).format(
            count=lodging.in_centre, present=lodging.present, on_leave=lodging.on_leave, overdue=lodging.overdue,
            hospital=lodging.hospital, absent=lodging.absent, unplaced=lodging.unplaced,
        )
    )  # fmt: skip
    left, followed = summary.discharge, summary.follow_up
    print(
        _(
            "Left the centre: {approved} ({transfers} transfers), {requests} requests under way, {reopened} reopened; "
            "follow-up after reintegration: {contacts} contacts with {followed} people, {late} late"
        ).format(
            approved=left.approved, transfers=left.transfers, requests=left.open_requests, reopened=left.reopened,
            contacts=followed.contacts, followed=followed.followed, late=followed.late,
        )
    )  # fmt: skip
    print(_("Sign in as: demo"))
    print(_("The nurse's account: {login}, with the same password").format(login=NURSE_LOGIN))
    print(_("The counsellor's account: {login}, with the same password").format(login=COUNSELLOR_LOGIN))
    if not args.password_stdin:
        print(_("Password: {password}").format(password=password))
    if not args.open:
        print(_("Open it with: centre-desk --data-dir {where}").format(where=folder))
        return 0
    from centre_desk.app import run

    demo_options = Options(folder, None, ask_passphrase=lambda _confirm: password)
    return run(demo_options, language=args.lang)


COMMANDS: dict[str, Callable[[Options, argparse.Namespace], int]] = {
    "print": cmd_print,
    "residents": _cmd_residents,
    "demo": _cmd_demo,
    "init": _cmd_init,
    "check": _cmd_check,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "recover": _cmd_recover,
    "unlock": _cmd_unlock,
    "connect": _cmd_connect,
}


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush does not fail again
    (the Python documentation's recipe for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (tests capture it)


def _early_language(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    restrict_new_files()  # files 0600, folders 0700 from here on (POSIX)
    argv = list(sys.argv[1:] if argv is None else argv)
    early = _early_language(argv)
    if early:
        install(early)  # before the parser, so that --help is translated too
    args = build_parser().parse_args(argv)
    directory = data_dir(args.data_dir)
    from centre_desk.options import Options, no_passphrase  # light: the desktop program draws its sign-in first

    options = Options(directory, args.db, ask_passphrase=_passphrase_reader(args.passphrase_file))
    if args.command is None:
        if not args.passphrase_file:
            options.ask_passphrase = no_passphrase  # the desktop program asks in a dialog
        from centre_desk.app import run  # the Qt program, loaded only when it is wanted

        return run(options, language=args.lang, debug=args.debug)
    setup_logging(directory / "logs")
    tighten_data_dir(directory)
    try:
        return COMMANDS[args.command](options, args)
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (`centre-desk residents | head`): nothing to say
        return 1
    except UserError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    except CentreDeskError:
        log.exception("command failed")
        print(_("Unexpected error; details are in the log."), file=sys.stderr)
        return 1
