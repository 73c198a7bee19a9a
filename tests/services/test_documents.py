"""Printing the admission papers: what the PDF says, who may print, and the audit trail."""

from __future__ import annotations

import dataclasses
import io
import os
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from centre_desk import i18n
from centre_desk.errors import NotFound, PermissionDenied, ValidationError
from centre_desk.models.audit import AuditEvent
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.models.staff import Role
from centre_desk.services.admission_input import AdmissionInput, BelongingInput, ResidentInput
from centre_desk.services.documents import KINDS, DocumentService
from centre_desk.services.dto import NewAccount
from tests.conftest import MANAGER_PASSWORD, Installed

LAI_CHAU = timezone(timedelta(hours=7))
FOUNDING = "Quyết định số 32/2014/QĐ-UBND ngày 12 tháng 9 năm 2014 của Ủy ban nhân dân tỉnh Lai Châu"


def service(installed: Installed) -> DocumentService:
    centre = installed.centre
    return DocumentService(centre.sessions, centre.audit, centre.access)


def admit(installed: Installed, arrived: datetime | None = None, **changes: object) -> tuple[int, str]:
    arrived = arrived or datetime.now(UTC) - timedelta(hours=2)
    person = ResidentInput(
        full_name="Sùng Thị Dợ", sex=Sex.FEMALE, ethnic_code="08", birth_year=arrived.year - 15,
        other_names="Dợ Sùng", id_document=IdDocument.BIRTH_CERTIFICATE,
        guardian_name="Sùng A Páo", guardian_relation="bố", home_province="Lai Châu", home_commune="Tả Lèng",
        home_village="Sì Thâu Chải", is_pupil=True, school_name="Trường THCS Tả Lèng", school_grade="8A",
        interpreter_needed=True, mother_tongue="Mông",
    )  # fmt: skip
    data = AdmissionInput(
        person, arrived, Channel.BORDER_GUARD,
        referring_agency="Đồn Biên phòng Ma Lù Thàng", referring_officer="Lò Văn Đức", referring_phone="0214 3876 543",
        documents_received=frozenset({"handover_record", "victim_certificate"}),
        victim_status=VictimStatus.CONFIRMED, status_issuer_kind="border_guard",
        status_issuer="Đồn Biên phòng Ma Lù Thàng", status_number="15/XN-ĐBP", status_date=arrived.date(),
        injured=True, condition_note="Có vết bầm ở cánh tay trái", pregnancy_suspected=True,
        money_vnd=1_250_000, money_other="500 nhân dân tệ",
        belongings=(BelongingInput("Điện thoại di động Oppo A57", 1, "Màn hình vỡ góc"),
                    BelongingInput("Vòng cổ bạc chạm hoa văn người Mông", 2, "Còn tốt")),
    )  # fmt: skip
    data = dataclasses.replace(data, **changes)  # type: ignore[arg-type]
    row = installed.centre.admissions.admit(installed.manager, data)
    return row.resident_id, row.code


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(
        unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pages).replace("\xa0", " ")).split()
    )


def set_centre(installed: Installed) -> None:
    settings = installed.centre.settings
    (current,) = settings.centre_history(installed.manager)
    settings.save_centre(
        installed.manager,
        dataclasses.replace(
            current, effective_from=date(2011, 1, 1), parent_agency="Sở Y tế tỉnh Lai Châu", abbreviation="CSBTXH",
            director_name="Mai Văn Tùng", director_title="Giám đốc", founding_decision=FOUNDING, place_name="Lai Châu",
            proposing_unit="Trưởng phòng Công tác xã hội", officer_title="Nhân viên công tác xã hội",
        ),
    )  # fmt: skip


def test_every_paper_prints_the_stored_vietnamese(installed: Installed) -> None:
    set_centre(installed)
    resident_id, code = admit(installed)
    docs = service(installed)
    pdfs = {kind: docs.render(installed.manager, kind, resident_id) for kind in KINDS}
    texts = {kind: text_of(pdf) for kind, pdf in pdfs.items()}
    if os.environ.get("SHOTS"):  # for looking at: pdftoppm -r 80 -png /tmp/shots/pdf/service-*.pdf …
        Path("/tmp/shots/pdf").mkdir(parents=True, exist_ok=True)
        for kind, pdf in pdfs.items():
            Path(f"/tmp/shots/pdf/service-{kind}.pdf").write_bytes(pdf)
    for kind, text in texts.items():
        assert "Sùng Thị Dợ" in text, kind
        assert "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH LAI CHÂU" in text, kind  # the centre from settings
        assert "SỞ Y TẾ TỈNH LAI CHÂU" in text, kind
        assert "nghi ngờ có thai" not in text.lower() and "mang thai" not in text.lower()  # sensitive health
    record, decision, receipt = (texts[k] for k in KINDS)
    for words in (
        "Số: /BB-CSBTXH", "Đồn Biên phòng Ma Lù Thàng", "Lò Văn Đức", "Tên gọi khác: Dợ Sùng",
        "bản Sì Thâu Chải, xã Tả Lèng, tỉnh Lai Châu", "Sùng A Páo (bố)", "Trường THCS Tả Lèng, lớp 8A",
        "Bộ đội Biên phòng bàn giao", "văn bản xác nhận số 15/XN-ĐBP", "Giấy tờ, tài liệu xác nhận là nạn nhân",
        "Biên bản bàn giao của cơ quan chuyển đến", "Điện thoại di động Oppo A57",
        "Vòng cổ bạc chạm hoa văn người Mông",
        "Bị thương. Có vết bầm ở cánh tay trái. Cần phiên dịch tiếng Mông.", "Nguyễn Thị Hường",
        "Một triệu hai trăm năm mươi nghìn đồng", "500 nhân dân tệ", "Giới tính: Nữ", "Dân tộc: Mông",
        "Giấy tờ tùy thân: Giấy khai sinh",
    ):  # fmt: skip
        assert words in record, words
    for words in (
        "Số: /QĐ-CSBTXH", "53/2024/QH15", "162/2025/NĐ-CP", "20/2021/NĐ-CP", f"Căn cứ {FOUNDING};",
        "Đối tượng: nạn nhân bị mua bán.", "a) Hỗ trợ nhu cầu thiết yếu;",
        "k) Trợ cấp khó khăn ban đầu, hỗ trợ vay vốn.",
        "Mai Văn Tùng",
    ):  # fmt: skip
        assert words in decision, words
    assert f"mã hồ sơ {code}" in receipt and "Vòng cổ bạc chạm hoa văn người Mông" in receipt
    assert docs.issue_by_code(installed.manager, "belongings-receipt", code.lower()).pdf == docs.render(
        installed.manager, "belongings-receipt", resident_id
    )


