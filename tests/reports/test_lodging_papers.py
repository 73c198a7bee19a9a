"""The lodging papers, read back with pdftotext: exactly the expected Vietnamese rows (tests/reports/expected/),
fonts embedded, the demo watermark on every page of a demo paper, a long room's table split across pages with
its header repeated. After a deliberate change of wording, regenerate with UPDATE_EXPECTED=1 and read the diff.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from centre_desk.reports.lodging import (
    ABSENT,
    HOSPITAL,
    ON_LEAVE,
    PRESENT,
    BoardBed,
    BoardPaper,
    BoardRoom,
    RollCallLine,
    RollCallRoom,
    RollCallSheet,
    headcount,
    render_board,
    render_roll_call,
)
from centre_desk.reports.marks import DEMO_WATERMARK, PageMarks
from centre_desk.reports.paper_inputs import CentreHeader
from centre_desk.services.lodging.papers import BASIS_BEFORE, BASIS_FROM
from tests.reports.test_paper_texts import diagonal_text
from tests.support.pdf import fonts

EXPECTED = Path(__file__).parent / "expected"
SHOTS = os.environ.get("PAPER_SHOTS")
CENTRE = CentreHeader(
    centre_name="Trung tâm Công tác xã hội tỉnh Lai Châu", parent_agency="Sở Y tế tỉnh Lai Châu", place_name="Lai Châu"
)
HEADER = "TT Giường Họ và tên Giới tính, Tình trạng Ký xác nhận Ghi chú"


def pdftotext(path: Path) -> list[str]:
    """The horizontal text of each page as laid out (pdftotext -layout -nodiag: a table row is one line, the
    watermark left out), runs of spaces made one, blank lines removed."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-nodiag", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return [
        "\n".join(" ".join(line.split()) for line in page.splitlines() if line.strip())
        for page in out.stdout.rstrip("\f").split("\f")
    ]


def _sheet(names: bool = True, day: datetime.date = datetime.date(2026, 5, 14)) -> RollCallSheet:
    who = (
        ("Giàng Thị Mỷ", "Lò Thị Mai", "Sùng Thị Dợ", "Vàng A Páo", "Lò Thị Hoa")
        if names
        else ("Hoa Ban", "Mây Trắng", "Suối Bạc", "Núi Xanh", "Sao Mai")
    )
    return RollCallSheet(
        centre=CENTRE,
        day=day,
        taken_at=datetime.datetime.combine(day, datetime.time(21)),
        names_shown=names,
        legal_basis=BASIS_FROM if day >= datetime.date(2025, 7, 1) else BASIS_BEFORE,
        rooms=(
            RollCallRoom(
                "Phòng 101 (Nhà A, Tầng 1)",
                (
                    RollCallLine("G1", who[0], "Nữ, 16", PRESENT),
                    RollCallLine("G2", who[1], "Nữ, 24", ON_LEAVE, "Hẹn về 16/05"),
                    RollCallLine("G3", who[2], "Nữ, 15", HOSPITAL, "Từ 13/05"),
                ),
            ),
            RollCallRoom("Phòng 101 (Nhà B, Tầng 1)", (RollCallLine("G1", who[3], "Nam, 19", ABSENT, "Từ 14/05"),)),
        ),
        unplaced=(RollCallLine("", who[4], "Nữ", PRESENT),),
    )


def _long_sheet() -> RollCallSheet:
    lines = tuple(RollCallLine(f"G{n}", f"Người thứ {n}", "Nữ, 20", PRESENT) for n in range(1, 46))
    return RollCallSheet(
        CENTRE, datetime.date(2026, 5, 14), datetime.datetime(2026, 5, 14, 18, 5), True, BASIS_FROM,
        (RollCallRoom("Hội trường (Nhà C)", lines),),
    )  # fmt: skip


