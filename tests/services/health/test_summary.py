"""The health summary through the service: what is in and what is out (struck entries, the sensitive part and the
restricted entries without `include_sensitive`), who may print it (docs/permissions.md: PRINT on HEALTH to print;
PRINT on SENSITIVE_HEALTH for the sensitive part; CREATE on REGISTER for a number), and the audit codes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from centre_desk.errors import PermissionDenied, UserError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.documents import OutgoingDocument
from centre_desk.models.health import MedicationPlan
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.security.permissions import PERMISSIONS, Action, FieldGroup
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.health.papers import CODES, KIND, SENSITIVE_KIND
from centre_desk.services.health.summary import HealthSummary, health_summary
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.reports.test_lodging_papers import pdftotext
from tests.services.lodging import placement_support
from tests.services.lodging.support import resident

NOW = datetime.now(UTC)


def staff(installed: Installed, role: Role) -> Actor:
    """The test account of `role`, made the first time it is asked for."""
    try:
        return installed.centre.accounts.authenticate(f"user_{role}", MANAGER_PASSWORD)
    except UserError:
        return placement_support.staff(installed, role)


def entry(values: dict[str, object], days_ago: float, restricted: bool = False) -> EntryInput:
    return EntryInput(NOW - timedelta(days=days_ago), tuple(values.items()), restricted)  # type: ignore[arg-type]


def plan(installed: Installed, rid: int, medicine: str, restricted: bool = False, ended: bool = False) -> None:
    """A medication plan written straight into its table (its entry kind is another part)."""
    today = NOW.astimezone().date()
    with installed.centre.sessions.begin() as s:
        s.add(MedicationPlan(
            version=1, resident_id=rid, occurred_at=NOW - timedelta(days=20), recorded_at=NOW, restricted=restricted,
            medicine=medicine, strength="500 mg", dose=Decimal("1"), unit="viên", route="oral",
            frequency="twice_daily", start_on=today - timedelta(days=20),
            end_on=today - timedelta(days=1) if ended else None, reason="",
        ))  # fmt: skip


@pytest.fixture
def mai(installed: Installed) -> int:
    """Lò Thị Mai, 24, from Tả Lèng: a full record, with struck, restricted and sensitive entries."""
    centre, nurse = installed.centre, staff(installed, Role.NURSE)
    rid = resident(centre, installed.manager, "Lò Thị Mai", NOW - timedelta(days=60), birth_year=NOW.year - 24)
    save = centre.entries.save
    check = {"allergies": "Penicilin", "insurance": "card", "insurance_number": "DN4121234567890",
             "insurance_place": "Trạm Y tế xã Tả Lèng"}  # fmt: skip
    save(nurse, "health_check", rid, None, None, entry(check, 59))
    save(nurse, "health_check", rid, None, None, entry({"chronic_conditions": "Viêm gan B mạn"}, 58, True))
    vitals = {"temperature": Decimal("36.8"), "pulse": 82, "systolic": 110, "diastolic": 70, "resp_rate": 18,
              "spo2": 98, "weight_kg": Decimal("48.5"), "height_cm": Decimal("152")}  # fmt: skip
    save(nurse, "nursing_note", rid, None, None, entry(vitals, 2))
    alert = {"temperature": Decimal("39.2"), "pulse": 118, "systolic": 98, "diastolic": 60, "resp_rate": 22,
             "spo2": 94, "consciousness": "A", "note": "Sốt cao, đau đầu"}  # fmt: skip
    save(nurse, "nursing_note", rid, None, None, entry(alert, 5))
    save(nurse, "nursing_note", rid, None, None, entry({"notify_manager": True, "note": "Khóc nhiều, mất ngủ"}, 45))
    save(nurse, "nursing_note", rid, None, None, entry({"notify_manager": True, "note": "Đang điều trị ARV"}, 3, True))
    wrong = save(nurse, "nursing_note", rid, None, None, entry({"notify_manager": True, "note": "Ghi nhầm người"}, 1))
    centre.entries.strike(nurse, "nursing_note", wrong.id, wrong.version, "Ghi nhầm hồ sơ")
    save(nurse, "referral", rid, None, None, entry({"facility": "Bệnh viện Đa khoa tỉnh", "reason": "Đau bụng",
                                                    "result": "Viêm dạ dày", "closed": True}, 30))  # fmt: skip
    save(nurse, "referral", rid, None, None, entry({"facility": "Phòng khám ngoại trú HIV", "reason": "Khám định kỳ"},
                                                   20, True))  # fmt: skip
    save(nurse, "health_test", rid, None, None, entry({"test": "hiv", "result": "pending"}, 50))
    save(nurse, "reproductive_health", rid, None, None, entry({"topic": "contraception", "pregnant": "no"}, 40))
    plan(installed, rid, "Paracetamol")
    plan(installed, rid, "Tenofovir", restricted=True)
    plan(installed, rid, "Amoxicilin", ended=True)
    return rid


def built(installed: Installed, rid: int, sensitive: bool) -> HealthSummary:
    with installed.centre.sessions() as s:
        return health_summary(s, rid, NOW.astimezone().date(), sensitive)


def test_what_the_summary_holds(installed: Installed, mai: int) -> None:
    plain = built(installed, mai, False)
    assert plain.person.full_name == "Lò Thị Mai" and plain.person.ethnic_group == "Mông"
    assert plain.person.home.commune == "xã Tả Lèng" and plain.left_on is None
    assert plain.intake is not None and plain.intake.allergies == "Penicilin" and plain.intake.insurance == "card"
    assert plain.vitals is not None and plain.vitals.pulse == 82
    assert plain.vitals.bmi == Decimal("21.0") and plain.vitals.bmi_category == "bình thường"
    assert [m.medicine for m in plain.medications] == ["Paracetamol"]  # the ended one and the restricted one out
    assert plain.medications[0].frequency == "ngày 2 lần, sáng và tối" and plain.medications[0].route == "uống"
    assert [r.facility for r in plain.referrals] == ["Bệnh viện Đa khoa tỉnh"]
    # within 30 days and flagged: the NEWS2 alert; not the note of 45 days ago, not the struck one
    assert [o.note for o in plain.observations] == ["Sốt cao, đau đầu"] and plain.observations[0].alert
    assert plain.sensitive is None
    full = built(installed, mai, True)
    assert full.medications == plain.medications and full.observations == plain.observations
    sensitive = full.sensitive
    assert sensitive is not None
    assert [(t.test, t.result) for t in sensitive.tests] == [("HIV", "Chờ kết quả")]
    assert [r.topic for r in sensitive.reproductive] == ["Tư vấn tránh thai"]
    assert sensitive.intake is not None and sensitive.intake.chronic_conditions == "Viêm gan B mạn"
    assert [m.medicine for m in sensitive.medications] == ["Tenofovir"]
    assert [r.facility for r in sensitive.referrals] == ["Phòng khám ngoại trú HIV"]
    assert [o.note for o in sensitive.observations] == ["Đang điều trị ARV"]


def test_the_printed_words(installed: Installed, mai: int) -> None:
    nurse = staff(installed, Role.NURSE)
    plain = " ".join(pdftotext_of(installed.centre.health_papers.summary_pdf(nurse, mai).pdf))
    assert "TÓM TẮT TÌNH TRẠNG SỨC KHỎE" in plain and "Kính gửi: Trạm Y tế xã Tả Lèng." in plain
    assert "BẢN XEM TRƯỚC" in plain and "Số: /" in plain  # no number: the place left blank
    for hidden in ("ARV", "Tenofovir", "HIV", "Viêm gan B", "Ghi nhầm", "NHẠY CẢM", "Amoxicilin", "Khóc nhiều"):
        assert hidden not in plain, hidden
    assert "Penicilin" in plain and "Paracetamol" in plain and "Sốt cao, đau đầu" in plain
    full = " ".join(pdftotext_of(installed.centre.health_papers.summary_pdf(nurse, mai, include_sensitive=True).pdf))
    for shown in ("NHẠY CẢM", "Tenofovir", "Đang điều trị ARV", "Phòng khám ngoại trú HIV", "Viêm gan B mạn"):
        assert shown in full, shown
    assert "Ghi nhầm" not in full


def pdftotext_of(pdf: bytes) -> list[str]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.pdf"
        path.write_bytes(pdf)
        return [page.replace("\n", " ") for page in pdftotext(path)]


def _actions(installed: Installed, prefix: str) -> list[tuple[str, str]]:
    with installed.centre.sessions() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.field_group)
            .where(AuditEvent.action.like(prefix))
            .order_by(AuditEvent.seq)
        )
        return [(a, g) for a, g in rows]


def test_who_may_print_and_number_it(installed: Installed, mai: int) -> None:
    papers = installed.centre.health_papers
    who = {r: staff(installed, r) for r in (Role.INTAKE, Role.COUNSELLOR, Role.NURSE)}
    for role in (Role.INTAKE, Role.COUNSELLOR):  # no PRINT on HEALTH
        for sensitive in (False, True):
            with pytest.raises(PermissionDenied):
                papers.summary_pdf(who[role], mai, sensitive)
    nurse = who[Role.NURSE]
    preview = papers.summary_pdf(nurse, mai)
    assert preview.entry is None and preview.kind == KIND and preview.resident_code.startswith("LC-")
    with pytest.raises(PermissionDenied):  # no CREATE on REGISTER: a nurse cannot take a number
        papers.summary_pdf(nurse, mai, issue=True)
    issued = papers.summary_pdf(installed.manager, mai, issue=True)
    assert issued.entry is not None and not issued.copy
    year = NOW.astimezone().year
    assert issued.entry.number == 1 and issued.entry.number_text == "01/TTCTXHTLC-YT"  # the initials: no abbreviation
    assert issued.entry.kind_code == "CV" and issued.entry.paper_kind == KIND and issued.entry.year == year
    text = " ".join(pdftotext_of(issued.pdf))
    assert f"Số: {issued.entry.number_text}" in text and "BẢN XEM TRƯỚC" not in text
    again = papers.summary_pdf(installed.manager, mai, issue=True)
    assert again.copy and again.entry is not None and again.entry.id == issued.entry.id
    assert "BẢN SAO" in " ".join(pdftotext_of(again.pdf))
    sensitive = papers.summary_pdf(installed.manager, mai, include_sensitive=True, issue=True)
    assert sensitive.entry is not None and sensitive.entry.number == issued.entry.number + 1
    assert sensitive.kind == SENSITIVE_KIND
    with installed.centre.sessions() as s:
        assert s.scalar(select(OutgoingDocument.subject).where(OutgoingDocument.id == issued.entry.id)) == (
            "Về việc bàn giao theo dõi sức khỏe đối tượng"
        )
    by_code = papers.summary_pdf_by_code(nurse, f" {issued.resident_code.lower()} ")
    assert by_code.entry is None


def test_the_sensitive_part_needs_its_own_permission(
    installed: Installed, mai: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No role of the matrix prints health without the sensitive group; a counsellor given PRINT on HEALTH alone
    (a change of the matrix) may print the summary but not its sensitive part."""
    counsellor = staff(installed, Role.COUNSELLOR)
    monkeypatch.setitem(PERMISSIONS[Role.COUNSELLOR], FieldGroup.HEALTH, frozenset({Action.VIEW, Action.PRINT}))
    papers = installed.centre.health_papers
    assert papers.summary_pdf(counsellor, mai).entry is None
    with pytest.raises(PermissionDenied):
        papers.summary_pdf(counsellor, mai, include_sensitive=True)
    assert _actions(installed, "print.denied")[-1] == ("print.denied", "sensitive_health")


