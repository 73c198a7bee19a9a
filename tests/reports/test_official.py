"""The national administrative-document layout (Decree 30/2020/NĐ-CP, Phụ lục I)."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import subprocess
import time
import unicodedata
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from centre_desk.reports.fonts import register_fonts
from centre_desk.reports.official import (
    Basis,
    Heading,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    date_line,
    number_line,
    render,
)
from tests.support.pdf import fonts

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
VICTIM = "Sùng Thị Dợ, dân tộc Mông, sinh năm 2009, trú tại bản Sì Thâu Chải, xã Tả Lèng"
# Every Vietnamese vowel with every tone, plus đ/Đ, so a missing glyph or a lost accent shows up.
ALL_LETTERS = (
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ "
    "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ"
)


def decision(**changes: object) -> OfficialDocument:
    doc = OfficialDocument(
        parent_agency="SỞ Y TẾ TỈNH LAI CHÂU",
        issuer="CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP",
        number="12",
        symbol="QĐ-BTXH",
        place="Lai Châu",
        date=datetime.date(2026, 2, 5),
        kind="QUYẾT ĐỊNH",
        subject="Về việc tiếp nhận nạn nhân bị mua bán vào cơ sở",
        authority="GIÁM ĐỐC CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP",
        body=(
            Basis(
                (
                    "Căn cứ Luật Phòng, chống mua bán người ngày 28 tháng 11 năm 2024;",
                    "Theo đề nghị của Trưởng phòng Công tác xã hội.",
                )
            ),
            Heading("QUYẾT ĐỊNH:"),
            Paragraph(f"Tiếp nhận bà {VICTIM}, vào chăm sóc, hỗ trợ tại cơ sở.", lead="Điều 1."),
            Paragraph(ALL_LETTERS, indent_first_line=False),
            Paragraph("Quyết định này có hiệu lực kể từ ngày ký./.", lead="Điều 2."),
        ),
        recipients=("Như Điều 2", "Sở Y tế tỉnh Lai Châu (để báo cáo)", "Lưu: VT, CTXH"),
        signers=(Signer(authority_line="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lò Văn Thắng"),),
    )
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def handover(rows: int = 5) -> OfficialDocument:
    items = tuple(
        (str(i), f"Vòng bạc chạm khắc hoa văn người Mông số {i}", "chiếc", "1", "") for i in range(1, rows + 1)
    )
    return decision(
        number=None,
        symbol="BB-BTXH",
        kind="BIÊN BẢN",
        subject="Bàn giao đồ dùng, tư trang cá nhân",
        authority="",
        body=(
            Paragraph(f"Bàn giao đồ dùng, tư trang cá nhân của bà {VICTIM}, gồm:"),
            Table(("STT", "Tên đồ dùng, tư trang", "Đơn vị", "Số lượng", "Ghi chú"), items, (1, 6, 1.6, 1.8, 3.6)),
            Paragraph("Biên bản được lập thành 03 bản có giá trị như nhau./."),
        ),
        recipients=("Bên giao", "Bên nhận", "Lưu: VT, Hồ sơ"),
        signers=(
            Signer(title="ĐẠI DIỆN BÊN GIAO", name="Giàng A Páo", hint="(Ký, ghi rõ họ tên)"),
            Signer(title="ĐẠI DIỆN BÊN NHẬN", name="Lò Thị Xuân", hint="(Ký, ghi rõ họ tên)"),
        ),
    )


def write(tmp_path: Path, doc: OfficialDocument, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render(doc))
    return path


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def top_margin_text(path: Path) -> list[str]:
    """Per page: the text drawn in the top margin (above 297 - 20 mm), where page numbers go."""
    out = []
    for page in PdfReader(path).pages:
        found: list[str] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object, found: list[str] = found) -> None:
            y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
            if text.strip() and y > PAGE_HEIGHT - 20 * MM:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        out.append(" ".join(found))
    return out


# ----------------------------------------------------------------------------------- text rules


@pytest.mark.parametrize(
    ("place", "date", "expected"),
    [
        ("Lai Châu", datetime.date(2026, 2, 5), "Lai Châu, ngày 05 tháng 02 năm 2026"),
        ("Lai Châu", datetime.date(2026, 1, 10), "Lai Châu, ngày 10 tháng 01 năm 2026"),
        # Only months 1 and 2 take a leading zero (Phụ lục I, II.4.b): the annex itself is dated "ngày 05 tháng 3".
        ("Hà Nội", datetime.date(2020, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2020"),
        ("Thành phố Hồ Chí Minh", datetime.date(2019, 6, 29), "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
        ("Lai Châu", datetime.date(2025, 12, 9), "Lai Châu, ngày 09 tháng 12 năm 2025"),
        ("Lai Châu", datetime.date(2025, 10, 31), "Lai Châu, ngày 31 tháng 10 năm 2025"),
    ],
)
def test_date_line(place: str, date: datetime.date, expected: str) -> None:
    assert date_line(place, date) == expected


def test_date_line_is_nfc() -> None:
    assert date_line(unicodedata.normalize("NFD", "Lai Châu"), datetime.date(2026, 2, 5)) == (
        "Lai Châu, ngày 05 tháng 02 năm 2026"
    )


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        ("12", "QĐ-BTXH", "Số: 12/QĐ-BTXH"),
        ("5", "QĐ-BTXH", "Số: 05/QĐ-BTXH"),
        ("05", "BB-BTXH", "Số: 05/BB-BTXH"),
        ("150", "QĐ-BTXH", "Số: 150/QĐ-BTXH"),
        (None, "QĐ-BTXH", "Số:      /QĐ-BTXH"),
        ("", "QĐ-BTXH", "Số:      /QĐ-BTXH"),
        ("  ", "BB-BTXH", "Số:      /BB-BTXH"),
    ],
)
def test_number_line(number: str | None, symbol: str, expected: str) -> None:
    assert number_line(number, symbol) == expected


# ------------------------------------------------------------------------------------- rendering


def test_rendered_text(tmp_path: Path) -> None:
    path = write(tmp_path, decision())
    (text,) = page_texts(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert PdfReader(path).pages[0].mediabox.width == pytest.approx(PAGE_WIDTH, abs=0.5)
    assert PdfReader(path).pages[0].mediabox.height == pytest.approx(PAGE_HEIGHT, abs=0.5)
    for line in (
        "SỞ Y TẾ TỈNH LAI CHÂU",
        "CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-BTXH",
        "Lai Châu, ngày 05 tháng 02 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc tiếp nhận nạn nhân bị mua bán vào cơ sở",
        "GIÁM ĐỐC CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP",
        "QUYẾT ĐỊNH:",
        "Nơi nhận:",
        "- Như Điều 2;",
        "- Sở Y tế tỉnh Lai Châu (để báo cáo);",
        "- Lưu: VT, CTXH.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lò Văn Thắng",
    ):
        assert line in lines(text), line
    body = flat(text)
    assert f"Điều 1. Tiếp nhận bà {VICTIM}, vào chăm sóc" in body
    assert ALL_LETTERS in body
    assert "Căn cứ Luật Phòng, chống mua bán người ngày 28 tháng 11 năm 2024;" in body
    assert unicodedata.is_normalized("NFC", text)


def test_blank_number_and_two_signers(tmp_path: Path) -> None:
    text = "\n".join(page_texts(write(tmp_path, handover())))
    assert "Số: /BB-BTXH" in flat(text)
    assert re.search(r"Số:\s{6,}/BB-BTXH", text.replace("\xa0", " "))
    for line in ("BIÊN BẢN", "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "Giàng A Páo", "Lò Thị Xuân", "- Bên giao;"):
        assert line in lines(text), line
    assert "Vòng bạc chạm khắc hoa văn người Mông số 5" in flat(text)


def test_header_without_date_for_minutes(tmp_path: Path) -> None:
    text = "\n".join(page_texts(write(tmp_path, decision(dated_header=False))))
    assert "Lai Châu, ngày" not in text
    assert "Số: 12/QĐ-BTXH" in lines(text)


def used_fonts(path: Path) -> set[str]:
    """Base font names actually selected with Tf in the page content streams."""
    reader = PdfReader(path)
    used: set[str] = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, cast(DictionaryObject, page["/Resources"])["/Font"])
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = cast(DictionaryObject, resources[operands[0]].get_object())
                used.add(str(font["/BaseFont"]))
    return used


def test_fonts_embedded(tmp_path: Path) -> None:
    path = write(tmp_path, handover(rows=60))
    listed = fonts(path)
    used = used_fonts(path)
    assert used, "no text drawn?"
    assert all(listed[name] for name in used), listed
    assert all("LiberationSerif" in name for name in used), used
    # The only font not embedded is reportlab's Helvetica resource, and nothing is drawn with it.
    assert {name for name, embedded in listed.items() if not embedded} <= {"/Helvetica"}
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    for row in result.stdout.splitlines()[2:]:
        if "Helvetica" not in row:
            assert " yes yes yes " in row, row


def three_pages() -> OfficialDocument:
    filler = (
        "Cơ sở có trách nhiệm bố trí chỗ ở tạm thời, hỗ trợ tiền ăn, vật dụng sinh hoạt, đồ dùng học tập, "
        "vật dụng y tế và vệ sinh cá nhân cho nạn nhân trong thời gian lưu trú tại cơ sở."
    )
    for count in range(20, 200, 2):
        doc = decision(body=tuple(Paragraph(f"{i}. {filler}") for i in range(1, count + 1)))
        pages = len(PdfReader(io.BytesIO(render(doc))).pages)
        if pages >= 3:
            assert pages == 3
            return doc
    raise AssertionError("never reached three pages")


def test_page_numbers_from_page_two(tmp_path: Path) -> None:
    path = write(tmp_path, three_pages())
    assert top_margin_text(path) == ["", "2", "3"]
    texts = page_texts(path)
    assert lines(texts[1])[0] == "2"
    assert lines(texts[2])[0] == "3"
    # The header is not repeated on later pages.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts[1] + texts[2]
    # The signature block takes the last paragraph with it: it never stands alone.
    assert "Lò Văn Thắng" in texts[2]


def test_long_table_splits_across_pages(tmp_path: Path) -> None:
    path = write(tmp_path, handover(rows=60))
    texts = page_texts(path)
    assert len(texts) >= 2
    joined = flat(" ".join(texts))
    for i in (1, 30, 60):
        assert f"Vòng bạc chạm khắc hoa văn người Mông số {i} " in joined
    assert "Tên đồ dùng, tư trang" in texts[1]  # the column headings repeat on the next page


def test_nfd_input_renders_like_nfc(tmp_path: Path) -> None:
    def decompose(value: object) -> object:
        if isinstance(value, str):
            return unicodedata.normalize("NFD", value)
        if isinstance(value, tuple):
            return tuple(decompose(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value, **{f.name: decompose(getattr(value, f.name)) for f in dataclasses.fields(value)}
            )
        return value

    nfc_doc = handover()
    nfd_doc = decompose(nfc_doc)
    assert isinstance(nfd_doc, OfficialDocument)
    assert nfd_doc.signers[0].name != nfc_doc.signers[0].name  # really decomposed
    nfc_path = write(tmp_path, nfc_doc, "nfc.pdf")
    nfd_path = write(tmp_path, nfd_doc, "nfd.pdf")
    assert page_texts(nfd_path) == page_texts(nfc_path)
    assert nfd_path.read_bytes() == nfc_path.read_bytes()


def test_long_names_wrap_inside_the_margins(tmp_path: Path) -> None:
    long_name = "TRUNG TÂM CÔNG TÁC XÃ HỘI VÀ BẢO TRỢ XÃ HỘI TỔNG HỢP TỈNH LAI CHÂU KIÊM CƠ SỞ HỖ TRỢ NẠN NHÂN"
    address = "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu " * 4
    doc = decision(
        parent_agency="ỦY BAN NHÂN DÂN TỈNH LAI CHÂU SỞ Y TẾ TỈNH LAI CHÂU",
        issuer=long_name,
        place="Thành phố Hồ Chí Minh và các vùng lân cận",
        recipients=(f"Ủy ban nhân dân xã Tả Lèng, {address}", "Lưu: VT"),
        signers=(Signer(title="GIÁM ĐỐC " + long_name, name="Sùng Thị Dợ " * 5),),
        body=(
            Paragraph(f"Trú tại {address}"),
            Table(("STT", "Địa chỉ"), (("1", address.replace(" ", "")),), (1, 8)),
        ),
    )
    path = write(tmp_path, doc)
    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    boxes = [
        (float(m["x0"]), float(m["x1"]))
        for m in re.finditer(r'<word xMin="(?P<x0>[\d.]+)" yMin="[\d.]+" xMax="(?P<x1>[\d.]+)"', result.stdout)
    ]
    assert boxes
    assert min(x0 for x0, _ in boxes) >= 30 * MM - 1
    assert max(x1 for _, x1 in boxes) <= PAGE_WIDTH - 15 * MM + 1
    assert "CƠ SỞ HỖ TRỢ NẠN NHÂN" in flat(page_texts(path)[0])


def test_body_margins_and_indent(tmp_path: Path) -> None:
    """Body text starts at the 30 mm left margin; first lines are indented 1.27 cm."""
    path = write(tmp_path, decision())
    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    starts: dict[str, float] = {}
    for m in re.finditer(r'<word xMin="(?P<x0>[\d.]+)"[^>]*>(?P<w>[^<]+)</word>', result.stdout):
        starts.setdefault(m["w"], float(m["x0"]))  # first occurrence: "Điều 1.", not "- Như Điều 2;"
    assert starts["Nơi"] == pytest.approx(30 * MM, abs=1)
    assert starts["Điều"] == pytest.approx(30 * MM + 1.27 / 2.54 * 72, abs=1)


def test_renders_fast(tmp_path: Path) -> None:
    register_fonts()
    render(decision())  # warm up reportlab's caches
    start = time.perf_counter()
    data = render(decision())
    elapsed = time.perf_counter() - start
    print(f"one-page official document rendered in {elapsed * 1000:.1f} ms")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert elapsed < 2.0
