"""The discharge papers read back with pdftotext are exactly the expected Vietnamese text (tests/reports/expected/
discharge-*.txt), their fonts are embedded, the legal bases follow the decision's date (01/07/2025), and the case
summary prints a sensitive part only when it is ticked. After a deliberate change of wording, regenerate with
UPDATE_EXPECTED=1 and read the diff."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from centre_desk.reports.discharge import KINDS, build_paper, render_paper
from centre_desk.reports.discharge_inputs import SENSITIVE_PARTS, DischargePaper
from centre_desk.reports.marks import PageMarks
from tests.reports.discharge_sample import CANARIES, TRANSFER, discharge_sample, with_parts
from tests.reports.test_paper_texts import SHOTS, assert_expected_text, pdftotext
from tests.support.pdf import fonts

_SELF = dataclasses.replace(
    discharge_sample(), applicant_name="", applicant_relation="", reason="independent", reason_text="Sống độc lập",
    person=dataclasses.replace(discharge_sample().person, full_name="Lò Thị Hoa", birth_year=1994, guardian_name=""),
)  # fmt: skip
CASES: dict[str, tuple[str, DischargePaper]] = {
    "discharge-decision": ("discharge-decision", discharge_sample(number="7")),
    "discharge-decision-2025": ("discharge-decision", discharge_sample(datetime.date(2025, 6, 30))),
    "discharge-handover": ("handover", discharge_sample(number="3")),
    "discharge-handover-transfer": (
        "handover",
        discharge_sample(reason="transfer", reason_text="Chuyển đến cơ sở trợ giúp xã hội khác", receiving=TRANSFER),
    ),
    "discharge-case-summary": ("case-summary", with_parts(discharge_sample())),
    "discharge-case-summary-all": ("case-summary", with_parts(discharge_sample(), *SENSITIVE_PARTS)),
    "discharge-belongings-return": ("belongings-return", discharge_sample()),
    "discharge-application": ("discharge-application", discharge_sample()),
    "discharge-application-self": ("discharge-application", _SELF),
}


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("discharge")
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, (kind, paper) in CASES.items():
        made[name] = folder / f"{name}.pdf"
        made[name].write_bytes(render_paper(kind, paper, PageMarks()))
    return made


@pytest.mark.parametrize("name", CASES)
def test_text_is_exactly_the_expected_vietnamese(name: str, papers: dict[str, Path]) -> None:
    assert_expected_text(papers[name], name)


@pytest.mark.parametrize("name", CASES)
def test_fonts_embedded(name: str, papers: dict[str, Path]) -> None:
    listed = fonts(papers[name])
    assert {font for font, embedded in listed.items() if not embedded} <= {"/Helvetica"}


def _flat(path: Path) -> str:
    return " ".join(" ".join(pdftotext(path)).split())


def test_legal_bases_switch_on_1_july_2025(papers: dict[str, Path]) -> None:
    before, after = _flat(papers["discharge-decision-2025"]), _flat(papers["discharge-decision"])
    for words in ("66/2011/QH12", "09/2013/NĐ-CP"):
        assert words in before and words not in after
    for words in ("53/2024/QH15", "162/2025/NĐ-CP"):
        assert words in after and words not in before
    assert "20/2021/NĐ-CP" in before and "20/2021/NĐ-CP" in after
    assert "Căn cứ Đơn đề nghị dừng trợ giúp xã hội ngày 01/09/2026 của Sùng A Páo (bố của Sùng Thị Dợ);" in after


def test_the_summary_prints_a_sensitive_part_only_when_ticked(papers: dict[str, Path]) -> None:
    bare = _flat(papers["discharge-case-summary"])
    assert not any(word in bare for word in CANARIES.values())
    assert all(word in _flat(papers["discharge-case-summary-all"]) for word in CANARIES.values())
    for part in SENSITIVE_PARTS:
        doc = build_paper("case-summary", with_parts(discharge_sample(), part))
        text = " ".join(str(block) for block in doc.body)
        assert [w for p, w in CANARIES.items() if w in text] == [CANARIES[part]]


def test_every_kind_builds_for_every_reason() -> None:
    for reason in ("family", "transfer", "relative", "independent", "absconded", "death"):
        for kind in KINDS:
            assert build_paper(kind, discharge_sample(reason=reason)).kind


def test_a_record_not_yet_written_leaves_blanks_to_fill_in() -> None:
    paper = discharge_sample(money_returned_vnd=None, returned=(dataclasses.replace(discharge_sample().returned[0],
                                                                                   returned=None),))  # fmt: skip
    text = " ".join(str(block) for block in build_paper("belongings-return", paper).body)
    assert "Tiền mặt giao trả: …………………… đồng." in text
