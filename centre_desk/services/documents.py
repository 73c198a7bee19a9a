"""Admission papers as PDFs: the admission record, the admission decision and the belongings receipt.

`DocumentService.render` reads one resident, the latest admission, the belongings kept and the
centre's details valid on the arrival date, fills reports/admission_papers.py and returns the PDF.
Printing is a permission of its own (PRINT on identity and placement; the record also shows the
initial condition, so it needs VIEW on health) and every print is audited, without any personal data.

Documents are always in Vietnamese, whatever the screen language, so the wording of the vocabularies
on paper lives here (the legal names: Law 53/2024 Art. 37, Decree 20/2021 Art. 27), not in the catalogue.
"""

from __future__ import annotations

import enum
import logging
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import NotFound, ValidationError
from centre_desk.i18n import _
from centre_desk.models.centre import CentreSettings
from centre_desk.models.resident import (
    Admission,
    Belonging,
    BirthPrecision,
    Channel,
    IdDocument,
    Resident,
    Sex,
    VictimStatus,
)
from centre_desk.models.staff import StaffAccount
from centre_desk.reports import admission_papers as papers
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services import intake_terms as terms
from centre_desk.services.reference import (
    FOREIGN_NATIONAL_CODE,
    find_ethnic_group,
    find_lai_chau_commune,
    find_province,
)
from centre_desk.services.settings import details_on
from centre_desk.text import fold, nfc

log = logging.getLogger(__name__)

KINDS = papers.KINDS
PRINTED = "document.printed"  # the audit action is "document.printed.<kind>"

# What each paper shows beyond identity: home and belongings (placement), the initial condition (health).
_NEEDS: dict[str, tuple[tuple[Action, FieldGroup], ...]] = {
    "admission-record": ((Action.PRINT, FieldGroup.PLACEMENT), (Action.VIEW, FieldGroup.HEALTH)),
    "admission-decision": ((Action.PRINT, FieldGroup.PLACEMENT),),
    "belongings-receipt": ((Action.PRINT, FieldGroup.PLACEMENT),),
}

SEX_WORDS = {Sex.FEMALE: "Nữ", Sex.MALE: "Nam", Sex.OTHER: "Khác"}
ID_PAPERS = {
    IdDocument.ID_CARD: "Thẻ căn cước",
    IdDocument.CCCD: "Căn cước công dân",
    IdDocument.PASSPORT: "Hộ chiếu",
    IdDocument.BIRTH_CERTIFICATE: "Giấy khai sinh",
    IdDocument.NONE: "",
}
CHANNELS = {
    Channel.CENTRE_TEAM: "Cơ sở trực tiếp tiếp nhận",
    Channel.COMMUNE_AUTHORITY: "Ủy ban nhân dân cấp xã chuyển đến",
    Channel.DISTRICT_LABOUR_OFFICE: "Phòng Lao động - Thương binh và Xã hội cấp huyện chuyển đến",
    Channel.HEALTH_DEPARTMENT: "Sở Y tế chuyển đến",
    Channel.PROVINCIAL_POLICE: "Công an tỉnh chuyển đến",
    Channel.OTHER_PROVINCE_CENTRE: "Cơ sở trợ giúp xã hội tỉnh khác chuyển đến",
    Channel.BORDER_GUARD: "Bộ đội Biên phòng bàn giao",
    Channel.POLICE: "Cơ quan Công an bàn giao",
    Channel.SELF_REFERRAL: "Tự đến trình báo",
    Channel.NGO: "Tổ chức xã hội chuyển đến",
}
DOSSIER_WORDS = {
    "declaration": "Tờ khai của đối tượng hoặc người giám hộ (Mẫu số 07 Nghị định số 20/2021/NĐ-CP)",
    "identity_copy": "Bản sao căn cước công dân hoặc giấy tờ tùy thân khác",
    "emergency_minutes": "Biên bản về tình trạng khẩn cấp",
    "commune_request": "Văn bản đề nghị của Chủ tịch Ủy ban nhân dân cấp xã",
    "district_request": "Văn bản đề nghị của Chủ tịch Ủy ban nhân dân cấp huyện",
    "victim_certificate": "Giấy tờ, tài liệu xác nhận là nạn nhân",
    "handover_record": "Biên bản bàn giao của cơ quan chuyển đến",
    "repatriation_papers": "Giấy tờ của cơ quan có thẩm quyền nước ngoài hoặc đồn biên phòng",
}
# Law 53/2024/QH15 Art. 37.1 (DOMAIN.md §1.2), with the law's own letters.
SUPPORT_WORDS = {
    "essential": "Hỗ trợ nhu cầu thiết yếu",
    "medical": "Hỗ trợ y tế",
    "interpretation": "Hỗ trợ phiên dịch",
    "legal_information": "Hỗ trợ pháp luật",
    "legal_aid": "Trợ giúp pháp lý",
    "travel": "Hỗ trợ chi phí đi lại",
    "psychological": "Hỗ trợ tâm lý",
    "schooling": "Hỗ trợ học văn hóa",
    "vocational": "Hỗ trợ học nghề, tư vấn, tạo điều kiện để có việc làm",
    "initial_allowance": "Trợ cấp khó khăn ban đầu, hỗ trợ vay vốn",
}
STATUS_WORDS = {
    VictimStatus.CONFIRMED: "nạn nhân bị mua bán",
    VictimStatus.UNDER_IDENTIFICATION: "người đang trong quá trình xác định là nạn nhân",
}
ACCOMPANYING = "người dưới 18 tuổi đi cùng nạn nhân"
E = TypeVar("E", bound=enum.StrEnum)