def _board(scope: str = "") -> BoardPaper:
    a = BoardRoom(
        "Phòng 101 (Nhà A, Tầng 1)",
        "dành cho nữ, người từ 18 tuổi trở lên; 4 chỗ",
        (
            BoardBed("G1", "Có người ở", "Lò Thị Mai", "Nữ, 24", PRESENT, "Từ 02/05/2026"),
            BoardBed("G2", "Có người ở", "Giàng Thị Mỷ", "Nữ, 19", ON_LEAVE, "Từ 10/04/2026"),
            BoardBed("G3", "Đã giữ chỗ", note="Giữ chỗ cho Sùng Thị Dợ"),
            BoardBed("G4", "Ngừng sử dụng", note="Hỏng khung giường"),
        ),
    )
    b = BoardRoom(
        "Phòng 102 (Nhà A, Tầng 1)",
        "dành cho nữ, người dưới 18 tuổi; 2 chỗ",
        (BoardBed("G1", "Cần vệ sinh"), BoardBed("G2", "Trống")),
    )
    empty = BoardRoom("Phòng 103 (Nhà A, Tầng 1)", "dành cho nam và nữ, mọi lứa tuổi; 2 chỗ", ())
    return BoardPaper(
        CENTRE, datetime.datetime(2026, 5, 14, 9, 30), True, (a, b, empty),
        () if scope else ("Sùng Thị Dợ (Nữ, 15)", "Vàng A Páo (Nam, 19)"), scope,
    )  # fmt: skip


CASES = {
    "lodging-roll-call-names": lambda: render_roll_call(_sheet()),
    "lodging-roll-call-aliases-2025": lambda: render_roll_call(_sheet(False, datetime.date(2025, 6, 30))),
    "lodging-roll-call-demo": lambda: render_roll_call(_sheet(), PageMarks(watermark=DEMO_WATERMARK)),
    "lodging-board": lambda: render_board(_board()),
    "lodging-board-scope": lambda: render_board(_board("Nhà A, Tầng 1")),
}


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("lodging-papers")
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, build in {**CASES, "lodging-roll-call-long": lambda: render_roll_call(_long_sheet())}.items():
        made[name] = folder / f"{name}.pdf"
        made[name].write_bytes(build())
    return made


@pytest.mark.parametrize("name", CASES)
def test_text_is_exactly_the_expected_vietnamese(name: str, papers: dict[str, Path]) -> None:
    text = "\n\f\n".join(pdftotext(papers[name])) + "\n"
    expected = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_the_roll_call_rows_and_counts(papers: dict[str, Path]) -> None:
    """The rows as the sheet prints them: the signature column is empty, the counts are the room's."""
    page = "\n".join(pdftotext(papers["lodging-roll-call-names"]))
    lines = page.splitlines()
    assert "DANH SÁCH" in lines and "Điểm danh buổi tối ngày 14/05/2026" in lines
    assert "Số:" not in page  # an internal list: no register number
    rows = [line for line in lines if line[:2] in ("1 ", "2 ", "3 ")]
    assert rows == [
        "1 G1 Giàng Thị Mỷ Nữ, 16 Có mặt",
        "2 G2 Lò Thị Mai Nữ, 24 Đi phép Hẹn về 16/05",
        "3 G3 Sùng Thị Dợ Nữ, 15 Nằm viện Từ 13/05",
        "1 G1 Vàng A Páo Nam, 19 Vắng không phép Từ 14/05",
        "1 — Lò Thị Hoa Nữ Có mặt",
    ]
    assert [line for line in lines if line.startswith("Sĩ số")] == [
        "Sĩ số: có mặt 1/3; đi phép 1; nằm viện 1.", "Sĩ số: có mặt 0/1; vắng không phép 1.", "Sĩ số: có mặt 1/1.",
    ]  # fmt: skip
    total = "Tổng sĩ số toàn Trung tâm: có mặt 2/5; đi phép 1; nằm viện 1; vắng không phép 1."
    assert total in page.replace("\n", " ")
    assert "theo Điều 17 Nghị định số 162/2025/NĐ-CP" in page.replace("\n", " ")
    assert "Họ và tên" in page and "Bí danh" not in page


