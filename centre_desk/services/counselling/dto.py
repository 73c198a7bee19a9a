"""What the counselling service returns: the Overview's scale alerts and the trend of a resident's scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScaleAlert:
    """A resident in the centre whose latest score of one instrument needs a response: the item-9 alert (thoughts
    of self-harm) or a severe band. `label` is her name, or her alias for an actor who may not see names."""

    resident_id: int
    code: str  # the resident code (mã hồ sơ)
    label: str
    instrument: str  # "PHQ-9", "PHQ-A", "GAD-7"
    at: datetime  # when the scale was answered (aware)
    total: int | None  # None when not every item was answered
    band: str  # a key of scales.BAND_NAMES, "" without a total
    self_harm: bool  # the item-9 alert
    text: str  # translated, e.g. "⚠ PHQ-9: thoughts of self-harm: respond today"


@dataclass(frozen=True)
class TrendPoint:
    at: datetime  # aware
    total: int
    band: str
    alert: bool


@dataclass(frozen=True)
class TrendBand:
    code: str  # a key of scales.BAND_NAMES
    name: str  # translated
    low: int
    high: int


@dataclass(frozen=True)
class ScaleTrend:
    """One instrument's complete scores of a resident over time, oldest first, with its bands."""

    instrument: str
    name: str  # e.g. "Patient Health Questionnaire-9"
    max_total: int
    bands: tuple[TrendBand, ...]
    points: tuple[TrendPoint, ...]