class DocumentService:
    def __init__(self, sessions: sessionmaker[Session], audit: AuditLog, access: AccessControl) -> None:
        self._sessions = sessions
        self._audit = audit
        self._access = access

    def render(self, actor: Actor, kind: str, resident_id: int) -> bytes:
        """The paper `kind` (one of KINDS) for the resident's latest admission, as PDF bytes."""
        return self._render(actor, kind, resident_id=resident_id)

    def render_by_code(self, actor: Actor, kind: str, code: str) -> bytes:
        """The same, found by the resident code (LC-2026-0007), for the command line."""
        return self._render(actor, kind, code=" ".join(nfc(code).split()).upper())

    def _render(self, actor: Actor, kind: str, *, resident_id: int | None = None, code: str = "") -> bytes:
        if kind not in _NEEDS:
            raise ValidationError("kind", _("Unknown document: {kind}.").format(kind=kind))
        with self._access.unit(
            actor, Action.PRINT, FieldGroup.IDENTITY, record_type="resident",
            record_id=resident_id if resident_id is not None else code, also=_NEEDS[kind],
        ) as (s, current):  # fmt: skip
            if resident_id is not None:
                resident = s.get(Resident, resident_id)
            else:
                resident = s.scalar(select(Resident).where(Resident.code == code))
            if resident is None:
                raise NotFound(_("There is no resident with this code or number."))
            paper = paper_for(s, resident, current)
            data = papers.render_paper(kind, paper)
            self._audit.record(
                s, current, f"{PRINTED}.{kind}", record_type="resident", record_id=resident.id,
                field_group=FieldGroup.IDENTITY,
            )  # fmt: skip
        log.info("printed a %s (%d bytes)", kind, len(data))
        return data


def paper_for(s: Session, resident: Resident, actor: Actor) -> papers.AdmissionPaper:
    """The papers' input for the resident's latest admission; the receiving officer is the one who
    admitted her (the person printing when that is unknown, e.g. demo data)."""
    admission = s.scalar(
        select(Admission)
        .where(Admission.resident_id == resident.id)
        .order_by(Admission.arrived_at.desc(), Admission.id.desc())
        .limit(1)
    )
    if admission is None:
        raise NotFound(_("This resident has no admission to print."))
    arrived = admission.arrived_at.astimezone()  # local time of this computer, as on the screens
    settings = details_on(s, arrived.date())
    belongings = s.scalars(
        select(Belonging).where(Belonging.admission_id == admission.id).order_by(Belonging.position, Belonging.id)
    )
    return papers.AdmissionPaper(
        centre=centre_header(settings),
        person=person_of(resident, arrived.date()),
        admission=facts_of(resident, admission, arrived),
        safekeeping=papers.Safekeeping(
            tuple(papers.Item(b.item, b.quantity, b.condition) for b in belongings),
            admission.money_vnd,
            admission.money_other,
        ),
        officer_name=_officer_name(s, admission, actor),
    )


def _officer_name(s: Session, admission: Admission, actor: Actor) -> str:
    officer = s.get(StaffAccount, admission.received_by) if admission.received_by is not None else None
    return officer.full_name if officer is not None else actor.full_name


def _word(words: dict[E, str], kind: type[E], value: str) -> str:
    """The printed word for a stored key; an unknown key prints as stored."""
    try:
        return words.get(kind(value), value)
    except ValueError:
        return value


def centre_header(row: CentreSettings | None) -> papers.CentreHeader:
    if row is None:
        return papers.CentreHeader(centre_name="")
    return papers.CentreHeader(
        centre_name=row.centre_name,
        parent_agency=row.parent_agency,
        place_name=row.place_name or row.province,
        address=row.address,
        director_name=row.director_name,
        director_title=row.director_title,
        abbreviation=row.abbreviation,
        founding_decision=row.founding_decision,
    )


