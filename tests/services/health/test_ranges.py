"""Normal ranges by age: the APLS bands for children, the NEWS2 zero band from 16, at every age-band edge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from centre_desk.services.health.news2 import (
    VitalSigns,
    news2,
    parameter_name,
    score_pulse,
    score_resp_rate,
    score_spo2_scale1,
    score_systolic,
    score_temperature,
)
from centre_desk.services.health.ranges import RANGE_PARAMETERS, normal_range, outside

# (age in completed years, respiration, pulse, systolic) — APLS: <1 | 1–2 | 2–5 | 5–12 | >12; NEWS2 from 16
BY_AGE = [
    (0, (30, 40), (110, 160), (70, 90)),
    (1, (25, 35), (100, 150), (80, 95)),
    (2, (25, 30), (95, 140), (80, 100)),
    (4, (25, 30), (95, 140), (80, 100)),
    (5, (20, 25), (80, 120), (90, 110)),
    (11, (20, 25), (80, 120), (90, 110)),
    (12, (15, 20), (60, 100), (100, 120)),
    (15, (15, 20), (60, 100), (100, 120)),
    (16, (12, 20), (51, 90), (111, 219)),
    (90, (12, 20), (51, 90), (111, 219)),
]


@pytest.mark.parametrize(("age", "resp_rate", "pulse", "systolic"), BY_AGE)
def test_the_bands_at_their_edges(
    age: int, resp_rate: tuple[int, int], pulse: tuple[int, int], systolic: tuple[int, int]
) -> None:
    assert normal_range("resp_rate", age) == resp_rate
    assert normal_range("pulse", age) == pulse
    assert normal_range("systolic", age) == systolic


@pytest.mark.parametrize(("age", "temperature", "spo2"), [(0, (36.0, 37.9), (96, 100)), (15, (36.0, 37.9), (96, 100)),
                                                          (16, (36.1, 38.0), (96, 100))])  # fmt: skip
def test_temperature_and_spo2(age: int, temperature: tuple[float, float], spo2: tuple[int, int]) -> None:
    assert normal_range("temperature", age) == temperature
    assert normal_range("spo2", age) == spo2


def test_the_adult_ranges_are_the_news2_zero_band() -> None:
    scorers = {
        "resp_rate": score_resp_rate,
        "pulse": score_pulse,
        "systolic": score_systolic,
        "spo2": score_spo2_scale1,
    }
    for parameter, score in scorers.items():
        found = normal_range(parameter, 30)
        assert found is not None
        low, high = int(found[0]), int(found[1])
        assert score(low) == 0 and score(high) == 0
        assert score(low - 1) > 0
        if parameter != "spo2":
            assert score(high + 1) > 0
    assert score_temperature(Decimal("36.1")) == 0 and score_temperature(Decimal("38.0")) == 0
    assert score_temperature(Decimal("36.0")) > 0 and score_temperature(Decimal("38.1")) > 0


@pytest.mark.parametrize(
    ("parameter", "age", "value", "out"),
    [
        ("resp_rate", 0, 29, True), ("resp_rate", 0, 30, False), ("resp_rate", 0, 40, False),
        ("resp_rate", 0, 41, True),
        ("pulse", 1, 99, True), ("pulse", 1, 100, False), ("pulse", 1, 150, False), ("pulse", 1, 151, True),
        ("systolic", 4, 79, True), ("systolic", 4, 80, False), ("systolic", 5, 80, True), ("systolic", 5, 90, False),
        ("pulse", 11, 121, True), ("pulse", 12, 121, True), ("pulse", 12, 100, False), ("pulse", 11, 79, True),
        ("resp_rate", 15, 21, True), ("resp_rate", 16, 21, True), ("resp_rate", 16, 12, False),
        ("resp_rate", 15, 14, True), ("resp_rate", 16, 11, True),
        ("temperature", 10, 35.9, True), ("temperature", 10, 36.0, False), ("temperature", 10, 37.9, False),
        ("temperature", 10, 38.0, True), ("temperature", 16, 38.0, False), ("temperature", 16, 36.0, True),
        ("temperature", 16, 38.05, True), ("temperature", 16, 38.04, False), ("temperature", 3, 35.95, False),
        ("spo2", 3, 95, True), ("spo2", 3, 96, False), ("spo2", 40, 100, False),
        ("pulse", 30, 90.4, False), ("pulse", 30, 90.5, True),
    ],
)  # fmt: skip
def test_outside(parameter: str, age: int, value: float, out: bool) -> None:
    assert outside(parameter, value, age) == out


def test_decimal_values() -> None:
    assert outside("temperature", Decimal("38.1"), 20)
    assert not outside("temperature", Decimal("37.5"), 20)


def test_an_unknown_age_gives_no_range() -> None:
    for parameter in RANGE_PARAMETERS:
        assert normal_range(parameter, None) is None
        assert not outside(parameter, 500, None)


def test_mistakes_are_refused() -> None:
    with pytest.raises(ValueError, match="consciousness"):
        normal_range("consciousness", 30)
    with pytest.raises(ValueError, match="below zero"):
        normal_range("pulse", -1)


def test_every_parameter_has_a_name_and_a_range_at_every_age() -> None:
    for parameter in RANGE_PARAMETERS:
        assert parameter_name(parameter)
        for age in range(0, 100):
            found = normal_range(parameter, age)
            assert found is not None and found[0] < found[1]


def test_a_child_is_read_against_ranges_not_news2() -> None:
    vitals = VitalSigns(resp_rate=28, pulse=130, systolic=85)
    assert not news2(vitals, 3, False).applicable
    assert [outside(p, v, 3) for p, v in (("resp_rate", 28), ("pulse", 130), ("systolic", 85))] == [False] * 3
