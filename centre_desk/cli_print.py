"""`centre-desk print KIND …`: every paper the command line writes — the admission papers, the health summary, the
care plan, the payment list (each numbered from the outgoing-document register when issued), the roll-call sheet,
the bed board and the attendance sheet of a group session (lists of the centre, no number). No Qt is loaded."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from centre_desk.cli_input import sign_in
from centre_desk.errors import UserError
from centre_desk.formatting import parse_date
from centre_desk.i18n import _
from centre_desk.paths import write_atomic

if TYPE_CHECKING:
    from centre_desk.services.documents.dto import IssuedPaper
    from centre_desk.services.installation import Centre, Options

DOCUMENT_KINDS = ("admission-record", "admission-decision", "belongings-receipt")  # reports/paper_inputs.KINDS
LODGING_KINDS = ("roll-call", "bed-board")  # LodgingService.roll_call_pdf / board_pdf: no resident, no number
HEALTH_KINDS = ("health-summary",)  # HealthPapers.summary_pdf_by_code: numbered like the admission papers
CARE_PLAN_KINDS = ("care-plan",)  # CarePlanPapers.plan_pdf_by_code: numbered once approved, else a draft
ACTIVITY_KINDS = ("attendance",)  # ActivityService.attendance_pdf: a group session's sheet; CODE is the session id
PAYMENT_KINDS = ("payment-list",)  # PaymentPapers.list_pdf: a period and a category, numbered (DS)
# DischargePapers.issue_by_code (reports/discharge_inputs.KINDS): the decision and the record numbered once approved
DISCHARGE_KINDS = ("discharge-decision", "handover", "case-summary", "belongings-return", "discharge-application")


def add_print_command(signed_in: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The `print` sub-command and its options, on the command line's parser."""
    p = signed_in(
        "print",
        _(
            "print a paper as PDF: an admission paper of a resident (a decision or record takes the next number "
            "of the document register), the health summary for the commune health station (numbered too), the "
            "care plan (numbered once approved), the discharge papers (the decision and the hand-over record "
            "numbered once the discharge is approved), the payment list of a period (numbered), the night roll-call "
            "sheet, "
            "the bed board or the attendance sheet of a group session"
        ),
    )
    kinds = (*DOCUMENT_KINDS, *HEALTH_KINDS, *CARE_PLAN_KINDS, *DISCHARGE_KINDS, *PAYMENT_KINDS, *LODGING_KINDS,
             *ACTIVITY_KINDS)  # fmt: skip
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
    p.add_argument("--include", default="", metavar="PART,…",
                   help=_("case-summary: add confidential parts, comma-separated: narrative, sensitive-health, "
                          "counselling-notes"))  # fmt: skip


def open_centre(options: Options) -> Centre:
    """The installation, its database layer imported only now: building the parser (for --help, or any other
    command) does not pay for it."""
    from centre_desk.services.installation import open_centre as open_installation

    return open_installation(options)


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
        actor = sign_in(centre, args.user)
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
        pdf = centre.activities.attendance_pdf(sign_in(centre, args.user), int(args.code))
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
        return centre.payment_papers.list_pdf(sign_in(centre, args.user), start, end, args.category.strip(),
                                              issue=True)  # fmt: skip
    finally:
        centre.close()


def cmd_print(options: Options, args: argparse.Namespace) -> int:
    output = Path(args.output)
    if not output.parent.is_dir():  # before the number is issued: a paper issued and never written is a gap
        raise UserError(_("The folder {folder} does not exist.").format(folder=output.parent))
    if args.include_sensitive and args.kind not in HEALTH_KINDS:
        raise UserError(_("--include-sensitive is for the health summary."))
    if args.include and args.kind != "case-summary":
        raise UserError(_("--include is for the case summary."))
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
        actor = sign_in(centre, args.user)
        if args.kind in HEALTH_KINDS:
            issued = centre.health_papers.summary_pdf_by_code(actor, args.code, args.include_sensitive, issue=True)
        elif args.kind in CARE_PLAN_KINDS:
            issued = centre.care_plan_papers.plan_pdf_by_code(actor, args.code, issue=True)
        elif args.kind in DISCHARGE_KINDS:
            parts = frozenset(p.strip() for p in args.include.split(",") if p.strip())
            issued = centre.discharge_papers.issue_by_code(actor, args.kind, args.code, parts)
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
