"""Admission core: clear Vietnamese validation, NFC storage, readmission detection, codes."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from centre_desk import i18n
from centre_desk.errors import PermissionDenied, ValidationError, ValidationErrors
from centre_desk.models import Resident
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.models.staff import Role
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import (
    AdmissionInput,
    BelongingInput,
    ConsentInput,
    ContactInput,
    ResidentInput,
    admission_problems,
    age_on,
    parse_quantity,
    sort_key,
)
from centre_desk.services.dto import NewAccount
from centre_desk.text import visible
from tests.conftest import MANAGER_PASSWORD, Installed

NOW = datetime.now(UTC)


def _child(**changes: object) -> AdmissionInput:
    person = ResidentInput(
        full_name="Sùng Thị Dợ", sex=Sex.FEMALE, ethnic_code="08", birth_year=NOW.year - 15,
        guardian_name="Sùng A Páo", guardian_relation="bố", home_province="Lai Châu", home_commune="Tả Lèng",
        home_village="Sì Thâu Chải", is_pupil=True,
    )  # fmt: skip
    resident_changes = {k: v for k, v in changes.items() if k in ResidentInput.__dataclass_fields__}
    admission_changes = {k: v for k, v in changes.items() if k not in resident_changes}
    return replace(
        AdmissionInput(replace(person, **resident_changes), NOW - timedelta(hours=2), Channel.BORDER_GUARD),
        **admission_changes,
    )


def _message(installed: Installed, data: AdmissionInput) -> tuple[str, str]:
    i18n.install("vi")
    with pytest.raises(ValidationError) as caught:
        installed.centre.admissions.admit(installed.manager, data)
    return caught.value.field, caught.value.message


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"guardian_name": ""}, "guardian_name", "dưới 18"),
        ({"id_document": IdDocument.CCCD, "id_number": "03520900123"}, "id_number", "12 chữ số"),
        ({"left_home_on": date(2025, 5, 1), "returned_on": date(2025, 4, 1)}, "returned_on", "trước ngày rời"),
        ({"birth_year": None, "birth_date": date.today() + timedelta(days=3)}, "birth_date", "tương lai"),
        ({"channel": Channel.DISTRICT_LABOUR_OFFICE}, "channel", "01/07/2025"),
        ({"victim_status": VictimStatus.CONFIRMED}, "status_number", "số"),
    ],
)
def test_validation_messages_are_clear_vietnamese(
    installed: Installed, changes: dict[str, object], field: str, words: str
) -> None:
    got_field, message = _message(installed, _child(**changes))
    assert got_field == field
    assert words in message


def test_every_problem_is_reported_at_once_in_form_order(installed: Installed) -> None:
    """Issue 8: Save shows all errors at once; the exception still reads as one ValidationError for old callers."""
    i18n.install("vi")
    data = _child(
        full_name="",
        guardian_name="",
        id_document=IdDocument.ID_CARD,
        id_number="0352",
        referring_phone="gọi sau",
        contacts=(ContactInput("Sùng A Páo", phone="abc"),),
        belongings=(BelongingInput("Áo", 0), BelongingInput("", 1, "cũ")),
        consents=(ConsentInput(terms.ConsentKind.PROCESSING, True, NOW.date()),),
    )
    with pytest.raises(ValidationErrors) as caught:
        installed.centre.admissions.admit(installed.manager, data)
    fields = [field for field, _message in caught.value.problems]
    assert fields == [
        "referring_phone", "full_name", "id_number", "guardian_name", "contact_0.phone",
        "consent_child", "belonging_0.quantity", "belonging_1.item",
    ]  # fmt: skip
    assert (caught.value.field, caught.value.message) == caught.value.problems[0]
    messages = dict(caught.value.problems)
    assert messages["id_number"] == "Số thẻ căn cước gồm đúng 12 chữ số."
    assert messages["belonging_1.item"].startswith("Dòng 2, Tài sản:")
    assert messages["contact_0.phone"].startswith("Dòng 1, Điện thoại:")
    assert admission_problems(data, NOW) == list(caught.value.problems)


def test_quantity_typed_with_a_unit_names_the_row_and_the_column() -> None:
    i18n.install("vi")
    assert parse_quantity(" 3 ", 0) == 3 and parse_quantity("", 4) == 1 and parse_quantity("1.000", 0) == 1000
    for typed in ("3 bộ", "0", "-2", "100001", "2,5"):
        with pytest.raises(ValidationError) as caught:
            parse_quantity(typed, 1)
        assert caught.value.field == "belonging_1.quantity"
        assert caught.value.message.startswith("Dòng 2, Số lượng: ")


def test_admission_stores_nfc_and_assigns_codes_never_reused(installed: Installed) -> None:
    nfd = unicodedata.normalize("NFD", "Giàng Thị Mỷ")
    first = installed.centre.admissions.admit(installed.manager, _child(full_name=nfd))
    second = installed.centre.admissions.admit(installed.manager, _child(full_name="Lò Thị Hương", ethnic_code="03"))
    year = NOW.astimezone().year
    assert first.code == f"LC-{year}-0001" and second.code == f"LC-{year}-0002"
    assert first.alias == f"G.T.M. {first.code}"
    with installed.centre.sessions() as s:
        stored = s.scalar(select(Resident.full_name).where(Resident.id == first.resident_id))
        assert stored == "Giàng Thị Mỷ" and unicodedata.is_normalized("NFC", stored)
        assert s.scalar(select(Resident.sort_key).where(Resident.id == second.resident_id)) == "huong lo thi"


def test_readmission_is_detected_and_linked(installed: Installed) -> None:
    admissions, actor = installed.centre.admissions, installed.manager
    earlier = admissions.admit(actor, _child())
    admissions.admit(actor, _child(full_name="Sùng Thị Dợ", birth_year=NOW.year - 30, guardian_name=""))
    again = _child(full_name="SUNG THI DO", birth_year=NOW.year - 16)
    matches = admissions.possible_readmissions(actor, again.resident)
    assert [m.code for m in matches] == [earlier.code]  # the 30-year-old namesake is not proposed
    linked = admissions.admit(actor, _child(previous_resident_id=matches[0].resident_id))
    assert linked.is_readmission


def test_only_case_roles_admit(installed: Installed) -> None:
    installed.centre.accounts.create(
        installed.manager, NewAccount("quantri", "Trần Văn Đức", MANAGER_PASSWORD, frozenset({Role.ADMINISTRATOR}))
    )
    admin = installed.centre.accounts.authenticate("quantri", MANAGER_PASSWORD)
    with pytest.raises(PermissionDenied):
        installed.centre.admissions.admit(admin, _child())


def test_age_and_vietnamese_order() -> None:
    person = ResidentInput("Lò Văn Páo", Sex.MALE, "03", birth_date=date(2010, 7, 1))
    assert age_on(person, date(2026, 6, 30)) == 15 and age_on(person, date(2026, 7, 1)) == 16
    assert sort_key("Đặng Đức Độ") == "do dang duc"


texts = st.text(max_size=300) | st.sampled_from(
    ["x" * 10_000, "😀 Lầu Thị Chớ", "\u0000", unicodedata.normalize("NFD", "Vàng A Sình")]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=texts, village=texts, birth=st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 12, 31)))
def test_any_input_is_a_faithful_round_trip_or_a_clear_error(
    installed: Installed, name: str, village: str, birth: date
) -> None:
    data = _child(full_name=name, home_village=village, birth_year=None, birth_date=birth)
    try:
        row = installed.centre.admissions.admit(installed.manager, data)
    except ValidationError as exc:
        assert exc.field and exc.message
        return
    with installed.centre.sessions() as s:
        r = s.get(Resident, row.resident_id)
        assert r is not None
        # stored as typed, but NFC, spaces collapsed and invisible format characters (soft hyphen, bidi) removed
        assert r.full_name == " ".join(visible(unicodedata.normalize("NFC", name)).split())
        assert r.home_village == " ".join(visible(unicodedata.normalize("NFC", village)).split())
        assert r.birth_date == birth
