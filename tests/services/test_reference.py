"""Reference data: the CSV files and the Qt-free loader in centre_desk.services.reference.

Expected values are copied from /work/shared/reference/DOMAIN-ADDENDUM.md (§4 List A, §5.1, §5.2, §8).
"""

from __future__ import annotations

import csv
import unicodedata

import pytest

from centre_desk.paths import resource
from centre_desk.services import reference as ref
from centre_desk.services.reference import (
    current_commune_for_legacy,
    ethnic_groups,
    find_ethnic_group,
    find_lai_chau_commune,
    find_province,
    lai_chau_communes,
    provinces,
    search_ethnic_groups,
)
from centre_desk.text import fold

CSV_FILES = ["ethnic_groups.csv", "provinces.csv", "lai_chau_communes.csv"]

# ADDENDUM §4, List A (QĐ 121-TCTK/PPCĐ, 1979).
LIST_A_SPOT_CHECKS = {
    "01": "Kinh",
    "02": "Tày",
    "03": "Thái",
    "04": "Hoa",
    "06": "Mường",
    "07": "Nùng",
    "08": "Mông",
    "09": "Dao",
    "21": "Ra-glai",
    "25": "Giáy",
    "29": "Khơ-mú",
    "33": "Kháng",
    "35": "Hà Nhì",
    "37": "Lào",
    "41": "La Hủ",
    "42": "Lự",
    "43": "Lô Lô",
    "45": "Mảng",
    "47": "Co Lao",
    "48": "Cống",
    "50": "Si La",
    "54": "Rơ-măm",
}

# ADDENDUM §5.2: the 13 community groups in the order given, then Kinh, Tày, Nùng, Hoa, Mường.
LAI_CHAU_GROUPS = [
    "Thái", "Giáy", "Lào", "Lự", "Mảng", "Kháng", "Khơ-mú", "Mông", "Dao", "Hà Nhì", "La Hủ", "Cống", "Si La",
    "Kinh", "Tày", "Nùng", "Hoa", "Mường",
]  # fmt: skip

# ADDENDUM §8: the 11 units not merged.
UNMERGED = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Cao Bằng",
]  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    with resource("reference", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- files -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_cell_is_nfc_and_trimmed(name: str) -> None:
    rows = _rows(name)
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert cell is not None, f"{name}: short row {row}"
            assert unicodedata.is_normalized("NFC", cell), f"{name}:{column}: {cell!r}"
            assert cell == cell.strip(), f"{name}:{column}: {cell!r}"
            assert column == unicodedata.normalize("NFC", column)


@pytest.mark.parametrize(("name", "column"), [(f, "name") for f in CSV_FILES] + [("ethnic_groups.csv", "code")])
def test_no_duplicate_names_or_codes(name: str, column: str) -> None:
    values = [fold(row[column]) for row in _rows(name)]
    assert len(values) == len(set(values))


def test_sources_file_exists_and_cites_every_csv() -> None:
    text = resource("reference", "SOURCES.md").read_text(encoding="utf-8")
    for name in CSV_FILES:
        assert name in text


def test_loaded_text_is_nfc() -> None:
    texts = [s for g in ethnic_groups(include_foreign=True) for s in (g.name, *g.aliases)]
    texts += [s for p in provinces() for s in (p.name, p.kind, *p.merged_from, *p.aliases)]
    texts += [s for c in lai_chau_communes() for s in (c.name, c.kind, *c.formed_from)]
    assert len(texts) > 300
    assert all(unicodedata.is_normalized("NFC", s) for s in texts)


# --- ethnic groups -----------------------------------------------------------------------------------------------


def test_exactly_54_groups_with_codes_01_to_54() -> None:
    groups = ethnic_groups()
    assert len(groups) == 54
    assert sorted(g.code for g in groups) == [f"{n:02d}" for n in range(1, 55)]
    assert all(g.verified for g in groups)


def test_file_order_is_list_a_order() -> None:
    assert [row["code"] for row in _rows("ethnic_groups.csv")][:54] == [f"{n:02d}" for n in range(1, 55)]


@pytest.mark.parametrize(("code", "name"), sorted(LIST_A_SPOT_CHECKS.items()))
def test_list_a_codes(code: str, name: str) -> None:
    group = find_ethnic_group(code)
    assert group is not None
    assert group.name == name
    assert find_ethnic_group(name) == group


def test_list_a_parenthesised_names_are_aliases() -> None:
    # The 1979 table writes "Kinh (Việt)", "Hoa (Hán)", "HMông (Mèo)", "Co Lao (Cơ Lao)".
    assert find_ethnic_group("Việt") == find_ethnic_group("01")
    assert find_ethnic_group("Hán") == find_ethnic_group("04")
    assert find_ethnic_group("HMông") == find_ethnic_group("08")
    assert find_ethnic_group("Cơ Lao") == find_ethnic_group("47")


def test_lai_chau_groups_come_first_in_document_order() -> None:
    groups = ethnic_groups()
    pinned = [g for g in groups if g.lai_chau_order is not None]
    assert len(pinned) == len(LAI_CHAU_GROUPS) == 18  # §5.2 names 18 of the 20; 2 were not found
    assert [g.name for g in groups[:18]] == LAI_CHAU_GROUPS
    assert [g.lai_chau_order for g in groups[:18]] == list(range(1, 19))
    rest = [g.code for g in groups[18:]]
    assert rest == sorted(rest)
    assert all(g.lai_chau_order is None for g in groups[18:])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mèo", "08"),
        ("meo", "08"),
        ("MÈO", "08"),
        ("hmong", "08"),
        ("H'Mông", "08"),
        ("H’mông", "08"),
        ("Hmông", "08"),
        ("mông", "08"),
        ("Mán", "09"),
        ("man", "09"),
        ("DAO", "09"),
        ("ha nhi", "35"),
        ("Hà-Nhì", "35"),
        ("khomu", "29"),
        ("Khơ Mú", "29"),
        ("Xá", "29"),
        ("si la", "50"),
        ("LA HU", "41"),
        ("lo lo", "43"),
        ("Khmer", "05"),
        ("  giay ", "25"),
        ("thai", "03"),
        ("lu", "42"),
        ("cong", "48"),
        ("mang", "45"),
    ],
)
def test_find_ethnic_group_ignores_case_accents_and_separators(text: str, code: str) -> None:
    group = find_ethnic_group(text)
    assert group is not None
    assert group.code == code


