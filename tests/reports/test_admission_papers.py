"""The admission papers: exact Vietnamese text, embedded fonts, legal bases by admission date."""

from __future__ import annotations

import dataclasses
import datetime
import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from centre_desk.reports.admission_papers import (
    KINDS,
    AdmissionFacts,
    AdmissionPaper,
    CentreHeader,
    Home,
    Item,
    Person,
    Safekeeping,
    StatusDocument,
    build_paper,
    home_line,
    legal_bases,
    number_in_words,
    render_paper,
    term_of_address,
    vnd_in_words,
)
from centre_desk.reports.official import Basis, Heading, Paragraph, Table
from tests.support.pdf import fonts

FOUNDING = (
    "Quyết định số 32/2014/QĐ-UBND ngày 12 tháng 9 năm 2014 của Ủy ban nhân dân tỉnh Lai Châu "
    "về việc thành lập Trung tâm Bảo trợ xã hội tỉnh Lai Châu"
)
CENTRE = CentreHeader(
    centre_name="Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu",
    parent_agency="Sở Y tế tỉnh Lai Châu",
    place_name="Lai Châu",
    address="phường Tân Phong, tỉnh Lai Châu",
    director_name="Mai Văn Tùng",
    director_title="Giám đốc",
    abbreviation="CSBTXH",
    founding_decision=FOUNDING,
    proposing_unit="Trưởng phòng Công tác xã hội",
)
ITEMS = (
    Item("Điện thoại di động Oppo A57 màu đen", 1, "Màn hình vỡ góc"),
    Item("Vòng cổ bạc chạm hoa văn người Mông", 2, "Còn tốt"),
    Item("Giấy khai sinh bản chính", 1, "Rách mép"),
)


def sample(arrived: datetime.datetime = datetime.datetime(2026, 2, 5, 14, 30), **changes: object) -> AdmissionPaper:
    person = Person(
        full_name="Sùng Thị Dợ", sex="Nữ", ethnic_group="Mông", birth_year=2011, other_names="Dợ Sùng",
        id_paper="Giấy khai sinh", home=Home("Sì Thâu Chải", "xã Tả Lèng", "Lai Châu", "Tam Đường"),
        guardian_name="Sùng A Páo", guardian_relation="bố", guardian_phone="0912 345 678",
        school_name="Trường Phổ thông dân tộc bán trú THCS Tả Lèng", school_grade="8A", code="LC-2026-0007",
    )  # fmt: skip
    facts = AdmissionFacts(
        arrived_at=arrived, channel="Bộ đội Biên phòng bàn giao", status="nạn nhân bị mua bán",
        referring_agency="Đồn Biên phòng Ma Lù Thàng", referring_officer="Lò Văn Đức", referring_phone="0214 3876 543",
        status_document=StatusDocument("Đồn Biên phòng Ma Lù Thàng", "15/XN-ĐBP", datetime.date(2026, 2, 4)),
        documents=("Biên bản bàn giao của cơ quan chuyển đến",),
        condition="Mệt mỏi, có vết bầm ở cánh tay trái", interpreter_needed=True, interpreter_language="Mông",
        entitlements=("a) Hỗ trợ nhu cầu thiết yếu", "b) Hỗ trợ y tế", "c) Hỗ trợ phiên dịch"),
    )  # fmt: skip
    paper = AdmissionPaper(
        CENTRE, person, facts, Safekeeping(ITEMS, 1_250_000, "500 nhân dân tệ"), officer_name="Lò Thị Xuân",
        officer_title="Nhân viên công tác xã hội",
    )  # fmt: skip
    return dataclasses.replace(paper, **changes)  # type: ignore[arg-type]


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.replace("\xa0", " ")).split())


def pdf_text(data: bytes) -> str:
    return norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {kind: render_paper(kind, sample()) for kind in KINDS}


# ------------------------------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_000, "Một nghìn đồng"),
        (50_000, "Năm mươi nghìn đồng"),
        (215_000, "Hai trăm mười lăm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (10_000_000_000, "Mười tỷ đồng"),
        (1_234_567_894, "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi tư đồng"),
    ],
)
def test_money_in_words(amount: int, words: str) -> None:
    assert vnd_in_words(amount) == words


def test_number_in_words_rejects_negative() -> None:
    with pytest.raises(ValueError):
        number_in_words(-1)


