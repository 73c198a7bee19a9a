"""The nursing note's vitals: the one-line summary, the checks across fields, NEWS2 and the alert.

NEWS2 (services/health/news2.py) is computed on save and stored with the note (`news2`, `news2_alert`), so
the Overview and the nurse's Today page find the alerts with one query. It is never a number for a child
(under 16) or a pregnant woman: the note then says "not applicable" and the vitals are shown against the
age band's normal ranges (services/health/ranges.py).
"""

from __future__ import annotations

from decimal import Decimal

from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.services.entries.fields import Value
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.health.news2 import Consciousness, News2, VitalSigns, band_name, news2, parameter_name

Problems = list[tuple[str, str]]


def _int(values: Values, name: str) -> int | None:
    value = values.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dec(values: Values, name: str) -> Decimal | None:
    value = values.get(name)
    return value if isinstance(value, Decimal) else None


def score(values: Values, context: Context) -> News2:
    """The NEWS2 result of these vitals for this resident."""
    level = values.get("consciousness")
    vitals = VitalSigns(
        resp_rate=_int(values, "resp_rate"), spo2=_int(values, "spo2"), on_oxygen=bool(values.get("on_oxygen")),
        systolic=_int(values, "systolic"), pulse=_int(values, "pulse"),
        consciousness=Consciousness(level) if isinstance(level, str) and level else None,
        temperature=_dec(values, "temperature"),
    )  # fmt: skip
    return news2(vitals, context.age_years, context.pregnant)


def derive(values: Values, context: Context) -> dict[str, Value]:
    result = score(values, context)
    return {"news2": result.total, "news2_alert": bool(result.applicable and result.alert)}


def flag(values: Values) -> bool:
    return bool(values.get("news2_alert")) or bool(values.get("notify_manager"))


def preview(values: Values, context: Context) -> str:
    return news2_text(score(values, context))


def news2_text(result: News2) -> str:
    if not result.applicable:
        return _("NEWS2 does not apply (under 16 or pregnant): compare with the normal ranges for her age.")
    if result.total is None:
        missing = ", ".join(parameter_name(code) for code in result.missing)
        text = _("NEWS2: still missing {measures}.").format(measures=missing)
        return "⚠ " + text + " " + _("A measure scored 3: tell the doctor now.") if result.alert else text
    text = _("NEWS2 {score} – {band}").format(score=result.total, band=band_name(result.band) if result.band else "")
    return "⚠ " + text + " – " + _("tell the doctor now") if result.alert else text


def problems(values: Values, context: Context) -> Problems:
    found: Problems = []
    systolic, diastolic = _int(values, "systolic"), _int(values, "diastolic")
    if (systolic is None) != (diastolic is None):
        found.append(("diastolic" if diastolic is None else "systolic", _("Give both blood-pressure figures.")))
    elif systolic is not None and diastolic is not None and diastolic >= systolic:
        found.append(("diastolic", _("The diastolic pressure must be below the systolic.")))
    measured = ("temperature", "pulse", "systolic", "resp_rate", "spo2", "weight_kg", "height_cm", "pain")
    if not any(values.get(n) is not None for n in measured) and not values.get("note"):
        found.append(("note", _("Write a note or give at least one measure.")))
    return found


def bmi(values: Values) -> Decimal | None:
    weight, height = _dec(values, "weight_kg"), _dec(values, "height_cm")
    if weight is None or height is None or height <= 0:
        return None
    return (weight / (height / 100) ** 2).quantize(Decimal("0.1"))


def summary(values: Values) -> str:
    parts = []
    temperature = _dec(values, "temperature")
    if temperature is not None:
        parts.append(_("T {value} °C").format(value=format_number(float(temperature), 1)))
    pulse = _int(values, "pulse")
    if pulse is not None:
        parts.append(_("pulse {value}").format(value=pulse))
    if _int(values, "systolic") is not None:
        parts.append(_("BP {sys}/{dia}").format(sys=values.get("systolic"), dia=values.get("diastolic")))
    if _int(values, "resp_rate") is not None:
        parts.append(_("RR {value}").format(value=values.get("resp_rate")))
    if _int(values, "spo2") is not None:
        parts.append(f"SpO2 {values.get('spo2')} %")
    news = values.get("news2")
    if isinstance(news, int) and not isinstance(news, bool):
        parts.append(f"NEWS2 {news}")
    parts += _bmi_text(values)
    note = values.get("note")
    if isinstance(note, str) and note:
        parts.append(" ".join(note.split())[:80])
    return " · ".join(parts)


def _bmi_text(values: Values) -> list[str]:
    value = bmi(values)
    return [f"BMI {format_number(float(value), 1)}"] if value is not None else []


def brief(values: Values) -> str:
    """The list's last column beside the vitals' own: NEWS2 (or why not), the evolution, the note."""
    parts = []
    news = values.get("news2")
    if isinstance(news, int) and not isinstance(news, bool):
        parts.append(f"NEWS2 {news}")
    if values.get("notify_manager"):
        parts.append(_("Report to the management"))
    parts += _bmi_text(values)
    note = values.get("note")
    if isinstance(note, str) and note:
        parts.append(" ".join(note.split())[:160])
    return " · ".join(parts)
