"""The lodging papers' input from the census and the bed board: reports/lodging.py data, every word in
Vietnamese (papers are Vietnamese whatever the screen language, so these words are not in the catalogue).

The night roll-call sheet and the printed bed board are internal lists of the centre, not outgoing
documents: they take no number from the outgoing-document register (services/documents) and leave the
place of "Số: …" empty. People are shown as the census and the board give them: names for an account
allowed to see identity, aliases otherwise. Room warnings (keep-apart clashes, a manager's exception) are
not printed: a sheet may lie on a desk or be pinned to a wall.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.formatting import format_date
from centre_desk.models.lodging import BedState, Presence, Room, RoomAge, RoomSex
from centre_desk.models.resident import Sex
from centre_desk.reports import lodging as paper
from centre_desk.reports.marks import DEMO_WATERMARK, PageMarks
from centre_desk.reports.paper_inputs import CentreHeader
from centre_desk.services.documents.paper import centre_header
from centre_desk.services.lodging.dto import BedBoard, BedRow, Census, CensusRow, Occupant
from centre_desk.services.lodging.rules import LIMIT_SWITCH
from centre_desk.services.settings import details_on

PRESENCE_WORDS = {
    Presence.PRESENT: paper.PRESENT,
    Presence.ON_LEAVE: paper.ON_LEAVE,
    Presence.HOSPITAL: paper.HOSPITAL,
    Presence.ABSENT: paper.ABSENT,
    Presence.GONE: "Đã rời Trung tâm",
}
STATE_WORDS = dict(zip(
    (BedState.OCCUPIED, BedState.FREE, BedState.RESERVED, BedState.CLEANING, BedState.OUT_OF_SERVICE),
    paper.BOARD_STATES, strict=True,
))  # fmt: skip
SEX_WORDS = {Sex.FEMALE: "Nữ", Sex.MALE: "Nam", Sex.OTHER: "Khác"}
ROOM_SEX_WORDS = {RoomSex.FEMALE: "nữ", RoomSex.MALE: "nam", RoomSex.ANY: "nam và nữ"}
ROOM_AGE_WORDS = {
    RoomAge.CHILDREN: "người dưới 18 tuổi",
    RoomAge.ADULTS: "người từ 18 tuổi trở lên",
    RoomAge.MOTHERS_CHILDREN: "mẹ và con đi cùng",
    RoomAge.ANY: "mọi lứa tuổi",
}
# The lodging entitlement in force on the day (rules.py: the stay limit switches on the same day).
BASIS_FROM = "Điều 17 Nghị định số 162/2025/NĐ-CP ngày 29 tháng 6 năm 2025 của Chính phủ"
BASIS_BEFORE = "Nghị định số 09/2013/NĐ-CP ngày 11 tháng 01 năm 2013 của Chính phủ"


def marks(demo: bool) -> PageMarks:
    """The demo watermark on every page of a demo database's papers; nothing on a real one."""
    return PageMarks(watermark=DEMO_WATERMARK) if demo else PageMarks()


def legal_basis(day: date) -> str:
    return BASIS_FROM if day >= LIMIT_SWITCH else BASIS_BEFORE


def sex_age(sex: str, age: int | None) -> str:
    """ "Nữ, 16"; "Nữ" when the age is unknown."""
    word = SEX_WORDS.get(sex, sex)  # type: ignore[call-overload]
    return word if age is None else f"{word}, {age}"


def centre_on(s: Session, day: date) -> CentreHeader:
    return centre_header(details_on(s, day))


