"""The lodging papers, laid out by reports/official.py (Decree 30/2020/NĐ-CP):

* the night roll-call sheet — "DANH SÁCH điểm danh buổi tối": one table per room (No., bed, name or alias,
  sex and age, presence as recorded, an EMPTY "Ký xác nhận" column for the resident's signature, "Ghi chú"),
  the room's count ("Sĩ số: có mặt x/y") under it, those without a bed last, the centre's count, then the
  duty officer and the person who took the roll-call sign;
* the bed board on paper — "SƠ ĐỒ GIƯỜNG": every room with its rules, its beds, their state and who sleeps
  in them, the residents without a bed and the count of beds by state.

Neither takes a number from the outgoing-document register: they are internal lists kept by the centre,
not administrative documents sent out (Decree 30/2020, Phụ lục III has no type for them), so the place of
"Số: …" is left empty. A demo database's papers carry the demo watermark (`marks`).

The input is plain frozen data with every word already in Vietnamese (services/lodging/papers.py fills it);
papers are always Vietnamese, whatever the screen language.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from centre_desk.formatting import format_date
from centre_desk.reports.official import (
    NO_MARKS,
    Block,
    Heading,
    OfficialDocument,
    PageMarks,
    Paragraph,
    Signer,
    Table,
    render,
)
from centre_desk.reports.paper_inputs import CentreHeader

__all__ = [
    "ABSENT",
    "BOARD_STATES",
    "HOSPITAL",
    "ON_LEAVE",
    "PRESENCE_WORDS",
    "PRESENT",
    "BoardBed",
    "BoardPaper",
    "BoardRoom",
    "RollCallLine",
    "RollCallRoom",
    "RollCallSheet",
    "board_document",
    "internal_list",
    "render_board",
    "render_roll_call",
    "roll_call_document",
    "who_column",
]  # fmt: skip

PRESENT, ON_LEAVE, HOSPITAL, ABSENT = "Có mặt", "Đi phép", "Nằm viện", "Vắng không phép"
PRESENCE_WORDS = (PRESENT, ON_LEAVE, HOSPITAL, ABSENT)  # the order of the counts
BOARD_STATES = ("Có người ở", "Trống", "Đã giữ chỗ", "Cần vệ sinh", "Ngừng sử dụng")
SIGN_HINT = "(Ký, ghi rõ họ tên)"
NO_BED = "Chưa bố trí giường"
LONG_ROOM = 20  # rows: a longer room's table does not pull its title to a new page (see _room_heading)
_BLANK_REFERENCE = " "  # the place of "Số: …", left empty: these papers take no register number
# Column widths in mm of the 165 mm text width (official.Table scales them): the 12 pt headers, "Vắng không
# phép" and "Ngừng sử dụng" on one line; a long name or note wraps.
ROLL_CALL_COLUMNS = (8.5, 17.0, 34.5, 20.5, 33.0, 25.7, 25.8)
BOARD_COLUMNS = (17.0, 30.0, 35.0, 20.5, 33.0, 29.5)


# -------------------------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class RollCallLine:
    bed: str  # "G2"; "" without a bed
    person: str  # the name, or the alias when the account may not see names
    sex_age: str  # "Nữ, 16"
    presence: str  # one of PRESENCE_WORDS
    note: str = ""  # "Hẹn về 16/05/2026"


@dataclass(frozen=True, slots=True)
class RollCallRoom:
    title: str  # "Phòng 101 (Nhà A, Tầng 1)"
    lines: tuple[RollCallLine, ...]


@dataclass(frozen=True, slots=True)
class RollCallSheet:
    centre: CentreHeader
    day: datetime.date
    taken_at: datetime.datetime  # local time the presence is shown as of: the roll-call, or now before it
    names_shown: bool
    legal_basis: str  # "Điều 17 Nghị định số 162/2025/NĐ-CP …" (the stay rules in force on `day`)
    rooms: tuple[RollCallRoom, ...]
    unplaced: tuple[RollCallLine, ...] = ()  # in the centre without a bed


@dataclass(frozen=True, slots=True)
class BoardBed:
    label: str
    state: str  # one of BOARD_STATES
    person: str = ""  # the occupant (name or alias)
    sex_age: str = ""
    presence: str = ""  # the occupant's presence word
    note: str = ""  # "Giữ chỗ cho …", the reason a bed is out of service, "Từ 02/05/2026"


@dataclass(frozen=True, slots=True)
class BoardRoom:
    title: str  # "Phòng 101 (Nhà A, Tầng 1)"
    rules: str  # "dành cho nữ, người từ 18 tuổi trở lên; 4 chỗ" (printed after "Phòng")
    beds: tuple[BoardBed, ...]


@dataclass(frozen=True, slots=True)
class BoardPaper:
    centre: CentreHeader
    moment: datetime.datetime  # local time of the board
    names_shown: bool
    rooms: tuple[BoardRoom, ...]
    unplaced: tuple[str, ...] = ()  # "Lò Thị Mai (Nữ, 16)"
    scope: str = ""  # "Nhà A, Tầng 1" when the board was filtered


# ------------------------------------------------------------------------------------------- pieces


def clock_text(moment: datetime.datetime) -> str:
    """ "21 giờ 00" """
    return f"{moment.hour:02d} giờ {moment.minute:02d}"


def _counted(words: Iterable[str], order: tuple[str, ...]) -> list[tuple[str, int]]:
    found = Counter(words)
    return [(w, found[w]) for w in order if found[w]] + [(w, n) for w, n in found.items() if w not in order]


def headcount(lines: tuple[RollCallLine, ...]) -> str:
    """ "có mặt 3/4; đi phép 1" — present of all, then the others by kind."""
    counts = _counted((line.presence for line in lines), PRESENCE_WORDS)
    present = sum(n for w, n in counts if w == PRESENT)
    others = [f"{w.lower()} {n}" for w, n in counts if w != PRESENT]
    return "; ".join([f"có mặt {present}/{len(lines)}", *others])


def who_column(names_shown: bool) -> str:
    """The heading of the people column: names, or aliases for an account that may not see names."""
    return "Họ và tên" if names_shown else "Bí danh"


def internal_list(centre: CentreHeader, day: datetime.date, **fields: object) -> OfficialDocument:
    """A list kept by the centre (no register number: the place of "Số: …" left empty), dated `day`."""
    return OfficialDocument(
        parent_agency=centre.parent_agency,
        issuer=centre.centre_name,
        number=None,
        symbol="",
        reference=_BLANK_REFERENCE,
        place=centre.place_name or "Lai Châu",
        date=day,
        **fields,  # type: ignore[arg-type]
    )


# ----------------------------------------------------------------------------------------- roll-call


def _room_heading(text: str, rows: int) -> Block:
    """A room's title, kept with its table (a Heading) — unless the table is longer than a page could take
    after it: reportlab would then start the whole room on a new page and leave the one before empty, so
    the title is a bold paragraph and the table splits where the page ends (its header repeated)."""
    if rows <= LONG_ROOM:
        return Heading(text, centred=False)
    return Paragraph(text, bold=True)


def _roll_call_table(lines: tuple[RollCallLine, ...], names_shown: bool) -> Table:
    rows = tuple(
        (str(n), line.bed or "—", line.person, line.sex_age, line.presence, "", line.note)
        for n, line in enumerate(lines, 1)
    )
    return Table(
        ("TT", "Giường", who_column(names_shown), "Giới tính, tuổi", "Tình trạng", "Ký xác nhận", "Ghi chú"),
        rows,
        col_widths=ROLL_CALL_COLUMNS,
        align=("center", "center", "left", "center", "left", "left", "left"),
    )


def roll_call_document(sheet: RollCallSheet) -> OfficialDocument:
    """Danh sách điểm danh buổi tối: the place-and-date line carries the roll-call's day."""
    centre = sheet.centre
    body: list[Block] = [
        Paragraph(
            f"Danh sách người được bố trí chỗ ở tạm thời tại {centre.centre_name or 'Trung tâm'} theo "
            f"{sheet.legal_basis}. Tình trạng có mặt ghi theo sổ theo dõi lúc {clock_text(sheet.taken_at)} "
            f"ngày {format_date(sheet.taken_at.date())}; người được điểm danh ký xác nhận vào cột “Ký xác nhận”.",
            italic=True,
        )
    ]
    everyone: list[RollCallLine] = []
    groups = [(room.title, room.lines) for room in sheet.rooms if room.lines]
    if sheet.unplaced:
        groups.append((NO_BED, sheet.unplaced))
    for n, (title, lines) in enumerate(groups, 1):
        body += [
            _room_heading(f"{n}. {title}", len(lines)),
            _roll_call_table(lines, sheet.names_shown),
            Paragraph(f"Sĩ số: {headcount(lines)}.", indent_first_line=False),
        ]
        everyone += lines
    if not groups:
        body.append(Paragraph("Không có người nào ở tại Trung tâm vào buổi tối này."))
    body.append(Paragraph(f"Tổng sĩ số toàn Trung tâm: {headcount(tuple(everyone))}.", bold=True))
    return internal_list(
        centre,
        sheet.day,
        kind="DANH SÁCH",
        subject=f"Điểm danh buổi tối ngày {format_date(sheet.day)}",
        body=tuple(body),
        signers=(
            Signer(title="CÁN BỘ TRỰC", name="", hint=SIGN_HINT),
            Signer(title="NGƯỜI ĐIỂM DANH", name="", hint=SIGN_HINT),
        ),
        title="Danh sách điểm danh buổi tối",
    )


