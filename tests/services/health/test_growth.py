"""BMI and the WHO weight-for-age z-scores, checked against the WHO's printed tables (kg, one decimal)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.i18n import _
from centre_desk.services.health.growth import (
    BMI_CATEGORY_NAMES,
    WEIGHT_FOR_AGE_CATEGORY_NAMES,
    Lms,
    adult_bmi_category,
    bmi,
    bmi_category_name,
    lms_at,
    value_at,
    weight_for_age_category,
    weight_for_age_category_name,
    weight_for_age_curves,
    weight_for_age_z,
    z_score,
)

# (sex, months, −3 SD, −2 SD, median, +2 SD, +3 SD) as the WHO prints them: the Child Growth Standards' z-score
# tables for 0–5 years and the Growth Reference 2007's for 5–10 years.
WHO_PRINTED = [
    ("female", 0, 2.0, 2.4, 3.2, 4.2, 4.8),
    ("female", 12, 6.3, 7.0, 8.9, 11.5, 13.1),
    ("female", 60, 12.1, 13.7, 18.2, 24.9, 29.5),
    ("female", 120, 20.3, 23.3, 31.9, 46.9, 59.2),
    ("male", 0, 2.1, 2.5, 3.3, 4.4, 5.0),
    ("male", 12, 6.9, 7.7, 9.6, 12.0, 13.3),
    ("male", 60, 12.4, 14.1, 18.3, 24.2, 27.9),
    ("male", 120, 20.4, 23.2, 31.2, 45.0, 56.4),
]

# (sex, months, L, M, S): rows of the shipped table, months from the 2006 standards and the 2007 reference.
SHIPPED = [
    ("female", 0, 0.3809, 3.2322, 0.14171),
    ("female", 12, -0.2024, 8.9481, 0.12268),
    ("female", 60, -0.3518, 18.2193, 0.14821),
    ("female", 61, -0.4681, 18.2579, 0.14295),
    ("female", 120, -0.5958, 31.8578, 0.17262),
    ("male", 0, 0.3487, 3.3464, 0.14602),
    ("male", 120, -0.6764, 31.1586, 0.16305),
]


@pytest.mark.parametrize(("sex", "months", "minus3", "minus2", "median", "plus2", "plus3"), WHO_PRINTED)
def test_the_curves_match_the_printed_tables(
    sex: str, months: int, minus3: float, minus2: float, median: float, plus2: float, plus3: float
) -> None:
    point = weight_for_age_curves(sex)[months]
    assert point.age_months == months
    assert [round(v, 1) for v in point[1:]] == [minus3, minus2, median, plus2, plus3]


@pytest.mark.parametrize(("sex", "months", "l", "m", "s"), SHIPPED)
def test_the_shipped_rows(sex: str, months: int, l: float, m: float, s: float) -> None:  # noqa: E741
    assert lms_at(sex, months) == pytest.approx(Lms(l, m, s))
    assert weight_for_age_z(sex, months, m) == pytest.approx(0, abs=1e-12)


def test_a_girl_of_12_months_and_60_months() -> None:
    assert round(weight_for_age_curves("female")[12].median, 1) == 8.9
    assert round(weight_for_age_curves("female")[60].median, 1) == 18.2
    assert weight_for_age_z("female", 12, 7.0426) == pytest.approx(-2, abs=1e-4)
    assert weight_for_age_z("female", 12, 11.5087) == pytest.approx(2, abs=1e-4)


def test_the_first_weeks_use_the_daily_table() -> None:
    assert weight_for_age_z("female", 7 / 30.4375, 3.3388) == pytest.approx(0, abs=1e-9)  # day 7
    assert weight_for_age_z("male", 14 / 30.4375, 3.7529) == pytest.approx(0, abs=1e-9)  # day 14
    # between two days the rows are interpolated: female days 10 and 11
    halfway = lms_at("female", 10.5 / 30.4375)
    assert halfway == pytest.approx(Lms((0.2497 + 0.2446) / 2, (3.4314 + 3.4643) / 2, (0.14498 + 0.14459) / 2))


def test_months_are_interpolated() -> None:
    low, high, half = lms_at("female", 12), lms_at("female", 13), lms_at("female", 12.5)
    assert low is not None and high is not None and half is not None
    assert half == pytest.approx(Lms(*((a + b) / 2 for a, b in zip(low, high, strict=True))))


def test_between_60_and_61_months_the_2006_standards_go_on() -> None:
    m59, m60 = lms_at("female", 59), lms_at("female", 60)
    assert m59 is not None and m60 is not None
    later = lms_at("female", 60.5)
    assert later is not None
    assert later.m == pytest.approx(m60.m + (m60.m - m59.m) / 2)
    assert lms_at("female", 61) == pytest.approx(Lms(-0.4681, 18.2579, 0.14295))  # the 2007 reference


@pytest.mark.parametrize(("months", "known"), [(-0.01, False), (0, True), (120, True), (120.01, False)])
def test_the_age_range(months: float, known: bool) -> None:
    assert (weight_for_age_z("female", months, 10.0) is not None) == known


@pytest.mark.parametrize(("sex", "weight"), [("other", 9.0), ("", 9.0), ("female", 0.0), ("male", -1.0)])
def test_no_score(sex: str, weight: float) -> None:
    assert weight_for_age_z(sex, 12, weight) is None


def test_no_curves_for_another_sex() -> None:
    assert weight_for_age_curves("other") == ()
    assert len(weight_for_age_curves("male")) == 121


def test_restricted_extrapolation_beyond_3_sd() -> None:
    lms = lms_at("male", 24)
    assert lms is not None
    sd2, sd3 = value_at(lms, 2), value_at(lms, 3)
    assert z_score(lms, sd3 + (sd3 - sd2)) == pytest.approx(4)
    assert z_score(lms, sd3 + 2.5 * (sd3 - sd2)) == pytest.approx(5.5)
    neg2, neg3 = value_at(lms, -2), value_at(lms, -3)
    assert z_score(lms, neg3 - (neg2 - neg3)) == pytest.approx(-4)
    # within ±3 SD the plain LMS formula
    assert z_score(lms, value_at(lms, 2.5)) == pytest.approx(2.5)
    assert z_score(lms, value_at(lms, -2.9)) == pytest.approx(-2.9)


def test_l_equal_to_zero_uses_the_logarithm() -> None:
    lms = Lms(0.0, 10.0, 0.1)
    assert z_score(lms, 10.0 * math.exp(0.1)) == pytest.approx(1)
    assert value_at(lms, -1) == pytest.approx(10.0 * math.exp(-0.1))


@given(months=st.floats(0, 120), z=st.floats(-3, 3), sex=st.sampled_from(["female", "male"]))
def test_value_and_z_are_inverse(months: float, z: float, sex: str) -> None:
    lms = lms_at(sex, months)
    assert lms is not None
    assert weight_for_age_z(sex, months, value_at(lms, z)) == pytest.approx(z, abs=1e-9)


@pytest.mark.parametrize(
    ("z", "code"),
    [(-3.01, "severely_underweight"), (-3.0, "underweight"), (-2.01, "underweight"), (-2.0, "normal"),
     (0.0, "normal"), (2.0, "normal"), (2.01, "high")],
)  # fmt: skip
def test_weight_for_age_category(z: float, code: str) -> None:
    assert weight_for_age_category(z) == code
    assert weight_for_age_category_name(code) == _(WEIGHT_FOR_AGE_CATEGORY_NAMES[code])


@pytest.mark.parametrize(
    ("weight", "height", "value"),
    [(60, 165, "22.0"), (Decimal("45.5"), Decimal("152.0"), "19.7"), (70, 175, "22.9"), (100, 180, "30.9")],
)
def test_bmi(weight: float | Decimal, height: float | Decimal, value: str) -> None:
    assert bmi(weight, height) == Decimal(value)


def test_bmi_rounds_half_up() -> None:
    assert bmi(Decimal("18.45"), 100) == Decimal("18.5")  # 18.45 exactly
    assert bmi(Decimal("18.449"), 100) == Decimal("18.4")


@pytest.mark.parametrize(("weight", "height"), [(0, 160), (60, 0), (-1, 160)])
def test_no_bmi(weight: float, height: float) -> None:
    assert bmi(weight, height) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [("15.9", "severe_thinness"), ("16.0", "moderate_thinness"), ("16.9", "moderate_thinness"),
     ("17.0", "mild_thinness"), ("18.4", "mild_thinness"), ("18.5", "normal"), ("24.9", "normal"),
     ("25.0", "pre_obese"), ("29.9", "pre_obese"), ("30.0", "obese_1"), ("34.9", "obese_1"),
     ("35.0", "obese_2"), ("39.9", "obese_2"), ("40.0", "obese_3"), ("55.0", "obese_3")],
)  # fmt: skip
def test_adult_bmi_category_edges(value: str, code: str) -> None:
    assert adult_bmi_category(Decimal(value), 30) == code
    assert bmi_category_name(code) == _(BMI_CATEGORY_NAMES[code])


@pytest.mark.parametrize(("age", "adult"), [(17, False), (5, False), (18, True), (None, True)])
def test_adult_cut_offs_only_from_18(age: int | None, adult: bool) -> None:
    assert (adult_bmi_category(Decimal("22.0"), age) is not None) == adult