def _room_titles(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.execute(select(Room.id, Room.building, Room.floor, Room.name).where(Room.id.in_(ids)))
    return {int(i): room_title(b, f, n) for i, b, f, n in rows}


def room_title(building: str, floor: str, name: str) -> str:
    """ "Phòng 101 (Nhà A, Tầng 1)" """
    where = ", ".join(p for p in (building.strip(), floor.strip()) if p)
    return f"{name} ({where})" if where else name


# ----------------------------------------------------------------------------------------- roll-call


def day_month(moment: datetime) -> str:
    """ "09/12": the local day and month (a leave or an absence never spans a year)."""
    return format_date(moment.astimezone().date())[:5]


def _note(row: CensusRow) -> str:
    """The expected return of a leave ("quá hạn về" once past), the start of a stay in hospital or of an
    absence; the column is otherwise left for the officer's hand."""
    if row.presence is Presence.ON_LEAVE and row.leave is not None:
        back = day_month(row.leave.expected_back_at)
        return f"Quá hạn về ({back})" if row.leave.overdue else f"Hẹn về {back}"
    if row.presence in (Presence.HOSPITAL, Presence.ABSENT):
        return f"Từ {day_month(row.since)}"
    return ""


def _line(row: CensusRow) -> paper.RollCallLine:
    return paper.RollCallLine(
        bed=row.bed_label, person=row.label, sex_age=sex_age(row.sex, row.age),
        presence=PRESENCE_WORDS[row.presence], note=_note(row),
    )  # fmt: skip


def roll_call_sheet(s: Session, census: Census, room_ids: Sequence[int] = ()) -> paper.RollCallSheet:
    """The sheet of the census, room by room in the census's order; only `room_ids` when given (then those
    without a bed are left out)."""
    wanted = set(room_ids)
    placed = [r for r in census.rows if r.room_id is not None and (not wanted or r.room_id in wanted)]
    titles = _room_titles(s, {r.room_id for r in placed if r.room_id is not None})
    rooms: dict[int, list[paper.RollCallLine]] = {}
    for row in placed:
        assert row.room_id is not None
        rooms.setdefault(row.room_id, []).append(_line(row))
    unplaced = () if wanted else tuple(_line(r) for r in census.rows if r.room_id is None)
    return paper.RollCallSheet(
        centre=centre_on(s, census.day),
        day=census.day,
        taken_at=census.at.astimezone().replace(tzinfo=None),
        names_shown=census.names_shown,
        legal_basis=legal_basis(census.day),
        rooms=tuple(paper.RollCallRoom(titles[i], tuple(lines)) for i, lines in rooms.items()),
        unplaced=unplaced,
    )


# --------------------------------------------------------------------------------------------- board


def _bed(bed: BedRow) -> paper.BoardBed:
    who: Occupant | None = bed.occupant
    note = ""
    if who is not None:
        note = f"Từ {format_date(who.since.astimezone().date())}"
    elif bed.state == BedState.RESERVED and bed.reserved_for is not None:
        note = f"Giữ chỗ cho {bed.reserved_for.label}"
    elif bed.state == BedState.OUT_OF_SERVICE:
        note = bed.state_reason
    return paper.BoardBed(
        label=bed.label,
        state=STATE_WORDS[bed.state],
        person=who.label if who else "",
        sex_age=sex_age(who.sex, who.age) if who else "",
        presence=PRESENCE_WORDS[who.presence] if who else "",
        note=note,
    )


def board_paper(s: Session, board: BedBoard, building: str = "", floor: str = "") -> paper.BoardPaper:
    local = board.at.astimezone()
    rooms = tuple(
        paper.BoardRoom(
            title=room_title(r.building, r.floor, r.name),
            rules=f"dành cho {ROOM_SEX_WORDS[r.sex_rule]}, {ROOM_AGE_WORDS[r.age_rule]}; {r.capacity} chỗ",
            beds=tuple(_bed(b) for b in r.beds),
        )
        for r in board.rooms
    )
    unplaced = tuple(f"{o.label} ({sex_age(o.sex, o.age)})" for o in board.unplaced)
    return paper.BoardPaper(
        centre=centre_on(s, local.date()),
        moment=local.replace(tzinfo=None),
        names_shown=board.names_shown,
        rooms=rooms,
        unplaced=unplaced if not (building or floor) else (),
        scope=", ".join(p for p in (building, floor) if p),
    )