def test_home_line_adds_kinds_only_where_missing() -> None:
    assert home_line(Home("Sì Thâu Chải", "Tả Lèng", "Lai Châu")) == "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu"
    assert home_line(Home("thôn Nà Khương", "phường Tân Phong", "tỉnh Lai Châu", "thành phố Lai Châu")) == (
        "thôn Nà Khương, phường Tân Phong, tỉnh Lai Châu (trước đây thuộc thành phố Lai Châu)"
    )
    assert home_line(Home()) == ""


def test_terms_of_address() -> None:
    person = sample().person
    assert term_of_address(person, datetime.date(2026, 2, 5)) == "cháu"  # 15
    assert term_of_address(person, datetime.date(2030, 2, 5)) == "bà"
    man = dataclasses.replace(person, sex="Nam")
    assert term_of_address(man, datetime.date(2030, 2, 5)) == "ông"


# ------------------------------------------------------------------------------------- legal bases


def _basis_text(bases: tuple[Basis, ...]) -> str:
    return " ".join(line for basis in bases for line in basis.lines)


def test_legal_bases_switch_on_1_july_2025() -> None:
    before = _basis_text(legal_bases(datetime.date(2025, 6, 30), ""))
    after = _basis_text(legal_bases(datetime.date(2025, 7, 1), ""))
    assert "Luật Phòng, chống mua bán người số 66/2011/QH12" in before
    assert "Nghị định số 09/2013/NĐ-CP" in before
    assert "53/2024" not in before and "162/2025" not in before
    assert "Luật Phòng, chống mua bán người số 53/2024/QH15" in after
    assert "Nghị định số 162/2025/NĐ-CP ngày 29 tháng 6 năm 2025" in after
    assert "66/2011" not in after and "09/2013" not in after
    decree_20 = (
        "Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp xã hội "
        "đối với đối tượng bảo trợ xã hội"
    )
    assert decree_20 in before and decree_20 in after
    assert "thành lập" not in after


def test_the_social_assistance_decree_in_force() -> None:
    """Decree 20/2021 replaced Decree 136/2013 on 01/07/2021 (DOMAIN.md §0)."""
    before = _basis_text(legal_bases(datetime.date(2021, 6, 30)))
    after = _basis_text(legal_bases(datetime.date(2021, 7, 1)))
    assert "136/2013/NĐ-CP ngày 21 tháng 10 năm 2013" in before and "20/2021" not in before
    assert "20/2021/NĐ-CP ngày 15 tháng 3 năm 2021" in after and "136/2013" not in after
    text = pdf_text(render_paper("admission-decision", sample(datetime.datetime(2021, 6, 30, 9, 0))))
    assert "136/2013/NĐ-CP" in text and "20/2021" not in text


def test_founding_decision_is_a_basis_when_set() -> None:
    bases = legal_bases(datetime.date(2026, 2, 5), FOUNDING)
    assert bases[-1].lines == (f"Căn cứ {FOUNDING};",)
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for b in bases for line in b.lines)
    # typed with its own "Căn cứ" and a full stop: not doubled
    assert legal_bases(datetime.date(2026, 2, 5), f"Căn cứ {FOUNDING}.")[-1] == bases[-1]


