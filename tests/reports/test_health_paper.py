"""The health summary paper, read back with pdftotext: exactly the expected Vietnamese text (tests/reports/expected/),
fonts embedded, the demo watermark on every page of a demo paper, the sensitive part only when given, the bases of
the law in force on the date. After a deliberate change of wording, regenerate with UPDATE_EXPECTED=1 and read the
diff."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from centre_desk.reports.health import SENSITIVE_HEADING, render_health, station, symbol_of
from centre_desk.reports.marks import DEMO_WATERMARK, PageMarks
from centre_desk.reports.paper_inputs import CentreHeader, Home
from tests.reports.health_sample import PERSON, bare, paper
from tests.reports.test_lodging_papers import pdftotext
from tests.reports.test_paper_texts import diagonal_text
from tests.support.pdf import fonts

EXPECTED = Path(__file__).parent / "expected"
SHOTS = os.environ.get("PAPER_SHOTS")

CASES = {
    "health-summary": lambda: render_health(paper()),
    "health-summary-sensitive": lambda: render_health(paper(sensitive=True)),
    "health-summary-bare-2025": lambda: render_health(bare()),
    "health-summary-demo": lambda: render_health(paper(), PageMarks(watermark=DEMO_WATERMARK)),
}


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("health-papers")
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, build in CASES.items():
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


@pytest.mark.parametrize("name", CASES)
def test_fonts_embedded(name: str, papers: dict[str, Path]) -> None:
    listed = fonts(papers[name])
    assert listed and {font for font, embedded in listed.items() if not embedded} <= {"/Helvetica"}


def test_the_layout_of_a_letter_to_the_station(papers: dict[str, Path]) -> None:
    text = "\n".join(pdftotext(papers["health-summary"]))
    flat = text.replace("\n", " ")
    assert "Số: 05/CSBTXH-YT Lai Châu, ngày 20 tháng 11 năm 2026" in text  # ô 3 and ô 4 on one line
    assert "TÓM TẮT TÌNH TRẠNG SỨC KHỎE" in text and "Kính gửi: Trạm Y tế xã Tả Lèng." in text
    assert "Căn cứ Luật Phòng, chống mua bán người số 53/2024/QH15" in flat
    assert "Căn cứ Nghị định số 162/2025/NĐ-CP" in flat and "66/2011" not in flat
    assert "chỉ số khối cơ thể (BMI) 21,0 (bình thường)" in flat and "huyết áp 110/70 mmHg" in flat
    assert "2 Paracetamol 500 mg (đau 1 viên, uống khi cần Từ 14/11/2026 đến" in text
    assert "hẹn tái khám ngày 15/12/2026" in flat and "điểm NEWS2: 5 (cảnh báo)" in flat
    assert SENSITIVE_HEADING not in text and "HIV" not in text and "Giang mai" not in text
    assert flat.rstrip().endswith("Mai Văn Tùng") and "Nơi nhận:" in text and "GIÁM ĐỐC" in text


def test_the_sensitive_part_under_its_heading(papers: dict[str, Path]) -> None:
    flat = " ".join(pdftotext(papers["health-summary-sensitive"])).replace("\n", " ")
    start = flat.index(SENSITIVE_HEADING)
    assert "HIV" not in flat[:start] and "Benzathin" not in flat[:start]
    after = flat[start:]
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in after
    assert "04/05/2026 Giang mai Dương tính 06/05/2026 Có" in after
    assert "khám thai: có thai, thai 10 tuần, dự kiến sinh ngày 28/11/2026" in after
    assert "Thuốc đang dùng: Benzathin penicilin G 2,4 triệu đơn vị (điều trị giang mai): 1 lọ, tiêm bắp" in after


def test_before_the_2025_law_and_with_nothing_recorded(papers: dict[str, Path]) -> None:
    flat = " ".join(pdftotext(papers["health-summary-bare-2025"])).replace("\n", " ")
    assert "Số: /CSBTXH-YT" in flat  # not issued: the number left blank
    assert "số 66/2011/QH12" in flat and "09/2013/NĐ-CP" in flat and "53/2024" not in flat
    assert "Kính gửi: Trạm Y tế xã, phường" in flat and "cháu Lò Thị Mai" in flat  # 15 years old
    assert "Chưa có kết quả khám sức khỏe khi tiếp nhận." in flat and "Không có thuốc đang dùng." in flat
    assert "Nơi nhận: KT. GIÁM ĐỐC" in flat and "PHÓ GIÁM ĐỐC" in flat


def test_the_demo_mark_is_on_every_page_and_only_there(papers: dict[str, Path]) -> None:
    marked = diagonal_text(papers["health-summary-demo"])
    assert len(marked) >= 2 and marked == [DEMO_WATERMARK] * len(marked)
    assert not any(diagonal_text(papers["health-summary"]))
    assert pdftotext(papers["health-summary-demo"]) == pdftotext(papers["health-summary"])


def test_symbol_and_station() -> None:
    centre = CentreHeader(centre_name="Trung tâm Công tác xã hội tỉnh Lai Châu")
    assert symbol_of(centre) == "TTCTXHTLC-YT"
    assert station(PERSON) == "Trạm Y tế xã Tả Lèng"
    assert station(PERSON.__class__(**{**_fields(PERSON), "home": Home("", "Phường Tân Phong")})) == (
        "Trạm Y tế phường Tân Phong"
    )
    assert paper().day == datetime.date(2026, 11, 20)


def _fields(value: object) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__slots__}  # type: ignore[attr-defined]
