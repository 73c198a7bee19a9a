"""The payment list on paper, read back with pdftotext: exactly the expected Vietnamese (tests/reports/expected/),
the total in figures and in words, three signature blocks in a row, the demo watermark; the amounts in words.
After a deliberate change of wording, regenerate with UPDATE_EXPECTED=1 and read the diff."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from centre_desk.reports.marks import DEMO_WATERMARK, PageMarks
from centre_desk.reports.payments import PaperLine, PaymentListPaper, render_payment_list
from centre_desk.reports.vietnamese_words import vnd_in_words
from tests.reports.test_lodging_papers import CENTRE, EXPECTED, SHOTS, pdftotext
from tests.reports.test_paper_texts import diagonal_text

PAPER = PaymentListPaper(
    centre=CENTRE, period_from=datetime.date(2026, 3, 1), period_to=datetime.date(2026, 3, 31),
    support="hỗ trợ nhu cầu thiết yếu",
    lines=(PaperLine("Sùng Thị Dợ", "LC-2026-0007", "01/03–31/03/2026 (31 ngày)", 1_240_000),
           PaperLine("Giàng Thị Mỷ", "LC-2026-0011", "12/03–31/03/2026 (20 ngày)", 800_000),
           PaperLine("Lò Thị Mai", "LC-2025-0152", "01/03–31/03/2026 (31 ngày)", 1_240_000)),
    writer="Lò Thị Hoa", day=datetime.date(2026, 4, 2), number="4",
)  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (3_280_000, "Ba triệu hai trăm tám mươi nghìn đồng"),
        (115_000, "Một trăm mười lăm nghìn đồng"),
    ],
)
def test_amounts_in_words(amount: int, words: str) -> None:
    assert vnd_in_words(amount) == words


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("payment-list")
    folder.mkdir(parents=True, exist_ok=True)
    made = {"payment-list": render_payment_list(PAPER),
            "payment-list-demo": render_payment_list(PAPER, PageMarks(watermark=DEMO_WATERMARK))}  # fmt: skip
    out = {}
    for name, pdf in made.items():
        out[name] = folder / f"{name}.pdf"
        out[name].write_bytes(pdf)
    return out


@pytest.mark.parametrize("name", ["payment-list"])
def test_text_is_exactly_the_expected_vietnamese(name: str, papers: dict[str, Path]) -> None:
    text = "\n\f\n".join(pdftotext(papers[name])) + "\n"
    expected = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_the_list_rows_total_and_signatures(papers: dict[str, Path]) -> None:
    lines = "\n".join(pdftotext(papers["payment-list"])).splitlines()
    assert any(line.startswith("Số: 04/DS-TTCTXHTLC") for line in lines)
    assert any(line.startswith("1 Sùng Thị Dợ LC-2026-0007 01/03–31/03/2026 1.240.000") for line in lines)
    assert "Tổng cộng 3 người 3.280.000" in lines
    assert "Tổng số tiền bằng chữ: Ba triệu hai trăm tám mươi nghìn đồng./." in lines
    assert "NGƯỜI LẬP KẾ TOÁN GIÁM ĐỐC" in lines  # three blocks in one row
    assert "Lò Thị Hoa" in lines and len(pdftotext(papers["payment-list"])) == 1


def test_the_demo_watermark(papers: dict[str, Path]) -> None:
    assert all(DEMO_WATERMARK in text for text in diagonal_text(papers["payment-list-demo"]))
    assert not any(diagonal_text(papers["payment-list"]))
