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
from centre_desk.db.location import resolve_target, save_connection
from centre_desk.errors import CentreDeskError, KeyUnavailable, UserError
from centre_desk.formatting import parse_date
from centre_desk.i18n import _, install
from centre_desk.log import setup_logging
from centre_desk.models.staff import Role
from centre_desk.paths import data_dir, restrict_new_files, tighten_data_dir, write_atomic
from centre_desk.security import credentials
from centre_desk.security.access import Actor
from centre_desk.security.password_policy import check_passphrase
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre, Options, initialise, no_passphrase, open_centre
from centre_desk.services.recovery import recover, restore
from centre_desk.services.settings import CentreDetails

if TYPE_CHECKING:
    from centre_desk.services.documents.dto import IssuedPaper

log = logging.getLogger(__name__)
DOCUMENT_KINDS = ("admission-record", "admission-decision", "belongings-receipt")  # reports/paper_inputs.KINDS
LODGING_KINDS = ("roll-call", "bed-board")  # LodgingService.roll_call_pdf / board_pdf: no resident, no number
HEALTH_KINDS = ("health-summary",)  # HealthPapers.summary_pdf_by_code: numbered like the admission papers
CARE_PLAN_KINDS = ("care-plan",)  # CarePlanPapers.plan_pdf_by_code: numbered once approved, else a draft
ACTIVITY_KINDS = ("attendance",)  # ActivityService.attendance_pdf: a group session's sheet; CODE is the session id
PAYMENT_KINDS = ("payment-list",)  # PaymentPapers.list_pdf: a period and a category, numbered (DS)


def _read_stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise UserError(_("Expected {what} on standard input.").format(what=what))
    return line.rstrip("\r\n")


def _passphrase_reader(path: str | None) -> Callable[[bool], str]:
    def ask(confirm: bool) -> str:
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
    p = signed_in(
        "print",
        _(
            "print a paper as PDF: an admission paper of a resident (a decision or record takes the next number "
            "of the document register), the health summary for the commune health station (numbered too), the "
            "care plan (numbered once approved), the payment list of a period (numbered), the night roll-call sheet, "
            "the bed board or the attendance sheet of a group session"
        ),
    )
    kinds = (*DOCUMENT_KINDS, *HEALTH_KINDS, *CARE_PLAN_KINDS, *PAYMENT_KINDS, *LODGING_KINDS, *ACTIVITY_KINDS)
    p.add_argument("kind", choices=kinds, metavar="|".join(kinds))
    p.add_argument("code", nargs="?", default="", metavar="CODE",
                   help=_("the resident code, e.g. LC-2026-0007; attendance: the session's number"))  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--date", default="", metavar="DD/MM/YYYY",
                   help=_("roll-call: the evening to list (default: today)"))  # fmt: skip
    p.add_argument("--from", dest="date_from", default="", metavar="DD/MM/YYYY",
                   help=_("payment-list: the first day of the period"))  # fmt: skip
    p.add_argument("--to", dest="date_to", default="", metavar="DD/MM/YYYY",
                   help=_("payment-list: the last day of the period"))  # fmt: skip
    p.add_argument("--category", default="", metavar="KEY",
                   help=_("payment-list: one support only, e.g. essential, schooling, initial_allowance"))  # fmt: skip
    p.add_argument("--building", default="", metavar="NAME", help=_("bed-board: only this building"))
    p.add_argument("--floor", default="", metavar="NAME", help=_("bed-board: only this floor"))
    p.add_argument(
        "--include-sensitive", action="store_true",
        help=_("health-summary: add the sensitive health information (tests, reproductive health, restricted entries)"),
    )  # fmt: skip
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


def _sign_in(centre: Centre, login: str) -> Actor:
    return centre.accounts.authenticate(login, _read_stdin_line(_("the password")))


def _cmd_init(options: Options, args: argparse.Namespace) -> int:
    password = _read_stdin_line(_("the password"))
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
        report = centre.maintenance.check(_sign_in(centre, args.user), found, repair=args.repair)
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
        actor = _sign_in(centre, args.user)
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
    centre = open_centre(options)
    try:
        actor = _sign_in(centre, args.user)
        centre, info = restore(centre, actor, Path(args.file).resolve())
    finally:
        centre.close()
    print(_("Database restored from {path}.").format(path=info.restored_from))
    if info.replaced_copy is not None:
        print(_("The replaced database was kept at {path}.").format(path=info.replaced_copy))
    return 0


def _cmd_recover(options: Options, args: argparse.Namespace) -> int:
    key = _read_stdin_line(_("the recovery key"))
    centre = recover(options, key, Path(args.backup).resolve() if args.backup else None)
    centre.close()
    print(_("Access restored: the keys of this database are stored on this computer again."))
    return 0


def _cmd_unlock(options: Options, args: argparse.Namespace) -> int:
    key = _read_stdin_line(_("the recovery key"))
    centre = open_centre(options)
    try:
        centre.accounts.unlock_with_recovery_key(args.login, key)
    finally:
        centre.close()
    print(_("The login {login} is unlocked and can sign in again.").format(login=args.login.strip().casefold()))
    return 0


def _cmd_connect(options: Options, args: argparse.Namespace) -> int:
    target = resolve_target(options.data_dir, args.url)
    if target.url is None:
        raise UserError(_("Give a PostgreSQL address such as postgresql://user@server/centre."))
    if args.password_stdin:
        credentials.set_secret(target.secret_name(), _read_stdin_line(_("the password")))
    save_connection(options.data_dir, target.url)
    print(_("This computer now uses the server {where}.").format(where=target.describe()))
    return 0


