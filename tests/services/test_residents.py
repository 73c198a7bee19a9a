"""The resident record: full round trip of the intake, field groups by role, edits with conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from centre_desk import i18n
from centre_desk.errors import Conflict, PermissionDenied, ValidationError
from centre_desk.models import AuditEvent
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.models.staff import Role
from centre_desk.security.actor import Actor
from centre_desk.services.admission_input import (
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
)
from centre_desk.services.dto import NewAccount
from centre_desk.services.intake_terms import ConsentKind
from tests.conftest import MANAGER_PASSWORD, Installed

NOW = datetime.now(UTC)
PNG = b"\x89PNG\r\n\x1a\n fake image"
TODAY = NOW.astimezone().date()


def full_intake(**changes: object) -> AdmissionInput:
    person = ResidentInput(
        full_name="Sùng Thị Dợ", sex=Sex.FEMALE, ethnic_code="08", birth_date=date(TODAY.year - 15, 3, 2),
        other_names="Mỷ", id_document=IdDocument.CCCD, id_number="012 345 678 901", mother_tongue="tiếng Mông",
        reads_vietnamese=False, interpreter_needed=True, religion="Không", home_province="Lai Châu",
        home_commune="Tả Lèng", home_village="Sì Thâu Chải", legacy_district="Tam Đường",
        guardian_name="Sùng A Páo", guardian_relation="bố", guardian_phone="0912 345 678", is_pupil=True,
        school_name="Trường PTDTBT THCS Tả Lèng", school_grade="lớp 8", school_stopped_on=date(TODAY.year - 1, 9, 5),
    )  # fmt: skip
    data = AdmissionInput(
        resident=person, arrived_at=NOW - timedelta(hours=3), channel=Channel.BORDER_GUARD,
        referring_agency="Đồn Biên phòng Ma Lù Thàng", referring_officer="Lò Văn Đức", referring_phone="0214 3 876 543",
        documents_received=frozenset({"handover_record", "repatriation_papers"}), documents_note="Giấy tờ Trung Quốc",
        exploitation_country="Trung Quốc", exploitation_place="Hà Khẩu, Vân Nam",
        exploitation_types=frozenset({"forced_marriage"}), control_means=frozenset({"false_promises", "isolation"}),
        recruiter_relation="online_contact", left_home_on=date(TODAY.year - 1, 10, 1),
        returned_on=TODAY - timedelta(days=1), border_gate="Ma Lù Thàng", how_freed="escaped",
        narrative="Em được hứa việc làm.\nSau đó bị đưa sang bên kia biên giới.",
        victim_status=VictimStatus.CONFIRMED, status_issuer_kind="border_guard",
        status_issuer="Đồn Biên phòng Ma Lù Thàng", status_number="15/XN-ĐBP", status_date=TODAY,
        injured=True, condition_note="Vết bầm ở tay", urgent_needs="Quần áo ấm", pregnancy_suspected=True,
        money_vnd=1_250_000, money_other="200 nhân dân tệ",
        contacts=(ContactInput("Lù Thị Mai", "mẹ", "0987 654 321", "Bản Sì Thâu Chải"),),
        consents=(
            ConsentInput(ConsentKind.PROCESSING, True, TODAY, "Sùng Thị Dợ"),
            ConsentInput(ConsentKind.CHILD_ASSENT, True, TODAY, "Sùng Thị Dợ"),
            ConsentInput(ConsentKind.GUARDIAN_CONSENT, True, TODAY, "Sùng A Páo"),
            ConsentInput(ConsentKind.PHOTO, True, TODAY, "Sùng A Páo"),
        ),
        belongings=(BelongingInput("Điện thoại di động", 1, "màn hình vỡ"), BelongingInput("Áo khoác", 2, "")),
    )  # fmt: skip
    return replace(data, **changes)  # type: ignore[arg-type]


def _staff(installed: Installed, role: Role) -> Actor:
    login = f"user_{role}"
    installed.centre.accounts.create(
        installed.manager, NewAccount(login, f"Cán bộ {role}", MANAGER_PASSWORD, frozenset({role}))
    )
    return installed.centre.accounts.authenticate(login, MANAGER_PASSWORD)


def test_every_section_of_the_intake_round_trips(installed: Installed) -> None:
    data = full_intake()
    row = installed.centre.admissions.admit(installed.manager, data)
    rec = installed.centre.residents.record(installed.manager, row.resident_id)
    assert rec.person.full_name == "Sùng Thị Dợ"
    assert rec.person.id_number == "012345678901"
    assert rec.person.interpreter_needed and rec.person.reads_vietnamese is False
    assert rec.person.school_grade == "lớp 8"
    assert rec.stay.narrative == data.narrative
    assert rec.stay.control_means == {"false_promises", "isolation"}
    assert rec.stay.belongings == data.belongings
    assert rec.stay.contacts == data.contacts
    assert rec.stay.money_vnd == 1_250_000
    assert rec.stay.pregnancy_suspected  # the manager may view sensitive health
    assert [c.kind for c in rec.consents] == [c.kind for c in data.consents]
    assert rec.is_minor and rec.is_child and rec.present and rec.age == 14 + (date(TODAY.year, 3, 2) <= TODAY)
    assert rec.entitlements[-1] == "initial_allowance"  # a confirmed Vietnamese victim: a–k


def test_groups_the_role_may_not_see_are_blank(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    nurse = _staff(installed, Role.NURSE)
    rec = installed.centre.residents.record(nurse, row.resident_id)
    assert rec.stay.narrative == "" and rec.stay.exploitation_country == ""
    assert rec.stay.pregnancy_suspected  # nurses see sensitive health
    counsellor = _staff(installed, Role.COUNSELLOR)
    rec = installed.centre.residents.record(counsellor, row.resident_id)
    assert rec.stay.narrative.startswith("Em được hứa")
    assert not rec.stay.pregnancy_suspected and rec.stay.belongings == rec.stay.belongings
    with installed.centre.sessions() as s:
        events = s.scalars(select(AuditEvent.action).where(AuditEvent.action == "resident.viewed")).all()
    assert len(events) == 4  # nurse: identity + sensitive health; counsellor: identity + narrative


def test_intake_staff_write_but_cannot_read_sensitive_health(installed: Installed) -> None:
    intake = _staff(installed, Role.INTAKE)
    row = installed.centre.admissions.admit(intake, full_intake())
    rec = installed.centre.residents.record(intake, row.resident_id)
    assert not rec.stay.pregnancy_suspected  # written at intake, hidden from intake afterwards
    # saving the admission tab keeps what the intake officer cannot see
    with pytest.raises(ValidationError):  # health notes are the nurses' to edit after intake
        installed.centre.residents.update_stay(
            intake, rec.admission_id, rec.admission_version, replace(rec.stay, urgent_needs="Chăn ấm")
        )
    rec = installed.centre.residents.update_stay(
        intake, rec.admission_id, rec.admission_version, replace(rec.stay, referring_officer="Thiếu tá Lò Văn Đức")
    )
    manager_view = installed.centre.residents.record(installed.manager, row.resident_id)
    assert manager_view.stay.pregnancy_suspected and manager_view.stay.referring_officer == "Thiếu tá Lò Văn Đức"


def test_a_nurse_cannot_admit_or_write_a_narrative(installed: Installed) -> None:
    nurse = _staff(installed, Role.NURSE)
    with pytest.raises(PermissionDenied):
        installed.centre.admissions.admit(nurse, full_intake())


def test_stale_edit_raises_conflict_with_the_stored_record(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    rec = installed.centre.residents.record(installed.manager, row.resident_id)
    installed.centre.residents.update_person(
        installed.manager, row.resident_id, rec.resident_version, replace(rec.person, religion="Tin Lành")
    )
    with pytest.raises(Conflict) as caught:
        installed.centre.residents.update_person(
            installed.manager, row.resident_id, rec.resident_version, replace(rec.person, religion="Phật giáo")
        )
    assert caught.value.current.person.religion == "Tin Lành"


def test_profile_edit_updates_search_and_alias_stays(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    rec = installed.centre.residents.record(installed.manager, row.resident_id)
    new = installed.centre.residents.update_person(
        installed.manager, row.resident_id, rec.resident_version, replace(rec.person, full_name="Sùng Thị Dơ")
    )
    assert new.person.full_name == "Sùng Thị Dơ" and new.alias == rec.alias
    i18n.install("vi")
    with pytest.raises(ValidationError) as caught:
        installed.centre.residents.update_person(
            installed.manager, row.resident_id, new.resident_version, replace(new.person, guardian_name="")
        )
    assert "dưới 18" in caught.value.message


def test_child_consent_needs_both_agreements(installed: Installed) -> None:
    i18n.install("vi")
    data = full_intake(consents=(ConsentInput(ConsentKind.PROCESSING, True, TODAY, "Sùng Thị Dợ"),))
    with pytest.raises(ValidationError) as caught:
        installed.centre.admissions.admit(installed.manager, data)
    assert caught.value.field == "consent_child" and "7 đến 15" in caught.value.message


def test_photo_only_with_consent_and_withdrawal_removes_it(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    rec = installed.centre.residents.set_photo(installed.manager, row.resident_id, PNG)
    assert rec.photo == PNG
    photo_consent = next(c for c in rec.consents if c.kind is ConsentKind.PHOTO)
    rec = installed.centre.residents.withdraw_consent(installed.manager, photo_consent.id, photo_consent.version, TODAY)
    assert rec.photo is None
    with pytest.raises(ValidationError):
        installed.centre.residents.set_photo(installed.manager, row.resident_id, PNG)


def test_belongings_and_contacts_are_replaced_on_edit(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    rec = installed.centre.residents.record(installed.manager, row.resident_id)
    items = (*rec.stay.belongings, BelongingInput("Giấy khai sinh", 1, "bản chính"))
    rec = installed.centre.residents.update_stay(
        installed.manager, rec.admission_id, rec.admission_version, replace(rec.stay, belongings=items, contacts=())
    )
    assert [b.item for b in rec.stay.belongings][-1] == "Giấy khai sinh" and rec.stay.contacts == ()


def test_drafts_belong_to_their_author(installed: Installed) -> None:
    drafts = installed.centre.drafts
    row = drafts.save(installed.manager, None, None, "S.T.D.", {"full_name": "Sùng Thị Dợ", "page": 2})
    row2 = drafts.save(installed.manager, row.id, row.version, "S.T.D.", {"full_name": "Sùng Thị Dợ", "page": 3})
    with pytest.raises(Conflict):
        drafts.save(installed.manager, row.id, row.version, "S.T.D.", {"page": 4})
    assert drafts.load(installed.manager, row.id)[1] == {"full_name": "Sùng Thị Dợ", "page": 3}
    intake = _staff(installed, Role.INTAKE)
    assert drafts.mine(intake) == []
    assert [d.id for d in drafts.mine(installed.manager)] == [row2.id]
    drafts.discard(installed.manager, row.id)
    assert drafts.mine(installed.manager) == []


def test_a_nurse_corrects_the_initial_condition_only(installed: Installed) -> None:
    row = installed.centre.admissions.admit(installed.manager, full_intake())
    nurse = _staff(installed, Role.NURSE)
    rec = installed.centre.residents.record(nurse, row.resident_id)
    assert rec.entitlements == ()  # the legal status is not the nurse's to see
    rec = installed.centre.residents.update_stay(
        nurse, rec.admission_id, rec.admission_version, replace(rec.stay, needs_medical_now=True)
    )
    assert rec.stay.needs_medical_now
    with pytest.raises(ValidationError):
        installed.centre.residents.update_stay(
            nurse, rec.admission_id, rec.admission_version, replace(rec.stay, referring_officer="X")
        )
    manager_view = installed.centre.residents.record(installed.manager, row.resident_id)
    assert manager_view.stay.narrative.startswith("Em được hứa")  # hidden from the nurse, kept
