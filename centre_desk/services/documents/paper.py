"""The papers' input from the database: one resident, an admission, the belongings kept and the centre's
details valid on the arrival date, turned into reports/paper_inputs.py data with every word in Vietnamese
(services/documents/words.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import NotFound
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
from centre_desk.reports import paper_inputs as papers
from centre_desk.security.actor import Actor
from centre_desk.services import intake_terms as terms
from centre_desk.services.documents.words import (
    ACCOMPANYING,
    CHANNELS,
    DOSSIER_WORDS,
    ID_PAPERS,
    SEX_WORDS,
    STATUS_WORDS,
    SUPPORT_WORDS,
    word,
)
from centre_desk.services.reference import (
    FOREIGN_NATIONAL_CODE,
    find_ethnic_group,
    find_lai_chau_commune,
    find_province,
)
from centre_desk.services.settings import details_on
from centre_desk.text import fold


def resident_by(s: Session, resident_id: int | None, code: str = "") -> Resident:
    """The resident a paper is printed for: by id (the screens) or by file code (the command line)."""
    if resident_id is not None:
        resident = s.get(Resident, resident_id)
    else:
        resident = s.scalar(select(Resident).where(Resident.code == code))
    if resident is None:
        raise NotFound(_("There is no resident with this code or number."))
    return resident


def latest_admission(s: Session, resident: Resident) -> Admission:
    admission = s.scalar(
        select(Admission)
        .where(Admission.resident_id == resident.id)
        .order_by(Admission.arrived_at.desc(), Admission.id.desc())
        .limit(1)
    )
    if admission is None:
        raise NotFound(_("This resident has no admission to print."))
    return admission


def paper_for(s: Session, resident: Resident, admission: Admission, actor: Actor) -> papers.AdmissionPaper:
    """The papers' input for one admission; the receiving officer is the one who admitted the person (the
    person printing when that is unknown, e.g. demo data), with the job title from the centre's details."""
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
        officer_title=settings.officer_title if settings is not None else "",
    )


def _officer_name(s: Session, admission: Admission, actor: Actor) -> str:
    officer = s.get(StaffAccount, admission.received_by) if admission.received_by is not None else None
    return officer.full_name if officer is not None else actor.full_name


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
        proposing_unit=row.proposing_unit,
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
        sex=word(SEX_WORDS, Sex, resident.sex),
        ethnic_group=group.name if group is not None else resident.ethnic_code,
        birth_date=resident.birth_date if precision == BirthPrecision.EXACT else None,
        birth_year=resident.birth_year if precision == BirthPrecision.YEAR else None,
        estimated_age=arrival_day.year - resident.birth_year if estimated and resident.birth_year else None,
        other_names=resident.other_names,
        nationality=resident.nationality,
        id_paper=word(ID_PAPERS, IdDocument, resident.id_document),
        id_number=resident.id_number,
        home=home_of(resident),
        guardian_name=resident.guardian_name,
        guardian_relation=resident.guardian_relation,
        guardian_phone=resident.guardian_phone,
        school_name=resident.school_name if resident.is_pupil else "",
        school_grade=resident.school_grade if resident.is_pupil else "",
        code=resident.code,
    )


def entitlement_keys(resident: Resident, admission: Admission) -> tuple[str, ...]:
    """The support categories (Law 53/2024 Art. 37) of the person on this admission, in the law's order."""
    foreign = resident.ethnic_code == FOREIGN_NATIONAL_CODE or fold(resident.nationality) not in ("", "viet nam")
    return terms.entitlements(
        confirmed=admission.victim_status == VictimStatus.CONFIRMED,
        foreign=foreign,
        accompanying_child=admission.accompanying_child,
    )


def entitlement_labels(resident: Resident, admission: Admission) -> tuple[str, ...]:
    keys = entitlement_keys(resident, admission)
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
    status = ACCOMPANYING if admission.accompanying_child else word(STATUS_WORDS, VictimStatus, admission.victim_status)
    group = find_ethnic_group(resident.ethnic_code, include_foreign=True)
    language = resident.mother_tongue or (group.name if group is not None and not group.is_foreign else "")
    return papers.AdmissionFacts(
        arrived_at=arrived.replace(tzinfo=None),
        channel=word(CHANNELS, Channel, admission.channel),
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
        self_referral=admission.channel == Channel.SELF_REFERRAL,
    )