def _print_lodging(options: Options, args: argparse.Namespace, output: Path) -> int:
    """`print roll-call [--date D]` and `print bed-board [--building B] [--floor F]`: lists of the centre, not
    outgoing documents, so no number is taken from the register."""
    if args.code:
        raise UserError(_("The {kind} paper is not about one resident: leave out the code.").format(kind=args.kind))
    if args.kind == "roll-call" and (args.building or args.floor):
        raise UserError(_("--building and --floor are for the bed board."))
    if args.kind == "bed-board" and args.date:
        raise UserError(_("The bed board is printed as it is now: leave out --date."))
    day = parse_date(args.date) if args.date else None
    if args.date and day is None:
        raise UserError(_("{text} is not a date: write it as DD/MM/YYYY.").format(text=args.date))
    centre = open_centre(options)
    try:
        actor = _sign_in(centre, args.user)
        if args.kind == "roll-call":
            pdf = centre.lodging.roll_call_pdf(actor, day)
        else:
            pdf = centre.lodging.board_pdf(actor, args.building.strip(), args.floor.strip())
    finally:
        centre.close()
    write_atomic(output, pdf)
    print(_("Document written: {path}").format(path=output))
    return 0


def _print_attendance(options: Options, args: argparse.Namespace, output: Path) -> int:
    """`print attendance SESSION_ID`: the attendance sheet of a group session, a list of the centre (no number)."""
    if not args.code.strip().isdigit():
        raise UserError(_("Give the number of the group session, e.g. centre-desk print attendance 12 -o FILE.pdf."))
    if args.date or args.building or args.floor:
        raise UserError(_("--date, --building and --floor are for the roll-call sheet and the bed board."))
    centre = open_centre(options)
    try:
        pdf = centre.activities.attendance_pdf(_sign_in(centre, args.user), int(args.code))
    finally:
        centre.close()
    write_atomic(output, pdf)
    print(_("Document written: {path}").format(path=output))
    return 0


def _day_argument(text: str, option: str) -> date:
    day = parse_date(text)
    if day is None:
        raise UserError(_("Give {option} as a date DD/MM/YYYY.").format(option=option))
    return day


def _print_payments(options: Options, args: argparse.Namespace) -> IssuedPaper:
    """`print payment-list --from D --to D [--category KEY]`: the list of the period, numbered from the register."""
    if args.code or args.date or args.building or args.floor:
        raise UserError(_("The payment list takes --from, --to and --category only."))
    start, end = _day_argument(args.date_from, "--from"), _day_argument(args.date_to, "--to")
    centre = open_centre(options)
    try:
        return centre.payment_papers.list_pdf(_sign_in(centre, args.user), start, end, args.category.strip(),
                                              issue=True)  # fmt: skip
    finally:
        centre.close()


def _cmd_print(options: Options, args: argparse.Namespace) -> int:
    output = Path(args.output)
    if not output.parent.is_dir():  # before the number is issued: a paper issued and never written is a gap
        raise UserError(_("The folder {folder} does not exist.").format(folder=output.parent))
    if args.include_sensitive and args.kind not in HEALTH_KINDS:
        raise UserError(_("--include-sensitive is for the health summary."))
    if (args.date_from or args.date_to or args.category) and args.kind not in PAYMENT_KINDS:
        raise UserError(_("--from, --to and --category are for the payment list."))
    if args.kind in LODGING_KINDS:
        return _print_lodging(options, args, output)
    if args.kind in ACTIVITY_KINDS:
        return _print_attendance(options, args, output)
    if args.kind in PAYMENT_KINDS:
        return _written(output, _print_payments(options, args))
    if not args.code:
        raise UserError(_("Give the resident code, e.g. LC-2026-0007."))
    if args.date or args.building or args.floor:
        raise UserError(_("--date, --building and --floor are for the roll-call sheet and the bed board."))
    centre = open_centre(options)
    try:
        actor = _sign_in(centre, args.user)
        if args.kind in HEALTH_KINDS:
            issued = centre.health_papers.summary_pdf_by_code(actor, args.code, args.include_sensitive, issue=True)
        elif args.kind in CARE_PLAN_KINDS:
            issued = centre.care_plan_papers.plan_pdf_by_code(actor, args.code, issue=True)
        else:
            issued = centre.documents.issue_by_code(actor, args.kind, args.code)
    finally:
        centre.close()
    return _written(output, issued)


def _written(output: Path, issued: IssuedPaper) -> int:
    write_atomic(output, issued.pdf)
    if issued.entry is None:
        print(_("Document written: {path}").format(path=output))
    elif issued.copy:
        print(_("Copy (BẢN SAO) of document No. {number} written: {path}").format(
            number=issued.entry.number_text, path=output))  # fmt: skip
    else:
        print(_("Document No. {number} issued and written: {path}").format(
            number=issued.entry.number_text, path=output))  # fmt: skip
    return 0


def _cmd_residents(options: Options, args: argparse.Namespace) -> int:
    from centre_desk.services.registry import Presence, RegistryFilter  # only this command needs them

    wanted = RegistryFilter(search=args.search, presence=Presence.PRESENT if args.present else Presence.ALL)
    centre = open_centre(options)
    try:
        actor = _sign_in(centre, args.user)
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

    folder = Path(args.demo_dir).expanduser().resolve() if args.demo_dir else options.data_dir / "demo"
    password = _read_stdin_line(_("the password")) if args.password_stdin else demo.new_demo_password()
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
    "print": _cmd_print,
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
    options = Options(directory, args.db, ask_passphrase=_passphrase_reader(args.passphrase_file))
    if args.command is None:
        if not args.passphrase_file:
            options.ask_passphrase = no_passphrase  # the desktop program asks in a dialog
        from centre_desk.app import run  # the Qt program, loaded only when it is wanted

        return run(options, language=args.lang)
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
