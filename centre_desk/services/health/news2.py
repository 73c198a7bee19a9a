"""NEWS2, the National Early Warning Score 2 (Royal College of Physicians, 2017), free of any database and Qt.

Each of the seven parameters scores 0–3 by the published table (../shared/reference/WAVE2-NOTES.md, NEWS2); the
total is their sum (0–20). Response bands: 0–4 low, but a 3 in any single parameter is low–medium (urgent ward
review); 5–6 medium (urgent response); 7 and over high (emergency response).

SpO2 scale 2 is for a documented hypercapnic respiratory failure only, set by a clinician: 88–92 % scores 0, and
on oxygen a higher saturation scores 1–3 (93 % and over on air scores 0).

NEWS2 applies to adults aged 16 and over who are not pregnant. For a child or a pregnant woman `news2` never gives a
number: it says why not, and the vitals are shown against the age-specific ranges (`ranges.py`). When the age is
unknown (None) the score IS computed, as for an adult: the caller knows why the age is missing and must show that
the score rests on the assumption of an adult (many residents' ages are disputed).

Temperatures are rounded half up to one decimal before they are banded (35.05 → 35.1 → 1 point).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from centre_desk.i18n import N_, _

ADULT_FROM = 16  # NEWS2 is validated for people aged 16 and over

RESP_RATE = "resp_rate"
SPO2 = "spo2"
ON_OXYGEN = "on_oxygen"
SYSTOLIC = "systolic"
PULSE = "pulse"
CONSCIOUSNESS = "consciousness"
TEMPERATURE = "temperature"
PARAMETERS = (RESP_RATE, SPO2, ON_OXYGEN, SYSTOLIC, PULSE, CONSCIOUSNESS, TEMPERATURE)  # the chart's order

PARAMETER_NAMES: dict[str, str] = {
    RESP_RATE: N_("Respiration rate (per minute)"),
    SPO2: N_("SpO2 (%)"),
    ON_OXYGEN: N_("Air or oxygen"),
    SYSTOLIC: N_("Systolic blood pressure (mmHg)"),
    PULSE: N_("Pulse (per minute)"),
    CONSCIOUSNESS: N_("Consciousness"),
    TEMPERATURE: N_("Temperature (°C)"),
}

TENTH = Decimal("0.1")


class Consciousness(enum.StrEnum):
    """ACVPU."""

    ALERT = "A"
    CONFUSION = "C"  # new confusion
    VOICE = "V"
    PAIN = "P"
    UNRESPONSIVE = "U"


CONSCIOUSNESS_NAMES: dict[Consciousness, str] = {
    Consciousness.ALERT: N_("Alert"),
    Consciousness.CONFUSION: N_("New confusion"),
    Consciousness.VOICE: N_("Responds to voice"),
    Consciousness.PAIN: N_("Responds to pain"),
    Consciousness.UNRESPONSIVE: N_("Unresponsive"),
}


class Band(enum.StrEnum):
    LOW = "low"
    LOW_MEDIUM = "low_medium"  # a 3 in one parameter, total 0–4
    MEDIUM = "medium"  # total 5–6
    HIGH = "high"  # total 7 or more


BAND_NAMES: dict[Band, str] = {
    Band.LOW: N_("Low"),
    Band.LOW_MEDIUM: N_("Low–medium: urgent ward review"),
    Band.MEDIUM: N_("Medium: urgent response"),
    Band.HIGH: N_("High: emergency response"),
}


@dataclass(frozen=True)
class VitalSigns:
    """One set of observations; None where it was not measured."""

    resp_rate: int | None = None
    spo2: int | None = None
    on_oxygen: bool | None = None
    systolic: int | None = None
    pulse: int | None = None
    consciousness: Consciousness | None = None
    temperature: Decimal | None = None  # °C
    spo2_scale: int = 1  # 2 only for a documented hypercapnic respiratory failure

    def __post_init__(self) -> None:
        if self.spo2_scale not in (1, 2):
            raise ValueError(f"SpO2 scale must be 1 or 2, not {self.spo2_scale!r}")


@dataclass(frozen=True)
class News2:
    applicable: bool
    why_not: str  # "" or a translated reason
    parameters: tuple[tuple[str, int], ...]  # (code, score) for the parameters that could be scored
    total: int | None  # only when all seven were scored and NEWS2 applies
    band: Band | None
    missing: tuple[str, ...]  # codes of the parameters that could not be scored

    @property
    def alert(self) -> bool:
        """Someone must act now: a total of 5 or more, or a 3 in any parameter (even with some missing)."""
        return (self.total is not None and self.total >= 5) or any(score == 3 for _code, score in self.parameters)

    def score_of(self, code: str) -> int | None:
        return dict(self.parameters).get(code)


def parameter_name(code: str) -> str:
    return _(PARAMETER_NAMES[code])


def band_name(band: Band) -> str:
    return _(BAND_NAMES[band])


def consciousness_name(level: Consciousness) -> str:
    return _(CONSCIOUSNESS_NAMES[level])


# ------------------------------------------------------------------------------------------- the table


def score_resp_rate(rate: int) -> int:
    if rate <= 8:
        return 3
    if rate <= 11:
        return 1
    if rate <= 20:
        return 0
    if rate <= 24:
        return 2
    return 3


def score_spo2_scale1(spo2: int) -> int:
    if spo2 <= 91:
        return 3
    if spo2 <= 93:
        return 2
    if spo2 <= 95:
        return 1
    return 0


def score_spo2_scale2(spo2: int, on_oxygen: bool | None) -> int | None:
    """None when the score depends on oxygen (93 % and over) and that is unknown."""
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92:
        return 0
    if on_oxygen is None:
        return None
    if not on_oxygen:
        return 0
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def score_on_oxygen(on_oxygen: bool) -> int:
    return 2 if on_oxygen else 0


def score_systolic(systolic: int) -> int:
    if systolic <= 90:
        return 3
    if systolic <= 100:
        return 2
    if systolic <= 110:
        return 1
    if systolic <= 219:
        return 0
    return 3


def score_pulse(pulse: int) -> int:
    if pulse <= 40:
        return 3
    if pulse <= 50:
        return 1
    if pulse <= 90:
        return 0
    if pulse <= 110:
        return 1
    if pulse <= 130:
        return 2
    return 3


def score_consciousness(level: Consciousness) -> int:
    return 0 if level == Consciousness.ALERT else 3


def round_temperature(celsius: Decimal | float) -> Decimal:
    """One decimal, half up (a float goes through its shortest text, so 36.05 stays 36.05 before rounding)."""
    value = celsius if isinstance(celsius, Decimal) else Decimal(str(celsius))
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def score_temperature(celsius: Decimal | float) -> int:
    value = round_temperature(celsius)
    if value <= Decimal("35.0"):
        return 3
    if value <= Decimal("36.0"):
        return 1
    if value <= Decimal("38.0"):
        return 0
    if value <= Decimal("39.0"):
        return 1
    return 2


def _scores(vitals: VitalSigns) -> dict[str, int | None]:
    """Each parameter's score in the chart's order; None for one not measured (or not scorable)."""
    spo2: int | None = None
    if vitals.spo2 is not None:
        spo2 = (
            score_spo2_scale1(vitals.spo2)
            if vitals.spo2_scale == 1
            else score_spo2_scale2(vitals.spo2, vitals.on_oxygen)
        )
    return {
        RESP_RATE: None if vitals.resp_rate is None else score_resp_rate(vitals.resp_rate),
        SPO2: spo2,
        ON_OXYGEN: None if vitals.on_oxygen is None else score_on_oxygen(vitals.on_oxygen),
        SYSTOLIC: None if vitals.systolic is None else score_systolic(vitals.systolic),
        PULSE: None if vitals.pulse is None else score_pulse(vitals.pulse),
        CONSCIOUSNESS: None if vitals.consciousness is None else score_consciousness(vitals.consciousness),
        TEMPERATURE: None if vitals.temperature is None else score_temperature(vitals.temperature),
    }


def band_for(total: int, any_three: bool) -> Band:
    if total >= 7:
        return Band.HIGH
    if total >= 5:
        return Band.MEDIUM
    return Band.LOW_MEDIUM if any_three else Band.LOW


def not_applicable_reason(age_years: int | None, pregnant: bool) -> str:
    """ "" when NEWS2 applies, else the translated reason."""
    if age_years is not None and age_years < ADULT_FROM:
        return _("NEWS2 does not apply under 16 years of age.")
    if pregnant:
        return _("NEWS2 does not apply in pregnancy.")
    return ""


def news2(vitals: VitalSigns, age_years: int | None, pregnant: bool) -> News2:
    """The NEWS2 score of `vitals` for a person of `age_years` (None: unknown, scored as an adult)."""
    why_not = not_applicable_reason(age_years, pregnant)
    if why_not:
        return News2(applicable=False, why_not=why_not, parameters=(), total=None, band=None, missing=())
    scores = _scores(vitals)
    given = tuple((code, score) for code, score in scores.items() if score is not None)
    missing = tuple(code for code, score in scores.items() if score is None)
    if missing:
        return News2(applicable=True, why_not="", parameters=given, total=None, band=None, missing=missing)
    total = sum(score for _code, score in given)
    band = band_for(total, any(score == 3 for _code, score in given))
    return News2(applicable=True, why_not="", parameters=given, total=total, band=band, missing=())