@pytest.mark.parametrize(
    ("arrived", "present", "absent"),
    [
        (datetime.datetime(2025, 6, 30, 23, 0),
         ("66/2011/QH12", "09/2013/NĐ-CP", "Luật Phòng, chống mua bán người 2011"),
         ("53/2024", "162/2025", "Hỗ trợ phiên dịch")),
        (datetime.datetime(2025, 7, 1, 8, 0), ("53/2024/QH15", "162/2025/NĐ-CP", "c) Hỗ trợ phiên dịch"),
         ("66/2011", "09/2013")),
    ],
)  # fmt: skip
def test_decision_pdf_follows_the_admission_date(
    arrived: datetime.datetime, present: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    text = pdf_text(render_paper("admission-decision", sample(arrived)))
    for words in (*present, "20/2021/NĐ-CP", FOUNDING):
        assert words in text, words
    for words in absent:
        assert words not in text, words
    assert "- c)" not in text  # a point of the law keeps its own letter, without a dash


# --------------------------------------------------------------------------------------- documents


def test_record_structure() -> None:
    doc = build_paper("admission-record", sample())
    assert (doc.kind, doc.symbol, doc.dated_header) == ("BIÊN BẢN", "BB-CSBTXH", False)
    # a child of 15: the parent or guardian signs for her
    assert [s.title for s in doc.signers] == ["ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "CHA MẸ HOẶC NGƯỜI GIÁM HỘ"]
    assert [s.name for s in doc.signers] == ["Lò Văn Đức", "Lò Thị Xuân", "Sùng A Páo"]
    (table,) = [b for b in doc.body if isinstance(b, Table)]
    assert table.headers == ("STT", "Tên tài sản, giấy tờ", "Số lượng", "Tình trạng")
    assert table.rows[1] == ("2", "Vòng cổ bạc chạm hoa văn người Mông", "2", "Còn tốt")
    assert any(isinstance(b, Heading) for b in doc.body)


def test_decision_structure() -> None:
    doc = build_paper("admission-decision", sample())
    assert doc.kind == "QUYẾT ĐỊNH" and doc.symbol == "QĐ-CSBTXH"
    assert doc.subject == "Về việc tiếp nhận đối tượng vào Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"
    assert doc.authority == "GIÁM ĐỐC Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu"
    leads = [b.lead for b in doc.body if isinstance(b, Paragraph) and b.lead]
    assert leads == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert doc.recipients[0] == "Như Điều 3" and doc.recipients[-1].startswith("Lưu: VT")
    assert doc.signers[0].title == "GIÁM ĐỐC" and doc.signers[0].name == "Mai Văn Tùng"
    deputy = build_paper(
        "admission-decision", sample(centre=dataclasses.replace(CENTRE, director_title="Phó Giám đốc"))
    )
    assert (deputy.signers[0].authority_line, deputy.signers[0].title) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def test_symbol_from_the_centre_name_without_abbreviation() -> None:
    doc = build_paper("admission-decision", sample(centre=dataclasses.replace(CENTRE, abbreviation="")))
    assert doc.symbol == "QĐ-CSBTXHTHTLC"


def test_the_receipt_takes_no_register_number() -> None:
    doc = build_paper("belongings-receipt", sample())
    assert (doc.symbol, doc.reference) == ("", "Mã hồ sơ: LC-2026-0007")
    assert "Số:" not in pdf_text(render_paper("belongings-receipt", sample()))


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        render_paper("discharge-decision", sample())


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_text_is_the_vietnamese_input_exactly(kind: str, rendered: dict[str, bytes]) -> None:
    text = pdf_text(rendered[kind])
    common = [
        "SỞ Y TẾ TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Sùng Thị Dợ",
    ]  # fmt: skip
    specific = {
        "admission-record": [
            "BIÊN BẢN", "Tiếp nhận nạn nhân bị mua bán", "Số: /BB-CSBTXH",
            "Hôm nay, vào hồi 14 giờ 30 phút, ngày 05 tháng 02 năm 2026",
            "Bên giao: Đồn Biên phòng Ma Lù Thàng", "Lò Văn Đức", "0214 3876 543", "Tên gọi khác: Dợ Sùng",
            "Ông/bà: Lò Thị Xuân; chức vụ: Nhân viên công tác xã hội", "(phường Tân Phong, tỉnh Lai Châu)",
            "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu (trước đây thuộc huyện Tam Đường)",
            "Sùng A Páo (bố), điện thoại: 0912 345 678", "Trường Phổ thông dân tộc bán trú THCS Tả Lèng, lớp 8A",
            "Kênh tiếp nhận: Bộ đội Biên phòng bàn giao", "văn bản xác nhận số 15/XN-ĐBP ngày 04/02/2026",
            "Biên bản bàn giao của cơ quan chuyển đến", *(i.name for i in ITEMS), "Màn hình vỡ góc",
            "1.250.000 đồng (bằng chữ: Một triệu hai trăm năm mươi nghìn đồng)", "500 nhân dân tệ",
            "Mệt mỏi, có vết bầm ở cánh tay trái. Cần phiên dịch tiếng Mông.",
            "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau.",
            "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "Lò Thị Xuân", "CHA MẸ HOẶC NGƯỜI GIÁM HỘ",
        ],
        "admission-decision": [
            "QUYẾT ĐỊNH", "Lai Châu, ngày 05 tháng 02 năm 2026", "Số: /QĐ-CSBTXH",
            "GIÁM ĐỐC CƠ SỞ BẢO TRỢ XÃ HỘI TỔNG HỢP TỈNH LAI CHÂU",
            "Theo đề nghị của Trưởng phòng Công tác xã hội.",
            "Điều 1. Tiếp nhận cháu Sùng Thị Dợ vào chăm sóc, hỗ trợ tại Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu "
            "kể từ ngày 05 tháng 02 năm 2026",
            "Sinh năm 2011; giới tính: nữ; dân tộc: Mông; quốc tịch: Việt Nam", "Đối tượng: nạn nhân bị mua bán.",
            "Điều 2.", "a) Hỗ trợ nhu cầu thiết yếu;", "c) Hỗ trợ phiên dịch.", "Điều 3.", "Nơi nhận:",
            "- Như Điều 3;", "GIÁM ĐỐC", "Mai Văn Tùng",
        ],
        "belongings-receipt": [
            "BIÊN NHẬN", "Tài sản, giấy tờ, tiền gửi giữ hộ", "Lai Châu, ngày 05 tháng 02 năm 2026",
            "Mã hồ sơ: LC-2026-0007", "nhận giữ hộ của cháu Sùng Thị Dợ (sinh năm 2011, mã hồ sơ LC-2026-0007)",
            *(i.name for i in ITEMS), "Rách mép",
            "Tiền mặt: 1.250.000 đồng (bằng chữ: Một triệu hai trăm năm mươi nghìn đồng).",
            "Ngoại tệ, tiền khác: 500 nhân dân tệ.", "trả lại đầy đủ", "NGƯỜI GIAO", "NGƯỜI NHẬN",
            "(Cha mẹ hoặc người giám hộ ký thay)", "Sùng A Páo", "Lò Thị Xuân",
        ],
    }  # fmt: skip
    for words in common + specific[kind]:
        assert norm(words) in text, words
    assert ("Lò Văn Đức" in text) == (kind == "admission-record")
    assert "đề nghị của Đồn" not in text  # the referring agency proposes nothing
    assert unicodedata.is_normalized("NFC", text)


def test_decomposed_input_prints_like_composed() -> None:
    nfd = sample(person=dataclasses.replace(sample().person, full_name=unicodedata.normalize("NFD", "Lò Văn Đức")))
    text = pdf_text(render_paper("belongings-receipt", nfd))
    assert "Lò Văn Đức" in text


def test_no_items_and_no_money() -> None:
    text = pdf_text(render_paper("belongings-receipt", sample(safekeeping=Safekeeping())))
    assert "Không có tài sản, giấy tờ gửi giữ hộ." in text
    assert "Tiền mặt: không có." in text


@pytest.mark.parametrize("kind", KINDS)
def test_all_fonts_embedded(kind: str, rendered: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(rendered[kind])
    listed = fonts(path)
    assert {name for name, embedded in listed.items() if not embedded} <= {"/Helvetica"}
    assert any("LiberationSerif" in name for name in listed)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [row for row in result.stdout.splitlines()[2:] if "Helvetica" not in row]
    assert rows and all(" yes yes yes " in row for row in rows), result.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_signatures_never_stand_alone(kind: str, rendered: dict[str, bytes]) -> None:
    pages = [norm(p.extract_text()) for p in PdfReader(io.BytesIO(rendered[kind])).pages]
    last = pages[-1]
    assert "Lò Thị Xuân" in last or "Mai Văn Tùng" in last
    signature_at = min(i for i in (last.find("ĐẠI DIỆN"), last.find("NGƯỜI GIAO"), last.find("GIÁM ĐỐC")) if i >= 0)
    assert len(last[:signature_at].strip()) > 20  # some body text shares the page


def test_long_list_of_belongings_runs_over_pages() -> None:
    items = tuple(Item(f"Vòng bạc chạm khắc hoa văn số {i}", 1, "Còn tốt") for i in range(1, 61))
    data = render_paper("belongings-receipt", sample(safekeeping=Safekeeping(items, 0, "")))
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 2
    assert "Tên tài sản, giấy tờ" in pages[1].extract_text()  # headings repeat
    assert "Vòng bạc chạm khắc hoa văn số 60" in pdf_text(data)


# ------------------------------------------------------------------------------------------- speed
