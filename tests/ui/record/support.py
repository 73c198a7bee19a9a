"""Residents for the record window's tests and screenshots: a readmitted 15-year-old pupil and staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import (
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
)
from centre_desk.services.dto import NewAccount
from centre_desk.services.installation import Centre
from centre_desk.services.intake_terms import ConsentKind
from tests.conftest import MANAGER_PASSWORD

NOW = datetime.now(UTC)
NARRATIVE = (
    "Em được một người quen trên Facebook hứa giới thiệu việc làm ở nhà hàng bên kia biên giới, lương 8 triệu "
    "một tháng. Khi sang đến nơi em bị giữ giấy tờ, bị bán cho một gia đình để làm vợ và không được liên lạc "
    "với bố mẹ.\nSau gần một năm em trốn ra được chợ và nhờ người dân báo cho công an."
)


@dataclass(frozen=True)
class Admitted:
    resident_id: int
    earlier_id: int
    earlier_code: str


def staff(centre: Centre, manager: Actor, login: str, name: str, role: Role) -> Actor:
    centre.accounts.create(manager, NewAccount(login, name, MANAGER_PASSWORD, frozenset({role})))
    return centre.accounts.authenticate(login, MANAGER_PASSWORD)


def photo_bytes() -> bytes:
    """A drawn stand-in picture (no real person): a soft gradient with a figure."""
    image = QImage(240, 300, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, 300)
    gradient.setColorAt(0, QColor("#8fb4d9"))
    gradient.setColorAt(1, QColor("#dfe9f3"))
    painter.fillRect(image.rect(), gradient)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#3d4f66"))
    painter.drawEllipse(QRectF(80, 55, 80, 90))
    painter.drawRoundedRect(QRectF(40, 160, 160, 180), 60, 60)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _consents(given_on: date, *, photo: bool) -> tuple[ConsentInput, ...]:
    consents = [
        ConsentInput(ConsentKind.PROCESSING, True, given_on, "Sùng Thị Dợ"),
        ConsentInput(ConsentKind.CHILD_ASSENT, True, given_on, "Sùng Thị Dợ"),
        ConsentInput(ConsentKind.GUARDIAN_CONSENT, True, given_on, "Sùng A Páo (bố)"),
    ]
    if photo:
        consents.append(ConsentInput(ConsentKind.PHOTO, True, given_on, "Sùng A Páo (bố)"))
    return tuple(consents)


def admit_readmitted_pupil(centre: Centre, manager: Actor, *, photo: bool = True, days: int = 34) -> Admitted:
    """An earlier stay (2024), then the 15-year-old back in the centre `days` days ago, linked to it."""
    person = ResidentInput(
        full_name="Sùng Thị Dợ", sex=Sex.FEMALE, ethnic_code="08", birth_date=date(NOW.year - 15, 3, 12),
        other_names="Dợ Mỷ", mother_tongue="Tiếng Mông", reads_vietnamese=False, interpreter_needed=True,
        id_document=IdDocument.BIRTH_CERTIFICATE, guardian_name="Sùng A Páo", guardian_relation="Bố đẻ",
        guardian_phone="0912 345 678", home_province="Lai Châu", home_commune="Tả Lèng",
        home_village="Sì Thâu Chải", is_pupil=True, school_name="Trường PTDTBT THCS Tả Lèng", school_grade="Lớp 8",
        school_stopped_on=date(NOW.year - 1, 11, 20),
    )  # fmt: skip
    first_arrival = datetime(2024, 4, 9, 2, 30, tzinfo=UTC)
    earlier = centre.admissions.admit(
        manager,
        AdmissionInput(
            person, first_arrival, Channel.BORDER_GUARD,
            referring_agency="Đồn Biên phòng Ma Lù Thàng", consents=_consents(date(2024, 4, 9), photo=False),
        ),
    )  # fmt: skip
    arrival = (NOW - timedelta(days=days)).replace(hour=3, minute=15, second=0, microsecond=0)
    left = (arrival - timedelta(days=320)).date()
    stay = AdmissionInput(
        person, arrival, Channel.BORDER_GUARD,
        referring_agency="Đồn Biên phòng Cửa khẩu Ma Lù Thàng", referring_officer="Thiếu tá Lò Văn Thắng",
        referring_phone="0214 3881 234",
        documents_received=frozenset({"emergency_minutes", "handover_record", "repatriation_papers"}),
        documents_note="Giấy khai sinh bản sao",
        exploitation_country="Trung Quốc", exploitation_place="Huyện Văn Sơn, tỉnh Vân Nam",
        exploitation_types=frozenset({"forced_marriage", "domestic_servitude"}),
        control_means=frozenset({"false_promises", "withholds_documents", "restricts_movement", "isolation"}),
        recruiter_relation="online_contact", left_home_on=left, returned_on=arrival.date() - timedelta(days=1),
        border_gate="Cửa khẩu Ma Lù Thàng", how_freed="escaped", narrative=NARRATIVE,
        victim_status=VictimStatus.CONFIRMED, status_issuer_kind="border_guard",
        status_issuer="Đồn Biên phòng Cửa khẩu Ma Lù Thàng", status_number="15/XN-ĐBP",
        status_date=arrival.date(),
        injured=True, condition_note="Vết bầm ở cánh tay, mệt mỏi, sút cân.", urgent_needs="Quần áo ấm, khám sức khỏe.",
        pregnancy_suspected=True, money_vnd=350_000, money_other="200 nhân dân tệ",
        contacts=(
            ContactInput("Sùng A Páo", "Bố đẻ", "0912 345 678", "Bản Sì Thâu Chải, xã Tả Lèng"),
            ContactInput("Lò Thị Xuân", "Cô giáo chủ nhiệm", "0987 112 233", "Trường PTDTBT THCS Tả Lèng"),
        ),
        belongings=(
            BelongingInput("Điện thoại di động Oppo", 1, "Vỡ màn hình"),
            BelongingInput("Vòng tay bạc", 2, "Còn tốt"),
            BelongingInput("Túi vải thổ cẩm", 1, "Cũ"),
        ),
        consents=_consents(arrival.date(), photo=photo), previous_resident_id=earlier.resident_id,
    )  # fmt: skip
    row = centre.admissions.admit(manager, stay)
    if photo:
        centre.residents.set_photo(manager, row.resident_id, photo_bytes())
    return Admitted(row.resident_id, earlier.resident_id, earlier.code)
