"""What the Health tab's charts draw: vitals over time and weight-for-age, as frozen values (no Qt).

The health service fills these from the nursing notes; the screens (centre_desk/ui/health/charts.py) only draw
them. Times are timezone-aware; the screens show them in this computer's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChartPoint:
    at: datetime  # aware
    value: float


@dataclass(frozen=True)
class ChartLine:
    name: str  # translated, e.g. "Systolic"
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class VitalsChartData:
    """One measure over time: one line, or two for blood pressure (systolic, diastolic)."""

    code: str  # stable key, e.g. "temperature"
    title: str  # translated, e.g. "Temperature"
    unit: str  # e.g. "°C", "mmHg", "%"
    lines: tuple[ChartLine, ...]
    normal: tuple[float, float] | None  # (low, high) of the shaded normal band
    y_range: tuple[float, float] | None  # the preferred y axis; widened when a value falls outside it


@dataclass(frozen=True)
class GrowthPoint:
    age_months: float
    weight_kg: float


ReferenceRow = tuple[float, float, float, float, float, float]  # age_months, -3 SD, -2 SD, median, +2 SD, +3 SD


@dataclass(frozen=True)
class GrowthChartData:
    """Weight-for-age: the child's weights over the reference curves for the child's sex."""

    title: str  # translated, e.g. "Weight-for-age"
    points: tuple[GrowthPoint, ...]
    reference: tuple[ReferenceRow, ...]
    sex_label: str  # translated, e.g. "Girls"