@pytest.mark.parametrize(
    ("day", "law", "decree", "old"),
    [
        (datetime(2025, 6, 30, 10, 0, tzinfo=LAI_CHAU), "66/2011/QH12", "09/2013/NĐ-CP", True),
        (datetime(2025, 7, 1, 10, 0, tzinfo=LAI_CHAU), "53/2024/QH15", "162/2025/NĐ-CP", False),
    ],
)
def test_decision_bases_follow_the_arrival_date(
    installed: Installed, day: datetime, law: str, decree: str, old: bool
) -> None:
    resident_id, _code = admit(installed, day, status_date=day.date(), victim_status=VictimStatus.UNDER_IDENTIFICATION)
    text = text_of(service(installed).render(installed.manager, "admission-decision", resident_id))
    assert law in text and decree in text and "20/2021/NĐ-CP" in text
    assert ("53/2024" in text) is not old
    assert "người đang trong quá trình xác định là nạn nhân" in text
    if not old:  # a person under identification in Vietnam: Art. 37 a–g
        assert "g) Hỗ trợ tâm lý." in text and "h) Hỗ trợ học văn hóa" not in text
    assert "Căn cứ Quyết định" not in text  # no founding decision in the settings


def test_previews_and_prints_are_audited_without_personal_data(installed: Installed) -> None:
    set_centre(installed)
    resident_id, code = admit(installed)
    docs = service(installed)
    docs.render(installed.manager, "admission-record", resident_id)
    docs.issue_by_code(installed.manager, "admission-decision", code)
    docs.issue(installed.manager, "admission-decision", resident_id)
    docs.issue(installed.manager, "belongings-receipt", resident_id)
    with installed.centre.sessions() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action.startswith("document."))).all()
        assert [(r.action, r.record_type, r.record_id, r.outcome) for r in rows] == [
            ("document.previewed.admission-record", "resident", str(resident_id), "ok"),
            ("document.issued.admission-decision", "resident", str(resident_id), "ok"),
            ("document.copied.admission-decision", "resident", str(resident_id), "ok"),
            ("document.printed.belongings-receipt", "resident", str(resident_id), "ok"),
        ]
        assert all(r.actor_login == "giamdoc" for r in rows)
        assert not any("Sùng" in str(getattr(r, f)) for r in rows for f in ("record_id", "action", "field_group"))


def test_a_nurse_may_not_print(installed: Installed) -> None:
    resident_id, _code = admit(installed)
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    with pytest.raises(PermissionDenied):
        service(installed).render(nurse, "admission-record", resident_id)
    with installed.centre.sessions() as s:
        denied = s.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
        assert [(r.action, r.actor_login, r.record_id) for r in denied] == [("print.denied", "yta", str(resident_id))]
        assert s.scalar(select(AuditEvent).where(AuditEvent.action.startswith("document."))) is None


def test_intake_officer_prints(installed: Installed) -> None:
    resident_id, _code = admit(installed)
    installed.centre.accounts.create(
        installed.manager, NewAccount("tiepnhan", "Lò Thị Xuân", MANAGER_PASSWORD, frozenset({Role.INTAKE}))
    )
    intake = installed.centre.accounts.authenticate("tiepnhan", MANAGER_PASSWORD)
    text = text_of(service(installed).render(intake, "belongings-receipt", resident_id))
    manager_name = installed.centre.accounts.get(installed.manager, installed.manager.account_id).full_name
    assert manager_name in text and "Lò Thị Xuân" not in text  # the officer who admitted her receives


def test_unknown_code_and_kind(installed: Installed) -> None:
    i18n.install("vi")
    with pytest.raises(NotFound) as caught:
        service(installed).issue_by_code(installed.manager, "admission-record", "LC-1999-9999")
    assert caught.value.message
    with pytest.raises(NotFound):
        service(installed).render(installed.manager, "admission-record", 999_999)
    with pytest.raises(ValidationError):
        service(installed).render(installed.manager, "discharge-decision", 1)