def render_roll_call(sheet: RollCallSheet, marks: PageMarks = NO_MARKS) -> bytes:
    return render(roll_call_document(sheet), marks)


# --------------------------------------------------------------------------------------------- board


def bed_count(beds: Iterable[BoardBed]) -> str:
    """ "có người ở 3; trống 1" """
    return "; ".join(f"{w.lower()} {n}" for w, n in _counted((b.state for b in beds), BOARD_STATES))


def board_document(paper: BoardPaper) -> OfficialDocument:
    """Sơ đồ giường: every room of the board (or of `scope`) with its beds."""
    scope = f" ({paper.scope})" if paper.scope.strip() else ""
    body: list[Block] = [
        Paragraph(
            f"Tình trạng phòng, giường{scope} theo sổ theo dõi lúc {clock_text(paper.moment)} ngày "
            f"{format_date(paper.moment.date())}.",
            italic=True,
        )
    ]
    beds: list[BoardBed] = []
    for n, room in enumerate(paper.rooms, 1):
        body.append(_room_heading(f"{n}. {room.title}", len(room.beds)))
        if room.beds:
            body.append(
                Table(
                    ("Giường", "Tình trạng", who_column(paper.names_shown), "Giới tính, tuổi", "Có mặt", "Ghi chú"),
                    tuple((b.label, b.state, b.person, b.sex_age, b.presence, b.note) for b in room.beds),
                    col_widths=BOARD_COLUMNS,
                    align=("center", "left", "left", "center", "left", "left"),
                )
            )
        beds_text = f"{len(room.beds)} giường ({bed_count(room.beds)})" if room.beds else "chưa có giường"
        body.append(Paragraph(f"Phòng {room.rules}; {beds_text}.", indent_first_line=False))
        beds += room.beds
    if not paper.rooms:
        body.append(Paragraph("Chưa có phòng nào."))
    if paper.unplaced:
        body.append(Paragraph(f"{NO_BED} ({len(paper.unplaced)} người): {'; '.join(paper.unplaced)}."))
    total = f"Tổng số: {len(paper.rooms)} phòng, {len(beds)} giường"
    body.append(Paragraph(f"{total} ({bed_count(beds)})." if beds else f"{total}.", bold=True))
    return internal_list(
        paper.centre,
        paper.moment.date(),
        kind="SƠ ĐỒ GIƯỜNG",
        subject=f"Tình trạng phòng, giường ngày {format_date(paper.moment.date())}",
        body=tuple(body),
        signers=(Signer(title="NGƯỜI LẬP", name="", hint=SIGN_HINT),),
        title="Sơ đồ giường",
    )


def render_board(paper: BoardPaper, marks: PageMarks = NO_MARKS) -> bytes:
    return render(board_document(paper), marks)
