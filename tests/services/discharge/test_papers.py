"""The discharge papers through the service, on both engines: a draft (DỰ THẢO, no number) before approval; the
decision and the hand-over record numbered once approved, a copy (BẢN SAO) after; the case summary's sensitive parts
left out unless ticked (a canary test on the PDF text), the ticks audited by part, the sharing consent or a legal
basis required; who may print (docs/permissions.md: PRINT on DISCHARGE; a nurse may not)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.counselling import CounsellorNote
from centre_desk.models.documents import OutgoingDocument
from centre_desk.models.staff import Role
from centre_desk.services.admission_input import BelongingInput
from centre_desk.services.discharge.papers import CODES
from centre_desk.services.entries.dto import EntryInput
from tests.conftest import Installed
from tests.reports.test_lodging_papers import pdftotext
from tests.services.health.test_summary import staff
from tests.services.lodging.support import resident
from tests.support.discharge_data import hand_back, request, sharing

pytestmark = pytest.mark.usefixtures("english")
NOW = datetime.now(UTC)
CANARY = {"narrative": "QUYNHNARRATIVECANARY", "sensitive-health": "QUYNHHEALTHCANARY",
          "counselling-notes": "QUYNHCOUNSELCANARY"}  # fmt: skip


def text_of(pdf: bytes, tmp_path: object) -> str:
    from pathlib import Path

    path = Path(str(tmp_path)) / "paper.pdf"
    path.write_bytes(pdf)
    return " ".join(" ".join(pdftotext(path)).split())


@pytest.fixture
def dung(installed: Installed) -> int:
    """Giàng Thị Dung, 19, with belongings kept, a narrative, a sensitive health entry and a counsellor's note."""
    centre = installed.centre
    rid = resident(
        centre, installed.manager, "Giàng Thị Dung", NOW - timedelta(days=120), birth_year=NOW.year - 19,
        narrative=f"{CANARY['narrative']} bị đưa sang Hà Khẩu", money_vnd=300_000,
        belongings=(BelongingInput("Điện thoại Samsung", 1), BelongingInput("Khuyên tai bạc", 2)),
    )  # fmt: skip
    nurse = staff(installed, Role.NURSE)
    note = {"topic": "contraception", "pregnant": "no", "note": CANARY["sensitive-health"]}
    centre.entries.save(
        nurse, "reproductive_health", rid, None, None, EntryInput(NOW - timedelta(days=40), tuple(note.items()), False)
    )  # type: ignore[arg-type]
    with centre.sessions.begin() as s:
        s.add(CounsellorNote(version=1, resident_id=rid, occurred_at=NOW - timedelta(days=30), recorded_at=NOW,
                             note=f"{CANARY['counselling-notes']} lo âu", plan=""))  # fmt: skip
    return rid


def _audit(installed: Installed, prefix: str) -> list[tuple[str, str]]:
    with installed.centre.sessions() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.field_group).where(AuditEvent.action.startswith(prefix))
                         .order_by(AuditEvent.seq))  # fmt: skip
        return [(str(a), str(g)) for a, g in rows]


def test_a_draft_before_approval_then_numbered_then_copies(installed: Installed, dung: int, tmp_path: object) -> None:
    papers, manager = installed.centre.discharge_papers, installed.manager
    discharge = request(installed.centre, dung)
    draft = papers.issue(manager, "discharge-decision", dung)
    assert draft.entry is None and "DỰ THẢO" in text_of(draft.pdf, tmp_path)
    preview = papers.preview(manager, "handover", dung)
    assert not preview.registered and preview.warnings and "DỰ THẢO" in text_of(preview.pdf, tmp_path)
    with installed.centre.sessions.begin() as s:
        from centre_desk.models.discharge import Discharge

        row = s.get(Discharge, discharge)
        assert row is not None
        row.state, row.decided_at, row.leaves_at = "approved", NOW, NOW
    first = papers.issue(manager, "discharge-decision", dung)
    assert first.entry is not None and not first.copy and first.entry.number_text.startswith("01/QĐ-")
    text = text_of(first.pdf, tmp_path)
    assert "DỰ THẢO" not in text and f"Số: {first.entry.number_text}" in text and "Giàng Thị Dung" in text
    again = papers.issue(manager, "discharge-decision", dung)
    assert again.copy and again.entry is not None and again.entry.id == first.entry.id
    assert "BẢN SAO" in text_of(again.pdf, tmp_path)
    record = papers.issue(manager, "handover", dung)
    assert record.entry is not None and record.entry.number_text.startswith("01/BB-")
    shown = papers.preview(manager, "handover", dung)
    assert shown.entry is not None and shown.entry.id == record.entry.id
    with installed.centre.sessions() as s:
        kinds = set(s.scalars(select(OutgoingDocument.paper_kind)))
    assert kinds == {f"discharge-decision-{discharge}", f"handover-{discharge}"}
    assert [a for a, _g in _audit(installed, "document.")] == [
        CODES[("printed", "discharge-decision")], CODES[("previewed", "handover")],
        CODES[("issued", "discharge-decision")], CODES[("copied", "discharge-decision")],
        CODES[("issued", "handover")], CODES[("previewed", "handover")],
    ]  # fmt: skip