def test_aliases_and_the_older_decree_before_the_switch(papers: dict[str, Path]) -> None:
    page = "\n".join(pdftotext(papers["lodging-roll-call-aliases-2025"]))
    flat = page.replace("\n", " ")
    assert "Bí danh" in page and "Họ và tên" not in page and "Giàng" not in page and "Hoa Ban" in page
    assert "theo Nghị định số 09/2013/NĐ-CP" in flat and "162/2025" not in flat


def test_a_long_room_splits_with_its_header_repeated(papers: dict[str, Path]) -> None:
    pages = pdftotext(papers["lodging-roll-call-long"])
    assert len(pages) == 2
    assert "1. Hội trường (Nhà C)" in pages[0]  # the room starts under the title, not on a page of its own
    assert all(HEADER in page.splitlines() for page in pages)  # the header row on both parts
    rows = [line.split() for page in pages for line in page.splitlines() if " G" in line and line[0].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, 46))  # every row once, in order
    assert "Sĩ số: có mặt 45/45." in pages[-1]
    assert pages[1].splitlines()[0] == "2"  # the page number from page 2 (Decree 30, Phụ lục I, I.7)


@pytest.mark.parametrize("name", [*CASES, "lodging-roll-call-long"])
def test_fonts_embedded(name: str, papers: dict[str, Path]) -> None:
    listed = fonts(papers[name])
    assert listed and {font for font, embedded in listed.items() if not embedded} <= {"/Helvetica"}


def test_the_demo_mark_is_on_every_page_and_only_there(papers: dict[str, Path]) -> None:
    assert all(DEMO_WATERMARK in text for text in diagonal_text(papers["lodging-roll-call-demo"]))
    assert not any(diagonal_text(papers["lodging-roll-call-names"]))
    assert len(PdfReader(papers["lodging-roll-call-demo"]).pages) >= 1


def test_the_board_counts_beds_by_state(papers: dict[str, Path]) -> None:
    text = "\n".join(pdftotext(papers["lodging-board"]))
    flat = text.replace("\n", " ")
    assert "SƠ ĐỒ GIƯỜNG" in text and "Số:" not in text
    rows = [line for line in text.splitlines() if line[0] == "G" and line[1].isdigit()]
    assert rows == [
        "G1 Có người ở Lò Thị Mai Nữ, 24 Có mặt Từ 02/05/2026",
        "G2 Có người ở Giàng Thị Mỷ Nữ, 19 Đi phép Từ 10/04/2026",
        "G3 Đã giữ chỗ Giữ chỗ cho",
        "G4 Ngừng sử dụng Hỏng khung",
        "G1 Cần vệ sinh",
        "G2 Trống",
    ]
    assert (
        "Phòng dành cho nữ, người từ 18 tuổi trở lên; 4 chỗ; 4 giường (có người ở 2; đã giữ chỗ 1; ngừng sử dụng 1)."
        in flat
    )
    assert "Phòng dành cho nam và nữ, mọi lứa tuổi; 2 chỗ; chưa có giường." in flat
    assert "Chưa bố trí giường (2 người): Sùng Thị Dợ (Nữ, 15); Vàng A Páo (Nam, 19)." in flat
    assert "Tổng số: 3 phòng, 6 giường (có người ở 2; trống 1; đã giữ chỗ 1; cần vệ sinh 1; ngừng sử dụng 1)." in flat
    scoped = " ".join(pdftotext(papers["lodging-board-scope"])).replace("\n", " ")
    assert "Tình trạng phòng, giường (Nhà A, Tầng 1) theo sổ theo dõi" in scoped and "Chưa bố trí giường" not in scoped


def test_headcount() -> None:
    assert headcount(()) == "có mặt 0/0"
    lines = (RollCallLine("G1", "A", "Nữ", ON_LEAVE), RollCallLine("G2", "B", "Nữ", PRESENT))
    assert headcount(lines) == "có mặt 1/2; đi phép 1"
