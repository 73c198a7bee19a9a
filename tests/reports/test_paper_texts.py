"""Every paper, read back with pdftotext, is exactly the expected Vietnamese text (tests/reports/expected/).

The cases cover each kind and each way of signing: a child of 15 handed over by the Border Guard (a parent or
guardian signs), a person of 17 (signs with the guardian), an adult who came of their own accord (no
handing-over party), a numbered decision, its copy ("BẢN SAO") and a demo paper (the watermark on every page).
After a deliberate change of wording, regenerate with UPDATE_EXPECTED=1 and read the diff.
"""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from centre_desk.reports.admission_papers import render_paper
from centre_desk.reports.marks import COPY_STAMP, DEMO_WATERMARK, PageMarks
from centre_desk.reports.paper_inputs import AdmissionPaper, Home
from tests.reports.test_admission_papers import sample
from tests.support.pdf import fonts

EXPECTED = Path(__file__).parent / "expected"
SHOTS = os.environ.get("PAPER_SHOTS")  # a folder: also write the PDFs there, to look at them as PNG


def _seventeen() -> AdmissionPaper:
    paper = sample()
    return dataclasses.replace(paper, person=dataclasses.replace(paper.person, birth_year=2009, school_grade="Lớp 11"))


def _self_referral() -> AdmissionPaper:
    paper = sample()
    person = dataclasses.replace(
        paper.person, full_name="Lò Thị Hoa", birth_year=1994, other_names="", guardian_name="", guardian_relation="",
        guardian_phone="", school_name="", school_grade="", home=Home("Nà Khương", "Xã Hồng Thu", "Tỉnh Lai Châu"),
        code="LC-2026-0012",
    )  # fmt: skip
    facts = dataclasses.replace(
        paper.admission, channel="Tự đến trình báo", self_referral=True, referring_agency="", referring_officer="",
        referring_phone="", status="người đang trong quá trình xác định là nạn nhân", status_document=None,
        documents=(), interpreter_language="Tiếng Mông",
    )  # fmt: skip
    return dataclasses.replace(paper, person=person, admission=facts)


CASES: dict[str, tuple[str, AdmissionPaper, PageMarks]] = {
    "record-child": ("admission-record", dataclasses.replace(sample(), number="7"), PageMarks()),
    "record-seventeen": ("admission-record", _seventeen(), PageMarks()),
    "record-self-referral": ("admission-record", _self_referral(), PageMarks()),
    "decision": ("admission-decision", dataclasses.replace(sample(), number="12"), PageMarks()),
    "decision-copy": (
        "admission-decision",
        dataclasses.replace(sample(), number="12"),
        PageMarks(stamp=COPY_STAMP, note="In lại ngày 10/03/2026"),
    ),
    "decision-unnumbered": ("admission-decision", sample(), PageMarks()),
    "decision-demo": ("admission-decision", sample(), PageMarks(watermark=DEMO_WATERMARK)),
    "receipt-child": ("belongings-receipt", sample(), PageMarks()),
    "receipt-self-referral": ("belongings-receipt", _self_referral(), PageMarks()),
}


def pdftotext(path: Path) -> list[str]:
    """The horizontal text of each page (pdftotext -nodiag: without a watermark), one line per text line,
    blanks and runs of spaces removed."""
    out = subprocess.run(
        ["pdftotext", "-nodiag", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return [
        "\n".join(" ".join(line.split()) for line in page.splitlines() if line.strip())
        for page in out.stdout.rstrip("\f").split("\f")
    ]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("papers")
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, (kind, paper, marks) in CASES.items():
        made[name] = folder / f"{name}.pdf"
        made[name].write_bytes(render_paper(kind, paper, marks))
    return made


def assert_expected_text(path: Path, name: str) -> None:
    """The PDF's text is exactly tests/reports/expected/<name>.txt (written anew with UPDATE_EXPECTED=1)."""
    text = "\n\f\n".join(pdftotext(path)) + "\n"
    expected = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_text_is_exactly_the_expected_vietnamese(name: str, papers: dict[str, Path]) -> None:
    assert_expected_text(papers[name], name)


@pytest.mark.parametrize("name", CASES)
def test_fonts_embedded(name: str, papers: dict[str, Path]) -> None:
    listed = fonts(papers[name])
    assert {font for font, embedded in listed.items() if not embedded} <= {"/Helvetica"}


def diagonal_text(path: Path) -> list[str]:
    """Per page, the text drawn at an angle (neither horizontal nor vertical)."""
    found = []
    for page in PdfReader(path).pages:
        parts: list[str] = []

        def visit(
            text: str, cm: list[float], _tm: object, _font: object, _size: object, into: list[str] = parts
        ) -> None:
            if abs(cm[1]) > 0.1 and abs(cm[0]) > 0.1 and text.strip():
                into.append(text)

        page.extract_text(visitor_text=visit)
        found.append("".join(parts))
    return found


def test_demo_paper_has_the_watermark_on_every_page(papers: dict[str, Path]) -> None:
    pages = diagonal_text(papers["decision-demo"])
    assert len(pages) >= 2 and pages == [DEMO_WATERMARK] * len(pages)
    # and the page's own text is the real paper's, untouched
    assert pdftotext(papers["decision-demo"]) == pdftotext(papers["decision-unnumbered"])


@pytest.mark.parametrize("name", [n for n in CASES if n != "decision-demo"])
def test_a_real_paper_has_no_watermark(name: str, papers: dict[str, Path]) -> None:
    assert not any(diagonal_text(papers[name]))
    everything = subprocess.run(["pdftotext", str(papers[name]), "-"], capture_output=True, text=True, check=True)
    assert "DỮ LIỆU" not in everything.stdout and "PHÁP LÝ" not in everything.stdout


def test_the_copy_says_ban_sao_on_every_page(papers: dict[str, Path]) -> None:
    pages = pdftotext(papers["decision-copy"])
    assert len(pages) >= 2 and all(page.startswith(COPY_STAMP) or f"\n{COPY_STAMP}\n" in page for page in pages)
    assert all("Số: 12/QĐ-CSBTXH" in page for page in pages[:1])
    original = pdftotext(papers["decision"])
    assert [p.replace(f"{COPY_STAMP}\nIn lại ngày 10/03/2026\n", "") for p in pages] != original  # marked
    assert not any(COPY_STAMP in page for page in original)


def test_rendering_is_deterministic() -> None:
    paper = dataclasses.replace(sample(), number="12")
    assert render_paper("admission-decision", paper) == render_paper("admission-decision", paper)


@pytest.mark.parametrize("kind", ["admission-record", "admission-decision", "belongings-receipt"])
@pytest.mark.parametrize("count", range(0, 26))
def test_signatures_never_stand_alone_whatever_the_length(kind: str, count: int) -> None:
    """Lists of 0 to 25 belongings move the page break through the whole closing part: the last page always
    holds some body text above the signatures (the last paragraph goes with them)."""
    items = tuple(dataclasses.replace(sample().safekeeping.items[0], name=f"Đồ vật số {i}") for i in range(count))
    paper = sample(safekeeping=dataclasses.replace(sample().safekeeping, items=items))
    pages = PdfReader(io.BytesIO(render_paper(kind, paper))).pages
    last = " ".join(pages[-1].extract_text().split())
    starts = (last.find(word) for word in ("ĐẠI DIỆN", "NGƯỜI GIAO", "GIÁM ĐỐC", "Nơi nhận"))
    first_signature = min(i for i in starts if i >= 0)
    assert len(last[:first_signature].strip()) > 30, (count, last[:200])