def test_the_case_summary_canary(installed: Installed, dung: int, tmp_path: object) -> None:
    papers, manager = installed.centre.discharge_papers, installed.manager
    request(installed.centre, dung, approved_at=NOW)
    with pytest.raises(ValidationError, match="consent"):
        papers.issue(manager, "case-summary", dung)
    sharing(installed.centre, dung)
    bare = text_of(papers.issue(manager, "case-summary", dung).pdf, tmp_path)
    assert "TÓM TẮT HỒ SƠ" in bare and "Giàng Thị Dung" in bare
    assert not [word for word in CANARY.values() if word in bare]
    for part, word in CANARY.items():
        text = text_of(papers.issue(manager, "case-summary", dung, frozenset({part})).pdf, tmp_path)
        assert [w for w in CANARY.values() if w in text] == [word], part
    included = [g for a, g in _audit(installed, "discharge.summary_part_included")]
    assert included == ["narrative", "sensitive_health", "counselling"]


def test_a_legal_basis_recorded_instead_of_consent_will_do(installed: Installed, dung: int) -> None:
    request(installed.centre, dung, approved_at=NOW)
    sharing(installed.centre, dung, given=False, legal_basis="Khoản 2 Điều 17 Nghị định 13/2023/NĐ-CP")
    issued = installed.centre.discharge_papers.issue(installed.manager, "case-summary", dung)
    assert issued.entry is None


def test_who_may_print(installed: Installed, dung: int) -> None:
    request(installed.centre, dung, approved_at=NOW)
    sharing(installed.centre, dung)
    papers = installed.centre.discharge_papers
    with pytest.raises(PermissionDenied):
        papers.issue(staff(installed, Role.NURSE), "handover", dung)
    intake = staff(installed, Role.INTAKE)
    assert papers.issue(intake, "handover", dung).entry is not None  # intake prints and numbers
    with pytest.raises(PermissionDenied):  # but may not print the narrative
        papers.issue(intake, "case-summary", dung, frozenset({"narrative"}))
    with pytest.raises(ValidationError):
        papers.issue(installed.manager, "handover", dung, frozenset({"narrative"}))
    denied = [a for a, _g in _audit(installed, "print.denied")]
    assert len(denied) == 2


def test_belongings_returned_against_the_receipt(installed: Installed, dung: int, tmp_path: object) -> None:
    discharge = request(installed.centre, dung, approved_at=NOW, money_returned_vnd=300_000)
    hand_back(installed.centre, discharge, {"Điện thoại Samsung": 1, "Khuyên tai bạc": 1}, {"Khuyên tai bạc": "mất"})
    issued = installed.centre.discharge_papers.issue_by_code(installed.manager, "belongings-return",
                                                             _code(installed, dung))  # fmt: skip
    text = text_of(issued.pdf, tmp_path)
    assert issued.entry is None and "Khuyên tai bạc (thiếu 1: mất)" in text
    assert "Tiền mặt giao trả: 300.000 đồng" in text and "DỰ THẢO" not in text


def test_legal_bases_follow_the_decision_date(installed: Installed, tmp_path: object) -> None:
    arrived = datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
    rid = resident(installed.centre, installed.manager, "Tẩn Thị Mẩy", arrived, birth_year=2000)
    request(installed.centre, rid, approved_at=datetime(2025, 6, 20, 3, 0, tzinfo=UTC), planned_on=date(2025, 6, 25))
    text = text_of(installed.centre.discharge_papers.issue(installed.manager, "discharge-decision", rid).pdf, tmp_path)
    assert "66/2011/QH12" in text and "53/2024" not in text and "ngày 20 tháng 6 năm 2025" in text


def _code(installed: Installed, rid: int) -> str:
    from centre_desk.models.resident import Resident

    with installed.centre.sessions() as s:
        found = s.get(Resident, rid)
        assert found is not None
        return found.code


def test_the_papers_handed_over_with_her() -> None:
    from centre_desk.models.discharge import Discharge
    from centre_desk.services.discharge.paper_input import handed_papers

    assert handed_papers(Discharge(reason="family", package_papers="")) == ("Quyết định dừng trợ giúp xã hội",)
    assert handed_papers(Discharge(reason="transfer", package_papers="health-summary")) == (
        "Quyết định dừng trợ giúp xã hội", "Tóm tắt hồ sơ", "Tóm tắt tình trạng sức khỏe",
    )  # fmt: skip
    chosen = Discharge(reason="transfer", package_papers="health-summary case-summary discharge-decision")
    assert handed_papers(chosen)[1:] == ("Tóm tắt tình trạng sức khỏe", "Tóm tắt hồ sơ")


def test_the_demo_registers_the_papers_of_approved_discharges(installed: Installed, dung: int) -> None:
    from centre_desk.services.demo.discharge_papers import add_discharge_lines

    request(installed.centre, dung, approved_at=NOW - timedelta(days=3))
    request(installed.centre, resident(installed.centre, installed.manager, "Lù Thị Ca", NOW - timedelta(days=9)))
    with installed.centre.sessions.begin() as s:
        assert add_discharge_lines(s, installed.manager.account_id, NOW) == 2  # the approved one only
    again = installed.centre.discharge_papers.issue(installed.manager, "handover", dung)
    assert again.copy and again.entry is not None and again.entry.number_text.startswith("01/BB-")