def test_the_audit_tells_the_sensitive_choice(installed: Installed, mai: int) -> None:
    nurse, papers = staff(installed, Role.NURSE), installed.centre.health_papers
    papers.summary_pdf(nurse, mai)
    papers.summary_pdf(nurse, mai, include_sensitive=True)
    papers.summary_pdf(installed.manager, mai, issue=True)
    papers.summary_pdf(installed.manager, mai, include_sensitive=True, issue=True)
    papers.summary_pdf(installed.manager, mai, include_sensitive=True, issue=True)
    assert _actions(installed, "health.summary%") == [
        (CODES[("printed", False)], "health"),
        (CODES[("printed", True)], "sensitive_health"),
        (CODES[("issued", False)], "health"),
        (CODES[("issued", True)], "sensitive_health"),
        (CODES[("copied", True)], "sensitive_health"),
    ]
    assert len(set(CODES.values())) == 6


def test_the_day_they_left_is_the_summary_day(installed: Installed, mai: int) -> None:
    from tests.services.lodging.support import discharge

    left = NOW - timedelta(days=4)
    discharge(installed.centre, mai, left)
    summary = built(installed, mai, False)
    assert summary.left_on == left.astimezone().date() and summary.as_of == summary.left_on
    assert summary.observations and summary.observations[0].at.date() <= summary.as_of  # the alert of 5 days ago
    assert isinstance(summary.admitted_on, date)
