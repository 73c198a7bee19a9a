"""Growth, free of any database and Qt: BMI with the WHO adult categories, and weight-for-age z-scores for
children from birth to 10 years.

Weight-for-age uses the WHO Child Growth Standards (2006) from 0 to 60 months and the WHO Growth Reference 2007
from 61 to 120 months, by sex, with the LMS method: z = ((X/M)^L − 1) / (L·S) (ln(X/M)/S when L = 0). Beyond
±3 SD the WHO's restricted extrapolation applies, as in the WHO macros (igrowup, who2007): past +3 SD the distance
is measured in units of the gap between +2 and +3 SD, past −3 SD in units of the gap between −3 and −2 SD.

The tables are resources/growth/who_weight_for_age.csv (whole months 0–120) and who_weight_for_age_days.csv
(days 0–91, where a baby's weight first dips and then climbs too fast for monthly rows); their README names the
sources and licences, and the WHO asks to be named wherever the results are shown. L, M and S are interpolated
linearly between two rows. Against the WHO's own day-by-day table for 0–5 years this is exact in the first 91
days, within 0.03 SD from 3 to 12 months and within 0.001 SD from 1 year to 61 months (between 60 and 61 months
the 2006 standards still apply, continued from their last two monthly rows; the 2007 reference starts at 61).

The WHO standards are for girls and boys; for any other sex there is no standard and the functions say None.
"""

from __future__ import annotations

import csv
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import NamedTuple

from centre_desk.i18n import N_, _
from centre_desk.paths import resource

WFA_FILE = ("growth", "who_weight_for_age.csv")
WFA_DAYS_FILE = ("growth", "who_weight_for_age_days.csv")
DAYS_PER_MONTH = 30.4375  # 365.25 / 12, as the WHO counts
LAST_DAY = 91  # the last row of the daily table
STANDARDS_END = 60  # the last month of the WHO Child Growth Standards; the 2007 reference from 61 months
SEXES = ("female", "male")
MAX_MONTHS = 120  # the WHO 2007 weight-for-age reference ends at 10 years
ADULT_BMI_FROM = 18  # the adult cut-offs; younger people need BMI-for-age (not shipped)

TENTH = Decimal("0.1")
_TINY_L = 1e-10


class Lms(NamedTuple):
    l: float  # noqa: E741 - the method's own name
    m: float
    s: float


class CurvePoint(NamedTuple):
    """The weights (kg) at −3, −2, 0, +2 and +3 SD for one age, for a chart."""

    age_months: float
    minus3: float
    minus2: float
    median: float
    plus2: float
    plus3: float


# ------------------------------------------------------------------------------------------- BMI

# WHO international cut-offs for adults (WHO Technical Report Series 894, 2000). For Asian populations the WHO
# expert consultation (Lancet 2004;363:157–63, and the WHO Western Pacific Region's 2000 report) suggests lower
# public-health action points: overweight from 23.0, obese from 25.0 (with 27.5 and 32.5 as further points). The
# labels here use the international cut-offs; a clinician may read the number against the Asian points.
BMI_CATEGORIES: tuple[tuple[Decimal, str], ...] = (  # (lowest BMI of the category, code), highest first
    (Decimal("40.0"), "obese_3"),
    (Decimal("35.0"), "obese_2"),
    (Decimal("30.0"), "obese_1"),
    (Decimal("25.0"), "pre_obese"),
    (Decimal("18.5"), "normal"),
    (Decimal("17.0"), "mild_thinness"),
    (Decimal("16.0"), "moderate_thinness"),
    (Decimal("0"), "severe_thinness"),
)

BMI_CATEGORY_NAMES: dict[str, str] = {
    "severe_thinness": N_("Underweight: severe thinness"),
    "moderate_thinness": N_("Underweight: moderate thinness"),
    "mild_thinness": N_("Underweight: mild thinness"),
    "normal": N_("Normal range"),
    "pre_obese": N_("Overweight (pre-obese)"),
    "obese_1": N_("Obese class I"),
    "obese_2": N_("Obese class II"),
    "obese_3": N_("Obese class III"),
}


def _decimal(value: Decimal | float) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def bmi(weight_kg: Decimal | float, height_cm: Decimal | float) -> Decimal | None:
    """kg/m², rounded half up to one decimal; None unless both are above zero."""
    weight, height = _decimal(weight_kg), _decimal(height_cm)
    if weight <= 0 or height <= 0:
        return None
    metres = height / 100
    return (weight / (metres * metres)).quantize(TENTH, rounding=ROUND_HALF_UP)


def adult_bmi_category(value: Decimal, age_years: int | None) -> str | None:
    """The WHO adult category code of a BMI (one decimal); None under 18, where the adult cut-offs do not apply.
    An unknown age is treated as an adult's, as in NEWS2: the caller shows that the age is unknown."""
    if age_years is not None and age_years < ADULT_BMI_FROM:
        return None
    rounded = value.quantize(TENTH, rounding=ROUND_HALF_UP)
    return next(code for lowest, code in BMI_CATEGORIES if rounded >= lowest)


def bmi_category_name(code: str) -> str:
    return _(BMI_CATEGORY_NAMES[code])


# ------------------------------------------------------------------------------------------- weight-for-age