@pytest.mark.parametrize("text", ["8", "008", "", "   ", "Mo", "Người Kinh", "55", "Người nước ngoài", "56"])
def test_find_ethnic_group_misses(text: str) -> None:
    assert find_ethnic_group(text) is None


def test_foreign_national_code_is_separate_and_unverified() -> None:
    assert all(not g.is_foreign for g in ethnic_groups())
    everything = ethnic_groups(include_foreign=True)
    assert len(everything) == 55
    foreign = everything[-1]
    assert (foreign.code, foreign.name, foreign.verified) == ("55", "Người nước ngoài", False)
    assert find_ethnic_group("55", include_foreign=True) == foreign
    assert find_ethnic_group("nguoi nuoc ngoai", include_foreign=True) == foreign
    assert foreign not in search_ethnic_groups("ng")
    assert foreign in search_ethnic_groups("ng", include_foreign=True)


def test_every_label_names_exactly_one_group() -> None:
    seen: dict[str, str] = {}
    for group in ethnic_groups(include_foreign=True):
        for label in (group.name, *group.aliases):
            assert find_ethnic_group(label, include_foreign=True) == group
            key = ref._key(label)
            assert seen.setdefault(key, group.code) == group.code, label


def test_search_is_accent_insensitive_prefix_in_display_order() -> None:
    assert [g.code for g in search_ethnic_groups("mo")] == ["08"]
    assert [g.name for g in search_ethnic_groups("MƯ")] == ["Mường"]
    assert [g.name for g in search_ethnic_groups("la")] == ["Lào", "La Hủ", "La Chí", "La Ha"]
    assert [g.name for g in search_ethnic_groups("mè")] == ["Mông"]  # via the alias "Mèo"
    assert [g.name for g in search_ethnic_groups("ma")] == ["Mảng", "Dao", "Mạ"]  # Dao via "Mán"
    assert search_ethnic_groups("zz") == []
    assert len(search_ethnic_groups("")) == 54


def test_groups_are_frozen() -> None:
    group = ethnic_groups()[0]
    with pytest.raises(AttributeError):
        group.name = "x"  # type: ignore[misc]


# --- provinces ---------------------------------------------------------------------------------------------------


def test_34_current_units() -> None:
    units = provinces()
    assert len(units) == 34
    assert sum(p.kind == "thành phố" for p in units) == 6
    assert sum(p.kind == "tỉnh" for p in units) == 28
    assert {p.name for p in units if p.kind == "thành phố"} == {
        "Hà Nội",
        "Huế",
        "Hải Phòng",
        "Đà Nẵng",
        "Hồ Chí Minh",
        "Cần Thơ",
    }
    assert all(row["effective_from"] == "2025-07-01" for row in _rows("provinces.csv"))