def _unit(text: str, found: tuple[str, str] | None) -> str:
    """ "Tả Lèng" -> "xã Tả Lèng" when the reference data knows it under exactly that name."""
    if found is None:
        return text
    kind, name = found
    return f"{kind} {name}" if fold(name) == fold(text) else text


def home_of(resident: Resident) -> papers.Home:
    province = find_province(resident.home_province) if resident.home_province else None
    commune = None
    if province is not None and province.name == "Lai Châu" and resident.home_commune:
        commune = find_lai_chau_commune(resident.home_commune)
    return papers.Home(
        village=resident.home_village,
        commune=_unit(resident.home_commune, (commune.kind, commune.name) if commune else None),
        province=_unit(resident.home_province, (province.kind, province.name) if province else None),
        legacy_district=resident.legacy_district,
    )


def person_of(resident: Resident, arrival_day: date) -> papers.Person:
    group = find_ethnic_group(resident.ethnic_code, include_foreign=True)
    precision = resident.birth_precision
    estimated = precision == BirthPrecision.ESTIMATED and resident.birth_year is not None
    return papers.Person(
        full_name=resident.full_name,
        sex=_word(SEX_WORDS, Sex, resident.sex),
        ethnic_group=group.name if group is not None else resident.ethnic_code,
        birth_date=resident.birth_date if precision == BirthPrecision.EXACT else None,
        birth_year=resident.birth_year if precision == BirthPrecision.YEAR else None,
        estimated_age=arrival_day.year - resident.birth_year if estimated and resident.birth_year else None,
        other_names=resident.other_names,
        nationality=resident.nationality,
        id_paper=_word(ID_PAPERS, IdDocument, resident.id_document),
        id_number=resident.id_number,
        home=home_of(resident),
        guardian_name=resident.guardian_name,
        guardian_relation=resident.guardian_relation,
        guardian_phone=resident.guardian_phone,
        school_name=resident.school_name if resident.is_pupil else "",
        school_grade=resident.school_grade if resident.is_pupil else "",
        code=resident.code,
    )


def entitlement_labels(resident: Resident, admission: Admission) -> tuple[str, ...]:
    foreign = resident.ethnic_code == FOREIGN_NATIONAL_CODE or fold(resident.nationality) not in ("", "viet nam")
    keys = terms.entitlements(
        confirmed=admission.victim_status == VictimStatus.CONFIRMED,
        foreign=foreign,
        accompanying_child=admission.accompanying_child,
    )
    return tuple(f"{terms.SUPPORT_CATEGORIES[k][0]}) {SUPPORT_WORDS[k]}" for k in keys)


def condition_of(admission: Admission) -> str:
    """The initial condition as printed: never the sensitive-health flag (pregnancy)."""
    parts = []
    if admission.injured:
        parts.append("Bị thương")
    if admission.needs_medical_now:
        parts.append("Cần khám, chữa bệnh ngay")
    if admission.condition_note.strip():
        parts.append(" ".join(admission.condition_note.split()))
    if admission.urgent_needs.strip():
        parts.append("Nhu cầu cấp thiết: " + " ".join(admission.urgent_needs.split()))
    return ". ".join(p.rstrip(".") for p in parts)


def facts_of(resident: Resident, admission: Admission, arrived: datetime) -> papers.AdmissionFacts:
    document = None
    if admission.status_issuer or admission.status_number:
        document = papers.StatusDocument(admission.status_issuer, admission.status_number, admission.status_date)
    documents = [DOSSIER_WORDS[k] for k in DOSSIER_WORDS if k in terms.split_keys(admission.documents_received)]
    if admission.documents_note.strip():
        documents.append(admission.documents_note)
    status = (
        ACCOMPANYING if admission.accompanying_child else _word(STATUS_WORDS, VictimStatus, admission.victim_status)
    )
    group = find_ethnic_group(resident.ethnic_code, include_foreign=True)
    language = resident.mother_tongue or (group.name if group is not None and not group.is_foreign else "")
    return papers.AdmissionFacts(
        arrived_at=arrived.replace(tzinfo=None),
        channel=_word(CHANNELS, Channel, admission.channel),
        status=status,
        referring_agency=admission.referring_agency,
        referring_officer=admission.referring_officer,
        referring_phone=admission.referring_phone,
        status_document=document,
        documents=tuple(documents),
        condition=condition_of(admission),
        interpreter_needed=resident.interpreter_needed,
        interpreter_language=language,
        entitlements=entitlement_labels(resident, admission),
    )
