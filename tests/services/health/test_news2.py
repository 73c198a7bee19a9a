"""NEWS2 (RCP 2017): every band edge of the published table, from both sides, on SpO2 scales 1 and 2."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.services.health.news2 import (
    BAND_NAMES,
    CONSCIOUSNESS_NAMES,
    PARAMETER_NAMES,
    PARAMETERS,
    Band,
    Consciousness,
    VitalSigns,
    band_for,
    band_name,
    news2,
    score_consciousness,
    score_on_oxygen,
    score_pulse,
    score_resp_rate,
    score_spo2_scale1,
    score_spo2_scale2,
    score_systolic,
    score_temperature,
)

# All zero: the reference set every test changes one parameter of.
NORMAL = VitalSigns(
    resp_rate=16,
    spo2=97,
    on_oxygen=False,
    systolic=120,
    pulse=70,
    consciousness=Consciousness.ALERT,
    temperature=Decimal("37.0"),
)

# respiration rate: ≤8 → 3 | 9–11 → 1 | 12–20 → 0 | 21–24 → 2 | ≥25 → 3
RESP_RATE = [(0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3)]
# SpO2 scale 1: ≤91 → 3 | 92–93 → 2 | 94–95 → 1 | ≥96 → 0
SPO2_SCALE1 = [(70, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)]
# SpO2 scale 2: ≤83 → 3 | 84–85 → 2 | 86–87 → 1 | 88–92 → 0 | ≥93 on air → 0 |
#               93–94 on oxygen → 1 | 95–96 on oxygen → 2 | ≥97 on oxygen → 3
SPO2_SCALE2 = [
    (70, False, 3), (83, False, 3), (83, True, 3),
    (84, False, 2), (85, False, 2), (85, True, 2),
    (86, False, 1), (87, False, 1), (87, True, 1),
    (88, False, 0), (88, True, 0), (92, False, 0), (92, True, 0),
    (93, False, 0), (97, False, 0), (100, False, 0),
    (93, True, 1), (94, True, 1),
    (95, True, 2), (96, True, 2),
    (97, True, 3), (100, True, 3),
]  # fmt: skip
# systolic: ≤90 → 3 | 91–100 → 2 | 101–110 → 1 | 111–219 → 0 | ≥220 → 3
SYSTOLIC = [(50, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3), (280, 3)]
# pulse: ≤40 → 3 | 41–50 → 1 | 51–90 → 0 | 91–110 → 1 | 111–130 → 2 | ≥131 → 3
PULSE = [(20, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2), (130, 2), (131, 3)]
# temperature: ≤35.0 → 3 | 35.1–36.0 → 1 | 36.1–38.0 → 0 | 38.1–39.0 → 1 | ≥39.1 → 2
TEMPERATURE = [
    ("33.0", 3), ("35.0", 3), ("35.1", 1), ("36.0", 1), ("36.1", 0), ("38.0", 0),
    ("38.1", 1), ("39.0", 1), ("39.1", 2), ("41.5", 2),
    # rounded half up to one decimal first
    ("35.04", 3), ("35.05", 1), ("36.04", 1), ("36.05", 0), ("38.04", 0), ("38.05", 1), ("39.04", 1), ("39.05", 2),
]  # fmt: skip


@pytest.mark.parametrize(("rate", "score"), RESP_RATE)
def test_resp_rate(rate: int, score: int) -> None:
    assert score_resp_rate(rate) == score
    assert news2(replace(NORMAL, resp_rate=rate), 30, False).total == score


@pytest.mark.parametrize(("spo2", "score"), SPO2_SCALE1)
def test_spo2_scale1(spo2: int, score: int) -> None:
    assert score_spo2_scale1(spo2) == score
    assert news2(replace(NORMAL, spo2=spo2), 30, False).score_of("spo2") == score


@pytest.mark.parametrize(("spo2", "oxygen", "score"), SPO2_SCALE2)
def test_spo2_scale2(spo2: int, oxygen: bool, score: int) -> None:
    assert score_spo2_scale2(spo2, oxygen) == score
    result = news2(replace(NORMAL, spo2=spo2, on_oxygen=oxygen, spo2_scale=2), 30, False)
    assert result.score_of("spo2") == score
    assert result.total == score + (2 if oxygen else 0)


def test_scale_2_above_92_needs_to_know_about_oxygen() -> None:
    assert score_spo2_scale2(92, None) == 0
    assert score_spo2_scale2(93, None) is None
    result = news2(replace(NORMAL, spo2=95, on_oxygen=None, spo2_scale=2), 30, False)
    assert result.missing == ("spo2", "on_oxygen")
    assert result.total is None


def test_the_scale_is_1_or_2() -> None:
    with pytest.raises(ValueError, match="scale"):
        VitalSigns(spo2_scale=3)


@pytest.mark.parametrize(("oxygen", "score"), [(False, 0), (True, 2)])
def test_air_or_oxygen(oxygen: bool, score: int) -> None:
    assert score_on_oxygen(oxygen) == score
    assert news2(replace(NORMAL, on_oxygen=oxygen), 30, False).total == score


@pytest.mark.parametrize(("systolic", "score"), SYSTOLIC)
def test_systolic(systolic: int, score: int) -> None:
    assert score_systolic(systolic) == score
    assert news2(replace(NORMAL, systolic=systolic), 30, False).total == score


@pytest.mark.parametrize(("pulse", "score"), PULSE)
def test_pulse(pulse: int, score: int) -> None:
    assert score_pulse(pulse) == score
    assert news2(replace(NORMAL, pulse=pulse), 30, False).total == score


@pytest.mark.parametrize(
    ("level", "score"),
    [(Consciousness.ALERT, 0), (Consciousness.CONFUSION, 3), (Consciousness.VOICE, 3),
     (Consciousness.PAIN, 3), (Consciousness.UNRESPONSIVE, 3)],
)  # fmt: skip
def test_consciousness(level: Consciousness, score: int) -> None:
    assert score_consciousness(level) == score
    assert news2(replace(NORMAL, consciousness=level), 30, False).total == score


@pytest.mark.parametrize(("celsius", "score"), TEMPERATURE)
def test_temperature(celsius: str, score: int) -> None:
    assert score_temperature(Decimal(celsius)) == score
    assert news2(replace(NORMAL, temperature=Decimal(celsius)), 30, False).total == score


def test_a_float_temperature_is_rounded_from_its_text() -> None:
    assert score_temperature(36.05) == 0  # the float 36.05 is 36.04999…, its text is 36.05
    assert score_temperature(35.05) == 1


@pytest.mark.parametrize(
    ("total", "any_three", "band"),
    [(0, False, Band.LOW), (4, False, Band.LOW), (3, True, Band.LOW_MEDIUM), (4, True, Band.LOW_MEDIUM),
     (5, False, Band.MEDIUM), (5, True, Band.MEDIUM), (6, True, Band.MEDIUM),
     (7, False, Band.HIGH), (7, True, Band.HIGH), (20, True, Band.HIGH)],
)  # fmt: skip
def test_band_edges(total: int, any_three: bool, band: Band) -> None:
    assert band_for(total, any_three) == band


def test_all_normal_is_low() -> None:
    result = news2(NORMAL, 30, False)
    assert (result.applicable, result.why_not, result.total, result.band, result.missing) == (True, "", 0, Band.LOW, ())
    assert [code for code, _score in result.parameters] == list(PARAMETERS)
    assert not result.alert


def test_a_single_three_is_low_medium_and_an_alert() -> None:
    result = news2(replace(NORMAL, consciousness=Consciousness.CONFUSION), 40, False)
    assert (result.total, result.band, result.alert) == (3, Band.LOW_MEDIUM, True)


def test_four_without_a_three_is_low_and_no_alert() -> None:
    result = news2(replace(NORMAL, resp_rate=22, on_oxygen=True), 40, False)  # 2 + 2
    assert (result.total, result.band, result.alert) == (4, Band.LOW, False)


def test_medium_and_high() -> None:
    medium = news2(replace(NORMAL, resp_rate=22, pulse=115, temperature=Decimal("38.5")), 40, False)  # 2 + 2 + 1
    assert (medium.total, medium.band, medium.alert) == (5, Band.MEDIUM, True)
    high = news2(replace(NORMAL, resp_rate=26, spo2=93, on_oxygen=True, systolic=95), 40, False)  # 3 + 2 + 2 + 2
    assert (high.total, high.band, high.alert) == (9, Band.HIGH, True)


def test_the_worst_possible_is_20() -> None:
    worst = VitalSigns(5, 80, True, 80, 150, Consciousness.UNRESPONSIVE, Decimal("34.0"))
    assert news2(worst, 70, False).total == 20  # 3 + 3 + 2 + 3 + 3 + 3 + 3


@pytest.mark.parametrize(("age", "pregnant"), [(15, False), (0, False), (15, True), (30, True), (16, True)])
def test_not_applicable_never_gives_a_number(age: int, pregnant: bool) -> None:
    result = news2(replace(NORMAL, resp_rate=30), age, pregnant)
    assert not result.applicable
    assert result.why_not
    assert (result.parameters, result.total, result.band, result.missing, result.alert) == ((), None, None, (), False)


def test_the_reasons_differ() -> None:
    assert news2(NORMAL, 15, False).why_not != news2(NORMAL, 30, True).why_not
    assert "16" in news2(NORMAL, 15, False).why_not


@pytest.mark.parametrize("age", [16, 17, 90, None])
def test_applies_from_16_and_when_the_age_is_unknown(age: int | None) -> None:
    result = news2(NORMAL, age, False)
    assert (result.applicable, result.total) == (True, 0)


def test_incomplete_vitals_give_no_total_but_the_scores_they_have() -> None:
    result = news2(VitalSigns(resp_rate=22, pulse=135), 30, False)
    assert result.parameters == (("resp_rate", 2), ("pulse", 3))
    assert result.missing == ("spo2", "on_oxygen", "systolic", "consciousness", "temperature")
    assert (result.total, result.band) == (None, None)
    assert result.alert  # a single 3 counts even when incomplete


def test_incomplete_without_a_three_is_no_alert() -> None:
    result = news2(replace(NORMAL, temperature=None, resp_rate=23), 30, False)
    assert result.missing == ("temperature",)
    assert (result.total, result.alert) == (None, False)


def test_every_parameter_band_and_level_has_a_name() -> None:
    assert set(PARAMETER_NAMES) == set(PARAMETERS)
    assert set(BAND_NAMES) == set(Band)
    assert set(CONSCIOUSNESS_NAMES) == set(Consciousness)
    assert band_name(Band.LOW)


temperatures = st.decimals(min_value=Decimal("30.0"), max_value=Decimal("43.0"), places=1)


@given(
    resp_rate=st.integers(0, 80),
    spo2=st.integers(50, 100),
    on_oxygen=st.booleans(),
    systolic=st.integers(40, 300),
    pulse=st.integers(0, 250),
    consciousness=st.sampled_from(Consciousness),
    temperature=temperatures,
    scale=st.sampled_from([1, 2]),
    age=st.one_of(st.none(), st.integers(16, 110)),
)
def test_total_is_the_sum_of_the_scores(
    resp_rate: int,
    spo2: int,
    on_oxygen: bool,
    systolic: int,
    pulse: int,
    consciousness: Consciousness,
    temperature: Decimal,
    scale: int,
    age: int | None,
) -> None:
    vitals = VitalSigns(resp_rate, spo2, on_oxygen, systolic, pulse, consciousness, temperature, scale)
    result = news2(vitals, age, False)
    assert result.total is not None
    assert result.total == sum(score for _code, score in result.parameters)
    assert 0 <= result.total <= 20
    assert all(0 <= score <= 3 for _code, score in result.parameters)
    assert result.alert == (result.total >= 5 or any(score == 3 for _code, score in result.parameters))
    assert result.band == band_for(result.total, any(score == 3 for _code, score in result.parameters))