def test_63_legacy_units_each_resolve_to_their_current_unit() -> None:
    legacy = [(name, p) for p in provinces() for name in p.merged_from]
    assert len(legacy) == 63
    assert len({fold(name) for name, _ in legacy}) == 63
    for name, unit in legacy:
        assert find_province(name) == unit, name
        assert find_province(fold(name).upper()) == unit, name


def test_every_current_unit_resolves_and_lists_itself() -> None:
    for unit in provinces():
        assert unit.name in unit.merged_from
        assert find_province(unit.name) == unit
        assert find_province(unit.full_name) == unit


def test_unmerged_units_absorb_nothing() -> None:
    for name in UNMERGED:
        unit = find_province(name)
        assert unit is not None
        assert unit.merged_from == (name,)
    assert sum(len(p.merged_from) == 1 for p in provinces()) == 11


def test_lai_chau_is_unchanged() -> None:
    lai_chau = find_province("Lai Châu")
    assert lai_chau is not None
    assert (lai_chau.name, lai_chau.kind, lai_chau.merged_from) == ("Lai Châu", "tỉnh", ("Lai Châu",))
    assert lai_chau.full_name == "Tỉnh Lai Châu"


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("Hà Giang", "Tuyên Quang"),
        ("tỉnh Hà Giang", "Tuyên Quang"),
        ("TINH YEN BAI", "Lào Cai"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("hoa binh", "Phú Thọ"),
        ("Hoà Bình", "Phú Thọ"),
        ("Vĩnh Phúc", "Phú Thọ"),
        ("Bắc Giang", "Bắc Ninh"),
        ("Thái Bình", "Hưng Yên"),
        ("Hải Dương", "Hải Phòng"),
        ("Nam Định", "Ninh Bình"),
        ("Hà Nam", "Ninh Bình"),
        ("Quảng Bình", "Quảng Trị"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Bình Định", "Gia Lai"),
        ("Ninh Thuận", "Khánh Hòa"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Phú Yên", "Đắk Lắk"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("ba ria vung tau", "Hồ Chí Minh"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("TP HCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("thành phố hồ chí minh", "Hồ Chí Minh"),
        ("Bình Phước", "Đồng Nai"),
        ("Long An", "Tây Ninh"),
        ("Sóc Trăng", "Cần Thơ"),
        ("TP Cần Thơ", "Cần Thơ"),
        ("Trà Vinh", "Vĩnh Long"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Bạc Liêu", "Cà Mau"),
        ("Kiên Giang", "An Giang"),
        ("thanh hoa", "Thanh Hóa"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("dien bien", "Điện Biên"),
    ],
)
def test_find_province(text: str, current: str) -> None:
    unit = find_province(text)
    assert unit is not None
    assert unit.name == current


@pytest.mark.parametrize("text", ["", "tỉnh", "TP", "Lai", "Thừa Thiên", "Mường Tè", "Sài Gòn"])
def test_find_province_misses(text: str) -> None:
    assert find_province(text) is None


# --- Lai Châu communes -------------------------------------------------------------------------------------------


def test_38_communes_36_xa_2_phuong() -> None:
    communes = lai_chau_communes()
    assert len(communes) == 38
    assert sum(c.kind == "xã" for c in communes) == 36
    assert sorted(c.name for c in communes if c.kind == "phường") == ["Tân Phong", "Đoàn Kết"]
    assert len({fold(c.name) for c in communes}) == 38


def test_composition_adds_up_to_the_106_old_units() -> None:
    # ADDENDUM §5.1: 104 old units in 36 merged groups + 2 unchanged = 106 = 94 xã + 5 phường + 7 thị trấn.
    old = [entry for c in lai_chau_communes() for entry in c.formed_from]
    assert len(old) == 106
    assert sum(e.startswith("xã ") for e in old) == 94
    assert sum(e.startswith("phường ") for e in old) == 5
    assert sum(e.startswith("thị trấn ") for e in old) == 7
    unchanged = [c for c in lai_chau_communes() if c.formed_from == (f"xã {c.name}",)]
    assert sorted(c.name for c in unchanged) == ["Mù Cả", "Tà Tổng"]


def test_verified_rows_and_codes() -> None:
    verified = {c.name for c in lai_chau_communes() if c.verified}
    assert verified == {"Tân Phong", "Mù Cả", "Tà Tổng"}
    assert not any(c.code_verified for c in lai_chau_communes())
    codes = [c.code for c in lai_chau_communes()]
    assert len(set(codes)) == 38
    assert all(len(code) == 5 and code.isdigit() for code in codes)
    mu_ca = find_lai_chau_commune("Mù Cả")
    assert mu_ca is not None
    assert mu_ca.code == "03451"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tân Phong", "Tân Phong"),
        ("phường Đoàn Kết", "Đoàn Kết"),
        ("doan ket", "Đoàn Kết"),
        ("Xã Mường Kim", "Mường Kim"),
        ("xa sin suoi ho", "Sin Suối Hồ"),
        ("Sìn Hồ", "Sìn Hồ"),
        ("PA U", "Pa Ủ"),
        ("Tà Tổng", "Tà Tổng"),
    ],
)
def test_find_lai_chau_commune(text: str, name: str) -> None:
    commune = find_lai_chau_commune(text)
    assert commune is not None
    assert commune.name == name


@pytest.mark.parametrize("text", ["", "xã", "Tà Gia", "Đông Phong", "phường Mường Kim", "xã Tân Phong", "Lai Châu"])
def test_find_lai_chau_commune_misses(text: str) -> None:
    assert find_lai_chau_commune(text) is None


def test_phuong_full_names() -> None:
    assert [c.full_name for c in lai_chau_communes() if c.kind == "phường"] == ["Phường Tân Phong", "Phường Đoàn Kết"]


@pytest.mark.parametrize(
    ("old", "district", "new"),
    [
        ("Tà Mung", None, "Mường Kim"),
        ("Tà Gia", None, "Khoen On"),
        ("Ta Gia", None, "Khoen On"),
        ("thị trấn Than Uyên", None, "Than Uyên"),
        ("TT Than Uyên", None, "Than Uyên"),
        ("Mường Than", None, "Than Uyên"),  # the old xã Mường Than is not today's xã Mường Than
        ("Phúc Than", None, "Mường Than"),
        ("Hố Mít", None, "Pắc Ta"),
        ("thị trấn Tam Đường", None, "Bình Lư"),
        ("Nà Tăm", None, "Bản Bo"),
        ("Ma Ly Pho", None, "Phong Thổ"),
        ("Tung Qua Lìn", None, "Dào San"),
        ("Hoang Thèn", None, "Khổng Lào"),
        ("Ma Quai", None, "Hồng Thu"),
        ("pa khoa", None, "Pu Sam Cáp"),
        ("TT Nậm Nhùn", None, "Nậm Hàng"),
        ("Hua Bun", None, "Hua Bum"),
        ("thị trấn Mường Tè", None, "Bum Tở"),
        ("xã Mường Tè", None, "Mường Tè"),
        ("Kan Hồ", None, "Bum Tở"),
        ("Tá Bạ", None, "Pa Ủ"),
        ("phường Đông Phong", None, "Tân Phong"),
        ("San Thàng", "thành phố Lai Châu", "Tân Phong"),
        ("Nùng Nàng", "huyện Tam Đường", "Tân Phong"),
        ("Bản Giang", "Tam Đường", "Tân Phong"),
        ("Quyết Thắng", None, "Đoàn Kết"),
        ("Lả Nhì Thàng", None, "Đoàn Kết"),
        ("Lản Nhì Thàng", None, "Đoàn Kết"),
        ("Mù Cả", None, "Mù Cả"),
        ("Tà Tổng", "huyện Mường Tè", "Tà Tổng"),  # no recorded district: the name alone decides
    ],
)
def test_current_commune_for_legacy(old: str, district: str | None, new: str) -> None:
    commune = current_commune_for_legacy(old, district)
    assert commune is not None
    assert commune.name == new


def test_legacy_name_shared_by_two_units_is_ambiguous_without_its_type() -> None:
    assert current_commune_for_legacy("Mường Tè") is None


def test_names_differing_only_in_accents_are_told_apart_by_accents() -> None:
    # "Nậm Cha" went into xã Nậm Tăm, "Nậm Chà" into xã Mường Mô (ADDENDUM §5.1 rows 21 and 27).
    nam_tam = current_commune_for_legacy("Nậm Cha")
    muong_mo = current_commune_for_legacy("xã Nậm Chà")
    assert nam_tam is not None
    assert muong_mo is not None
    assert (nam_tam.name, muong_mo.name) == ("Nậm Tăm", "Mường Mô")
    assert current_commune_for_legacy("nam cha") is None
    assert current_commune_for_legacy("NẬM CHÀ") == muong_mo


def test_recorded_district_must_agree() -> None:
    assert current_commune_for_legacy("Nùng Nàng", "huyện Phong Thổ") is None
    assert current_commune_for_legacy("San Thàng", "TP Lai Châu") is not None


@pytest.mark.parametrize("old", ["", "Tân Uyên xã", "xã Than Uyên", "phường Tà Gia", "Hà Giang", "Nậm Nhùn mới"])
def test_current_commune_for_legacy_misses(old: str) -> None:
    assert current_commune_for_legacy(old) is None


def test_every_old_unit_maps_back_to_its_commune() -> None:
    for commune in lai_chau_communes():
        for entry in commune.formed_from:
            old = entry.split(" (")[0]
            assert current_commune_for_legacy(old) == commune, entry


def test_loaders_are_cached() -> None:
    assert ethnic_groups() is ethnic_groups()
    assert provinces() is provinces()
    assert lai_chau_communes() is lai_chau_communes()


# --- issue 8: Vietnamese order and the commune type-ahead -----------------------------------------------------------


def test_vietnamese_order_of_letters_and_tones() -> None:
    words = ["Đông", "Dung", "ăn", "an", "ân", "bà", "ba", "bá", "bả", "bạ", "bã", "ơi", "ôi", "oi", "ư", "u"]
    assert sorted(words, key=ref.vietnamese_key) == [
        "an", "ăn", "ân", "ba", "bà", "bả", "bã", "bá", "bạ", "Dung", "Đông", "oi", "ôi", "ơi", "u", "ư",
    ]  # fmt: skip
    # syllable by syllable, as dictionaries do: every "sin …" before "sìn …"
    assert sorted(["Sìn Hồ", "Sin Suối Hồ", "Sì Lở Lầu"], key=ref.vietnamese_key) == [
        "Sì Lở Lầu", "Sin Suối Hồ", "Sìn Hồ",
    ]  # fmt: skip
    assert ref.vietnamese_key("Hồng Thu") == ref.vietnamese_key(unicodedata.normalize("NFD", "hồng  thu"))


def test_communes_in_vietnamese_alphabetical_order() -> None:
    names = [c.name for c in ref.lai_chau_communes_in_order()]
    assert sorted(names) != names  # byte order differs (Đ, accented letters)
    assert names[:8] == ["Bản Bo", "Bình Lư", "Bum Nưa", "Bum Tở", "Dào San", "Đoàn Kết", "Hồng Thu", "Hua Bum"]
    assert names.index("Khoen On") < names.index("Khổng Lào") < names.index("Khun Há")
    assert names.index("Pa Ủ") < names.index("Pắc Ta") < names.index("Phong Thổ")
    assert names[-6:] == ["Tả Lèng", "Tân Phong", "Tân Uyên", "Than Uyên", "Thu Lũm", "Tủa Sín Chải"]
    assert len(names) == 38 and set(names) == {c.name for c in lai_chau_communes()}


def _found(typed: str) -> list[tuple[str, str]]:
    return [(m.commune.name, m.old_unit) for m in ref.search_communes(typed)]


@pytest.mark.parametrize("typed", ["hong thu", "Hồng Thu", "HONG", "xa hong thu", "hồngthu"])
def test_commune_suggestions_are_accent_folded(typed: str) -> None:
    assert _found(typed)[0] == ("Hồng Thu", "")


def test_commune_suggestions_offer_the_new_unit_for_an_old_name() -> None:
    assert _found("Ma Quai") == [("Hồng Thu", "xã Ma Quai")]
    assert _found("ma quai") == [("Hồng Thu", "xã Ma Quai")]
    assert _found("Ta Gia")[0] == ("Khoen On", "xã Tà Gia")  # a spelling variant shows the name as recorded
    assert _found("thị trấn Mường Tè")[0] == ("Bum Tở", "thị trấn Mường Tè")
    assert _found("Nậm Chà")[0] == ("Mường Mô", "xã Nậm Chà")  # typed accents win
    assert ("Nậm Tăm", "xã Nậm Cha") in _found("Nậm Chà")
    assert _found("thu")[:2] == [("Thu Lũm", ""), ("Hồng Thu", "")]  # names starting with it first
    assert _found("zzz") == []
    assert len(ref.search_communes("", limit=100)) == 38


def test_commune_suggestion_carries_the_old_district_where_the_map_records_it() -> None:
    [match] = ref.search_communes("Đông Phong")
    assert (match.commune.name, match.old_unit, match.old_district) == (
        "Tân Phong", "phường Đông Phong", "thành phố Lai Châu",
    )  # fmt: skip
    assert ref.search_communes("Ma Quai")[0].old_district == ""  # not recorded (SOURCES.md): left empty
