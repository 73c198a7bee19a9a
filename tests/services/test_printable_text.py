"""Text that can be printed (issue 9, point 5): what reaches a paper is drawable by its font, and
invisible characters neither change what is stored nor dodge search and the readmission check."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.resident import Sex
from centre_desk.models.staff import Role
from centre_desk.reports.glyphs import paper_characters, unprintable
from centre_desk.services.admission_input import ResidentInput, check_person
from centre_desk.services.dto import NewAccount
from centre_desk.services.registry import RegistryFilter
from centre_desk.services.settings import CentreDetails, check_details
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import admit

TODAY = date(2026, 11, 29)
PERSON = ResidentInput(full_name="Giàng Thị Dợ", sex=Sex.FEMALE, ethnic_code="08", birth_year=1998)
PRINTED = {"full_name": "full name", "other_names": "other names", "alias": "alias", "home_village": "village"}


def _refusal(**changes: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_person(replace(PERSON, **changes), TODAY, TODAY)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("full_name", "王芳", "王 (U+738B)"),  # a Chinese spouse's name
        ("other_names", "Lò Thị Mai; ນາງ ມາລີ", "ນ (U+0E99)"),  # an alias used in Laos
        ("alias", "Dợ 😀", "😀 (U+1F600)"),
        ("home_village", "bản שלום", "ש (U+05E9)"),  # in the font, but printed left to right: reversed
        ("full_name", "Giàng Thị \ue000Dợ", "U+E000"),  # private use: some glyph, never the one meant
    ],
)
def test_a_character_the_papers_cannot_print_is_refused_naming_field_and_character(
    field: str, text: str, shown: str
) -> None:
    """Today these are stored, then printed on the Biên bản tiếp nhận with letters missing."""
    refusal = _refusal(**{field: text})
    assert refusal.field == field
    assert _(PRINTED[field]) in refusal.message and shown in refusal.message


def test_the_message_reads_well_in_vietnamese() -> None:
    assert _refusal(full_name="王芳").message.startswith("Mục họ và tên có ký tự không in được: 王 (U+738B).")


def test_the_account_may_keep_the_original_spelling() -> None:
    """The narrative is never printed: the name written in Chinese can be kept there."""
    from centre_desk.services.admission_input import clean_block

    assert clean_block("Chồng tên là 王芳 (Vương Phương).", "narrative", _("account"), 20_000) == (
        "Chồng tên là 王芳 (Vương Phương)."
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Giàng Thị Ma\u200bi", "Giàng Thị Mai"),
        ("\u202eGiàng Thị Mai", "Giàng Thị Mai"),  # the screen showed it reversed
        ("Giàng\u00a0Thị \u2066Mai\u2069\ufeff", "Giàng Thị Mai"),
        ("Mai\u200bX", "MaiX"),  # what the screen showed
        ("Mai \u200b X", "Mai X"),
    ],
)
def test_invisible_characters_are_removed_from_names(typed: str, stored: str) -> None:
    assert check_person(replace(PERSON, full_name=typed), TODAY, TODAY).full_name == stored


def test_an_identity_number_loses_invisible_characters() -> None:
    from centre_desk.models.resident import IdDocument

    person = replace(PERSON, id_document=IdDocument.BIRTH_CERTIFICATE, id_number="12\u200b/\u202eKS")
    assert check_person(person, TODAY, TODAY).id_number == "12/KS"


def test_staff_names_and_centre_details_are_checked_too(installed: Installed) -> None:
    with pytest.raises(ValidationError) as caught:
        installed.centre.accounts.create(
            installed.manager, NewAccount("wang", "王芳", MANAGER_PASSWORD, frozenset({Role.NURSE}))
        )
    assert caught.value.field == "full_name" and "U+738B" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        check_details(CentreDetails(TODAY, "Trung tâm CTXH tỉnh Lai Châu", director_name="Lò Văn 🙂"))
    assert caught.value.field == "director_name" and _("director's name") in caught.value.message
    assert check_details(CentreDetails(TODAY, "Trung tâm\u200b CTXH")).centre_name == "Trung tâm CTXH"


def _codes(installed: Installed, search: str) -> set[str]:
    rows = installed.centre.registry.page(installed.manager, RegistryFilter(search=search), 0, 100)
    return {r.code for r in rows}


def test_invisible_characters_do_not_dodge_search(installed: Installed) -> None:
    hidden = admit(installed.centre, installed.manager, "Mai\u200bX").code
    spaced = admit(installed.centre, installed.manager, "Mai X").code
    joined = admit(installed.centre, installed.manager, "MaiX").code
    assert _codes(installed, "Mai X") == {hidden, spaced, joined}
    assert _codes(installed, "Mai\u200bX") == _codes(installed, "MaiX") == {hidden, joined}
    assert _codes(installed, "mai\u2060 \u202ex") == {hidden, spaced, joined}


def test_invisible_characters_do_not_dodge_the_readmission_check(installed: Installed) -> None:
    """Today "Ma\u200bi" (shown as "Mai") finds no earlier stay of "Giàng Thị Mai"."""
    earlier = admit(installed.centre, installed.manager, "Giàng Thị Mai", birth_year=2001).code
    for typed in ("Giàng Thị Ma\u200bi", "Giàng\u2060 Thị Mai\u200e", "\ufeffGiàng Thị Mai"):
        again = replace(PERSON, full_name=typed, birth_year=2001)
        matches = installed.centre.admissions.possible_readmissions(installed.manager, again)
        assert [m.code for m in matches] == [earlier], typed


SAMPLES = ["王芳", "Lò Thị Mai\u200b", "\u202eĐảo ngược", "ນາງ", "Dợ 😀", unicodedata.normalize("NFD", "Sình")]
any_text = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(SAMPLES)


@settings(max_examples=300, deadline=None)
@given(full_name=any_text, other_names=any_text, alias=any_text)
def test_every_stored_character_is_printable_or_the_input_is_refused(
    full_name: str, other_names: str, alias: str
) -> None:
    person = replace(PERSON, full_name=full_name or "Dợ", other_names=other_names, alias=alias)
    try:
        cleaned = check_person(person, TODAY, TODAY)
    except ValidationError as exc:
        assert exc.field in PRINTED and _(PRINTED[exc.field]) in exc.message
        return
    drawable = paper_characters()
    for text in (cleaned.full_name, cleaned.other_names, cleaned.alias):
        assert unprintable(text) is None
        assert all(ord(ch) in drawable and unicodedata.category(ch) != "Cf" for ch in text)


def test_font_coverage_is_read_once_and_has_every_vietnamese_letter() -> None:
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    assert unprintable(letters + letters.upper() + " 0123456789.,;:–…“”‘’()/%№₫") is None
    assert paper_characters() is paper_characters()
    assert datetime.now(UTC)  # (the cache is per process; nothing to clear between tests)