# WHO wording (Training Course on Child Growth Assessment, "Interpreting growth indicators"): below −3
# "severely underweight", below −2 "underweight"; for a high weight-for-age the WHO says only that the child may
# have a growth problem, better assessed from weight-for-length/height or BMI-for-age. ⚠️ The WHO's note starts
# above +1; here the flag is raised above +2 so that it is not shown for one healthy child in six.
WEIGHT_FOR_AGE_CATEGORY_NAMES: dict[str, str] = {
    "severely_underweight": N_("Severely underweight"),
    "underweight": N_("Underweight"),
    "normal": N_("Weight normal for age"),
    "high": N_("Weight high for age: check weight-for-height or BMI-for-age"),
}


def weight_for_age_category(z: float) -> str:
    if z < -3:
        return "severely_underweight"
    if z < -2:
        return "underweight"
    if z > 2:
        return "high"
    return "normal"


def weight_for_age_category_name(code: str) -> str:
    return _(WEIGHT_FOR_AGE_CATEGORY_NAMES[code])


def _read(parts: tuple[str, str], age_column: str, last: int) -> dict[str, tuple[Lms, ...]]:
    """sex -> the L, M, S for ages 0..last (months or days) of one file."""
    rows: dict[str, list[tuple[int, Lms]]] = {sex: [] for sex in SEXES}
    with resource(*parts).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows[row["sex"]].append((int(row[age_column]), Lms(float(row["L"]), float(row["M"]), float(row["S"]))))
    table: dict[str, tuple[Lms, ...]] = {}
    for sex, found in rows.items():
        found.sort()
        if [age for age, _lms in found] != list(range(last + 1)):
            raise ValueError(f"{parts[-1]}: the {sex} rows are not {age_column} 0..{last}")
        table[sex] = tuple(lms for _age, lms in found)
    return table


@cache
def _table() -> dict[str, tuple[Lms, ...]]:
    """sex -> the L, M, S for months 0..120, read once."""
    return _read(WFA_FILE, "age_months", MAX_MONTHS)


@cache
def _days() -> dict[str, tuple[Lms, ...]]:
    """sex -> the L, M, S for days 0..91, read once."""
    return _read(WFA_DAYS_FILE, "age_days", LAST_DAY)


def _between(rows: tuple[Lms, ...], age: float) -> Lms:
    below = min(int(age), len(rows) - 2)
    low, high = rows[below], rows[below + 1]
    share = age - below
    return Lms(*(a + (b - a) * share for a, b in zip(low, high, strict=True)))


def lms_at(sex: str, age_months: float) -> Lms | None:
    """L, M, S for the age, interpolated between two rows; None outside 0–120 months or for another sex."""
    if sex not in SEXES or not 0 <= age_months <= MAX_MONTHS:
        return None
    days = age_months * DAYS_PER_MONTH
    if days <= LAST_DAY:
        return _between(_days()[sex], days)
    rows = _table()[sex]
    if STANDARDS_END < age_months < STANDARDS_END + 1:
        # the 2006 standards go on to 1856 days, the 2007 reference starts at 61 months: carry the 2006 rows' trend
        return _between(rows[STANDARDS_END - 1 : STANDARDS_END + 1], age_months - (STANDARDS_END - 1))
    return _between(rows, age_months)


def value_at(lms: Lms, z: float) -> float:
    """The measurement at `z` SD: M·(1 + L·S·z)^(1/L) (M·e^(S·z) when L = 0)."""
    if abs(lms.l) < _TINY_L:
        return lms.m * math.exp(lms.s * z)
    return lms.m * float((1 + lms.l * lms.s * z) ** (1 / lms.l))


def z_score(lms: Lms, value: float) -> float:
    """The LMS z-score with the WHO's restricted extrapolation beyond ±3 SD."""
    z = _plain_z(lms, value)
    if z > 3:
        sd3 = value_at(lms, 3)
        return 3 + (value - sd3) / (sd3 - value_at(lms, 2))
    if z < -3:
        sd3 = value_at(lms, -3)
        return -3 + (value - sd3) / (value_at(lms, -2) - sd3)
    return z + 0.0  # no "-0.0" at the median


def _plain_z(lms: Lms, value: float) -> float:
    if abs(lms.l) < _TINY_L:
        return math.log(value / lms.m) / lms.s
    return float(((value / lms.m) ** lms.l - 1) / (lms.l * lms.s))


def weight_for_age_z(sex: str, age_months: float, weight_kg: float) -> float | None:
    """The weight-for-age z-score (unrounded); None outside 0–120 months, for a sex other than "female" or
    "male", or for a weight that is not above zero."""
    lms = lms_at(sex, age_months)
    if lms is None or not weight_kg > 0:
        return None
    return z_score(lms, float(weight_kg))


def weight_for_age_curves(sex: str) -> tuple[CurvePoint, ...]:
    """One point a month from 0 to 120 months with the weights at −3, −2, 0, +2 and +3 SD; () for another sex."""
    if sex not in SEXES:
        return ()
    points: list[CurvePoint] = []
    for month, lms in enumerate(_table()[sex]):
        minus3, minus2, median, plus2, plus3 = (value_at(lms, z) for z in (-3, -2, 0, 2, 3))
        points.append(CurvePoint(float(month), minus3, minus2, median, plus2, plus3))
    return tuple(points)
