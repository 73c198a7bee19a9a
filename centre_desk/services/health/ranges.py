"""Normal ranges of the vital signs by age, free of any database and Qt: the shaded band of a vitals chart, and
the yardstick for children and pregnant women, for whom NEWS2 gives no number (news2.py).

Sources:

* **Children (under 16), respiration rate, pulse and systolic blood pressure**: the age-band table of the
  Advanced Paediatric Life Support course (APLS: The Practical Approach, Advanced Life Support Group, 5th edition,
  2011, table of normal vital signs by age; the ranges are the ones reproduced by the UK children's hospitals):

  | age (years) | respiration /min | pulse /min | systolic mmHg |
  |---|---|---|---|
  | < 1 | 30–40 | 110–160 | 70–90 |
  | 1–2 | 25–35 | 100–150 | 80–95 |
  | 2–5 | 25–30 | 95–140 | 80–100 |
  | 5–12 | 20–25 | 80–120 | 90–110 |
  | > 12 | 15–20 | 60–100 | 100–120 |

  The published labels overlap at their edges; they are read here by completed years: "1–2" is age 1, "2–5" ages
  2–4, "5–12" ages 5–11, "> 12" ages 12–15. ⚠️ verify this reading, and the edition in use, with the clinical
  lead. ⚠️ The APLS ranges are narrow: Fleming et al. (Lancet 2011;377:1011–8) found many healthy children
  outside them, so a value just outside is a prompt to look again, not a diagnosis.
* **Children, temperature**: 36.0–37.9 °C — NICE NG143 (fever in under 5s, 2019/2021) counts 38 °C or more as
  fever, and NICE NG51 (sepsis, 2016/2024) counts under 36 °C as a risk criterion. ⚠️ verify; the site of the
  reading matters (an armpit reading is about 0.5 °C lower than a core one).
* **Children, SpO2**: 96–100 % — NICE NG143 counts 95 % or less in air as an amber ("intermediate risk") sign.
  ⚠️ verify.
* **Adults (16 and over)**: the range that scores 0 in NEWS2 (RCP 2017): respiration 12–20, SpO2 96–100 (scale 1),
  systolic 111–219, pulse 51–90, temperature 36.1–38.0. ⚠️ Pregnancy changes the normal pulse, breathing and
  blood pressure; an obstetric early-warning chart (MEOWS) has no single national version and is not built in, so
  a pregnant woman's vitals are read against the adult ranges here, with the midwife's judgement.

An unknown age gives no range: the band cannot be chosen (a disputed age is common among the residents).
Ranges are inclusive; a value is rounded half up (temperature to one decimal, the others to whole numbers) before
it is compared, as NEWS2 does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from centre_desk.services.health.news2 import ADULT_FROM, PULSE, RESP_RATE, SPO2, SYSTOLIC, TEMPERATURE

RANGE_PARAMETERS = (RESP_RATE, PULSE, SYSTOLIC, TEMPERATURE, SPO2)  # display names: news2.parameter_name

# (first age of the band, in completed years; the ranges from that age on), youngest first
_CHILD_BANDS: tuple[tuple[int, dict[str, tuple[float, float]]], ...] = (
    (0, {RESP_RATE: (30, 40), PULSE: (110, 160), SYSTOLIC: (70, 90)}),
    (1, {RESP_RATE: (25, 35), PULSE: (100, 150), SYSTOLIC: (80, 95)}),
    (2, {RESP_RATE: (25, 30), PULSE: (95, 140), SYSTOLIC: (80, 100)}),
    (5, {RESP_RATE: (20, 25), PULSE: (80, 120), SYSTOLIC: (90, 110)}),
    (12, {RESP_RATE: (15, 20), PULSE: (60, 100), SYSTOLIC: (100, 120)}),
)
_CHILD_ALL_AGES: dict[str, tuple[float, float]] = {TEMPERATURE: (36.0, 37.9), SPO2: (96, 100)}
_ADULT: dict[str, tuple[float, float]] = {
    RESP_RATE: (12, 20),
    PULSE: (51, 90),
    SYSTOLIC: (111, 219),
    TEMPERATURE: (36.1, 38.0),
    SPO2: (96, 100),
}

_WHOLE = Decimal(1)
_TENTH = Decimal("0.1")


def _check(parameter: str, age_years: int | None) -> None:
    if parameter not in RANGE_PARAMETERS:
        raise ValueError(f"no normal range for {parameter!r}")
    if age_years is not None and age_years < 0:
        raise ValueError(f"age {age_years} is below zero")


def normal_range(parameter: str, age_years: int | None) -> tuple[float, float] | None:
    """(lowest, highest) normal value, both included, for a person of `age_years` completed years; None when the
    age is unknown. `parameter` is one of RANGE_PARAMETERS."""
    _check(parameter, age_years)
    if age_years is None:
        return None
    if age_years >= ADULT_FROM:
        return _ADULT[parameter]
    if parameter in _CHILD_ALL_AGES:
        return _CHILD_ALL_AGES[parameter]
    band = next(ranges for first, ranges in reversed(_CHILD_BANDS) if age_years >= first)
    return band[parameter]


def _rounded(parameter: str, value: float | Decimal) -> Decimal:
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact.quantize(_TENTH if parameter == TEMPERATURE else _WHOLE, rounding=ROUND_HALF_UP)


def outside(parameter: str, value: float | Decimal, age_years: int | None) -> bool:
    """True when `value` lies outside the normal range for the age; False when there is no range (unknown age)."""
    found = normal_range(parameter, age_years)
    if found is None:
        return False
    lowest, highest = found
    rounded = _rounded(parameter, value)
    return rounded < _rounded(parameter, lowest) or rounded > _rounded(parameter, highest)
